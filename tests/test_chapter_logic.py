"""The chapters' selection and comparisons, now library functions (chapter_*.py): run on the
shipped seeds, on the fixture corpus and on corpora changed here, never counting rows."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from manpower.notebook import chapter_inflows as I
from manpower.analysis.figures import signup_claims
from manpower.analysis.rates import reference_period
from manpower.analysis.rows import is_russian, rows_of, russian, totals

ROOT = Path(__file__).resolve().parents[1]


def _with(ds, table: str, df: pd.DataFrame):
    """A copy of `ds` with one table replaced (the loader's Dataset, not a mock)."""
    from manpower.curated.data import Dataset

    return Dataset(ds.sources, {**ds.tables, table: df}, ds.seeds, ds.data_dir, ds.seeds_dir)


def test_no_notebook_writes_a_derived_note_by_hand():
    """Every derived figure reaches the text through Narrator.derived (formula, basis, inputs)."""
    for nb in sorted((ROOT / "notebooks").glob("*.py")):
        assert "^[Derived:" not in nb.read_text(encoding="utf-8"), f"{nb.name} writes a Derived note by hand"


ANALYSIS = re.compile(r"import pandas|\bpd\.|\w\[\w+\[|\.(groupby|isin|sort_values|dropna|merge|query|nunique|sum|mean)\(")


@pytest.mark.parametrize("stem", ["01_losses", "02_inflows", "03_conscription", "04_foreign", "05_balance"])
def test_a_chapter_notebook_holds_no_pandas_analysis(stem):
    """Selection, grouping and arithmetic live in src/manpower/chapter_*.py (tested there); a
    notebook keeps its parameters, the calls, the order of the story, its words and its charts."""
    code = (ROOT / "notebooks" / f"{stem}.py").read_text(encoding="utf-8")
    hits = [line.strip() for line in code.splitlines() if ANALYSIS.search(line) and not line.lstrip().startswith("#")]
    assert not hits, f"{stem}.py: {hits[:3]}"


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_a_forecast_and_a_count_of_one_period_are_one_tally_and_drawn_once(which, request):
    ds = request.getfixturevalue(which)
    pairs = I.same_tally(ds)
    for forecast, count in pairs:
        assert reference_period(forecast) == reference_period(count)
    drawn, _ = I.rate_chart_rows(ds, 6)
    if len(drawn):
        assert not set(drawn["id"]) & {str(f["id"]) for f, _ in pairs}
    if which == "seeds" and ds.has("inflow-ru-contracts-2023-putin"):  # the shipped pair, while it is there
        assert ("inflow-ru-contracts-2023-putin", "inflow-ru-contracts-2023-moscow") in \
            [(f["id"], c["id"]) for f, c in pairs]


def test_sign_ups_are_set_against_losses_only_for_the_same_period(seeds):
    """A year of sign-ups against a whole-war loss average is not like with like: no verb, and the
    chart title says the periods differ. A loss flow over the very period of the sign-ups is."""
    c = I.signups_against_losses(seeds)
    if c is None:
        pytest.skip("the selection has no sign-up rate and loss rate")
    last = signup_claims(seeds)
    last = last[last["id"].isin(c.signup.inputs)].iloc[-1]
    same = [r for r in rows_of(russian(seeds.losses)) if reference_period(r) == reference_period(last)]
    if not same:
        assert not c.like_with_like and c.verb is None
        assert "exceed" not in I.rate_chart_title(c) and "different periods" in I.rate_chart_title(c)
    # add a loss flow over the sign-ups' own period: now the two are compared, with a verb
    losses = seeds.losses
    base = losses[losses["measure"] == "killed_or_wounded"].iloc[[0]].copy()
    base["id"], base["basis"], base["qualifier"], base["kind"] = "t-flow", "flow", None, "estimate"
    base["period_start"], base["period_end"] = last["period_start"], last["period_end"]
    base["value"] = base["low"] = base["high"] = 120000.0
    both = _with(seeds, "losses", pd.concat([losses, base], ignore_index=True))
    c2 = I.signups_against_losses(both)
    assert c2.like_with_like and c2.verb in ("exceed", "fall short of", "roughly match")
    assert c2.loss.inputs == ("t-flow",)


# -- losses -------------------------------------------------------------------------------------
def _losses_invariants(ds):
    from manpower.notebook import chapter_losses as L
    from manpower.notebook.chapter import CHART_LIMIT

    counts, elsewhere = L.figures(ds)
    assert is_russian(counts).all() and not is_russian(elsewhere).any()
    assert not (counts["measure"] == L.SHARE).any()
    total_ids = set(totals(counts)["id"])
    fc = L.force_comparison(ds)
    if fc is not None:  # the share is applied only to the figure it was stated with, in its own report
        assert str(fc.share["id"]) in fc.force.inputs and len(fc.force.inputs) == 2
        assert not hasattr(fc, "others")
        assert fc.force.low is not None and fc.force.low < fc.force.value  # both inputs are rounded
    tc = L.totals_chart(counts, CHART_LIMIT)
    if tc is not None:
        assert set(tc.ids) <= total_ids and list(tc.data["id"]) == tc.ids
        assert (tc.data["unit"] == "people").all()  # a share or a rate never on the people axis
        drawable = L.in_people(counts[counts["measure"].isin(L.DRAWN)])
        assert tc.not_drawn == len(drawable) - len(totals(drawable))
    for _, rows, _ in L.over_time(counts):
        assert rows["measure"].nunique() == 1 and set(rows["id"]) <= total_ids
        series = (rows.groupby("claimant")["claim_date_end"].nunique() >= 2).any()
        assert ("not a trend" in L.over_time_title(rows, 0)) == (not series)
    why = L.comparability(counts)
    if why.deserted is not None:  # a desertion total in people, never a rate over some days or a share
        assert why.deserted["measure"] == "deserted" and why.deserted["unit"] == "people"
        assert why.deserted["id"] in set(totals(counts)["id"])


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_losses_selection_keeps_sides_totals_and_series_apart(which, request):
    _losses_invariants(request.getfixturevalue(which))


def test_one_point_per_claimant_is_not_called_a_trend():
    from manpower.notebook import chapter_losses as L

    rows = pd.DataFrame({"claimant": ["A", "B"], "claim_date_end": [pd.Timestamp("2023-11-30"), pd.Timestamp("2024-01-04")],
                         "measure": ["killed_or_wounded"] * 2})
    assert "not a trend" in L.over_time_title(rows, 0)
    more = pd.concat([rows, rows.assign(claimant="A", claim_date_end=pd.Timestamp("2024-03-01")).iloc[[0]]])
    assert "not a trend" not in L.over_time_title(more, 0)


from hypothesis import HealthCheck, given, settings  # noqa: E402

from test_generated_corpus import figure_spec, generated_project  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(figure_spec, min_size=3, max_size=9))
def test_losses_selection_on_generated_articles(specs, tmp_path_factory):
    """The same invariants on a corpus hypothesis writes (sides, kinds, flows mixed)."""
    _, result = generated_project(tmp_path_factory.mktemp("gen"), specs)
    _losses_invariants(result.dataset)
    c = I.signups_against_losses(result.dataset)
    if c is not None and not c.like_with_like:
        assert c.verb is None and "different periods" in I.rate_chart_title(c)


