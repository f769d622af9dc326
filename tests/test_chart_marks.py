"""Charts draw only what the data state, and their notes describe only what is drawn (issue 19):
a vague figure has no dot, a claim dated only within an interval is a span (never a point at an
invented date), the top mark is not cut; dates and labels read as the sources date them; the
what-if's monthly and total agree and the parameters are not a duplicate of a named scenario."""
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from manpower.notebook import charts  # noqa: E402
from manpower.notebook.overtimechart import claims_note, claims_on_dates, estimates_over_time, over_time_note  # noqa: E402
from manpower.notebook.rangechart import range_chart, range_note  # noqa: E402
from manpower.notebook.chapter_balance import OWN, same_as, scenario_caption, scenario_table  # noqa: E402
from manpower.notebook.chapter_conscription import window_labels  # noqa: E402
from manpower.notebook.chapter_foreign import TargetChart, target_title  # noqa: E402
from manpower.analysis.formats import INVASION  # noqa: E402
from manpower.analysis.formats import fmt_date  # noqa: E402
from manpower.writing.wording import said, short_period  # noqa: E402
from manpower.analysis import balance  # noqa: E402


def _points(ax):
    """(x, y) of every point marker drawn (each vertex of a Line2D with a dot, caret … marker;
    the end ticks "|" of a span are not point marks)."""
    out = []
    for ln in ax.get_lines():
        if ln.get_marker() not in (None, "None", "", " ", "|"):
            out.extend(zip(ln.get_xdata(), ln.get_ydata()))
    return out


# -- 1: a vague figure is its range, not a dot ----------------------------------------------------
def test_a_vague_figure_is_drawn_as_its_range_without_a_dot_and_the_note_says_so():
    data = pd.DataFrame({"label": ["A", "B"], "value": [300_000.0, float("nan")], "low": [float("nan"), 20_000.0],
                         "high": [float("nan"), 90_000.0], "qualifier": ["", "tens of thousands"]})
    fig, ax = charts.new_chart()
    marks = range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    ys = [y for _, y in _points(ax)]
    assert 1 not in ys  # no mark at the vague row's invented middle
    assert 0 in ys
    note = range_note(marks)
    assert "Dots" in note and "vague" in note


def test_the_note_of_a_chart_without_dots_does_not_describe_dots():
    data = pd.DataFrame({"label": ["B"], "value": [float("nan")], "low": [20_000.0], "high": [90_000.0],
                         "qualifier": ["tens of thousands"]})
    fig, ax = charts.new_chart()
    marks = range_chart(ax, data, label="label", value="value", low="low", high="high", qualifier="qualifier")
    assert _points(ax) == []
    assert "Dot" not in range_note(marks)


# -- 2: over time: interval-dated claims are spans, headroom, note from the marks ------------------
def _over_time_rows():
    return pd.DataFrame({
        "id": ["a", "b", "c"], "claimant": ["X", "X", "Y"], "measure": ["killed"] * 3,
        "claim_date_start": pd.to_datetime(["2023-06-01", "2023-11-14", INVASION]),
        "claim_date_end": pd.to_datetime(["2023-06-01", "2023-11-14", "2024-01-04"]),
        "claim_date_precision": ["day", "day", "interval"],
        "value": [200_000.0, 300_000.0, 250_000.0], "low": [float("nan")] * 3, "high": [float("nan")] * 3,
        "bounds": ["stated"] * 3, "kind": ["estimate"] * 3})


def test_a_claim_dated_only_within_an_interval_is_a_span_not_a_point():
    rows = _over_time_rows()
    fig, ax = charts.new_chart()
    estimates_over_time(ax, rows)
    assert 250_000.0 not in [y for _, y in _points(ax)]
    spans = [ln for ln in ax.get_lines() if list(ln.get_ydata()) == [250_000.0, 250_000.0]]
    assert spans
    xs = spans[0].get_xdata()
    assert pd.Timestamp(xs[0]) == INVASION and pd.Timestamp(xs[1]) == pd.Timestamp("2024-01-04")


