"""Footnotes in JupyterLab: the Markdown the report reads is untouched; an HTML twin numbers the
markers and lists the notes under the cell."""
import re

from manpower.footnotes import Footnotes, definitions

NOTES = {"outlet-a": "Outlet A, “A headline”, 4 January 2024.", "outlet-b": "Outlet B, *B*, 2023."}


def test_markdown_without_footnotes_is_shown_as_markdown_only():
    assert Footnotes().bundle("Plain *text* [not a note](x).", NOTES) == {"text/markdown": "Plain *text* [not a note](x)."}


def test_the_markdown_is_kept_byte_for_byte_beside_the_html():
    md = "Approximately 302,000[^outlet-a] killed or wounded\\.\n\n- a list[^outlet-b]"
    data = Footnotes().bundle(md, NOTES)
    assert data["text/markdown"] == md
    assert "[^" not in data["text/html"]


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
