"""Findings: like with like (exact-day rates, bounds-based gaps), kinds, disputes and caps.

Synthetic frames carry the figure model's columns (kind, bounds, basis, side, part_of) where a
test needs them, and omit them where the fallback is under test."""
import math
import re

import pandas as pd
import pytest

from manpower.analysis.comparisons import bounds, bounds_frame, compare, disputes, gap, highest, quantity_key, quantity_keys, spread
from manpower.analysis.figures import age_window, window_pair
from manpower.analysis.listing import cap_keeping_conflicts
from manpower.analysis.rates import DAYS_PER_MONTH, per_month, period_days, reference_period
from manpower.analysis.rows import totals
from manpower.writing.wording import span_in_words
from manpower.writing import wording as W
from manpower.writing.disputes import DISPUTE_GROUPS, DISPUTE_ROWS, dispute_caption, dispute_rows

nan = float("nan")
T = pd.Timestamp


def row(**kw):
    base = {"id": "x", "source_id": "s", "claimant": "C", "claimant_type": "western_government", "value": nan,
            "low": nan, "high": nan, "qualifier": nan, "unit": "people", "quote": "q",
            "claim_date_start": T("2023-11-01"), "claim_date_end": T("2023-11-30"), "claim_date_precision": "month",
            "period_start": T("2022-02-01"), "period_end": T("2023-11-30")}
    base.update(kw)
    return pd.Series(base)


def test_a_cumulative_period_starts_on_the_day_of_the_invasion_and_ends_within_its_month():
    start, lo, hi = reference_period(row(value=302000.0))
    assert start == T("2022-02-24") and lo == T("2023-11-01") and hi == T("2023-11-30")
    assert period_days(row(value=302000.0)) == (616, 645)


def test_a_rate_comes_from_exact_days_and_is_a_range_when_the_end_is():
    d = per_month(row(value=302000.0, low=286900.0, high=317100.0, qualifier="approximately"))
    assert d.low == round(286900 / (645 / DAYS_PER_MONTH), -2)
    assert d.high == round(317100 / (616 / DAYS_PER_MONTH), -2)
    assert d.low < d.value < d.high and "616 to 645 days" in d.formula and d.basis
    # the whole-month count this replaced (24 months) understates: exact days give more a month
    us = row(value=315000.0, low=315000.0, high=315000.0, period_end=T("2024-01-04"),
             claim_date_start=T("2023-11-01"), claim_date_end=T("2024-01-04"))
    assert per_month(us).low > 315000 / 24


def test_a_flow_over_a_year_is_the_whole_year():
    r = row(value=486000.0, basis="flow", period_start=T("2023-01-01"), period_end=T("2023-12-31"),
            claim_date_start=T("2023-01-01"), claim_date_end=T("2024-01-04"))
    assert period_days(r) == (365, 365)
    assert per_month(r).value == round(486000 / (365 / DAYS_PER_MONTH), -2)


def test_agree_and_differ_follow_the_bounds_the_qualifiers_imply():
    putin = row(id="a", value=500000.0, low=475000.0, high=500000.0, qualifier="just under")
    moscow = row(id="b", value=486000.0, low=486000.0, high=486000.0)
    c = compare(putin, moscow)
    assert (c["gap_low"], c["gap_high"], c["verdict"]) == (0.0, 14000.0, "agree")
    far = row(id="c", value=300000.0, low=300000.0, high=300000.0)
    assert compare(putin, far)["verdict"] == "differ" and compare(putin, far)["gap_low"] == 175000
    floor = row(id="d", value=100.0, low=100.0, qualifier="at least")
    assert compare(floor, far)["verdict"] == "agree" and math.isinf(compare(floor, far)["gap_high"])


def test_highest_is_taken_over_the_bands_drawn():
    df = pd.DataFrame([row(value=302000.0, low=286900.0, high=317100.0), row(value=315000.0, low=315000.0, high=315000.0)])
    assert highest(df) == 317100


@pytest.mark.parametrize("kw, kind", [
    ({"kind": "interval", "level": 95.0}, "interval"),
    ({"quote": "there will be just under half a million men by the end of this year", "claimant_type": "russian_official",
      "qualifier": "just under"}, "forecast"),
    ({"quote": "Kyiv is set to review mobilising up to 500,000", "qualifier": "up to"}, "forecast"),
    ({"qualifier": "at least", "claimant_type": "outlet"}, "floor"),
    ({"claimant_type": "russian_official", "measure": nan}, "count"),
    ({"measure": "killed_or_wounded"}, "estimate"),
])
def test_kinds_from_the_model_or_inferred(kw, kind):
    assert W.kind_of(row(value=1000.0, **kw)) == kind


