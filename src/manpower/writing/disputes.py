"""Rival figures for one quantity, side by side: the dispute table (latest claim first, capped at
its most recent rows and the two that set the spread) with its caption and spread sentence, and a
one-line summary for the disputes a chapter does not table."""
from __future__ import annotations

import pandas as pd

from ..analysis.comparisons import bounds, bounds_frame, conflicts, spread, stated_ends
from ..analysis.formats import count_words, figure, fmt_number, md
from ..analysis.kinds import cell as _cell
from ..analysis.kinds import bounds_of, kind_of
from ..analysis.rows import rows_of
from ..core.values import number
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
    per = getattr(narrator, "period_words", period_short)  # the article's period where the sentence has none

    rows = pd.DataFrame({
        "claimant": [narrator.claimant(i) for i in group["id"]],
        "kind": [kind_label(r) for _, r in group.iterrows()],
        "said": [claim_when(r) or "not stated" for _, r in group.iterrows()],
        "period": [per(r).removeprefix("with ") or "not stated" for _, r in group.iterrows()],
        # the citation follows the figure it supports, as everywhere else in the text
        "figure": [narrator.figure(r) + narrator.cite(str(r["source_id"])) for _, r in group.iterrows()],
    })
    lo_w, hi_w = spread_words(full)
    kinds = sorted({kind_of(r) for r in rows_of(full)})
    mixed = (" The figures are of different kinds (" + ", ".join(LABEL[k] for k in kinds)
             + "), so the spread is not a disagreement about one count.") if len(kinds) > 1 else ""
    more = (f" The table shows {len(group)} of {len(full)} figures (the most recent and the two that set the "
            f"spread); {FULL_LIST} lists all." if len(full) > len(group) else "")
    stated = stated_spread(narrator, full)
    clash = conflict_words(narrator, full)
    return rows, (f"Spread: {lo_w} to {hi_w}, lowest to highest bound{'; ' + stated if stated else ''}.{mixed}{more}"
                  + (f" {clash}" if clash else ""))


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
    stated = stated_spread(narrator, group)
    clash = conflict_words(narrator, group)
    return (f"**{md(quantity_words(first))}**: {count_words(len(rows), 'figure')} from {names}{cites}, claimed {when}; "
            f"spread {lo_w} to {hi_w}{'; ' + stated if stated else ''}" + (f". {clash[:-1]}" if clash else ""))


DISPUTE_SUMMARY = 20  # disputed quantities summarised a line each beyond the tables; figures.csv holds every one


DISPUTE_COLUMNS = {"claimant": "Claimant", "kind": "Kind", "said": "Said", "period": "Period covered", "figure": "Figure"}


DISPUTE_WIDTHS = [20, 14, 18, 24, 24]

def _who(narrator, row) -> str:
    """The claimant as the narrator names it (with 'via …'), or its name when there is no data behind it."""
    if narrator is not None and getattr(narrator, "ds", None) is not None and narrator.has(str(row["id"])):
        return narrator.claimant(row["id"])
    return md(row["claimant"])


def stated_spread(narrator, group: pd.DataFrame) -> str:
    """'as the sources state them, from approximately 302,000 (UK Ministry of Defence) to 315,000
    (US intelligence); the bounds are our reading of “approximately”': the figures at each end
    with their claimants, where the bounds alone would print our convention's reading or an open
    side as if it were data. Empty when the bounds are the stated figures themselves."""
    ends = stated_ends(group)
    if ends is None:
        return ""
    lo_w, hi_w = spread_words(group)
    lo, hi = ends
    lo_f, hi_f = figure(lo, reading=False), figure(hi, reading=False)
    if (lo_f, hi_f) == (lo_w, hi_w):
        return ""
    lo_b, hi_b = spread(group)
    ours = [_cell(r, "qualifier").lower() for r in rows_of(group)  # a bound of the spread that only our reading gives
            if bounds_of(r) == "convention" and _cell(r, "qualifier") and all(abs(b) != float("inf") for b in bounds(r))
            and any(b == end and b != number(r, "value") for b, end in zip(bounds(r), (lo_b, hi_b)))]
    reading = (f"; the bounds are our reading of {' and '.join(dict.fromkeys(f'“{q}”' for q in ours))}, "
               "not figures the sources state") if ours else ""
    return (f"as the sources state them, from {lo_f} ({_who(narrator, lo)}) to {hi_f} "
            f"({_who(narrator, hi)}){reading}")


def each_claim(narrator, rows: pd.DataFrame, limit: int = 4) -> str:
    """"UK Ministry of Defence's tens of thousands (by January 2024); Riverland Institute's around
    5,000 to 6,000 (30 September 2024)": each claimant's figure with its date, in the order given,
    each citing its source, so no one figure stands for a count the sources dispute."""
    said = [f"{_who(narrator, r)}'s {narrator.figure(pd.Series(r)) if narrator is not None else figure(r)}"
            f"{narrator.cite(str(r['source_id'])) if narrator is not None else ''} ({claim_when(r)})"
            for r in rows_of(rows.head(limit))]
    more = f"; and {len(rows) - limit} more in {FULL_LIST}" if len(rows) > limit else ""
    return "; ".join(said) + more


def conflict_words(narrator, group: pd.DataFrame, limit: int = 3) -> str:
    """'The claims conflict: Riverland Institute's around 5,000 to 6,000 (30 September 2024) is
    below UK Ministry of Defence's tens of thousands (by January 2024), an earlier total.' for each
    pair `findings.conflicts` finds (at most `limit`, the furthest apart first); empty when none."""
    pairs = conflicts(group)
    if not pairs:
        return ""
    said = []
    for high, low in pairs[:limit]:
        running = (_cell(high, "basis") or _cell(low, "basis")) in ("cumulative", "stock")
        said.append(f"{_who(narrator, low)}'s {figure(low, reading=False)} ({claim_when(low)}) is below "
                    f"{_who(narrator, high)}'s {figure(high, reading=False)} ({claim_when(high)})"
                    + (", a total claimed for an earlier or the same date" if running else ", over the same period"))
    more = f"; and {len(pairs) - limit} more such pairs" if len(pairs) > limit else ""
    return "The claims conflict: " + "; ".join(said) + more + "."
