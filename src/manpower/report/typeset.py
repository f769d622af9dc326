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

from ..errors import ManpowerError
from ..writing.evidence import decode, payloads
from ..analysis.formats import quote_plain
from ..core.markup import SPAN_HTML, closing_bracket, escape_markdown
from ..core.phonelayout import PHONE_MAX_PX, read_phone_layout

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
    tables: dict[str, "RawList"] = field(default_factory=dict)
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
            return {"code": f"<code>{_esc(text)}</code>", "strong": f"<strong>{_esc(text)}</strong>"}.get(kind, _esc(text))

        def item(i: int, runs: list[Run]) -> str:
            parts = [run(k, t) for k, t in runs]
            if parts and self._anchor(i):
                parts[0] = f'<span id="{_esc(self._anchor(i))}">{parts[0]}</span>'
            return "".join(parts)

        if self.bullets:
            return ('<ul class="small">' if self.small else "<ul>") + "\n" + "\n".join(f"<li>{item(i, r)}</li>" for i, r in enumerate(self.items)) + "\n</ul>"
        return "\n".join(f"<p>{item(i, r)}</p>" for i, r in enumerate(self.items))

    def plain(self) -> str:
        return "\n".join("".join(t for _, t in runs) for runs in self.items)


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


def _esc(text: object) -> str:
    return html_lib.escape(str(text), quote=True)


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


def said_words(claimed: str) -> str:
    """A claim's full dating with the one preposition it takes: 'on 14 December 2023', 'in
    November 2023', and as fmt_date gives them 'between … and …', 'on 4 or 5 January 2024'."""
    if claimed.startswith(("between", "on ")):
        return claimed
    return f"{'on' if claimed[0].isdigit() and ' ' in claimed else 'in'} {claimed}"


def source_notes(chapters: list[str], quotes_in: str = "", table_links: bool = True) -> tuple[list[str], str]:
    """Citations as one note per source: each chapter's footnote markers become a bracketed
    number linking to the source's note, and one "Notes" section lists every cited source, one
    paragraph each, with the figures it is cited for (figure, claimant, when said in full; no id, as
    ids stay in the appendix of figures used and the data) — instead of one near-identical footnote
    per chapter and citation. The verbatim quotes are not repeated here:
    they stand in `quotes_in` (the appendix of figures used) and on hover in the HTML. Without
    `table_links`, a marker in a table row is its number alone, not a link: Typst lays out a table
    again on every pass that resolves a link inside it, a quarter of the PDF's time at scale."""
    defs: dict[str, str] = {}
    order: dict[str, int] = {}
    cited_in: dict[str, list[int]] = {}
    figures: dict[str, dict[str, dict]] = {}
    out = []
    for n, text in enumerate(chapters, 1):
        for m in _DEF.finditer(text):
            defs.setdefault(m.group(1), m.group(2).strip())
        text = _DEF.sub("", text)
        for p in payloads(text):
            figures.setdefault(p.get("source_id", ""), {}).setdefault(p.get("id", ""), p)

        def link(m: re.Match) -> str:
            in_table = m.string.startswith("|", m.string.rfind("\n", 0, m.start()) + 1)
            parts = []
            for sid in _NOTE.findall(m.group(0)):
                order.setdefault(sid, len(order) + 1)
                cited_in.setdefault(sid, [])
                if n not in cited_in[sid]:
                    cited_in[sid].append(n)
                number = f"\\[{order[sid]}\\]"
                parts.append(number if in_table and not table_links else f"[{number}](#note-{sid})")
            return "^" + "".join(parts) + "^"

        out.append(_MARKS.sub(link, text))
    if not order:
        return out, ""
    where_quotes = f" (their verbatim quotes are in {quotes_in})" if quotes_in else ""
    items, anchors = [], []
    for sid, k in sorted(order.items(), key=lambda kv: kv[1]):
        chs = cited_in[sid]
        runs: list[Run] = [("strong", f"[{k}]"), ("", f" {_unescape(defs.get(sid, escape_markdown(sid)))} "
                                                     f"Cited in chapter{'s' if len(chs) > 1 else ''} {', '.join(str(c) for c in chs)}")]
        figs = list(figures.get(sid, {}).values())
        if figs:
            runs.append(("", f" for {'this figure' if len(figs) == 1 else f'these {len(figs)} figures'}: "))
            for j, p in enumerate(figs):
                c = p.get("claimed", "")
                said = f", said {said_words(c)}" if c else ""  # the full dating; ids stay in Appendix C
                runs += [("", f"{'; ' if j else ''}{p.get('figure', '')} ({p.get('claimant', '')}{said})")]
        runs.append(("", "."))
        items.append(runs)
        anchors.append(f"note-{sid}")
    notes = RawList(items, anchors, bullets=False)
    text = ("# Notes {.unnumbered}\n\n"
            f"Every source cited in the chapters, numbered as cited, with the figures taken from it{where_quotes}.\n\n"
            + notes.marker)
    return out, Section(text, [notes])