def test_kinds_carry_their_verbs_and_conventions_are_our_reading():
    f = row(value=500000.0, low=475000.0, high=500000.0, qualifier="just under", kind="forecast", channel="contract_signups")
    assert W.claim(f, "Putin").startswith("Putin expects just under 500,000")
    assert "our reading of “just under”" in W.figure(f) and "forecast" in W.measure(f)
    assert "signed" not in W.measure(f)
    stated = row(low=18.0, high=30.0, qualifier="to", unit="age_years")
    assert W.bounds_of(stated) == "stated" and "our reading" not in W.figure(stated)
    named = row(value=3000.0, kind="floor", bounds="")
    assert W.figure(named) == "at least 3,000"
    ci = row(low=10000.0, high=20000.0, kind="interval", level=95.0, bounds="stated", qualifier="between")
    assert W.figure(ci) == "10,000 to 20,000 (95% interval)"
    # an interval with its central value keeps both, and the level
    ci = row(low=10000.0, high=20000.0, value=15000.0, kind="interval", level=95.0, bounds="stated")
    assert W.figure(ci) == "15,000 (95% interval 10,000–20,000)"


def test_said_is_the_claim_date_and_period_the_period():
    r = row(value=1.0, claim_date_start=T("2023-12-14"), claim_date_end=T("2023-12-14"), claim_date_precision="day")
    assert W.said(r) == "said on 14 December 2023"
    assert W.period(r) == "since the invasion (February 2022) to November 2023"  # as the sources date it (issue 19)


def test_disputes_group_one_quantity_and_leave_parts_out():
    df = pd.DataFrame([
        row(id="gov", aspect="recruited", subject="Nepal", value=200.0, low=200.0, high=200.0, claimant="Government"),
        row(id="press", aspect="recruited", subject="Nepal", low=1000.0, high=9999.0, qualifier="thousands", claimant="Press"),
        row(id="other", aspect="recruited", subject="Cuba", value=50.0, low=50.0, high=50.0),
        row(id="part", aspect="recruited", subject="Nepal", value=20.0, low=20.0, high=20.0, part_of="gov"),
    ])
    groups = disputes(df)
    assert [sorted(g["id"]) for g in groups] == [["gov", "press"]]
    assert spread(groups[0]) == (200.0, 9999.0)


def test_a_cap_never_hides_a_conflicting_claim():
    rows = [row(id=f"r{i}", subject="Nepal", aspect="recruited", value=1000.0, low=950.0, high=1050.0, qualifier="about",
                claim_date_end=T("2023-01-01") + pd.Timedelta(days=i)) for i in range(5)]
    rows.insert(0, row(id="old", subject="Nepal", aspect="recruited", value=200.0, low=200.0, high=200.0,
                       claim_date_end=T("2022-06-01")))
    shown, more = cap_keeping_conflicts(pd.DataFrame(rows), 2)
    assert "old" in set(shown["id"]) and more == 3


def test_a_span_of_figures_keeps_each_qualifier():
    figs = pd.DataFrame([{"value": 315000, "low": 315000, "high": 315000, "qualifier": None, "unit": "people"},
                         {"value": 302000, "low": 286900, "high": 317100, "qualifier": "approximately", "unit": "people"}])
    assert span_in_words(figs) == "approximately 302,000 to 315,000"
    assert span_in_words(figs.iloc[:1]) == "315,000"
    assert span_in_words(figs.iloc[:0]) is None


def _caps_one_by_one(df, limit, extra=None):
    """cap_keeping_conflicts written row by row with compare(): the reference the frame-wide
    version must match."""
    extra = limit if extra is None else extra
    df = df.sort_values("claim_date_end", kind="stable")
    shown = df.tail(limit)
    rest = df.drop(shown.index)
    found = []
    for i, r in rest.iterrows():
        gaps = [compare(r, s)["gap_low"] for _, s in shown.iterrows() if quantity_key(s) == quantity_key(r)]
        gaps = [g for g in gaps if g > 0]
        if gaps:
            found.append((max(gaps), i))
    keep = [i for _, i in sorted(found, key=lambda x: -x[0])[:extra]]
    order = {i: n for n, i in enumerate(df.index)}
    return df.loc[sorted(set(shown.index) | set(keep), key=order.__getitem__)]


