"""Tables and charts that make their point once (issue 19): a decree's terms table gives each term
one row, its clauses joined; on the shipped data and on the data with every fixture article."""
import pytest

from manpower import chapter_foreign as FO
from manpower.narrative import Narrator


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def ds(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def seeds():
    from manpower.data import load
    from project import ROOT

    return load(ROOT / "data", ROOT / "seeds")


def test_each_term_of_a_decree_has_one_row_with_its_clauses_joined(ds):
    groups = FO.terms_groups(ds)
    for _, _, terms in groups:
        table = FO.terms_table(Narrator(ds), terms)
        assert table["term"].is_unique, list(table["term"])
        assert set(table["term"]) == {FO.TERMS[a] for a in terms["aspect"]}
        for term, n in terms["aspect"].map(FO.TERMS).value_counts().items():  # every clause kept, in its row
            row = table[table["term"] == term].iloc[0]
            assert row["what"].count("; ") >= n - 1


def test_a_losses_over_time_chart_only_for_a_claimant_with_two_dated_estimates(seeds):
    """One point per claimant repeats the listing: no chart. A claimant with a second, later
    estimate of the same quantity: a chart whose title states how that estimate moved."""
    from dataclasses import replace

    import pandas as pd

    from manpower import chapter_losses as L
    from manpower.formats import fmt_figure

    counts = L.figures(seeds)[0]
    for _, rows, _ in L.over_time(counts):  # whatever the shipped data holds, each chart is a series
        assert L.is_series(rows)
    latest = L.over_time(counts)
    one_each = not any(L.is_series(r) for _, r, _ in L.F.estimates_over_time_groups(counts))
    if one_each:
        assert latest == []
    base = counts.sort_values("claim_date_end").iloc[-1].to_dict()
    later = {**base, "id": "loss-invented-later", "value": float(base["value"] or 0) + 50000.0,
             "low": pd.NA, "high": pd.NA, "qualifier": pd.NA,
             "claim_date_start": pd.Timestamp(base["claim_date_end"]) + pd.Timedelta(days=60),
             "claim_date_end": pd.Timestamp(base["claim_date_end"]) + pd.Timedelta(days=60),
             "claim_date_precision": "day"}
    more = pd.concat([counts, pd.DataFrame([later])], ignore_index=True)
    groups = L.over_time(more)
    assert groups
    _, rows, _ = next(g for g in groups if "loss-invented-later" in set(g[1]["id"]))
    title = L.over_time_title(rows, 0)
    assert f"{base['claimant']}'s estimate rose from " in title and fmt_figure(later) in title
    assert "not a trend" not in title
