"""Typst assembly: a chapter's notes (formulas of derived figures) stand under the paragraph that
calls them, numbered from 1 in each chapter, a repeated note keeping its number; the mark sits against the
punctuation that follows it; and a tall chart fits the room left on its page."""
import pagefill
from tooling import require
import pypdf
import pytest
import typst

from manpower.report.notes import chapter_notes


def test_a_chapters_notes_stand_under_the_block_that_calls_them_numbered_per_chapter():
    body = ("= One\nA#footnote[Src \\[x\\] #emph[y].]. B#footnote[Other.] x.\n\nNext paragraph C#footnote[Src \\[x\\] #emph[y].].\n\n"
            "= Two\nD#footnote[Other.].\n")
    out = chapter_notes(body)
    assert "#footnote" not in out
    one, two = out.split("= Two")
    assert "A#super[1]. B#super[2] x." in one and "C#super[1]." in one  # a repeated note keeps its first number
    first, rest = one.split("Next paragraph")
    assert "#super[1] Src \\[x\\] #emph[y]." in first and "#super[2] Other." in first  # under the paragraph calling them
    assert "Src" not in rest.replace("C#super[1]", "")  # printed once
    assert "D#super[1]." in two and "#super[1] Other." in two  # numbers restart in each chapter
    assert chapter_notes("= One\nNo notes here.\n") == "= One\nNo notes here.\n"


def test_note_marks_are_not_followed_by_a_stray_space_and_the_notes_print(tmp_path):
    src = tmp_path / "fn.typ"
    src.write_text(chapter_notes("= One\nto their families#footnote[Src one.]. Again#footnote[Src one.].\n"))
    text = pypdf.PdfReader(typst_pdf(src)).pages[0].extract_text()
    assert "families1." in text and "Again1." in text and "Src one." in text, text


def typst_pdf(src):
    out = src.with_suffix(".pdf")
    out.write_bytes(typst.compile(str(src)))
    return str(out)


def _chart_png(path, width_in, height_in):
    """A stand-in chart: a filled, framed PNG whose natural size is width × height inches."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(width_in, height_in), facecolor=(0.78, 0.84, 0.92), edgecolor="black", linewidth=3)
    fig.savefig(path, dpi=150, facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor())
    plt.close(fig)


def _report(tmp_path, chapters):
    from datetime import datetime

    from manpower.report.document import Document
    from manpower.report.pdf import compile_pdf, write_typst

    doc = Document(title="T", subtitle="S", date="1 January 2024", as_of="as of 1 January 2024",
                   chapters=chapters, appendices=[])
    source = write_typst(doc, tmp_path)
    compile_pdf(doc, source, tmp_path / "report.pdf", datetime(2024, 1, 1))
    return tmp_path / "report.pdf"


PARAGRAPH = ("The figures in this paragraph stand in for a chapter's prose: claims, their sources and "
             "the periods they cover, set out one after another so that the text fills the page. ") * 5


TALL = "\n\n![A tall chart.](charts/tall.png)\n\n"


@pytest.mark.parametrize("chapter", [
    "\n\n".join([PARAGRAPH] * 3) + TALL + "\n\n".join([PARAGRAPH] * 7),  # half a page of text, then the chart
    TALL + TALL + "\n\n".join([PARAGRAPH] * 7),  # a chart right under another one
], ids=["after-text", "after-a-chart"])
def test_a_tall_chart_fits_the_room_left_on_the_page_instead_of_leaving_a_gap(tmp_path, chapter):
    """A chart drawn taller than half the page, where only half a page is left: the template
    shrinks it to fit that room, with its caption, instead of moving it on to the next page and
    leaving half a page blank. Typst must settle the layout (no convergence warning)."""
    require(pagefill.have_rasteriser(), "pdftoppm, which rasterises pages to measure blank space,",
            "apt-get install poppler-utils")
    (tmp_path / "charts").mkdir()
    _chart_png(tmp_path / "charts" / "tall.png", 6.0, 5.0)
    pdf = _report(tmp_path, ["# One\n\n" + chapter, "# Two\n\nThe end.\n"])
    pages = pagefill.measure(pdf)
    first = next(p.number for p in pages if p.starts_chapter)
    assert len(pages) >= first + 2, "the first chapter must run over two pages for the test to mean anything"
    assert not pagefill.half_empty(pages), [(p.number, f"{p.largest_gap:.0%}") for p in pages]
    charts = [i + 1 for i, page in enumerate(pypdf.PdfReader(str(pdf)).pages) for _ in page.images]
    assert charts[0] == first and charts[-1] == first, f"the charts belong on the chapter's first page: {charts}"
    _, warnings = typst.compile_with_warnings(str(tmp_path / "report.typ"), root=str(tmp_path), ignore_system_fonts=True,
                                              sys_inputs={"title": "T", "subtitle": "S", "date": "d", "as_of": "a"})
    assert not warnings, warnings


def test_chart_tables_read_as_a_reader_reads_them():
    from manpower.report.htmlpage import table_cell, table_header

    assert table_header("claim_date_end") == "Claimed by" and table_header("some_new_col") == "Some new col"
    assert table_cell("302000") == "302,000" and table_cell("-15000") == "-15,000"
    assert table_cell("2023") == "2023" and table_cell("18") == "18" and table_cell("2024-02") == "2024-02"
    assert table_cell("UK MoD: killed\nNov 2023") == "UK MoD: killed Nov 2023"


def test_the_html_has_one_h1_a_skip_link_and_a_landmark_per_chapter():
    from manpower.report.htmlpage import accessible_html

    html = ('<html><head></head><body>\n<header id="title-block-header"><h1 class="title">T</h1></header>'
            '<nav id="TOC"><ul><li>x</li></ul></nav>\n<h1 id="a">A</h1><p>1</p><h2 id="a1">A.1</h2>'
            '<h1 id="b">B</h1><p>2</p>\n</body></html>')
    out = accessible_html(html)
    assert out.count("<h1") == 1 and '<h1 class="title">' in out
    assert out.index('href="#main"') < out.index('<nav id="TOC">') < out.index('<main id="main">')
    assert '<section class="chapter" aria-labelledby="a">\n<h2 id="a">A</h2><p>1</p><h3 id="a1">A.1</h3></section>' in out
    assert '<section class="chapter" aria-labelledby="b">\n<h2 id="b">B</h2><p>2</p>\n</section>' in out
    assert out.rstrip().endswith("</main>\n</body></html>")