def _unescape(markdown: str) -> str:
    """Plain text back from Markdown made literal with escape_markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


FIGURES_USED = "Figures used"  # the title of the appendix that quotes every figure the report uses


def _appendix_title(markdown: str) -> str:
    m = re.match(r"\s*# (.+)", markdown)
    return m.group(1).strip() if m else ""


def assemble(doc: Document, table_links: bool = True) -> str:
    letters = {_appendix_title(a): chr(ord("A") + i) for i, a in enumerate(doc.appendices)}
    quotes_in = f"Appendix {letters[FIGURES_USED]}, {FIGURES_USED}" if FIGURES_USED in letters else ""
    chapters, notes = source_notes(list(doc.chapters), quotes_in, table_links)
    parts = [c for c in chapters] + ([notes] if notes else [])
    for i, a in enumerate(doc.appendices):
        parts.append(_relabel(_appendix(a, chr(ord("A") + i)), f"a{i}"))
    raw = {**doc.tables, **getattr(notes, "tables", {})}  # the appendices' lists and the notes'
    return Section("\n\n".join(p.strip() for p in parts) + "\n", list(raw.values()))


def _raw_lists(text: str, tables: dict, to: str, wrap: tuple[str, str] = ("", "")) -> str:
    for marker, t in tables.items():
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
    end = closing_bracket(text, start + len("#footnote"))
    return len(text) if end is None else end


_LEVEL1 = re.compile(r"(?m)^(?:= |#heading\(level: 1\b)")  # where pandoc's Typst starts a chapter or back-matter part


def chapter_notes(body: str) -> str:
    """A chapter's notes (the formulas of derived figures) set in small type right under the
    paragraph, list or table that calls them, not as Typst footnotes: a footnote makes Typst lay
    its page out again until the note fits, which at a few dozen notes was a third of the PDF's
    time, and a note in the flow is room the next chart sees. The mark stays where the footnote
    was, a superscript number counted from 1 in each chapter; a note repeated within a chapter
    keeps its first number and is printed once."""
    starts = [m.start() for m in _LEVEL1.finditer(body)] + [len(body)]
    out = [body[:starts[0]]]
    for a, b in zip(starts, starts[1:]):
        part, numbers, pieces, pos = body[a:b], {}, [], 0
        under: dict[int, list[tuple[int, str]]] = {}  # end of a block -> the notes first called in it
        while (i := part.find("#footnote[", pos)) >= 0:
            end = _footnote_end(part, i)
            text = part[i + len("#footnote["):end - 1]
            if text not in numbers:
                numbers[text] = len(numbers) + 1
                block_end = part.find("\n\n", end)
                under.setdefault(len(part) if block_end < 0 else block_end, []).append((numbers[text], text))
            pieces.append((i, end, f"#super[{numbers[text]}]"))  # no space: Typst would print it before the next word
            pos = end
        edits = pieces + [(at, at, _notes_block(notes)) for at, notes in under.items()]
        text, last = [], 0
        for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
            text += [part[last:start], new]
            last = end
        out.append("".join(text) + part[last:])
    return "".join(out)


def _notes_block(notes: list[tuple[int, str]]) -> str:
    """Notes under the block that calls them: small, indented, one paragraph each."""
    paras = "\n\n".join(f"#super[{k}] {text}" for k, text in notes)
    return ("\n#block(above: 0.6em, below: 1.1em, width: 100%, inset: (left: 1.2em))[#set text(8pt, fill: luma(70))\n"
            "#set par(justify: false, spacing: 0.45em)\n" + paras + "\n]")


def literal_apostrophes(typst: str) -> str:
    """pandoc writes a curly ’ as a bare ' for Typst's smart quotes to restore, and Typst turns it
    the wrong way after punctuation before a closing ” (“…mobilisation?‘”): write ’ literally.
    A straight ' in the text comes out escaped (\\') and stays as it is."""
    return re.sub(r"(?<!\\)'", "’", typst)


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


def to_typst(doc: Document, workdir: Path | None = None) -> str:
    markdown = assemble(doc, table_links=False)
    body = _pandoc(pack_evidence(markdown)[0], ["--to", "typst", "--wrap", "none"], workdir or Path.cwd())
    body = _raw_lists(chapter_notes(literal_apostrophes(body)), markdown.tables, "typst")
    return _template().replace("$body$", body)


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

    from ..writing.citation import LICENCE

    inputs = {"title": doc.title, "subtitle": doc.subtitle, "date": doc.date, "as_of": doc.as_of,
              "cite": doc.cite, "licence": LICENCE,
              "contents": "yes" if doc.contents else "no"}
    try:
        pdf = typst.compile(str(source), root=str(Path(source).parent), sys_inputs=inputs,
                            timestamp=int(timestamp.timestamp()), ignore_system_fonts=True)
    except Exception as exc:  # the wheel raises its own error types; one line is what users need
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TypesetError(f"typst failed to compile {Path(source).name}: {first}") from None
    Path(out_pdf).write_bytes(pdf)


# a chart the PDF embeds as PDF: pandoc's HTML would make it an <embed>, so the HTML names its SVG
_CHART_PDF = re.compile(r"(!\[[^\]]*\]\(charts/[^)\s]+)\.pdf\)")


def render_html(doc: Document, workdir: Path, out_html: Path) -> None:
    """One self-contained HTML file: our CSS and the charts inlined (the charts as SVG), the
    evidence behind each figure on hover; one small inline script, no external resources.
    pandoc does not embed the resources itself: it would read and encode every PNG chart only
    for `interactive_html` to swap it for the SVG."""
    workdir = Path(workdir).resolve()
    style = workdir / ".report-style.html"
    style.write_text("<style>\n" + _css() + "</style>\n", encoding="utf-8")
    markdown = assemble(doc)
    packed, evidence = pack_evidence(_CHART_PDF.sub(r"\1.svg)", markdown))
    try:
        html = _pandoc(packed, [
            "--to", "html5", "--standalone", "--toc", "--toc-depth=2", "--number-sections",
            "--include-in-header", style.name,
            "--metadata", f"title={doc.title}", "--metadata", f"subtitle={doc.subtitle}",
            "--metadata", f"date={doc.date} — {doc.as_of}", "--metadata", "lang=en",
        ], workdir)
    finally:
        style.unlink(missing_ok=True)
    html = _raw_lists(html, markdown.tables, "html", ("<p>", "</p>"))
    html = interactive_html(html, workdir, evidence)
    html = cite_html(accessible_html(html), doc)
    Path(out_html).write_text(html, encoding="utf-8")


_HEADING = re.compile(r"<(/?)h([1-5])\b")
_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"')


def accessible_html(html: str) -> str:
    """One h1 (the title); each chapter and appendix a landmark (a section named by its heading,
    now an h2) inside one <main>; a skip link first, past the contents to the report."""
    head, sep, rest = html.partition("<body>")
    if not sep:
        return html
    cut = rest.find("</nav>")
    cut = cut + len("</nav>") if cut >= 0 else max(rest.find("</header>") + len("</header>"), 0)
    top, content = rest[:cut], rest[cut:]
    end = content.rfind("</body>")
    content, tail = (content[:end], content[end:]) if end >= 0 else (content, "")
    content = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", content)
    starts = [m.start() for m in re.finditer(r"<h2\b", content)]
    if starts:
        parts = [content[:starts[0]]]
        for a, b in zip(starts, starts[1:] + [len(content)]):
            chunk = content[a:b]
            m = _H2.match(chunk)
            label = f' aria-labelledby="{m.group(1)}"' if m else ""
            parts.append(f'<section class="chapter"{label}>\n{chunk}</section>\n')
        content = "".join(parts)
    skip = '<a class="skip-link" href="#main">Skip to the report</a>\n'
    return f'{head}<body>\n{skip}{top}\n<main id="main">{content}</main>\n{tail}'


def cite_html(html: str, doc: Document) -> str:
    """The HTML's citation: social meta tags in the head, and at the end a "Cite this report"
    block (the reference, its BibTeX, the licences)."""
    from ..writing.citation import LICENCE

    meta = f'<meta name="description" content="{_esc(doc.subtitle)}" />\n'
    meta += "".join(f'<meta property="{k}" content="{_esc(v)}" />\n' for k, v in (
        ("og:title", doc.title), ("og:description", doc.subtitle), ("og:type", "article")))
    html = html.replace("</head>", meta + "</head>", 1)
    if not doc.cite:
        return html
    block = (f'<section id="cite" class="cite" aria-labelledby="cite-h"><h2 id="cite-h">Cite this report</h2>'
             f'<p>{_esc(doc.cite)}</p>'
             + (f'<details><summary>BibTeX</summary><pre>{_esc(doc.bibtex)}</pre></details>' if doc.bibtex else "")
             + f'<p class="licence">{_esc(LICENCE)}</p></section>\n')
    return html.replace("</body>", block + "</body>", 1)


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
    return (f'<span class="ev-q">{_esc(quote_plain(ev.get("quote", "")))}</span>'
            f'<span class="ev-by">{_esc(ev.get("claimant", ""))}'
            + (f', claimed {_esc(ev["claimed"])}' if ev.get("claimed") else "") + "</span>"
            f'<span class="ev-src">{_esc(ev.get("source", ""))} · <code>{_esc(ev.get("id", ""))}</code></span>')


_IMG_SRC = re.compile(r'src="(charts/[^"/]+)"')


def _chart_uri(charts_dir: Path, ref: str) -> str:
    """A chart as a data: URI, its SVG where there is one (sharp at any width), else the image
    the Markdown names; only files directly in the report's own charts folder are read."""
    path = charts_dir / Path(ref).name
    svg = path.with_suffix(".svg")
    if svg.is_file():
        return "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode()
    kind = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}.get(path.suffix.lower())
    if kind is None or not path.is_file():
        raise TypesetError(f"the chart {ref} named in the report is missing or not an image")
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()


