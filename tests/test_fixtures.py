"""The invented fixture corpus: it passes check beside the seeds, it uses the whole figure model,
and adding any one curated article to a copy of the project keeps `check` OK."""
import io

import pytest

from manpower.curation.check import run_check
from manpower.curated.data import examine, load
from manpower.vocabulary.schema import BASES, BOUNDS, FIGURE_TABLES, FIGURE_UNITS, KINDS, SIDES
from project import FIXTURES, ROOT, build_project, fixture_sources


def test_fixture_articles_are_marked_invented_and_live_outside_seeds():
    texts = sorted((FIXTURES / "seeds").glob("*.txt"))
    assert len(texts) >= 6
    for p in texts:
        assert p.read_text(encoding="utf-8").startswith("INVENTED FOR TESTS"), p
        assert not (ROOT / "seeds" / p.name).exists()


def test_seeds_plus_fixtures_pass_check_with_nothing_unaccounted(tmp_path):
    root = build_project(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 0, err.getvalue()
    assert "OK" in out.getvalue()


def test_fixtures_use_every_kind_basis_bounds_side_relation_and_unit(tmp_path):
    root = build_project(tmp_path, only=fixture_sources())
    ds = load(root / "data", root / "seeds")
    figs = ds.figures()
    used = lambda col: set(figs[col].dropna().astype(str))
    assert used("kind") >= set(KINDS)
    assert used("basis") >= set(BASES)
    assert used("bounds") >= set(BOUNDS)
    assert used("side") >= set(SIDES)
    assert used("unit") >= set(FIGURE_UNITS)
    assert used("part_of") and used("group") and used("hedge") and used("level")
    consc = ds.conscription
    assert consc["voted"].notna().any() and consc["effective"].notna().any()
    window = consc[consc["measure"] == "age_window"]
    assert (window["low"].isna() & window["high"].notna()).any()  # an age window with one end unstated
    for t in FIGURE_TABLES:
        assert len(ds.tables[t.name]) > 0, t.name


@pytest.mark.parametrize("source_id", fixture_sources())
def test_adding_one_curated_article_keeps_check_ok(tmp_path, source_id):
    root = build_project(tmp_path, only=[source_id])
    result = examine(root / "data", root / "seeds")
    assert result.problems == []
    assert all(c.unaccounted == () for c in result.coverage)
    assert source_id in {c.source_id for c in result.coverage}


def test_fixture_figures_come_out_as_what_they_are(tmp_path):
    root = build_project(tmp_path, only=fixture_sources())
    ds = load(root / "data", root / "seeds")
    row = ds.row
    interval = row("fx-ledger-interval")
    assert (interval["kind"], interval["level"], interval["low"], interval["high"], interval["bounds"]) == \
        ("interval", 95, 66000, 88000, "stated")
    floor = row("fx-ledger-named")
    assert floor["kind"] == "floor" and floor["value"] == 45000 and floor["high"] is pd_na()
    assert row("fx-assembly-pool")["kind"] == "forecast" and row("fx-assembly-pool")["hedge"] == "expected to"
    assert row("fx-westland-five-months")["basis"] == "flow"
    assert row("fx-westland-officers")["part_of"] == "fx-westland-killed"


def pd_na():
    import pandas as pd
    return pd.NA
