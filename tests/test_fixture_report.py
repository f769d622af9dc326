"""A report rendered from the seeds plus the invented fixture articles (tests/fixtures): each kind
of figure comes out as what it is, and disputed quantities are shown side by side."""
import re
import shutil
from pathlib import Path

import pagefill
from tooling import require
import pypdf
import pytest

from manpower.report.render import Options, render, resolve_params
from project import build_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fixture_report(tmp_path_factory):
    base = tmp_path_factory.mktemp("fixture-project")
    root = build_project(base / "proj")
    for name in ("notebooks", "params"):
        shutil.copytree(ROOT / name, root / name)
    name, params = resolve_params(root, "standard", [], {})
    result = render(Options(name, params, say=lambda _: None, cache_dir=base / "cache"), root)
    pdf = " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in pypdf.PdfReader(str(result.folder / "report.pdf")).pages)
    html = (result.folder / "report.html").read_text(encoding="utf-8")
    return pdf, html, result.folder


def test_every_kind_reads_as_what_it_is(fixture_report):
    """figures.csv words every figure of the selection as its kind requires, and wherever the
    report prints one (Appendix C names its id) it prints those words: a cap may leave a figure
    out of a list (and says so), never print it as something else."""
    import pandas as pd

    pdf, _, folder = fixture_report
    figures = pd.read_csv(folder / "figures.csv", dtype=str).set_index("id")
    assert figures.loc["fx-ledger-interval", "figure"] == "66,000 to 88,000 (95% interval)"  # keeps its level
    assert figures.loc["fx-ledger-named", "figure"] == "at least 45,000"  # a named count reads as a floor
    assert figures.loc["fx-riverland-killed", "figure"] == "roughly 47,000 (95% interval 40,000–55,000)"
    assert figures.loc["fx-riverland-wounded", "figure"] == "120,000 to 140,000"  # a range without a word
    assert "our reading of" in figures.loc["loss-ukmod-2023-11-killed-wounded", "figure"]
    flat = re.sub(r"\s+", "", pdf.replace("\u00ad", ""))  # a line may break inside a figure or an id
    shown = [i for i in figures.index if isinstance(figures.loc[i, "figure"], str)
             and re.search(rf"{re.escape(i)}(?![a-z0-9-])", flat)]
    assert shown
    for i in shown:
        assert re.sub(r"\s+", "", figures.loc[i, "figure"]) in flat, (i, figures.loc[i, "figure"])
    assert "(a forecast, not a count)" in pdf or "inflow-ru-contracts-2023-putin" not in pdf  # never a count


def test_disputed_quantities_are_tables_with_their_spread(fixture_report):
    pdf, _, _ = fixture_report
    assert pdf.count("Spread:") >= 2
    assert "side by side" in pdf


def test_every_figure_in_the_html_carries_evidence(fixture_report):
    _, html, folder = fixture_report
    spans = re.findall(r'<span class="fig"[^>]*data-id="([^"]+)"', html)
    assert len(set(spans)) >= 20
    assert (folder / "datapackage.json").is_file() and (folder / "figures.csv").is_file()


def test_estimates_over_time_one_measure_per_chart(fixture_report):
    import pandas as pd

    from manpower.notebook import chapter_losses as L
    from manpower.curated.data import load

    _, _, folder = fixture_report
    charts = sorted((folder / "charts").glob("losses-over-time-*.csv"))
    # a chart exactly where some claimant gives two or more dated estimates of one measure (issue 19)
    root = folder.parents[1]  # the project: reports/<name> inside it
    ds = load(root / "data", root / "seeds")
    expected = {f"losses-over-time-{m}.csv" for m, _, _ in L.over_time(L.figures(ds)[0])}
    assert {f.name for f in charts} == expected
    ids = set(pd.read_csv(ROOT / "data" / "losses.csv")["id"]) | set(pd.read_csv(ROOT / "tests" / "fixtures" / "data" / "losses.csv")["id"])
    measures = pd.concat([pd.read_csv(ROOT / "data" / "losses.csv"), pd.read_csv(ROOT / "tests" / "fixtures" / "data" / "losses.csv")]).set_index("id")
    for f in charts:
        rows = pd.read_csv(f)
        assert set(rows["id"]) <= ids and rows["claim_date_end"].nunique() >= 2
        assert (rows.groupby("claimant")["claim_date_end"].nunique() >= 2).any()  # a series, not one point each
        assert measures.loc[list(rows["id"]), "measure"].nunique() == 1  # killed never with killed or wounded
        assert (measures.loc[list(rows["id"]), "basis"] == "cumulative").all()  # no period figure as cumulative


def test_no_page_is_left_half_empty(fixture_report):
    """More figures, more footnotes, a chart on a different spot of its page: still no page but
    the exempt ones (cover, contents, last) holds a blank band over pagefill.LIMIT of the body
    (the gap the template allows before a chart too tall to shrink legibly)."""
    require(pagefill.have_rasteriser(), "pdftoppm, which rasterises pages to measure blank space,",
            "apt-get install poppler-utils")
    _, _, folder = fixture_report
    pages = pagefill.measure(folder / "report.pdf")
    assert len([p for p in pages if p.number not in pagefill.exempt(pages)]) >= 3
    bad = pagefill.half_empty(pages)
    assert not bad, [f"page {p.number}: {p.largest_gap:.0%} blank" for p in bad]
