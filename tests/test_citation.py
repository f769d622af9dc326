"""A report people can cite: the reference comes from CITATION.cff and the report itself (its
data's as-of line, the commit, the date), and stands on the title page and at the HTML's end."""
import re
from pathlib import Path

import yaml

from manpower.writing.citation import LICENCE, citation
from manpower.report.document import Document
from manpower.report.htmlpage import cite_html

ROOT = Path(__file__).resolve().parents[1]


def test_the_reference_names_the_version_commit_and_as_of_line_from_citation_cff(tmp_path):
    (tmp_path / "CITATION.cff").write_text(yaml.safe_dump({
        "title": "Invented title", "version": "9.8.7", "authors": [{"given-names": "Ada", "family-names": "Lovelace"}]}))
    c = citation(tmp_path, "Figures as known on 2023-10-31; data as of 2023-10-20", "2026-12-01", "0123456789abcdef")
    assert c.text() == ("Ada Lovelace (2026). Invented title, version 9.8.7, commit 0123456789ab. "
                        "Figures as known on 2023-10-31; data as of 2023-10-20. Rendered 2026-12-01.")
    assert c.bibtex().startswith("@misc{manpower2026,") and "commit 0123456789abcdef" in c.bibtex()
    assert "YourReferenceHere" not in c.bibtex()


def test_the_shipped_citation_file_feeds_it():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    c = citation(ROOT, "All figures in the sources", "2026-12-01", None)
    assert c.title == cff["title"] and c.version == str(cff["version"]) and "commit" not in c.text()


def test_the_html_carries_meta_tags_and_a_cite_block():
    doc = Document("T <x>", "Sub & title", "2026-12-01", "as of", [], [], cite="A (2026). T.", bibtex="@misc{k}")
    html = cite_html("<html><head></head><body><p>body</p></body></html>", doc)
    head, body = html.split("</head>")
    assert '<meta name="description" content="Sub &amp; title" />' in head
    assert '<meta property="og:title" content="T &lt;x&gt;" />' in head
    assert '<meta property="og:description" content="Sub &amp; title" />' in head
    assert body.index("<p>body</p>") < body.index('<section id="cite"')
    assert "A (2026). T." in body and "@misc{k}" in body and LICENCE.split(".")[0] in body


def test_the_page_header_dates_are_words_not_iso():
    """The header and cover read "data as of 5 January 2024", never "2024-01-05" (issue 19)."""
    from datetime import date

    from manpower.curated.data import load
    from manpower.analysis.rows import latest_claim_date
    from manpower.report.render import cover_as_of

    ds = load(ROOT / "data", ROOT / "seeds")
    latest = latest_claim_date(ds)
    line = cover_as_of(ds, date(2023, 10, 31))
    assert line.startswith("Figures as known on 31 October 2023; data as of ")
    assert f"data as of {latest.day} {latest:%B %Y}" in cover_as_of(ds, None)
    assert not re.search(r"\d{4}-\d\d-\d\d", line + cover_as_of(ds, None))
