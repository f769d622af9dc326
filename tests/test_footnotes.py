"""Footnotes and figures in JupyterLab: the Markdown the report reads is untouched; a Markdown
twin prints figures as the report does, and an HTML twin numbers the markers, lists the notes
under the cell and gives each figure its evidence on hover."""
import html as htmllib
import re

from manpower.vocabulary.chapters import REPORT_MIME
from manpower.writing.evidence import SPAN_MD, encode
from manpower.writing.footnotes import Footnotes, definitions

NOTES = {"outlet-a": "Outlet A, “A headline”, 4 January 2024.", "outlet-b": "Outlet B, *B*, 2023."}


def test_markdown_without_footnotes_or_figures_is_shown_as_markdown_only():
    text = "Plain *text* [not a note](x)."
    assert Footnotes().bundle(text, NOTES) == {REPORT_MIME: text, "text/markdown": text}


def test_the_markdown_is_kept_byte_for_byte_beside_the_html():
    md = "Approximately 302,000[^outlet-a] killed or wounded\\.\n\n- a list[^outlet-b]"
    data = Footnotes().bundle(md, NOTES)
    assert data[REPORT_MIME] == md
    assert "[^" not in data["text/html"]


EVIDENCE = {"id": "loss-1", "figure": "approximately 302,000", "quote": 'A | "quoted" <b>*claim*</b> [^x] of 302,000',
            "claimant": "UK Ministry of Defence", "claimed": "4 January 2024", "source_id": "outlet-a",
            "source": "Outlet A, “A headline”, 4 January 2024"}
DERIVED = {"formula": "302,000 / 23 months", "inputs": [{"id": "loss-1", "figure": "302,000", "claimant": "UK MoD",
                                                         "source": "Outlet A"}], "more": 2}


def _figure(text: str, ev=EVIDENCE) -> str:
    return f'[{text}]{{.fig data-id="{ev["id"]}" data-ev="{encode(ev)}"}}'


def _derived(text: str) -> str:
    return f'[{text}]{{.fig .derived data-ev="{encode(DERIVED)}"}}'


def test_figures_read_as_the_report_prints_them_with_their_evidence_on_hover():
    sic = _figure("*one* \\[sic\\]")
    md = (f"About {_figure('approximately 302,000 (read as 290,000–310,000)')} killed or wounded[^outlet-a], "
          f"{_derived('13,100')} a month.\n\n| a | b |\n|---|---|\n| {sic} | x |")
    data = Footnotes().bundle(md, NOTES)
    assert data[REPORT_MIME] == md  # the report's Markdown, byte for byte
    for kind in ("text/markdown", "text/html"):
        assert "{.fig" not in data[kind] and "data-ev" not in data[kind] and encode(EVIDENCE)[:20] not in data[kind]
    assert data["text/markdown"] == (
        "About approximately 302,000 (read as 290,000–310,000) killed or wounded[^outlet-a], 13,100 a month."
        "\n\n| a | b |\n|---|---|\n| *one* \\[sic\\] | x |")
    html = data["text/html"]
    titles = [htmllib.unescape(t) for t in re.findall(r'<span class="fig" title="([^"]*)"', html)]
    assert len(titles) == 3
    assert titles[0] == titles[2] == ('“A | ‘quoted’ <b>*claim*</b> [^x] of 302,000”\nUK Ministry of Defence, claimed '
                                      '4 January 2024\nOutlet A, “A headline”, 4 January 2024 · loss-1')
    assert titles[1].startswith("Derived: 302,000 / 23 months\nFrom:\n302,000 — UK MoD (Outlet A)")
    assert "and 2 more inputs" in titles[1]
    assert "approximately 302,000 (read as 290,000–310,000)</span> killed" in html
    assert "<em>one</em> [sic]</span></td>" in html  # the table is still a table, its figure still Markdown
    assert "<sup>1</sup>" in html and "<b>" not in html


def test_a_figure_cell_without_footnotes_gets_html_and_looks_up_no_notes():
    calls = []
    data = Footnotes().bundle(f"Only {_figure('302,000')}.", lambda: calls.append(1) or NOTES)
    assert calls == [] and data["text/markdown"] == "Only 302,000."
    assert '<span class="fig" title="' in data["text/html"] and "<ol" not in data["text/html"]


