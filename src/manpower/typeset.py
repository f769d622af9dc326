"""Report Markdown to PDF (pandoc → Typst → the typst wheel) and to one self-contained HTML file.

No TeX and no browser: pandoc comes from the `pypandoc-binary` wheel, Typst from the `typst`
wheel. Only Markdown tables survive pandoc's Typst writer (pandas' HTML tables do not), images
need real captions (`![Caption](charts/x.png)`), and typst gets a fixed timestamp so that the
same inputs give the same bytes. Text handed in as data is escaped with `escape_markdown`;
title-page strings reach Typst through `sys.inputs`, never as markup. The template sizes each
chart to the room left on its page (templates/report.typ), so no chart leaves half a page blank.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import html as html_lib
import io
import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from .errors import ManpowerError

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|$@~^&%=:;'\"/])")
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


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
    tables: dict[str, "RawTable"] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for part in [*self.chapters, *self.appendices]:
            self.tables.update(getattr(part, "tables", {}))


@dataclass
class RawTable:
    """A table written straight to Typst and HTML, not through pandoc's Markdown reader (which
    takes seconds for thousands of rows). Cells are plain text; `code` names columns set in
    monospace. In Markdown it stands as one paragraph, its marker, replaced after pandoc."""

    columns: list[str]
    widths: list[int]
    rows: list[list[str]]
    code: tuple[int, ...] = ()
    caption: str = ""

    @property
    def marker(self) -> str:
        h = hashlib.sha256(json.dumps([self.columns, self.rows, self.caption]).encode()).hexdigest()[:16]
        return f"MPRAWTABLE{h}"

    def typst(self) -> str:
        def cell(i: int, text: str) -> str:
            lit = _typst_str(text)
            return f"raw({lit})" if i in self.code else f"[#{lit}]" if text else "[]"

        lines = ["#figure(kind: table, supplement: none, " + (f"caption: [#{_typst_str(self.caption)}], " if self.caption else "")
                 + "table(", f"  columns: ({', '.join(f'{w}fr' for w in self.widths)}),", "  align: left,",
                 "  table.header(" + ", ".join(f"[#{_typst_str(c)}]" for c in self.columns) + "),"]
        for r in self.rows:
            lines.append("  " + ", ".join(cell(i, t) for i, t in enumerate(r)) + ",")
        lines.append("))")
        return "\n".join(lines)

    def html(self) -> str:
        head = "".join(f"<th>{_esc(c)}</th>" for c in self.columns)
        body = "\n".join("<tr>" + "".join(f"<td><code>{_esc(t)}</code></td>" if i in self.code else f"<td>{_esc(t)}</td>"
                                          for i, t in enumerate(r)) + "</tr>" for r in self.rows)
        cap = f"<caption>{_esc(self.caption)}</caption>" if self.caption else ""
        return f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>'


class Section(str):
    """Markdown that carries the raw tables its markers stand for."""

    tables: dict[str, RawTable]

    def __new__(cls, text: str, tables: list[RawTable] | None = None):
        obj = super().__new__(cls, text)
        obj.tables = {t.marker: t for t in tables or []}
        return obj


def _typst_str(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def _esc(text: object) -> str:
    return html_lib.escape(str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Make arbitrary text literal in pandoc Markdown: every ASCII punctuation mark is escaped,
    line breaks become spaces, so no emphasis, link, HTML, math, footnote or raw Typst survives."""
    flat = re.sub(r"\s+", " ", text)
    return _PUNCT.sub(r"\\\1", flat)


def _template() -> str:
    return resources.files("manpower").joinpath("templates/report.typ").read_text(encoding="utf-8")


def _css() -> str:
    return resources.files("manpower").joinpath("templates/report.css").read_text(encoding="utf-8")


def _relabel(markdown: str, prefix: str) -> str:
    """Footnote labels made unique per chapter, so two chapters may both cite a source."""
    return _NOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", markdown)


def _appendix(markdown: str, letter: str) -> str:
    """'# Title' → '# Appendix A: Title {.unnumbered}'; the appendix's sub-headings are unnumbered."""
    text = re.sub(r"^# (.+)$", lambda m: f"# Appendix {letter}: {m.group(1).strip()} {{.unnumbered}}",
                  markdown, count=1, flags=re.MULTILINE)
    return re.sub(r"^(##+ )(.+?)\s*$", lambda m: f"{m.group(1)}{m.group(2)} {{.unnumbered}}", text, flags=re.MULTILINE)


