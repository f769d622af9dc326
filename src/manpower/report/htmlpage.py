"""The report as one self-contained HTML file: our CSS and the charts inlined (as SVG, with a
phone layout and their data as a table and a CSV download), the evidence behind each figure on
hover, focus or tap, one h1 and a landmark per chapter, and how to cite it at the end.
"""
from __future__ import annotations

import base64
import csv
import io
import re
from importlib import resources
from pathlib import Path

from ..analysis.formats import quote_plain
from ..core.markup import SPAN_HTML
from ..core.phonelayout import PHONE_MAX_PX, read_phone_layout
from ..writing.evidence import decode
from .document import Document, TypesetError, esc, pack_evidence, pandoc, raw_lists
from .notes import assemble


def _css() -> str:
    return resources.files("manpower").joinpath("templates/report.css").read_text(encoding="utf-8")


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
        html = pandoc(packed, [
            "--to", "html5", "--standalone", "--toc", "--toc-depth=2", "--number-sections",
            "--include-in-header", style.name,
            "--metadata", f"title={doc.title}", "--metadata", f"subtitle={doc.subtitle}",
            "--metadata", f"date={doc.date} — {doc.as_of}", "--metadata", "lang=en",
        ], workdir)
    finally:
        style.unlink(missing_ok=True)
    html = raw_lists(html, markdown.tables, "html", ("<p>", "</p>"))
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

    meta = f'<meta name="description" content="{esc(doc.subtitle)}" />\n'
    meta += "".join(f'<meta property="{k}" content="{esc(v)}" />\n' for k, v in (
        ("og:title", doc.title), ("og:description", doc.subtitle), ("og:type", "article")))
    html = html.replace("</head>", meta + "</head>", 1)
    if not doc.cite:
        return html
    block = (f'<section id="cite" class="cite" aria-labelledby="cite-h"><h2 id="cite-h">Cite this report</h2>'
             f'<p>{esc(doc.cite)}</p>'
             + (f'<details><summary>BibTeX</summary><pre>{esc(doc.bibtex)}</pre></details>' if doc.bibtex else "")
             + f'<p class="licence">{esc(LICENCE)}</p></section>\n')
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
            f'<span class="ev-in"><code>{esc(i.get("id", ""))}</code> {esc(i.get("figure", ""))}'
            + (f' — {esc(i["claimant"])}' if i.get("claimant") else "")
            + (f', {esc(i["source"])}' if i.get("source") else "") + "</span>"
            for i in ev.get("inputs", []))
        more = f'<span class="ev-in">and {ev["more"]:,} more inputs</span>' if ev.get("more") else ""
        return (f'<span class="ev-h">Derived: {esc(ev.get("formula", ""))}</span>'
                f'<span class="ev-by">From:</span>{items}{more}')
    return (f'<span class="ev-q">{esc(quote_plain(ev.get("quote", "")))}</span>'
            f'<span class="ev-by">{esc(ev.get("claimant", ""))}'
            + (f', claimed {esc(ev["claimed"])}' if ev.get("claimed") else "") + "</span>"
            f'<span class="ev-src">{esc(ev.get("source", ""))} · <code>{esc(ev.get("id", ""))}</code></span>')


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
    cells = "\n".join("<tr>" + "".join(f"<td>{esc(table_cell(c))}</td>" for c in r) + "</tr>" for r in shown)
    more = f"<p>The first {len(shown):,} of {len(body):,} rows; the CSV holds all.</p>" if len(body) > len(shown) else ""
    uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(raw).decode()
    return (f'<div class="chart-data"><a class="data-link" download="{esc(name)}.csv" href="{uri}">Data (CSV)</a>'
            f'<details><summary>Table: the numbers in this chart</summary><div class="table-wrap"><table>'
            f'<thead><tr>{"".join(f"<th>{esc(table_header(h))}</th>" for h in head)}</tr></thead><tbody>\n{cells}\n</tbody>'
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
            title = f'<p class="chart-phone-title">{esc(meta.get("title", ""))}</p>' if meta.get("title") else ""
            foot = " ".join(x for x in (meta.get("note", ""), meta.get("source", "")) if x)
            block = block.replace("<img ", f'{title}<div class="chart-box"><picture><source media="(max-width: {PHONE_MAX_PX}px)" '
                                  f'srcset="{uri}" /><img data-phone-min-pt="{meta.get("min_font_pt", 0)}" '
                                  f'data-phone-width-pt="{meta.get("width_pt", 0)}" ', 1)
            block = re.sub(r"(<img [^>]*>)", lambda m: m.group(1) + "</picture></div>"
                           + (f'<p class="chart-phone-foot">{esc(foot)}</p>' if foot else ""), block, count=1)
        return block.replace("</figure>", _chart_extras(name, charts_dir) + "</figure>")

    html = re.sub(r"<figure>.*?</figure>", figure, html, flags=re.DOTALL)
    html = _IMG_SRC.sub(lambda m: f'src="{_chart_uri(charts_dir, m.group(1))}"', html)
    return html.replace("</body>", TAP_SCRIPT + "\n</body>")