def test_the_top_mark_has_headroom():
    rows = _over_time_rows()
    fig, ax = charts.new_chart()
    estimates_over_time(ax, rows)
    ax.set_ylim(bottom=0)  # as the chapter does
    assert ax.get_ylim()[1] >= 300_000 * 1.08


def test_the_over_time_note_describes_only_the_marks_drawn():
    rows = _over_time_rows()
    note = over_time_note(rows, joined=True)
    assert "solid" not in note and "dashed" not in note  # no range is drawn
    assert "interval" in note and "Dots" in note
    with_range = rows.assign(low=[180_000.0, float("nan"), float("nan")], high=[220_000.0, float("nan"), float("nan")])
    assert "solid" in over_time_note(with_range, joined=True)
    dated = rows[rows["claim_date_precision"] == "day"]
    assert "interval" not in over_time_note(dated, joined=True)


# -- 3: foreign targets: no midpoint dot, title from what is drawn ---------------------------------
def _targets(aspects):
    n = len(aspects)
    data = pd.DataFrame({"id": [f"t{i}" for i in range(n)], "subject": [f"S{i}" for i in range(n)],
                         "claimant": ["X"] * n, "aspect": aspects,
                         "said_start": pd.to_datetime([INVASION] + ["2024-01-04"] * (n - 1)),
                         "said_end": pd.to_datetime(["2024-01-04"] * n), "precision": ["interval"] + ["day"] * (n - 1)})
    drawn = data.assign(y=range(n))
    return TargetChart(data, list(data["subject"]), [("X", drawn)], data["said_start"].min(), data["said_end"].max())


def test_an_undated_target_claim_is_a_bar_over_its_interval_without_a_dot():
    tg = _targets(["target_country", "target_country"])
    fig, ax = charts.new_chart()
    marks = claims_on_dates(ax, tg.by_claimant, ["#000000"])
    assert [y for _, y in _points(ax)] == [1]  # only the day-dated claim is a dot
    assert marks == {"day", "interval"}
    assert "Bar" in claims_note(marks)
    assert "Bar" not in claims_note({"day"})


def test_the_targets_title_says_abroad_only_when_every_subject_is_a_country():
    assert "abroad" in target_title(_targets(["target_country", "target_country"]))
    mixed = target_title(_targets(["target_country", "migrant_pool"]))
    assert "abroad" not in mixed and "groups" in mixed


# -- 4: short period labels date the invasion to its month ----------------------------------------
def test_a_period_opening_on_the_invasion_is_labelled_by_its_month():
    row = {"period_start": INVASION, "period_end": pd.Timestamp("2023-11-30"), "basis": "cumulative",
           "claim_date_start": pd.Timestamp("2023-11-14"), "claim_date_end": pd.Timestamp("2023-11-14")}
    label = short_period(row)
    assert label.startswith("Feb 2022") and f"{INVASION.day} Feb" not in label
    other = {**row, "period_start": pd.Timestamp("2023-03-15"), "basis": "flow"}
    assert short_period(other).startswith("15 Mar 2023")


def test_a_total_whose_source_states_no_period_is_labelled_so():
    """'Tens of thousands have deserted': the curator's dates (in brackets) are no period the
    source states, so the chart label says so instead of drawing the curator's span as the source's."""
    row = {"period_start": INVASION, "period_end": pd.Timestamp("2023-11-30"), "basis": "cumulative",
           "period_words": "(since the invasion; the source states no period)",
           "claim_date_start": pd.Timestamp("2023-11-14"), "claim_date_end": pd.Timestamp("2023-11-14")}
    assert short_period(row) == "period not stated"
    assert short_period({**row, "period_words": "since the invasion"}).startswith("Feb 2022")