# The columns of the charts' CSVs as a reader knows them (the CSV download keeps the raw names)
CHART_HEADERS = {
    "id": "Row in figures.csv", "label": "Figure", "value": "Stated figure", "low": "Low", "high": "High",
    "qualifier": "Qualifier", "unit": "Unit", "bounds": "Low and high from", "kind": "Kind of figure",
    "claimant": "Claimant", "claim_date_end": "Claimed by", "subject": "Country", "said_start": "Said from",
    "said_end": "Said by", "precision": "Date given to the nearest", "regime": "Rule", "age_min": "Youngest age",
    "age_max": "Oldest age", "cohorts": "Age cohorts", "category": "Category", "date_start": "From",
    "date_end": "To", "month": "Month", "cumulative": "Cumulative", "band_low": "Band: low", "band_high": "Band: high",
}
_INT = re.compile(r"-?\d+")


def table_header(column: str) -> str:
    """A chart CSV's column name as the HTML table's header."""
    return CHART_HEADERS.get(column, column.replace("_", " ").capitalize())


def table_cell(cell: str) -> str:
    """A chart CSV's cell as a reader reads it: one line; counts of 10,000 and more with thousands
    separators (a year or an age stays as it is)."""
    cell = " ".join(cell.split())
    if _INT.fullmatch(cell) and abs(int(cell)) >= 10_000:
        return f"{int(cell):,}"
    return cell


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
    cells = "\n".join("<tr>" + "".join(f"<td>{_esc(table_cell(c))}</td>" for c in r) + "</tr>" for r in shown)
    more = f"<p>The first {len(shown):,} of {len(body):,} rows; the CSV holds all.</p>" if len(body) > len(shown) else ""
    uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(raw).decode()
    return (f'<div class="chart-data"><a class="data-link" download="{_esc(name)}.csv" href="{uri}">Data (CSV)</a>'
            f'<details><summary>Table: the numbers in this chart</summary><div class="table-wrap"><table>'
            f'<thead><tr>{"".join(f"<th>{_esc(table_header(h))}</th>" for h in head)}</tr></thead><tbody>\n{cells}\n</tbody>'
            f'</table></div>{more}</details></div>')


