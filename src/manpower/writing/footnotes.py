"""A chapter's output as JupyterLab shows it, whose Markdown renderer knows neither pandoc's
`[^id]` footnote markers nor its `[text]{.fig data-ev="…"}` figure spans.

A chapter's Markdown goes out as `REPORT_MIME` (chapters.py), byte for byte what the report is
built from (the render reads only that). Beside it, `text/markdown` holds the same Markdown with
every figure as the report prints it, and, when the cell has footnotes or figures, `text/html`,
which JupyterLab prefers: a figure is underlined with its evidence (quote, claimant, source) as
its hover title, markers become superscript numbers, numbered in order of first appearance as
pandoc numbers them, and the notes of the cell (inline notes `^[…]`, the formulas of derived
figures, among them) are listed under it. No mode switch: the report and
JupyterLab each take the representation they read.
"""
from __future__ import annotations

import hashlib
import re

from ..vocabulary.chapters import REPORT_MIME
from .evidence import SPAN_MD, lab_html, plain
from ..core.markup import closing_bracket

REF = re.compile(r"\[\^([^\]\s]+)\]")  # in a cell's text once its definitions are taken out
DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.M)
CAPTION = re.compile(r"^: (.+)$", re.M)  # a pandoc table caption under a pipe table


def _note_end(text: str, start: int) -> int | None:
    """The index just past the `]` that closes the inline note opened by `^[` at `start` (brackets
    nest, a backslash escapes one), or None when it is not closed."""
    return closing_bracket(text, start + 1)


def inline_notes(markdown: str) -> tuple[str, dict[str, str]]:
    """pandoc's inline notes `^[text]` (the formulas of derived figures) as markers `[^key]` and
    {key: text}; the same text keeps one key, as the report prints a repeated note once."""
    notes: dict[str, str] = {}
    out, pos = [], 0
    while (i := markdown.find("^[", pos)) >= 0:
        end = _note_end(markdown, i)
        if end is None or (i > 0 and markdown[i - 1] == "\\"):
            out.append(markdown[pos:i + 2])
            pos = i + 2
            continue
        text = markdown[i + 2:end - 1].strip()
        key = "note:" + hashlib.sha1(text.encode()).hexdigest()[:12]
        notes[key] = text
        out += [markdown[pos:i], f"[^{key}]"]
        pos = end
    return "".join(out) + markdown[pos:], notes


def definitions(markdown: str) -> dict[str, str]:
    """{id: note text} of the footnote definitions in `markdown` (one line each)."""
    return {m[1]: m[2].strip() for m in DEF.finditer(markdown)}


_to_html = None


def _html(markdown: str) -> str:
    global _to_html
    if _to_html is None:
        import mistune

        _to_html = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
    return _to_html(markdown).strip()


def _inline_html(markdown: str) -> str:
    html = _html(markdown)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html


class Footnotes:
    """A chapter's footnote numbers, kept across its cells."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def number(self, key: str) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def html(self, markdown: str, notes: dict[str, str]) -> str | None:
        """The cell as HTML with numbered notes and figures carrying their evidence, or None when it
        has neither (JupyterLab then renders the Markdown itself). `notes` gives the text of notes
        defined in other cells. A definition is a line that starts with `[^id]:`; anywhere else
        (even followed by a colon) `[^id]` is a marker, as pandoc reads it."""
        defined = definitions(markdown)
        body, inline = inline_notes(DEF.sub("", markdown).strip())
        defined.update(inline)
        refs = [m[1] for m in REF.finditer(body)]
        if not refs and not defined:
            return _html(lab_html(body)) if SPAN_MD.search(body) else None
        for key in [*refs, *defined]:
            self.number(key)
        body = REF.sub(lambda m: f"<sup>{self.numbers[m[1]]}</sup>", body)
        body = CAPTION.sub(lambda m: f"*{m[1]}*", body)
        listed = sorted(dict.fromkeys([*refs, *defined]), key=self.numbers.__getitem__)
        items = []
        for key in listed:
            text = defined.get(key) or notes.get(key)
            if text is None:  # a marker without a note stays visible as what it is
                text = f"(no note `{key}`)"
            items.append(f'<li value="{self.numbers[key]}">{_inline_html(text)}</li>')
        parts = [_html(lab_html(body))] if body else []
        parts.append('<ol style="font-size: 0.85em">' + "".join(items) + "</ol>")
        return "\n".join(parts)

    def bundle(self, markdown: str, notes=None) -> dict[str, str]:
        """The display data for one cell: the report's Markdown, the Markdown for JupyterLab, and
        HTML when it has footnotes or figures. `notes` is a mapping, or a callable returning one
        (called only when a cell has a marker)."""
        data = {REPORT_MIME: markdown, "text/markdown": plain(markdown)}
        if "[^" in markdown or "^[" in markdown or SPAN_MD.search(markdown):
            html = self.html(markdown, ((notes() if callable(notes) else notes) or {}) if "[^" in markdown else {})
            if html is not None:
                data["text/html"] = html
        return data