def test_markers_followed_by_a_colon_are_markers():
    """pandoc reads `[^id]:` as a definition only at the start of a line."""
    md = "Where recruits are sought[^outlet-a]: Nepal[^outlet-b][^outlet-a]: and India.\n\n[^outlet-b]: Outlet B, *B*, 2023."
    html = Footnotes().bundle(md, NOTES)["text/html"]
    assert "[^" not in html
    assert re.findall(r"<sup>(\d+)</sup>", html) == ["1", "2", "1"]
    assert re.findall(r'<li value="(\d+)">', html) == ["1", "2"]
    assert "sought<sup>1</sup>: Nepal" in html


def test_markers_become_numbers_in_order_of_first_appearance_across_cells():
    fn = Footnotes()
    first = fn.html("One[^outlet-b] and two[^outlet-a], one again[^outlet-b].", NOTES)
    assert re.findall(r"<sup>(\d+)</sup>", first) == ["1", "2", "1"]
    second = fn.html("Later: two[^outlet-a] only.", NOTES)
    assert re.findall(r"<sup>(\d+)</sup>", second) == ["2"]
    # the notes of each cell are listed under it with their chapter-wide numbers
    assert re.findall(r'<li value="(\d+)">', first) == ["1", "2"]
    assert re.findall(r'<li value="(\d+)">', second) == ["2"]
    assert "Outlet A, “A headline”, 4 January 2024." in second
    assert "<em>B</em>" in first  # note text is Markdown too


def test_a_definitions_cell_becomes_the_numbered_list_of_notes():
    fn = Footnotes()
    fn.html("Cited[^outlet-b].", NOTES)
    defs = "[^outlet-a]: Outlet A, “A headline”, 4 January 2024.\n\n[^outlet-b]: Outlet B, *B*, 2023."
    html = fn.html(defs, {})
    assert "[^" not in html and "<sup>" not in html
    assert re.findall(r'<li value="(\d+)">', html) == ["1", "2"]  # outlet-b was cited first
    assert html.index("Outlet B") < html.index("Outlet A")


def test_a_marker_without_a_note_stays_visible():
    html = Footnotes().html("Orphan[^nowhere].", {})
    assert "<sup>1</sup>" in html and "nowhere" in html


def test_notes_are_looked_up_only_when_a_cell_has_a_marker():
    calls = []

    def notes():
        calls.append(1)
        return NOTES

    fn = Footnotes()
    fn.bundle("No marker here.", notes)
    assert calls == []
    fn.bundle("A marker[^outlet-a].", notes)
    assert calls == [1]


def test_definitions_parses_pandoc_footnote_lines():
    text = "[^a-1]: First note.\n\n[^b_2]: Second, with [a link](http://x) and “quotes”."
    assert definitions(text) == {"a-1": "First note.", "b_2": "Second, with [a link](http://x) and “quotes”."}


def test_the_report_reads_the_report_markdown_not_jupyterlabs(tmp_path):
    import nbformat

    from manpower.report.convert import chapter_markdown

    md = f"About {_figure('302,000')} killed[^outlet-a]."
    cell = nbformat.v4.new_code_cell("ch.say(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=Footnotes().bundle(md, NOTES))]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), str(path))
    assert chapter_markdown(path) == md + "\n"


def test_inline_notes_are_numbered_with_the_markers_and_listed_under_the_cell():
    """The formulas of derived figures are pandoc inline notes, `^[…]`, raw text in JupyterLab."""
    note = "Derived: 315,000 ÷ 90% \\[sic\\]. Inputs: `loss-a`, `loss-b`."
    md = (f"About {_derived('350,000')}^[{note}][^outlet-a] and again 350,000^[{note}]; "
          "an escaped \\^[not a note] stays.")
    fn = Footnotes()
    html = fn.bundle(md, NOTES)["text/html"]
    assert "^[Derived" not in html and "[^" not in html
    assert re.findall(r"<sup>(\d+)</sup>", html) == ["1", "2", "1"]  # a repeated note keeps its number
    assert re.findall(r'<li value="(\d+)">', html) == ["1", "2"]
    assert "Derived: 315,000 ÷ 90% [sic]. Inputs: <code>loss-a</code>, <code>loss-b</code>." in html
    assert "^[not a note]" in html
    assert fn.bundle(md, NOTES)[REPORT_MIME] == md
