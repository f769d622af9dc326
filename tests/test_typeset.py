"""Typst assembly: a source cited twice in a chapter gets one footnote, referenced again by
number; and the footnote mark sits against the punctuation that follows it."""
import pypdf
import typst

from manpower.typeset import dedupe_footnotes


def test_a_repeated_citation_reuses_the_first_footnote_within_a_chapter():
    body = "= One\nA#footnote[Src.]. B#footnote[Src.] x.\n= Two\nC#footnote[Src.]."
    out = dedupe_footnotes(body)
    assert out.count("#footnote[Src.]") == 2  # once per chapter
    assert "B#footnote(<mp-fn-1>) x." in out


def test_footnote_marks_are_not_followed_by_a_stray_space(tmp_path):
    src = tmp_path / "fn.typ"
    src.write_text(dedupe_footnotes("= One\nto their families#footnote[Src.]. Again#footnote[Src.]."))
    text = pypdf.PdfReader(typst_pdf(src)).pages[0].extract_text()
    assert "families1." in text and "Again1." in text, text


def typst_pdf(src):
    out = src.with_suffix(".pdf")
    out.write_bytes(typst.compile(str(src)))
    return str(out)
