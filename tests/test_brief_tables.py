"""Tables and charts that make their point once (issue 19): a decree's terms table gives each term
one row, its clauses joined; on the shipped data and on the data with every fixture article."""
import pytest

from manpower.notebook import chapter_foreign as FO
from manpower.writing.narrative import Narrator


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def ds(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def seeds():
    from manpower.curated.data import load
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

    from manpower.notebook import chapter_losses as L
    from manpower.analysis.formats import fmt_figure
    from manpower.analysis.listing import estimates_over_time_groups

    counts = L.figures(seeds)[0]
    for _, rows, _ in L.over_time(counts):  # whatever the shipped data holds, each chart is a series
        assert L.is_series(rows)
    latest = L.over_time(counts)
    one_each = not any(L.is_series(r) for _, r, _ in estimates_over_time_groups(counts))
    if one_each:
        assert latest == []
    # the latest row a series can hold (a Russian running total; not a flow, a part or a rate),
    # whatever other rows the data holds
    eligible = pd.concat([rows for _, rows, _ in estimates_over_time_groups(counts, min_dates=1)])
    base = eligible.sort_values("claim_date_end").iloc[-1].to_dict()
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


def test_the_targets_chart_is_drawn_only_when_the_list_is_cut_short(seeds):
    """The list of countries and groups gives each with claimant and date: a chart of the same rows
    repeats it. With more targets than the list shows, the chart shows them all."""
    import pandas as pd

    from manpower.notebook.chapter import LIST_LIMIT
    from manpower.analysis.listing import cap_keeping_conflicts

    targets = FO.targets(seeds)
    listed, _ = cap_keeping_conflicts(targets, LIST_LIMIT)
    assert FO.chart_adds(targets, listed) == (len(listed) < len(targets))
    one = targets.iloc[0].to_dict()
    many = pd.concat([targets, pd.DataFrame([{**one, "id": f"foreign-invented-{k}", "subject": f"Invented land {k}"}
                                              for k in range(LIST_LIMIT + 1)])], ignore_index=True)
    listed, _ = cap_keeping_conflicts(many, LIST_LIMIT)
    assert FO.chart_adds(many, listed)
    assert not FO.chart_adds(many.head(len(listed)), listed.head(len(listed)))


def test_reference_tables_are_in_the_html_only_and_the_pdf_says_where(seeds):
    """The qualifier convention and the tool settings are reference matter: the Markdown both
    outputs share holds a marker; the HTML shows the table collapsed, the PDF one sentence saying
    where it is (issue 19)."""
    from manpower.report.appendix import TOOL_SETTINGS, methodology, parameters
    from manpower.vocabulary.params import SPEC
    from manpower.vocabulary.qualifiers import describe_convention
    from manpower.report.document import HtmlOnly

    for part in (methodology(seeds, seeds, None), parameters({})):
        blocks = [t for t in part.tables.values() if isinstance(t, HtmlOnly)]
        assert len(blocks) == 1
        b = blocks[0]
        assert b.marker in part
        assert b.html().startswith("<details") and "<table>" in b.html()
        assert "HTML report" in b.typst() and "<" not in b.typst()
    m = methodology(seeds, seeds, None)
    for q, bounds in describe_convention():
        assert bounds not in str(m)  # not in the pages
        assert bounds.replace("×", "&#215;") in next(iter(m.tables.values())).html() or bounds in next(iter(m.tables.values())).html()
    p = parameters({})
    table = str(p).split("MPHTMLONLY")[0]
    for s in SPEC:
        assert (f"`{s.name}`" in table) == (s.name not in TOOL_SETTINGS and s.scope != "report"), s.name