def interactive_html(html: str, workdir: Path, evidence: dict[str, str] | None = None) -> str:
    """pandoc's HTML, made readable and checkable: every figure shows its evidence on hover,
    focus or tap; every chart is an SVG (sharp at any width) with its data as a table and a
    CSV download; tables scroll inside their own box on a narrow screen."""
    count = [0]

    def fig(m: re.Match) -> str:
        count[0] += 1
        derived = bool(m.group("derived"))
        ev = decode((evidence or {}).get(m.group("ev"), m.group("ev")))
        tid = f"ev-{count[0]}"
        cls = "fig derived" if derived else "fig"
        data_id = f' data-id="{m.group("id")}"' if m.group("id") else ""
        return (f'<span class="{cls}"{data_id} tabindex="0" aria-describedby="{tid}">{m.group("text")}'
                f'<span class="ev" role="tooltip" id="{tid}">{_tooltip(ev, derived)}</span></span>')

    html = SPAN_HTML.sub(fig, html)
    html = re.sub(r"<table>", '<div class="table-wrap"><table>', html)
    html = re.sub(r"</table>(?!</div>)", "</table></div>", html)
    html = html.replace('<div class="table-wrap"><div class="table-wrap">', '<div class="table-wrap">')
    charts_dir = Path(workdir) / "charts"

    def figure(m: re.Match) -> str:
        block = m.group(0)
        src = _IMG_SRC.search(block)
        if src is None:
            return block
        name = Path(src.group(1)).stem
        phone = read_phone_layout(charts_dir, name)
        if phone is None:
            block = block.replace("<img ", '<div class="chart-box"><img ', 1)
            block = re.sub(r"(<img [^>]*>)", r"\1</div>", block, count=1)
        else:  # below PHONE_MAX_PX the phone layout, its title and source set as text around it
            svg, meta = phone
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode()
            title = f'<p class="chart-phone-title">{_esc(meta.get("title", ""))}</p>' if meta.get("title") else ""
            foot = " ".join(x for x in (meta.get("note", ""), meta.get("source", "")) if x)
            block = block.replace("<img ", f'{title}<div class="chart-box"><picture><source media="(max-width: {PHONE_MAX_PX}px)" '
                                  f'srcset="{uri}" /><img data-phone-min-pt="{meta.get("min_font_pt", 0)}" '
                                  f'data-phone-width-pt="{meta.get("width_pt", 0)}" ', 1)
            block = re.sub(r"(<img [^>]*>)", lambda m: m.group(1) + "</picture></div>"
                           + (f'<p class="chart-phone-foot">{_esc(foot)}</p>' if foot else ""), block, count=1)
        return block.replace("</figure>", _chart_extras(name, charts_dir) + "</figure>")

    html = re.sub(r"<figure>.*?</figure>", figure, html, flags=re.DOTALL)
    html = _IMG_SRC.sub(lambda m: f'src="{_chart_uri(charts_dir, m.group(1))}"', html)
    return html.replace("</body>", TAP_SCRIPT + "\n</body>")