@pytest.mark.parametrize("seed", range(6))
def test_frame_wide_bounds_keys_and_caps_match_the_row_by_row_rules(tmp_path, seed):
    from manpower.curated.data import load
    from manpower.curated.synthetic import generate

    generate(tmp_path, 8, 300, seed=seed)
    ds = load(tmp_path / "data", tmp_path / "seeds", cache_dir=tmp_path / "cache")
    for name in ("losses", "inflows", "foreign"):
        df = ds.tables[name]
        lows, highs = bounds_frame(df)
        assert list(zip(lows, highs)) == [bounds(r) for _, r in df.iterrows()]
        assert quantity_keys(df) == [quantity_key(r) for _, r in df.iterrows()]
        for limit, extra in ((3, None), (5, 2), (1, 40)):
            shown, more = cap_keeping_conflicts(df, limit, extra)
            expected = _caps_one_by_one(df, limit, extra)
            assert list(shown["id"]) == list(expected["id"]) and more == len(df) - len(expected)


@pytest.mark.parametrize("n", [2, DISPUTE_ROWS, DISPUTE_ROWS + 1, 3 * DISPUTE_ROWS])
def test_a_dispute_caption_says_every_figure_only_when_the_table_holds_them_all(n):
    group = pd.DataFrame([row(id=f"r{i}", value=1000.0 + i, low=1000.0 + i, high=1000.0 + i,
                              claim_date_end=T("2023-01-01") + pd.Timedelta(days=i)) for i in range(n)])
    shown = len(dispute_rows(group))
    caption = dispute_caption("Russian troops killed", group)
    assert shown == min(n, DISPUTE_ROWS)
    if shown == n:
        assert caption == "Every figure for Russian troops killed, side by side"
    else:
        assert caption.startswith(f"{shown} of {n} figures for Russian troops killed") and "Every" not in caption


def test_a_floor_by_method_is_open_in_bounds_spreads_and_rates():
    """A count of named dead (kind floor, no qualifier word) is at least its value: its bounds,
    a spread over it and its monthly rate are open above, never a range that ends at the value."""
    from manpower.writing.narrative import derived_words

    named = row(id="n", value=2000.0, kind="floor")
    assert bounds(named) == (2000.0, math.inf)
    group = pd.DataFrame([named, row(id="e", value=1900.0, kind="count")])
    assert spread(group) == (1900.0, math.inf)
    assert bounds_frame(group) == ([2000.0, 1900.0], [math.inf, 1900.0])
    d = per_month(named, "killed")
    assert d.kind == "floor" and d.high is None and d.low == d.value
    assert derived_words(d).startswith("at least ") and "range" not in derived_words(d)
    ceiling = per_month(row(id="c", value=5000.0, kind="ceiling"))
    assert ceiling.kind == "ceiling" and ceiling.low is None and derived_words(ceiling).startswith("at most ")


def test_no_figure_prints_a_missing_number_or_half_a_person():
    from manpower.writing.narrative import fmt_figure, fmt_number

    assert W.figure(row(low=40000.0, high=55000.0, kind="estimate", bounds="stated")) == "40,000 to 55,000"
    assert W.figure(row(low=5000.0, high=6000.0, qualifier="around", kind="estimate", bounds="stated")) == "around 5,000 to 6,000"
    assert fmt_figure(row(low=300.0, kind="floor", bounds="stated")) == "at least 300"
    assert fmt_number(316169.5, "people") == "316,170" and "." not in fmt_number(349450.5, None)
    assert fmt_number(None, "people") != "n/a" and fmt_number(float("nan"), "people") != "nan"
    assert fmt_number(2000.0, "usd_per_month") == "2,000 US dollars a month"
    median = row(value=332810.0, low=316169.5, high=349450.5, qualifier="about", kind="estimate", bounds="convention")
    assert not re.search(r"\d\.5", W.figure(median)), W.figure(median)
    # a stated interval around a value is the source's, with its level: never "read as" our reading
    ci = row(value=47000.0, low=40000.0, high=55000.0, qualifier="roughly", kind="interval", level=95.0, bounds="stated")
    assert fmt_figure(ci, bounds=True) == "roughly 47,000 (95% interval 40,000–55,000)"
    assert W.figure(row(value=40000.0, low=40000.0, qualifier="surpassed", kind="floor", bounds="convention"),
                    reading=False).startswith("at least 40,000")