_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
_MARKS = re.compile(r"(?:\[\^[^\]\s]+\])+")


def source_notes(chapters: list[str]) -> tuple[list[str], str]:
    """Citations as one note per source: each chapter's footnote markers become a bracketed
    number linking to the source's note, and one "Notes" section lists every cited source under
    its own heading with the figures it is cited for (claimant, date, verbatim quote) — instead
    of one near-identical footnote per chapter and citation."""
    from .evidence import payloads

    defs: dict[str, str] = {}
    order: dict[str, int] = {}
    cited_in: dict[str, list[int]] = {}
    figures: dict[str, dict[str, tuple[dict, int]]] = {}
    out = []
    for n, text in enumerate(chapters, 1):
        for m in _DEF.finditer(text):
            defs.setdefault(m.group(1), m.group(2).strip())
        text = _DEF.sub("", text)
        for p in payloads(text):
            figures.setdefault(p.get("source_id", ""), {}).setdefault(p.get("id", ""), (p, n))

        def link(m: re.Match) -> str:
            parts = []
            for sid in _NOTE.findall(m.group(0)):
                order.setdefault(sid, len(order) + 1)
                cited_in.setdefault(sid, [])
                if n not in cited_in[sid]:
                    cited_in[sid].append(n)
                parts.append(f"[\\[{order[sid]}\\]](#note-{sid})")
            return "^" + "".join(parts) + "^"

        out.append(_MARKS.sub(link, text))
    if not order:
        return out, ""
    notes = ["# Notes {.unnumbered}",
             "Every source cited in the chapters, numbered as cited, with the figures taken from it."]
    for sid, k in sorted(order.items(), key=lambda kv: kv[1]):
        notes.append(f"### \\[{k}\\] {defs.get(sid, escape_markdown(sid))} {{#note-{sid} .unnumbered}}")
        where = ", ".join(str(c) for c in cited_in[sid])
        lines = [f"Cited in chapter{'s' if len(cited_in[sid]) > 1 else ''} {where}."]
        for p, ch in figures.get(sid, {}).values():
            said = f"{escape_markdown(p.get('claimant', ''))}, {escape_markdown(p.get('claimed', ''))}"
            lines.append(f"- {escape_markdown(p.get('figure', ''))} ({said}): "
                         f"“{escape_markdown(p.get('quote', ''))}” `{p.get('id', '')}`")
        notes.append("\n".join(lines[:1]) + ("\n\n" + "\n".join(lines[1:]) if len(lines) > 1 else ""))
    return out, "\n\n".join(notes)


def assemble(doc: Document) -> str:
    chapters, notes = source_notes(list(doc.chapters))
    parts = [c for c in chapters] + ([notes] if notes else [])
    for i, a in enumerate(doc.appendices):
        parts.append(_relabel(_appendix(a, chr(ord("A") + i)), f"a{i}"))
    return "\n\n".join(p.strip() for p in parts) + "\n"


def _raw_tables(text: str, doc: Document, to: str, wrap: tuple[str, str] = ("", "")) -> str:
    for marker, t in doc.tables.items():
        text = text.replace(f"{wrap[0]}{marker}{wrap[1]}", t.typst() if to == "typst" else t.html())
    return text


