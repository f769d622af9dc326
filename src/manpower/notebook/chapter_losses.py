"""What the losses chapter (01_losses) selects, compares and draws, so the notebook only words it.

Russian losses apart from other sides'; the implied pre-war force (no other figure is set
against it); the totals chart (the cap keeps conflicting
claims, its title spans every total); the estimates over time (one claimant's dates make a
series, several claimants' single points do not make a trend); why the estimates differ.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis.comparisons import bounds
from ..analysis.figures import implied_prewar_force
from ..analysis.listing import cap_keeping_conflicts, estimates_over_time_groups
from ..analysis.rows import other_sides, russian, totals
from ..writing.disputes import conflict_words, each_claim
from ..writing.wording import span_in_words
from ..writing import wording as W
from ..curated.data import Dataset
from ..analysis.formats import count_words, fmt_figure
from ..analysis.kinds import qualifier_of
from ..vocabulary.numbers import VAGUE

SHARE = "killed_or_wounded_share_of_prewar_force"  # a ratio, not a count: never listed as a loss figure
DRAWN = ["killed_or_wounded", "deserted", "killed"]  # the measures the totals chart draws


def figures(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(Russian loss figures, figures for other sides): the second is listed in its own place only."""
    every = ds.losses[ds.losses["measure"] != SHARE]
    return russian(every), other_sides(every)


def none_from_russian_government(counts: pd.DataFrame) -> bool:
    return counts[counts["claimant_type"] == "russian_official"].empty


def claimants(rows: pd.DataFrame) -> list[str]:
    return sorted(set(rows["claimant"].astype(str)))


@dataclass(frozen=True)
class ForceComparison:
    """The share a report gives and the force it implies. No other claimant's figure is set
    against that force: a share is applied only to the figure it was stated with."""

    share: pd.Series
    force: object  # Derived


def force_comparison(ds: Dataset) -> ForceComparison | None:
    """The share and the implied force of one report, or None without both."""
    force = implied_prewar_force(ds)
    if force is None:
        return None
    share = ds.losses[ds.losses["id"].astype(str).isin(force.inputs) & (ds.losses["measure"] == SHARE)].iloc[-1]
    return ForceComparison(share, force)


def tally(counts: pd.DataFrame) -> str:
    """'three loss figures from two claimants': the one count of Russian loss figures that the
    losses chapter and the summary both print (`figures`' first frame)."""
    return (f"{count_words(len(counts), 'loss figure')} from "
            f"{count_words(len(claimants(counts)), 'claimant')}")


@dataclass(frozen=True)
class TotalsChart:
    """The totals chart: its rows, the ids drawn, how many the cap left out, how many flows or
    parts are not drawn, its title and what its note must explain."""

    data: pd.DataFrame
    ids: list[str]
    left_out: int
    not_drawn: int
    title: str
    opened: bool
    convention: bool


def in_people(rows: pd.DataFrame) -> pd.DataFrame:
    """Counts of people only: a share ("about half of them") or a rate ("40 a day") is not a
    number of people and never sits on a people axis or against a force."""
    return rows[rows["unit"].astype(str) == "people"]


