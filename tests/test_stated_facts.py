"""The report states only what the sources state (issue #19): a share applies to its own figure
only; a rate a month needs a period the source gives; a proposal reads as a proposal; counts of
things read as words. Checked on the seeds, the fixture corpus and rows changed here."""
from __future__ import annotations

import pandas as pd
import pytest

from chapter_text import chapter_texts
from manpower.analysis import balance
from manpower.notebook import chapter_losses as L
from manpower.analysis.figures import implied_prewar_force, rounding_step
from manpower.analysis.rates import per_month, period_stated
from manpower.analysis.rows import russian, totals
from manpower.writing import wording as W
from manpower.writing.disputes import dispute_heading
from manpower.curated.data import Dataset, load
from manpower.analysis.formats import count_words, number_word
from project import build_project


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def report(request, tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp(request.param) / "proj", fixtures=request.param == "corpus")
    texts = chapter_texts(root, {}, tmp_path_factory.mktemp("charts"))
    return load(root / "data", root / "seeds"), texts


def _with(ds, table: str, df: pd.DataFrame):
    return Dataset(ds.sources, {**ds.tables, table: df}, ds.seeds, ds.data_dir, ds.seeds_dir)


# -- one claimant's share, one claimant's figure ---------------------------------------------------
def test_a_share_is_applied_only_to_the_figure_it_was_stated_with(report):
    ds, texts = report
    fc = L.force_comparison(ds)
    if fc is None:
        pytest.skip("no share of the pre-war force in this data")
    rows = [ds.row(i) for i in fc.force.inputs]
    assert len({str(r["source_id"]) for r in rows}) == 1 and len({str(r["claimant"]) for r in rows}) == 1
    assert "others" not in fc.__dataclass_fields__  # nothing else is carried to set against the force
    assert "Set against that base" not in texts["losses"]
    assert "not Russia's whole armed forces" not in texts["losses"] + texts["summary"]  # not in any seed


def test_the_implied_force_range_holds_every_reading_of_its_two_rounded_inputs(report):
    ds, _ = report
    force = implied_prewar_force(ds)
    if force is None:
        pytest.skip("no share of the pre-war force in this data")
    loss, share = (ds.row(i) for i in force.inputs)
    v, s = float(loss["value"]), float(share["value"])
    hv, hs = rounding_step(v) / 2, rounding_step(s) / 2
    assert force.low is not None and force.high is not None
    for lv in (v - hv, v + hv):
        for ls in (s - hs, s + hs):
            assert force.low - 500 <= lv / (ls / 100) <= force.high + 500, (lv, ls, force)
    assert "rounding" in force.formula


@pytest.mark.parametrize("x, step", [(315_000, 1000), (90, 10), (302_000, 1000), (486_000, 1000), (7, 1),
                                     (2.5, 0.1), (1_100, 100), (120, 10)])
def test_a_stated_number_s_rounding_step_is_its_last_non_zero_digit(x, step):
    assert rounding_step(x) == pytest.approx(step)


# -- a rate a month needs a stated period -----------------------------------------------------------
def _unstated(ds) -> pd.DataFrame:
    """Every Russian killed-or-wounded or deserted total in people, its period words made the
    curator's (in parentheses): the source then states no period."""
    rows = totals(russian(ds.losses))
    rows = rows[(rows["unit"].astype(str) == "people") & rows["measure"].isin(["killed_or_wounded", "deserted"])]
    return rows.assign(period_words="(the curator's reading; no period stated)")


def test_no_rate_a_month_from_a_figure_whose_source_states_no_period(report):
    ds, _ = report
    rows = _unstated(ds)
    assert len(rows), "the shipped seeds hold loss totals"
    for _, r in rows.iterrows():
        assert not period_stated(r)
        assert per_month(r, "deserted") is None
        assumed = per_month(r, "deserted", assume_period=True)
        if assumed is not None:  # a scenario may spread it, but only as an assumption
            assert assumed.assumed and "assumption" in assumed.basis
        assert W.period_short(r) == W.NO_PERIOD and W.period(r) == ""
        assert "since the invasion" not in W.period_short(r) and "counted" not in W.dating(r)
    stated = rows.assign(period_words="since the war began")
    for _, r in stated.iterrows():
        d = per_month(r, "deserted")
        assert d is None or not d.assumed


def test_the_what_if_labels_a_desertion_rate_from_no_stated_period_an_assumption(report):
    ds, texts = report
    r = balance.rates(ds)
    if r is None or r.desertion is None:
        pytest.skip("no what-if desertion rate in this data")
    row = next(line for line in texts["balance"].splitlines() if line.startswith("| Range of desertion a month"))
    if r.desertion.assumed:
        assert "| Assumption: " in row and "Information" not in row, row
        assert "an assumption: the curated total's source states no period" in texts["balance"]
    else:
        assert "| Information: " in row, row
    for i in r.desertion.inputs:  # assumed exactly when its figure states no period
        assert r.desertion.assumed == (not period_stated(ds.row(i)))


