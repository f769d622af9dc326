"""The report as one Markdown document on its way to pandoc: its parts (Document), the lists
written straight to Typst and HTML (RawList, Section), pandoc itself and the evidence payloads
packed out of its way. Both the PDF (pdf.py) and the HTML (htmlpage.py) start from it.

No TeX and no browser: pandoc comes from the `pypandoc-binary` wheel. Text handed in as data is
escaped with `escape_markdown`; title-page strings reach Typst through `sys.inputs`, never as markup.
"""
from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ManpowerError


class TypesetError(ManpowerError, RuntimeError):
    """pandoc or typst failed; the message says which, and the tool's first line of complaint."""


@dataclass
class Document:
    title: str
    subtitle: str
    date: str
    as_of: str
    chapters: list[str]
    appendices: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    tables: dict[str, "RawList | HtmlOnly"] = field(default_factory=dict)
    cite: str = ""  # how to cite this report (citation.py): the title page and the HTML's end
    bibtex: str = ""
    contents: bool = True  # a table of contents page (a report with nothing to show has none)

    def __post_init__(self) -> None:
        for part in [*self.chapters, *self.appendices]:
            self.tables.update(getattr(part, "tables", {}))


Run = tuple[str, str]  # (kind, text): kind "" plain text, "code" monospace, "strong" bold


@dataclass
class RawList:
    """Paragraphs (a list, or one paragraph per item) of plain-text runs, written straight to
    Typst and HTML, not through pandoc's Markdown reader: lists that grow with the corpus (the
    notes, the sources, the figures used) cost no pandoc time. In Markdown the list stands as one
    paragraph, its marker, replaced after pandoc. An item's `anchor` is the id a link elsewhere
    in the report jumps to."""

    items: list[list[Run]]
    anchors: list[str] = field(default_factory=list)
    bullets: bool = True
    small: bool = False  # reference lists: a size down, as tables are

    @property
    def marker(self) -> str:
        h = hashlib.sha256(json.dumps([self.items, self.anchors, self.bullets, self.small]).encode()).hexdigest()[:16]
        return f"MPRAWLIST{h}"

    def _anchor(self, i: int) -> str:
        return self.anchors[i] if i < len(self.anchors) else ""

    def typst(self) -> str:
        def run(kind: str, text: str) -> str:
            lit = _typst_str(text)
            return {"code": f"#raw({lit})", "strong": f"#strong({lit})"}.get(kind, f"#({lit})")

        def item(i: int, runs: list[Run]) -> str:
            first, rest = (runs[0], runs[1:]) if runs else (("", ""), [])
            head = run(*first) + (f"#label({_typst_str(self._anchor(i))})" if self._anchor(i) else "")
            return head + "".join(run(k, t) for k, t in rest)

        if self.bullets:
            items = "".join(f"  [{item(i, r)}],\n" for i, r in enumerate(self.items))
            size = "#set text(9pt)\n" if self.small else ""
            return f"#[{size}#set par(justify: false)\n#list(tight: {str(not self.small).lower()},\n" + items + ")]"  # ragged: ids do not stretch lines
        return "\n\n".join(item(i, r) for i, r in enumerate(self.items))

    def html(self) -> str:
        def run(kind: str, text: str) -> str:
            return {"code": f"<code>{esc(text)}</code>", "strong": f"<strong>{esc(text)}</strong>"}.get(kind, esc(text))

        def item(i: int, runs: list[Run]) -> str:
            parts = [run(k, t) for k, t in runs]
            if parts and self._anchor(i):
                parts[0] = f'<span id="{esc(self._anchor(i))}">{parts[0]}</span>'
            return "".join(parts)

        if self.bullets:
            return ('<ul class="small">' if self.small else "<ul>") + "\n" + "\n".join(f"<li>{item(i, r)}</li>" for i, r in enumerate(self.items)) + "\n</ul>"
        return "\n".join(f"<p>{item(i, r)}</p>" for i, r in enumerate(self.items))

    def plain(self) -> str:
        return "\n".join("".join(t for _, t in runs) for runs in self.items)


@dataclass
class HtmlOnly:
    """Reference matter the HTML keeps, collapsed, and the PDF leaves out (issue 19: a 35-row
    qualifier table or the tool settings are not a briefing's pages): a table of plain-text cells
    under a <details> summary in the HTML; in the PDF one paragraph, `pointer`, saying where it is.
    Like RawList, its marker stands in the Markdown and is replaced after pandoc."""

    summary: str
    header: list[str]
    rows: list[list[str]]
    pointer: str  # plain text: what the PDF prints in its place
    code_first: bool = False  # the first column is a machine name (set as code in the HTML)

    @property
    def marker(self) -> str:
        h = hashlib.sha256(json.dumps([self.summary, self.header, self.rows, self.pointer]).encode()).hexdigest()[:16]
        return f"MPHTMLONLY{h}"

    def typst(self) -> str:
        return f"#({_typst_str(self.pointer)})"

    def html(self) -> str:
        def cell(i: int, text: str) -> str:
            return f"<td><code>{esc(text)}</code></td>" if i == 0 and self.code_first else f"<td>{esc(text)}</td>"

        head = "".join(f"<th>{esc(h)}</th>" for h in self.header)
        body = "\n".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(r)) + "</tr>" for r in self.rows)
        return (f'<details class="reference"><summary>{esc(self.summary)}</summary><div class="table-wrap">'
                f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div></details>")

    def plain(self) -> str:
        return "\n".join([self.summary, *(" | ".join(r) for r in self.rows)])


class Section(str):
    """Markdown that carries the raw lists its markers stand for."""

    tables: dict[str, "RawList"]

    def __new__(cls, text: str, tables: list | None = None):
        obj = super().__new__(cls, text)
        obj.tables = {t.marker: t for t in tables or []}
        return obj

    def plain(self) -> str:
        """The Markdown with each marker replaced by its list's text (for checks)."""
        text = str(self)
        for marker, t in self.tables.items():
            text = text.replace(marker, t.plain())
        return text


def _typst_str(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def esc(text: object) -> str:
    return html_lib.escape(str(text), quote=True)


FIGURES_USED = "Figures used"  # the title of the appendix that quotes every figure the report uses


def raw_lists(text: str, tables: dict, to: str, wrap: tuple[str, str] = ("", "")) -> str:
    for marker, t in tables.items():
        text = text.replace(f"{wrap[0]}{marker}{wrap[1]}", t.typst() if to == "typst" else t.html())
    return text


def pandoc(markdown: str, args: list[str], cwd: Path) -> str:
    import pypandoc

    exe = pypandoc.get_pandoc_path()
    cmd = [exe, "--from", "markdown-smart-tex_math_dollars-raw_html-raw_attribute-citations", *args]
    r = subprocess.run(cmd, input=markdown, capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        first = (r.stderr.strip().splitlines() or ["(no message)"])[0]
        raise TypesetError(f"pandoc failed ({' '.join(args[:2])}): {first}")
    return r.stdout


_EV_ATTR = re.compile(r'data-ev="([A-Za-z0-9_=-]*)"')


def pack_evidence(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each figure's evidence payload (base64 JSON, often longer than the
    figure's sentence) swapped for a short key, and the keys' payloads: pandoc's reader then
    parses less than half the text, and `interactive_html` puts the evidence back."""
    payloads: dict[str, str] = {}
    keys: dict[str, str] = {}

    def key(m: re.Match) -> str:
        k = keys.setdefault(m.group(1), f"k{len(keys)}")
        payloads[k] = m.group(1)
        return f'data-ev="{k}"'

    return _EV_ATTR.sub(key, markdown), payloads