def totals_chart(counts: pd.DataFrame, limit: int) -> TotalsChart | None:
    """The cumulative totals (flows and parts are listed, not drawn on a cumulative axis), the
    `limit` // 2 latest plus conflicting earlier ones; the title spans every total, drawn or not.
    Shares and rates are listed, never drawn on the people axis."""
    drawable = in_people(counts[counts["measure"].isin(DRAWN)])
    every = totals(drawable)
    plot, left_out = cap_keeping_conflicts(every, limit // 2, extra=limit // 2)
    plot = plot.sort_values(["measure", "claim_date_end"])
    if plot.empty:
        return None
    data = pd.DataFrame({
        "id": plot["id"],
        "label": [f"{r['claimant']}: {W.measure(r)}\n{W.short_period(r)}" for _, r in plot.iterrows()],
        "value": plot["value"].astype(float), "low": plot["low"].astype(float), "high": plot["high"].astype(float),
        "qualifier": plot["qualifier"].astype(object).fillna(""), "unit": plot["unit"].astype(str),
        "bounds": [W.bounds_of(r) for _, r in plot.iterrows()],
        "kind": [W.kind_of(r) for _, r in plot.iterrows()],
        "text": [W.figure(r, reading=False) for _, r in plot.iterrows()],
    })
    kw = every[every["measure"] == "killed_or_wounded"]
    span = span_in_words(kw)
    title = (f"Western estimates put Russian killed and wounded at {span}" if span and
             set(kw["claimant_type"].astype(str)) <= {"western_government"} else
             f"Estimates of Russian killed and wounded: {span}" if span else "Estimates of Russian losses")
    return TotalsChart(data, list(plot["id"]), left_out, len(drawable) - len(every), title,
                       bool(data["kind"].isin(["floor", "ceiling"]).any()), bool((data["bounds"] == "convention").any()))


# -- estimates over time --------------------------------------------------------------------------
OVER_TIME_COLUMNS = ["id", "claimant", "claim_date_start", "claim_date_end", "claim_date_precision", "value", "low",
                     "high", "bounds", "kind"]


def over_time(counts: pd.DataFrame) -> list[tuple[str, pd.DataFrame, int]]:
    """One chart per measure where some claimant gives cumulative estimates at two or more dates
    (listing.estimates_over_time_groups): only then has the chart a point of its own (how that claimant's estimate moved);
    one point per claimant repeats the listing and the estimates chart (issue 19)."""
    return [g for g in estimates_over_time_groups(counts) if is_series(g[1])]


def is_series(rows: pd.DataFrame) -> bool:
    """Whether any one claimant has estimates at two or more dates: only then do the points make
    a series; single points of different claimants are not a trend."""
    return bool((rows.groupby("claimant")["claim_date_end"].nunique() >= 2).any())


def _moved(rows: pd.DataFrame) -> str:
    """The point of a series: how the estimate of the claimant with most dates moved, first to latest."""
    dates = rows.groupby("claimant")["claim_date_end"].nunique()
    who = dates.idxmax()
    mine = rows[rows["claimant"] == who].sort_values("claim_date_end", kind="stable")
    first, last = mine.iloc[0], mine.iloc[-1]
    mid = lambda r: bounds(r)[0] if pd.isna(r.get("value")) else float(r["value"])
    a, b = mid(first), mid(last)
    since, until = W.month_year(first["claim_date_end"]), W.month_year(last["claim_date_end"])
    if a == b:
        return f"{who}'s estimate held at {fmt_figure(last)} from {since} to {until}"
    verb = "rose" if b > a else "fell"
    return f"{who}'s estimate {verb} from {fmt_figure(first)} ({since}) to {fmt_figure(last)} ({until})"


def over_time_title(rows: pd.DataFrame, left_out: int) -> str:
    words = W.measure(rows.iloc[0])
    count = count_words(len(rows) + left_out, "estimate")
    title = f"{count[0].upper()}{count[1:]} of Russian troops {words} since the invasion, by date claimed"
    return f"{title}: {_moved(rows)}" if is_series(rows) else title + ": one point per claimant, not a trend"


def has_open(rows: pd.DataFrame) -> bool:
    return bool(rows["kind"].astype(str).isin(["floor", "ceiling"]).any())


# -- why the estimates differ ---------------------------------------------------------------------
@dataclass(frozen=True)
class Comparability:
    """What the closing paragraph needs: whether there are killed-or-wounded estimates, the latest
    desertion figure (if any) and how many claimants give killed-or-wounded."""

    has_killed_or_wounded: bool
    deserted: pd.Series | None
    kw_claimants: int
    desertions: pd.DataFrame | None = None  # every desertion total, latest first: one figure never stands for a disputed count


def comparability(counts: pd.DataFrame) -> Comparability:
    """The desertion figure set beside killed-or-wounded is a total since the invasion in people:
    never a rate over some days ("at least 40 a day on the worst days") nor a share."""
    if counts.empty:
        return Comparability(False, None, 0)
    kw = counts[counts["measure"] == "killed_or_wounded"]
    d = totals(in_people(counts[counts["measure"] == "deserted"]))
    return Comparability(len(kw) > 0, d.iloc[-1] if len(d) else None, int(kw["claimant"].nunique()),
                         d.sort_values("claim_date_end", ascending=False, kind="stable"))


def order_of_magnitude(row) -> bool:
    """Whether a figure is only an order of magnitude ("tens of thousands"): a vague qualifier,
    not any range we read from a qualifier ("at least 40" is a floor, not a magnitude)."""
    return qualifier_of(row) in VAGUE


def desertion_words(narrator, why: Comparability) -> str:
    """The desertion figure set beside killed-or-wounded: one claimant's figure as it is, or, where
    claimants disagree, each one's figure with its date and any conflict (disputes.conflict_words),
    never one side's figure as "its figure here"."""
    rows = why.desertions
    if rows is not None and rows["claimant"].nunique() > 1:
        clash = conflict_words(narrator, rows)
        return (f"Desertion is a different loss again, and the sources disagree on it: {each_claim(narrator, rows)}."
                + (f" {clash}" if clash else ""))
    d = why.deserted
    return (f"Desertion is a different loss again, and its figure here is {narrator.figure(d, reading=False)}"
            f"{narrator.cite(str(d['source_id']))}" + (": only an order of magnitude." if order_of_magnitude(d) else "."))
