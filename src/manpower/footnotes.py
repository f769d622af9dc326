"""Footnotes a reader can read in JupyterLab, whose Markdown renderer shows pandoc's `[^id]`
markers as raw text.

A chapter's Markdown goes out as `text/markdown`, byte for byte what the report is built from
(the render reads only that). When it holds footnotes, the same output also carries `text/html`,
which JupyterLab prefers: markers become superscript numbers, numbered in order of first
appearance as pandoc numbers them, and the notes of the cell are listed under it. No mode
switch: the report and JupyterLab each take the representation they read.
"""
from __future__ import annotations

import re

REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.M)
CAPTION = re.compile(r"^: (.+)$", re.M)  # a pandoc table caption under a pipe table


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
        """The cell as HTML with numbered notes, or None when it has no footnote (JupyterLab then
        renders the Markdown itself). `notes` gives the text of notes defined in other cells."""
        defined = definitions(markdown)
        body = DEF.sub("", markdown).strip()
        refs = [m[1] for m in REF.finditer(body)]
        if not refs and not defined:
            return None
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
        parts = [_html(body)] if body else []
        parts.append('<ol style="font-size: 0.85em">' + "".join(items) + "</ol>")
        return "\n".join(parts)

    def bundle(self, markdown: str, notes=None) -> dict[str, str]:
        """The display data for one cell: always the Markdown, and HTML when it has footnotes.
        `notes` is a mapping, or a callable returning one (called only when needed)."""
        data = {"text/markdown": markdown}
        if "[^" in markdown:
            html = self.html(markdown, (notes() if callable(notes) else notes) or {})
            if html is not None:
                data["text/html"] = html
        return data