def _pandoc(markdown: str, args: list[str], cwd: Path) -> str:
    import pypandoc

    exe = pypandoc.get_pandoc_path()
    cmd = [exe, "--from", "markdown-smart-tex_math_dollars-raw_html-raw_attribute-citations", *args]
    r = subprocess.run(cmd, input=markdown, capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        first = (r.stderr.strip().splitlines() or ["(no message)"])[0]
        raise TypesetError(f"pandoc failed ({' '.join(args[:2])}): {first}")
    return r.stdout


def _footnote_end(text: str, start: int) -> int:
    """Index just past the ']' closing the '#footnote[' that starts at `start` (escapes honoured)."""
    depth, i = 0, start + len("#footnote")
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def dedupe_footnotes(body: str) -> str:
    """Within each chapter (level-1 heading), a source cited again reuses the first footnote's
    number (`#footnote(<label>)`) instead of printing the same note a second time."""
    out, seen, n = [], {}, 0
    pos = 0
    while (i := body.find("#footnote[", pos)) >= 0:
        chunk = body[pos:i]
        if re.search(r"(?m)^= ", chunk):
            seen = {}
        out.append(chunk)
        end = _footnote_end(body, i)
        note = body[i:end]
        if note in seen:
            out.append(f"#footnote({seen[note]})")
        else:
            n += 1
            seen[note] = f"<mp-fn-{n}>"
            out.append(f"{note}{seen[note]}")  # no space: Typst would print it before the next word
        pos = end
    out.append(body[pos:])
    return "".join(out)


def literal_apostrophes(typst: str) -> str:
    """pandoc writes a curly ’ as a bare ' for Typst's smart quotes to restore, and Typst turns it
    the wrong way after punctuation before a closing ” (“…mobilisation?‘”): write ’ literally.
    A straight ' in the text comes out escaped (\\') and stays as it is."""
    return re.sub(r"(?<!\\)'", "’", typst)


def to_typst(doc: Document, workdir: Path | None = None) -> str:
    body = _pandoc(assemble(doc), ["--to", "typst", "--wrap", "none"], workdir or Path.cwd())
    return _template().replace("$body$", _raw_tables(dedupe_footnotes(literal_apostrophes(body)), doc, "typst"))


def write_typst(doc: Document, workdir: Path) -> Path:
    """pandoc's Typst for the report, in our template, written to `workdir`/report.typ."""
    workdir = Path(workdir).resolve()
    source = workdir / "report.typ"
    source.write_text(to_typst(doc, workdir), encoding="utf-8")
    return source


def compile_pdf(doc: Document, source: Path, out_pdf: Path, timestamp: datetime) -> None:
    """Compile the Typst source with its own folder as Typst's root (nothing outside it can be
    read) and a fixed timestamp (the typst wheel ignores SOURCE_DATE_EPOCH)."""
    import typst

    inputs = {"title": doc.title, "subtitle": doc.subtitle, "date": doc.date, "as_of": doc.as_of}
    try:
        pdf = typst.compile(str(source), root=str(Path(source).parent), sys_inputs=inputs,
                            timestamp=int(timestamp.timestamp()), ignore_system_fonts=True)
    except Exception as exc:  # the wheel raises its own error types; one line is what users need
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TypesetError(f"typst failed to compile {Path(source).name}: {first}") from None
    Path(out_pdf).write_bytes(pdf)


def render_html(doc: Document, workdir: Path, out_html: Path) -> None:
    """One self-contained HTML file: images inlined as data: URIs, our CSS inlined, no scripts."""
    workdir = Path(workdir).resolve()
    css = workdir / ".report.css"
    css.write_text(_css(), encoding="utf-8")
    try:
        html = _pandoc(assemble(doc), [
            "--to", "html5", "--standalone", "--embed-resources", "--toc", "--toc-depth=2",
            "--number-sections", "--css", css.name, "--resource-path", str(workdir),
            "--metadata", f"title={doc.title}", "--metadata", f"subtitle={doc.subtitle}",
            "--metadata", f"date={doc.date} — {doc.as_of}", "--metadata", "lang=en",
        ], workdir)
    finally:
        css.unlink(missing_ok=True)
    html = _raw_tables(html, doc, "html", ("<p>", "</p>"))
    html = interactive_html(html, workdir, assemble(doc))
    Path(out_html).write_text(html, encoding="utf-8")


_CHART_REF = re.compile(r"!\[[^\]]*\]\((charts/[^)\s]+)\)")
_FIG_SPAN = re.compile(r'<span\s+class="fig(?P<derived> derived)?"(?:\s+data-id="(?P<id>[^"]*)")?'
                       r'\s+data-ev="(?P<ev>[A-Za-z0-9_=-]*)">(?P<text>.*?)</span>', re.DOTALL)
TAP_SCRIPT = """<script>/* tap or Escape: open and close the evidence of a figure (hover and focus need no script) */
document.addEventListener('click',function(e){var f=e.target.closest?e.target.closest('.fig'):null;
document.querySelectorAll('.fig.open').forEach(function(x){if(x!==f)x.classList.remove('open');});
if(f){f.classList.toggle('open');}});
document.addEventListener('keydown',function(e){if(e.key==='Escape'){document.querySelectorAll('.fig.open').forEach(function(x){x.classList.remove('open');});}});
</script>"""
CHART_TABLE_ROWS = 400


def _tooltip(ev: dict, derived: bool) -> str:
    if derived:
        items = "".join(
            f'<span class="ev-in"><code>{_esc(i.get("id", ""))}</code> {_esc(i.get("figure", ""))}'
            + (f' — {_esc(i["claimant"])}' if i.get("claimant") else "")
            + (f', {_esc(i["source"])}' if i.get("source") else "") + "</span>"
            for i in ev.get("inputs", []))
        more = f'<span class="ev-in">and {ev["more"]:,} more inputs</span>' if ev.get("more") else ""
        return (f'<span class="ev-h">Derived: {_esc(ev.get("formula", ""))}</span>'
                f'<span class="ev-by">From:</span>{items}{more}')
    return (f'<span class="ev-q">“{_esc(ev.get("quote", ""))}”</span>'
            f'<span class="ev-by">{_esc(ev.get("claimant", ""))}'
            + (f', claimed {_esc(ev["claimed"])}' if ev.get("claimed") else "") + "</span>"
            f'<span class="ev-src">{_esc(ev.get("source", ""))} · <code>{_esc(ev.get("id", ""))}</code></span>')


def _chart_extras(name: str, charts_dir: Path) -> str:
    """Under a chart: the plotted numbers as a table that opens, and a CSV download (data: URI)."""
    path = charts_dir / f"{name}.csv"
    if not path.is_file():
        return ""
    raw = path.read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    if not rows:
        return ""
    head, body = rows[0], rows[1:]
    shown = body[:CHART_TABLE_ROWS]
    cells = "\n".join("<tr>" + "".join(f"<td>{_esc(c.replace(chr(10), ' '))}</td>" for c in r) + "</tr>" for r in shown)
    more = f"<p>The first {len(shown):,} of {len(body):,} rows; the CSV holds all.</p>" if len(body) > len(shown) else ""
    uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(raw).decode()
    return (f'<div class="chart-data"><a class="data-link" download="{_esc(name)}.csv" href="{uri}">Data (CSV)</a>'
            f'<details><summary>Table: the numbers in this chart</summary><div class="table-wrap"><table>'
            f'<thead><tr>{"".join(f"<th>{_esc(h)}</th>" for h in head)}</tr></thead><tbody>\n{cells}\n</tbody>'
            f'</table></div>{more}</details></div>')


def interactive_html(html: str, workdir: Path, markdown: str) -> str:
    """pandoc's HTML, made readable and checkable: every figure shows its evidence on hover,
    focus or tap; every chart is an SVG (sharp at any width) with its data as a table and a
    CSV download; tables scroll inside their own box on a narrow screen."""
    from .evidence import decode

    count = [0]

    def fig(m: re.Match) -> str:
        count[0] += 1
        derived = bool(m.group("derived"))
        ev = decode(m.group("ev"))
        tid = f"ev-{count[0]}"
        cls = "fig derived" if derived else "fig"
        data_id = f' data-id="{m.group("id")}"' if m.group("id") else ""
        return (f'<span class="{cls}"{data_id} tabindex="0" aria-describedby="{tid}">{m.group("text")}'
                f'<span class="ev" role="tooltip" id="{tid}">{_tooltip(ev, derived)}</span></span>')

    html = _FIG_SPAN.sub(fig, html)
    html = re.sub(r"<table>", '<div class="table-wrap"><table>', html)
    html = re.sub(r"</table>(?!</div>)", "</table></div>", html)
    html = html.replace('<div class="table-wrap"><div class="table-wrap">', '<div class="table-wrap">')
    charts_dir = Path(workdir) / "charts"
    names = [Path(ref).stem for ref in _CHART_REF.findall(markdown)]
    figures = iter(names)

    def figure(m: re.Match) -> str:
        block = m.group(0)
        if "<img" not in block:
            return block
        name = next(figures, None)
        if name is None:
            return block
        svg = charts_dir / f"{name}.svg"
        if svg.is_file():
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode()
            block = re.sub(r'src="data:image/[^"]+"', f'src="{uri}"', block, count=1)
        block = block.replace("<img ", '<div class="chart-box"><img ', 1)
        block = re.sub(r"(<img [^>]*>)", r"\1</div>", block, count=1)
        return block.replace("</figure>", _chart_extras(name, charts_dir) + "</figure>")

    html = re.sub(r"<figure>.*?</figure>", figure, html, flags=re.DOTALL)
    return html.replace("</body>", TAP_SCRIPT + "\n</body>")