def test_a_desertion_total_with_no_period_makes_an_assumed_rate(report):
    ds, _ = report
    d = russian(ds.losses)
    d = d[(d["measure"] == "deserted") & (d["unit"].astype(str) == "people")]
    if d.empty:
        pytest.skip("no desertion total")
    others = ds.losses[~ds.losses["id"].isin(d["id"])]
    changed = _with(ds, "losses", pd.concat([others, d.assign(period_words="(no period stated)")]))
    rate = balance.desertion_rate(changed)
    assert rate is not None and rate.assumed


# -- what the source says, in its own terms ----------------------------------------------------------
def _row(**cells) -> pd.Series:
    base = {"id": "x", "channel": "planned_mobilisation", "unit": "people", "kind": "target", "qualifier": "up to",
            "hedge": "set to", "value": 500000.0, "low": None, "high": 500000.0}
    return pd.Series({**base, **cells})


def test_a_figure_under_review_reads_as_a_proposal_not_a_plan_or_a_target():
    review = _row(quote="The government is set to review mobilising up to 500,000 extra troops.")
    words = W.measure(review)
    assert "proposal under review" in words and "(planned)" not in words and "(target)" not in words
    assert W.kind_label(review) == "proposal (under review)"
    weighs = _row(quote="Ministers are considering a call-up of up to 500,000.", kind="forecast")
    assert "under consideration" in W.measure(weighs)
    plan = _row(quote="The government plans to mobilise up to 500,000 extra troops.")
    assert W.proposal_status(plan) == "" and "proposal" not in W.measure(plan) and W.kind_label(plan) == "target"


def test_contract_sign_ups_are_worded_as_the_seeds_word_them():
    """The rule: 'signed up' (both the seeds' "voluntarily signed up" and "signing contracts"
    read so), never "signed military contracts", which no seed says."""
    row = pd.Series({"channel": "contract_signups", "unit": "people", "kind": "count", "quote": "486,000 signed up"})
    assert W.measure(row) == "signed up"


# -- counts in words --------------------------------------------------------------------------------
@pytest.mark.parametrize("n, text", [(1, "one figure"), (2, "two figures"), (9, "nine figures"), (10, "10 figures"),
                                     (1204, "1,204 figures"), (0, "no figures")])
def test_small_counts_are_words_and_the_noun_agrees(n, text):
    assert count_words(n, "figure") == text
    assert number_word(3) == "three"


def test_a_dispute_heading_has_no_brackets_in_brackets():
    group = pd.DataFrame({"id": ["a", "b"]})
    heading = dispute_heading(group, "killed or wounded (military personnel)")
    assert heading == "Two figures for one quantity — killed or wounded (military personnel)."
    depth = 0
    for ch in heading:
        depth += ch == "("
        assert depth <= 1
        depth -= ch == ")"


def test_the_summary_and_the_losses_chapter_count_the_same_loss_figures(report):
    ds, texts = report
    counts, _ = L.figures(ds)
    if counts.empty:
        pytest.skip("no loss figures")
    tally = L.tally(counts)
    assert tally in texts["losses"] and tally in texts["summary"]
    assert "estimates' rates" not in " ".join(texts.values()).replace("both estimates' rates", "")


def test_a_target_s_figure_says_what_it_is_a_figure_of(report):
    """Reuters' multiple of the average salary is an incentive for its scope, never a bare multiple."""
    from manpower.notebook import chapter_foreign as FO

    ds, texts = report
    rows = FO.targets(ds)
    rows = rows[rows["unit"].notna()]
    if rows.empty:
        pytest.skip("no target with a figure")

    class Plain:
        def figure(self, r):
            return W.figure(r)

    for _, r in rows.iterrows():
        words = FO.target_figure(Plain(), r)
        if r["aspect"] == "migrant_pool":  # a pool is people, an estimate, not recruits (review 1, item 19)
            assert words.startswith(W.figure(r)) and "potential recruits" in words and W.kind_label(r) in words
            assert "a pool of recruits" not in texts["foreign"]
            assert words.removeprefix(W.figure(r)) in texts["foreign"]
        else:
            assert words.endswith(": " + W.figure(r)) and not words.startswith(W.figure(r))
            assert f"— {words.split(':')[0]}" in texts["foreign"]
        scope = r.get("scope")
        if scope is not None and not pd.isna(scope) and str(scope).strip():
            assert str(scope).strip() in words


def test_the_two_appendices_say_what_each_counts(report):
    """Appendix A counts the rows in the selection, Appendix C those printed or charted: each
    says which, so 'n of n are used' and 'm of n are used' never stand side by side."""
    from manpower.report.appendix import figures_used, methodology

    ds, _ = report
    a = methodology(ds, ds, None)
    c = str(figures_used(ds, chapters=None))
    assert "are used" not in a and "This selection holds" in a and "print, quote or chart" in a
    assert "are used" not in c and "printed, quoted or charted" in c


def test_an_indicator_calls_a_figure_under_review_a_proposal(report):
    from manpower.writing.watch import indicators

    ds, _ = report
    ids = {i for df in ds.tables.values() if "quote" in df.columns
           for _, r in df.iterrows() if W.proposal_status(r) for i in [r["id"]]}
    if not ids:
        pytest.skip("no figure under review")
    for ind in indicators(ds):
        if set(ind.ids) & ids:
            assert "proposal" in ind.what and "target of" not in ind.what and "forecast of" not in ind.what, ind.what
