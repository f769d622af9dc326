"""Rival figures for one quantity, side by side: the dispute table (latest claim first, capped at
its most recent rows and the two that set the spread) with its caption and spread sentence, and a
one-line summary for the disputes a chapter does not table."""
from __future__ import annotations

import pandas as pd

from ..analysis.comparisons import bounds_frame, spread
from ..analysis.formats import count_words, fmt_number, md
from ..analysis.kinds import cell as _cell
from ..analysis.kinds import kind_of
from ..analysis.rows import rows_of
from .wording import FULL_LIST, LABEL, claim_when, kind_label, period_short, quantity_words

DISPUTE_GROUPS = 3  # dispute tables per chapter section: the most recently claimed quantities


DISPUTE_ROWS = 8  # rows of one dispute table: the most recent, always with the lowest and highest


def dispute_rows(group: pd.DataFrame, limit: int = DISPUTE_ROWS) -> pd.DataFrame:
    """The rows a dispute table shows, in the group's order: all of them, or for a long group its
    most recent rows plus the two that set the spread (the lowest low and the highest high)."""
    if len(group) <= limit:
        return group
    lows, highs = bounds_frame(group)
    ends = {group.index[min(range(len(lows)), key=lows.__getitem__)], group.index[max(range(len(highs)), key=highs.__getitem__)]}
    recent = [i for i in group.sort_values("claim_date_end", kind="stable").index if i not in ends][-(limit - len(ends)):]
    keep = set(recent) | ends
    return group.loc[[i for i in group.index if i in keep]]


def dispute_caption(subject: str, group: pd.DataFrame, limit: int = DISPUTE_ROWS) -> str:
    """A dispute table's caption, which says "every figure" only when the table holds them all."""
    shown = len(dispute_rows(group, limit))
    if shown == len(group):
        return f"Every figure for {subject}, side by side"
    return f"{shown} of {len(group)} figures for {subject}, side by side: the most recent and the two that set the spread"


def dispute_table(narrator, group: pd.DataFrame, limit: int = DISPUTE_ROWS) -> tuple[pd.DataFrame, str]:
    """One disputed quantity side by side (claimant, kind, said, period, figure; the latest claim
    first) and a sentence stating its spread, from the lowest bound to the highest (open sides
    said as such). A long
    group shows `dispute_rows` and says how many more the full table beside the report lists."""
    full = group
    # latest first: the newest claim leads, as a reader asks what is said now
    group = dispute_rows(group, limit).sort_values("claim_date_end", ascending=False, kind="stable")

    rows = pd.DataFrame({
        "claimant": [narrator.claimant(i) for i in group["id"]],
        "kind": [kind_label(r) for _, r in group.iterrows()],
        "said": [claim_when(r) or "not stated" for _, r in group.iterrows()],
        "period": [period_short(r).removeprefix("with ") or "not stated" for _, r in group.iterrows()],
        # the citation follows the figure it supports, as everywhere else in the text
        "figure": [narrator.figure(r) + narrator.cite(str(r["source_id"])) for _, r in group.iterrows()],
    })
    lo_w, hi_w = spread_words(full)
    kinds = sorted({kind_of(r) for r in rows_of(full)})
    mixed = (" The figures are of different kinds (" + ", ".join(LABEL[k] for k in kinds)
             + "), so the spread is not a disagreement about one count.") if len(kinds) > 1 else ""
    more = (f" The table shows {len(group)} of {len(full)} figures (the most recent and the two that set the "
            f"spread); {FULL_LIST} lists all." if len(full) > len(group) else "")
    return rows, f"Spread: {lo_w} to {hi_w}, lowest to highest bound.{mixed}{more}"


def spread_words(group: pd.DataFrame) -> tuple[str, str]:
    """The lowest and highest bound of a group of figures in words; an open side says so."""
    lo, hi = spread(group)
    unit = _cell(group.iloc[0], "unit") or None
    lo_w = "no stated lower bound" if lo == float("-inf") else fmt_number(lo, unit)
    hi_w = "no stated upper bound" if hi == float("inf") else fmt_number(hi, unit)
    return lo_w, hi_w


def dispute_heading(group: pd.DataFrame, what: str) -> str:
    """'Two figures for one quantity — killed or wounded (military personnel).': the count in
    words, the quantity after a dash, so its own brackets never sit inside another pair."""
    n = count_words(len(group), "figure")
    return f"{n[0].upper()}{n[1:]} for one quantity — {what}."


def dispute_line(narrator, group: pd.DataFrame) -> str:
    """One disputed quantity in a line, for those a chapter does not set out in a table: what it
    is, how many figures from whom, when claimed, and its spread (no cap hides a conflict)."""
    rows = rows_of(group.sort_values("claim_date_end", kind="stable"))
    who = list(dict.fromkeys(str(r["claimant"]) for r in rows))
    lo_w, hi_w = spread_words(group)
    first, last = rows[0], rows[-1]
    when = claim_when(first) if len(rows) == 1 or claim_when(first) == claim_when(last) else \
        f"{claim_when(first)} to {claim_when(last)}"
    names = ", ".join(md(w) for w in who[:3]) + (f" and {len(who) - 3} more" if len(who) > 3 else "")
    cites = "".join(dict.fromkeys(narrator.cite(str(r["source_id"])) for r in rows))
    return (f"**{md(quantity_words(first))}**: {count_words(len(rows), 'figure')} from {names}{cites}, claimed {when}; "
            f"spread {lo_w} to {hi_w}")


DISPUTE_SUMMARY = 20  # disputed quantities summarised a line each beyond the tables; figures.csv holds every one


DISPUTE_COLUMNS = {"claimant": "Claimant", "kind": "Kind", "said": "Said", "period": "Period covered", "figure": "Figure"}


DISPUTE_WIDTHS = [20, 14, 18, 24, 24]