def test_a_gap_to_an_open_figure_is_open_and_never_prints_infinity():
    floor = row(id="a", value=2000.0, kind="floor")
    exact = row(id="b", value=1000.0, kind="count")
    g = gap(floor, exact)
    assert g.high is None and g.kind == "floor" and "inf" not in g.formula and "2,000 or more" in g.formula


def test_flows_and_parts_are_never_set_against_totals():
    """A five-month flow and a force's part of a total are not rival totals: they form no dispute
    with the totals, and neither is the 'latest loss' nor set against the pre-war force."""
    total = row(id="t", value=200000.0, basis="cumulative", measure="killed_or_wounded", side="russian")
    flow = row(id="f", value=60000.0, basis="flow", measure="killed_or_wounded", side="russian",
               period_start=T("2023-11-01"), claim_date_end=T("2023-12-31"))
    part = row(id="p", value=150000.0, basis="cumulative", measure="killed_or_wounded", side="russian", part_of="t",
               claim_date_end=T("2023-12-31"))
    other = row(id="o", value=210000.0, basis="cumulative", measure="killed_or_wounded", side="russian",
                claimant="D", claim_date_end=T("2023-10-31"))
    df = pd.DataFrame([total, flow, part, other])
    groups = disputes(df)
    assert [sorted(g["id"]) for g in groups] == [["o", "t"]]
    assert list(totals(df)["id"]) == ["t", "o"]
    assert quantity_key(flow) != quantity_key(total)


def test_a_capped_dispute_section_still_gives_every_disputed_quantity_its_spread():
    """Beyond the tables a chapter sets out, each other disputed quantity gets a line with its
    figures' count, claimants and spread: no cap hides a conflicting claim."""
    from manpower.notebook.chapter import Chapter
    from manpower.writing.narrative import Narrator

    rows = []
    for n, m in enumerate(["killed", "wounded", "captured", "missing", "deserted"]):
        rows += [row(id=f"{m}-a", measure=m, value=1000.0 * (n + 1), claimant="A", basis="cumulative",
                     claim_date_end=T(f"2023-0{n + 1}-28")),
                 row(id=f"{m}-b", measure=m, value=75000.0 * (n + 1), claimant="B", basis="cumulative",
                     claim_date_end=T(f"2023-0{n + 1}-28"))]
    said = []

    class Fake:
        narrator = Narrator(None)
        say = staticmethod(said.append)

    shown = Chapter.disputed(Fake(), pd.DataFrame(rows))
    assert len(shown) == DISPUTE_GROUPS
    text = "\n".join(said)
    measures = ["killed", "wounded", "captured", "missing", "deserted"]
    hidden = [m for m in measures if m not in {g.iloc[0]["measure"] for g in shown}]
    assert len(hidden) == 2
    for m in hidden:
        n = measures.index(m) + 1
        line = next(l for l in text.splitlines() if l.startswith(f"- **{m}**"))
        assert "two figures from A, B" in line and f"spread {1000 * n:,} to {75000 * n:,}" in line, line


def test_an_age_window_is_paired_only_within_one_source_chain(corpus):
    """The fixture corpus holds Russia's 2023 pair (one article) and a later article whose
    claimant gives only the window after its own change: that "after" is never set against the
    other claimant's "before" ("aged at most 30 ... up from 18 to 27")."""
    w = age_window(corpus, "Russia")
    assert w is not None
    b, a = w["before"], w["after"]
    assert b["source_id"] == a["source_id"] or b["claimant"] == a["claimant"]


def test_window_pair_needs_one_claimant_on_generated_windows():
    """A lone "after" of one claimant and a lone "before" of another give no pair; each claimant's
    own pair is found, the latest after first."""
    def w(i, regime, claimant, src, when):
        return {"id": i, "regime": regime, "claimant": claimant, "source_id": src, "claim_date_end": T(when)}
    lone = pd.DataFrame([w("b", "before", "A", "s1", "2023-07-01"), w("a", "after", "B", "s2", "2024-07-01")])
    assert window_pair(lone) is None
    both = pd.DataFrame([w("b1", "before", "A", "s1", "2023-07-01"), w("a1", "after", "A", "s1", "2023-07-01"),
                         w("a2", "after", "B", "s2", "2024-07-01")])
    b, a = window_pair(both)
    assert (b["id"], a["id"]) == ("b1", "a1")