# -- foreign, conscription, balance ---------------------------------------------------------------
@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_each_decree_keeps_its_terms_and_a_horizon_is_derived(which, request):
    from manpower.notebook import chapter_foreign as FO

    ds = request.getfixturevalue(which)
    for event, _, rows in FO.terms_groups(ds):
        if event is not None:
            assert set(rows["event"].astype(str)) == {str(event["id"])}
        assert set(rows["aspect"]) <= set(FO.TERMS)
    for _, w in FO.warnings(ds).iterrows():
        h = FO.horizon(ds, w)
        assert h.start <= h.end and h.derived.inputs == (str(w["id"]),) and h.derived.formula
        if h.election is not None:
            assert h.start <= h.election["date_start"]


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_other_countries_windows_are_their_own(which, request):
    from manpower.notebook import chapter_conscription as C

    ds = request.getfixturevalue(which)
    for country, o in C.other_windows(ds):
        assert country != C.COUNTRY
        assert o["before"]["country"] == o["after"]["country"] == country


def test_the_break_even_share_is_a_derived_figure_with_its_inputs(seeds):
    from manpower.analysis import balance
    from manpower.notebook import chapter_balance as B

    proj = balance.project(seeds, 0.5, 0.25, None)
    if proj is None or proj.table.empty:
        pytest.skip("no what-if on this data")
    be = B.break_even(proj)
    assert be.unit == "percent" and be.value == round(100 * proj.break_even_realism)
    assert set(be.inputs) == set(B.inputs(proj)) and "÷ claimed sign-ups" in be.formula
    assert B.grid_size() == len(balance.GRID["signup_realism"]) * len(balance.GRID["wounded_return_share"]) \
        * len(balance.GRID["desertion_position"]) * len(balance.GRID["wounded_per_killed"])
    assert B.signed(-12345) == "−12,000" and B.signed(61000) == "+61,000"