def test_a_chart_title_counts_small_numbers_in_words():
    from manpower.notebook.chapter_losses import over_time_title

    rows = _over_time_rows().assign(claimant=["X", "Y", "Z"])
    assert over_time_title(rows, 0).startswith("Three estimates of Russian troops")
    assert over_time_title(rows, 9).startswith("12 estimates")


# -- 5: the old conscription window is not dated by the change ------------------------------------
def test_the_before_window_has_no_date_and_the_after_window_the_changes_dates():
    after = {"claim_date_start": pd.Timestamp("2023-07-01"), "claim_date_end": pd.Timestamp("2023-07-31"),
             "claim_date_precision": "month", "effective_start": pd.Timestamp("2024-01-01"),
             "effective_end": pd.Timestamp("2024-01-01"), "effective_precision": "day"}
    before, later = window_labels(after)
    assert "2023" not in before and "announced" not in before
    assert "July 2023" in later and "1 January 2024" in later


# -- 6: the what-if's table ------------------------------------------------------------------------
def _proj(chosen, months=12):
    rows = [{"name": n, **a, "deserted": 1000.0, "net": 5_600.0 + i, "end_total": months * (5_600.0 + i)}
            for i, (n, a) in enumerate(list(balance.SCENARIOS.items()) + [(OWN, chosen)])]
    return SimpleNamespace(scenarios=pd.DataFrame(rows), chosen=chosen, months=months)


def test_parameters_equal_to_a_scenario_are_not_a_row_of_their_own():
    proj = _proj(dict(balance.SCENARIOS["middle"]))
    assert same_as(proj) == "middle"
    table = scenario_table(proj)
    assert not table["name"].str.contains(OWN + r"\*\*$").any() and table["name"].str.contains("middle").any()
    assert "your parameters are the middle scenario" in scenario_caption(proj)
    other = _proj({**balance.SCENARIOS["middle"], "signup_realism": 0.7})
    assert same_as(other) is None and (scenario_table(other)["name"] == f"**{OWN}**").any()


def test_the_monthly_net_times_the_months_is_the_total_shown():
    proj = _proj(dict(balance.SCENARIOS["middle"]), months=12)
    table = scenario_table(proj)
    num = lambda s: float(s.replace("+", "").replace("−", "-").replace(",", ""))
    for net, total in zip(table["net"], table["total"]):
        assert num(net) * 12 == pytest.approx(num(total))
    assert table["net"].iloc[0] == "+5,600"


# -- 7: two consecutive days -----------------------------------------------------------------------
@pytest.mark.parametrize("s,e,words", [("2024-01-04", "2024-01-05", "on 4 or 5 January 2024"),
                                       ("2024-01-31", "2024-02-01", "on 31 January or 1 February 2024"),
                                       ("2023-12-31", "2024-01-01", "on 31 December 2023 or 1 January 2024")])
def test_a_claim_dated_to_one_of_two_days_reads_as_one_or_the_other(s, e, words):
    assert fmt_date(s, e, "interval") == words
    row = {"claim_date_start": pd.Timestamp(s), "claim_date_end": pd.Timestamp(e), "claim_date_precision": "interval"}
    assert said(row) == f"said {words}"
    assert fmt_date("2024-01-04", "2024-01-09", "interval") == "between 4 January 2024 and 9 January 2024"


def test_the_notes_of_sources_date_a_two_day_claim_with_one_preposition():
    from manpower.report.notes import said_words

    assert said_words(fmt_date("2024-01-04", "2024-01-05", "interval")) == "on 4 or 5 January 2024"
    assert said_words("14 December 2023") == "on 14 December 2023"
    assert said_words("November 2023") == "in November 2023"


def test_the_over_time_note_names_carets_only_for_the_kinds_drawn():
    rows = _over_time_rows().assign(kind=["floor", "estimate", "estimate"])
    note = over_time_note(rows, joined=True)
    assert "Carets: a floor" in note
    assert "ceiling" not in note