def test_the_invented_article_of_every_kind_reads_right(corpus):
    """The fixture article with a Ukrainian figure, a floor without a qualifier word, a five-month
    flow, a breakdown with its total, a 95 % interval, a per-day rate and a fraction: the interval
    keeps its central value and states its range once; the fraction is never drawn on the people
    axis of the totals chart."""
    from manpower.notebook import chapter_losses as L
    from manpower.writing import wording as W
    from manpower.notebook.chapter import CHART_LIMIT

    for _, r in corpus.losses[corpus.losses["kind"] == "interval"].iterrows():
        text = W.figure(r)
        if pd.notna(r["value"]) and pd.notna(r["low"]) and pd.notna(r["high"]):
            assert f"{r['value']:,.0f}" in text and text.count(f"{r['low']:,.0f}") == 1, text
    counts, _ = L.figures(corpus)
    shares = set(counts[counts["unit"].astype(str) != "people"]["id"])
    tc = L.totals_chart(counts, CHART_LIMIT)
    assert tc is not None and not set(tc.ids) & shares
    if corpus.has("fx-harrow-interval"):
        assert W.figure(corpus.row("fx-harrow-interval")) == "70,000 (95% interval 61,000–79,000)"
        assert "fx-harrow-third" in shares


def test_a_desertion_rate_is_not_the_chapter_s_desertion_figure(corpus):
    """The fixture's "at least 40 a day on the worst days of November" is listed as a rate; the
    closing paragraph keeps a desertion total, and calls only a vague figure an order of magnitude."""
    from manpower.notebook import chapter_losses as L
    from manpower.vocabulary.numbers import VAGUE

    counts, _ = L.figures(corpus)
    why = L.comparability(counts)
    rates = counts[(counts["measure"] == "deserted") & (counts["unit"].astype(str) != "people")]
    if why.deserted is not None:
        assert why.deserted["id"] not in set(rates["id"])
    for _, r in counts.iterrows():
        assert L.order_of_magnitude(r) == (str(r["qualifier"]).strip().lower() in VAGUE)
    if corpus.has("fx-harrow-per-day"):
        assert not L.order_of_magnitude(corpus.row("fx-harrow-per-day"))


def test_the_what_if_takes_a_desertion_total_before_a_peak_rate(corpus):
    """With a desertion total since the invasion and a per-day rate for some days (the fixture's
    "worst days of November"), the what-if's desertion comes from the total."""
    from manpower.analysis import balance

    d = balance.desertion_rate(corpus)
    rows = russian(corpus.losses)
    rows = rows[rows["measure"] == "deserted"]
    whole = totals(rows[rows["unit"].astype(str) == "people"])
    if d is not None and len(whole):
        assert set(d.inputs) <= set(whole["id"])
