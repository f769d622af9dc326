"""The words each kind of figure takes (kinds.py says which kind a row is): one place for every chapter.

A forecast reads as an expectation ("expects"), an estimate as an estimate, an official claim as
a claim, a named-list count as "at least", an interval keeps its level. Bounds that come from the
reading convention (qualifiers.py) are worded as our reading, never as the source's own range.

The figure model's `kind`, `bounds`, `level` columns are used when the data carry them; rows
without them get a kind inferred from the qualifier and the quote's words (documented in
`kind_of`), so today's data and the extended model read the same way.
"""
from __future__ import annotations

import re

import pandas as pd

from ..analysis.findings import (INVASION, bounds, bounds_frame, conflicts, is_peak, period_stated, reference_period,  # noqa: F401
                                 rows_of, spread, stated_ends)
from ..analysis.formats import MONTH_NAMES, count_words, figure, fmt_date, fmt_number, md  # noqa: F401 (figure: W.figure)
from ..analysis.kinds import bounds_of, is_expectation, kind_of  # noqa: F401 (the chapters ask W.kind_of, W.bounds_of …)
from ..analysis.kinds import cell as _cell
from ..vocabulary.qualifiers import CEILING_WORDS, FLOOR_WORDS
from ..vocabulary.schema import RATE_UNITS, SHARE_UNITS


# the words a claimant uses for each kind ("X {verb} Y")
VERB = {
    "count": "says",
    "estimate": "estimates",
    "central": "estimates",
    "interval": "estimates",
    "floor": "counts at least",
    "ceiling": "puts at most",
    "forecast": "expects",
    "target": "aims for",
    "hedged": "puts it at",
    "rule": "sets",
}
# a short label of the kind, for tables and chart legends
LABEL = {
    "count": "claimed count",
    "estimate": "estimate",
    "central": "central estimate with range",
    "interval": "statistical interval",
    "floor": "floor (at least)",
    "ceiling": "ceiling (at most)",
    "forecast": "forecast",
    "target": "target",
    "hedged": "hedged claim",
    "rule": "term of a law, decree or offer",
}


def month_year(t) -> str:
    t = pd.Timestamp(t)
    return f"{MONTH_NAMES[t.month - 1]} {t.year}"


def month_span(start, end) -> str:
    """'September 2022', 'February to August 2022', 'October 2022 to March 2023'."""
    a, b = month_year(start), month_year(end)
    if a == b:
        return a
    return f"{a.split()[0]} to {b}" if pd.Timestamp(start).year == pd.Timestamp(end).year else f"{a} to {b}"


def claim_when(row) -> str:
    """When a claim was made, as a newsroom writes it, one date per claim: '14 December 2023',
    'November 2023', '2023', or for a claim known only within an interval 'by January 2024' (its
    month if it is one month). The full dating (`said`) goes in a note, the appendix and the evidence."""
    p = _cell(row, "claim_date_precision")
    s, e = row.get("claim_date_start"), row.get("claim_date_end")
    if s is None or e is None or pd.isna(s) or pd.isna(e):
        return ""
    s, e = pd.Timestamp(s), pd.Timestamp(e)
    if p == "day":
        return f"{s.day} {month_year(s)}"
    if p == "year":
        return str(s.year)
    if p == "month" or (s.year, s.month) == (e.year, e.month):
        return month_year(s)
    return f"by {month_year(e)}"


NO_PERIOD = "with no period stated"  # a figure whose source gives no period: a total, never a rate


def period_short(row) -> str:
    """The period a figure covers as a sentence carries it: 'since the invasion', 'in 2023', 'in
    September 2022', 'at January 2024', 'from March 2024 to August 2024'; the exact days (`period`)
    go in a note. Empty when the row has none; 'with no period stated' when the period is only
    the curator's reading (`findings.period_stated`), never the curator's period as the source's."""
    ref = reference_period(row)
    if ref is None:
        return ""
    if not period_stated(row):
        return NO_PERIOD
    if is_peak(row):
        return peak_words(row)
    start, end_lo, end_hi = (pd.Timestamp(x) for x in ref)
    if _cell(row, "basis").lower() == "stock":
        return f"at {month_year(end_hi)}" if (end_lo.year, end_lo.month) == (end_hi.year, end_hi.month) else f"by {month_year(end_hi)}"
    if start == pd.Timestamp(INVASION):
        return "since the invasion"
    if start.month == 1 and start.day == 1 and end_hi.month == 12 and end_hi.day == 31 and end_hi.year == start.year:
        return f"in {start.year}"
    if (start.year, start.month) == (end_hi.year, end_hi.month):
        return f"in {month_year(start)}"
    return f"from {month_year(start)} to {month_year(end_hi)}"


FROM_ARTICLE = "the article's period, not this sentence's"  # a period another sentence of the article states


def period_from_article(row, stated) -> str:
    """The period of `row` when its own sentence states none but another of the article does
    (`findings.article_period` gives that row, `stated`): 'since the invasion (the article's
    period, not this sentence's)'; `period_short(row)` when there is no such row."""
    if stated is None:
        return period_short(row)
    return f"{period_short(stated)} ({FROM_ARTICLE})"


def peak_words(row) -> str:
    """A peak rate's period in the source's words with its dates, said to be a peak: '(a peak:
    “On the worst days of November”, November 2024; not an average over the period)'."""
    ref = reference_period(row)
    start, _, end = (pd.Timestamp(x) for x in ref)
    when = month_year(start) if (start.year, start.month) == (end.year, end.month) else f"{month_year(start)} to {month_year(end)}"
    return f"(a peak: “{md(_cell(row, 'period_words'))}”, {when}; not an average over the period)"


def dating(row) -> str:
    """The full dating of a claim and of its period, for a note: 'Said between 1 January 2023 and
    4 January 2024; covers 2023.' Empty when the short words (`claim_when`, `period_short`) lose
    nothing: a claim dated to a day, month or year and a period without an uncertain end."""
    p = _cell(row, "claim_date_precision")
    ref = reference_period(row)
    uncertain_end = ref is not None and pd.Timestamp(ref[1]) != pd.Timestamp(ref[2]) and not (
        pd.Timestamp(ref[1]).day == 1 and (pd.Timestamp(ref[2]) + pd.Timedelta(days=1)).day == 1
        and (pd.Timestamp(ref[1]).year, pd.Timestamp(ref[1]).month) == (pd.Timestamp(ref[2]).year, pd.Timestamp(ref[2]).month))
    if p in ("day", "month", "year") and not uncertain_end:
        return ""
    per = period(row)
    return said(row)[0].upper() + said(row)[1:] + (f"; counted {per}" if per else "") + "."


def said(row) -> str:
    """When the claimant said it: 'said on 14 December 2023', 'said in November 2023', 'said
    between 1 November 2023 and 4 January 2024' (the claim date, never the period covered)."""
    p = _cell(row, "claim_date_precision")
    when = fmt_date(row["claim_date_start"], row["claim_date_end"], p)
    if p == "day":
        return f"said on {when}"
    if p in ("month", "year"):
        return f"said in {when}"
    return f"said {when}"


def since_invasion() -> str:
    """'since the invasion (February 2022)': the sources date the invasion to its month, so the
    report prints the month; findings.INVASION keeps the day for the arithmetic of rates only."""
    return f"since the invasion ({month_year(INVASION)})"


def period(row) -> str:
    """The period a figure covers, as a period: 'since the invasion (February 2022) to
    November 2023', 'in 2023', 'at January 2024'; empty when the row has none or its source
    states none (`findings.period_stated`)."""
    ref = reference_period(row)
    if ref is None or not period_stated(row):
        return ""
    start, end_lo, end_hi = ref
    basis = _cell(row, "basis").lower()
    end_words = _span_words(end_lo, end_hi)
    if basis == "stock":
        return f"at {end_words}"
    if start == INVASION:
        return f"{since_invasion()} to {end_words}"
    s = pd.Timestamp(start)
    if s.month == 1 and s.day == 1 and end_lo == end_hi and pd.Timestamp(end_hi).month == 12 \
            and pd.Timestamp(end_hi).day == 31 and pd.Timestamp(end_hi).year == s.year:
        return f"in {s.year}"
    return f"from {fmt_date(s, s, 'day')} to {end_words}"


def _span_words(lo, hi) -> str:
    lo, hi = pd.Timestamp(lo), pd.Timestamp(hi)
    if lo == hi:
        return fmt_date(lo, lo, "day")
    if lo.day == 1 and (hi + pd.Timedelta(days=1)).day == 1 and (lo.year, lo.month) == (hi.year, hi.month):
        return fmt_date(lo, hi, "month")
    return f"some day between {fmt_date(lo, lo, 'day')} and {fmt_date(hi, hi, 'day')}"


def claim(row, claimant: str, what: str = "", shown: str | None = None) -> str:
    """'{claimant} expects just under 500,000 {what}' — the verb from the kind; `shown` is the
    figure as printed (e.g. with its evidence span), by default its words."""
    kind = kind_of(row)
    fig = figure(row)
    verb = VERB[kind]
    if kind == "floor" and fig.startswith(FLOOR_WORDS):
        verb = "counts"
    if kind == "ceiling" and fig.startswith(CEILING_WORDS + ("at most",)):
        verb = "puts it at"
    return f"{claimant} {verb} {shown or fig}" + (f" {what}" if what else "")


# what a figure counts, by measure or channel; expectations get their own words
MEASURE_WORDS = {
    "killed": "killed",
    "killed_or_wounded": "killed or wounded",
    "deserted": "deserted",
    "killed_or_wounded_share_of_prewar_force": "of the pre-war force killed or wounded",
    "partial_mobilisation": "called up in a partial mobilisation",
    "contract_signups": "signed up",  # the seeds' own neutral words ("signed up"), not "contracts"
    "planned_mobilisation": "to be mobilised (planned)",
}
ASPECT_WORDS = {"recruited": "recruited", "killed": "killed", "captured": "captured", "repatriated": "sent home"}
EXPECTED_WORDS = {
    "contract_signups": "men to have joined by the end of the period (a forecast, not a count)",  # the seeds say "men"
    "partial_mobilisation": "to be called up (forecast)",
    "planned_mobilisation": "to be mobilised (planned)",
}


# a figure someone only reviews, considers or proposes is a proposal: neither a plan nor a target.
# The status is read from the row's own quote ("set to review mobilising up to 500,000").
PROPOSAL_STATUS = (
    (re.compile(r"\breview(?:s|ed|ing)?\b", re.I), "under review"),
    (re.compile(r"\bconsider(?:s|ed|ing)?\b", re.I), "under consideration"),
    (re.compile(r"\bdiscuss(?:es|ed|ing)?\b", re.I), "under discussion"),
    (re.compile(r"\bpropos(?:e|es|ed|ing|al)\b", re.I), "proposed"),
)
PROPOSED_WORDS = {"planned_mobilisation": "to be mobilised"}  # what a proposal's figure counts


def proposal_status(row) -> str:
    """'under review', 'under consideration' … when the row's quote only reviews or weighs the
    figure it expects; empty otherwise (a plan, a target, a forecast or a count)."""
    if not is_expectation(row) and not _cell(row, "channel").startswith("planned"):
        return ""
    quote = _cell(row, "quote")
    for pattern, status in PROPOSAL_STATUS:
        if pattern.search(quote):
            return status
    return ""


def kind_label(row) -> str:
    """The kind's short label ('target', 'estimate'); a proposal under review is neither a
    plan nor a target: 'proposal (under review)'."""
    status = proposal_status(row)
    return f"proposal ({status})" if status else LABEL[kind_of(row)]


def measure(row) -> str:
    """What the figure counts ("killed or wounded", "signed up"); a figure in
    another unit than people (a payment, a count of centres) is a term or a count of that, never
    of the people the channel brings in: "(a term of contract sign-ups)"."""
    key = _cell(row, "channel") or _cell(row, "measure")
    if not key and _cell(row, "aspect") in ASPECT_WORDS:  # foreign citizens recruited, killed ...
        subject = _cell(row, "subject")
        if _cell(row, "unit") in SHARE_UNITS:  # "40% of the recruits it surveyed": a share of a group, not a count
            return f"({md(subject) + ': ' if subject else ''}a share, not a count)"
        return ASPECT_WORDS[_cell(row, "aspect")] + (f" ({md(subject)})" if subject else "")
    unit = _cell(row, "unit")
    if unit in RATE_UNITS or unit == "fraction":  # "at least 1 a day", "about half (50%)": people, as a rate or share
        words = MEASURE_WORDS.get(key, key.replace("_", " "))
        if is_peak(row):  # its period words say what kind of rate it is (peak_words)
            return words
        return f"{words} ({'a rate' if unit in RATE_UNITS else 'a share of them'})"
    if unit not in ("people", "") and key in MEASURE_WORDS and _cell(row, "measure") != "killed_or_wounded_share_of_prewar_force":
        what = "a count of things" if unit == "things" else "a term"
        return f"({what} of {key.replace('_', ' ').replace('signups', 'sign-ups')}, not a count of people)"
    status = proposal_status(row)
    if status:  # "set to review mobilising up to 500,000": what the source says, not a plan or a target
        words = PROPOSED_WORDS.get(key, MEASURE_WORDS.get(key, key.replace("_", " ")))
        return f"{words} (a proposal {status}, not a plan or a count)"
    if is_expectation(row):
        words = EXPECTED_WORDS.get(key, MEASURE_WORDS.get(key, key.replace("_", " ")) + " (expected)")
        if kind_of(row) == "target":  # what someone aims for reads as a target, not as a forecast
            words = words.replace("(a forecast, not a count)", "(a target, not a count)").replace("(forecast)", "(target)")
        return words
    return MEASURE_WORDS.get(key, key.replace("_", " "))


FULL_LIST = "figures.csv beside this report"  # where every figure of the selection is, used or not


def left_out_line(left: pd.DataFrame, shown: pd.DataFrame, what: str) -> str:
    """'…and 5 earlier figures, listed in figures.csv beside this report.' for the rows a list
    leaves out: "earlier" only when each was claimed before every row shown; else "more", with
    the dates they were claimed, so a reader never takes a later claim for an older one."""
    n = len(left)
    if not n:
        return ""
    end = pd.to_datetime(left["claim_date_end"]).max()
    first = pd.to_datetime(shown["claim_date_start"] if "claim_date_start" in shown else shown["claim_date_end"]).min()
    if not shown.empty and pd.notna(end) and pd.notna(first) and end < first:
        return f"…and {n:,} earlier {what}, listed in {FULL_LIST}."
    lo = pd.to_datetime(left["claim_date_start"] if "claim_date_start" in left else left["claim_date_end"]).min()
    when = ""
    if pd.notna(lo) and pd.notna(end):
        a, b = month_year(lo), month_year(end)
        when = f", claimed in {a}" if a == b else f", claimed between {a} and {b}"
    return f"…and {n:,} more {what}{when}, listed in {FULL_LIST}."
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


def _num(row, col: str) -> float | None:
    v = row.get(col)
    return None if v is None or pd.isna(v) else float(v)


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
            and any(b == end and b != _num(r, "value") for b, end in zip(bounds(r), (lo_b, hi_b)))]
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


def quantity_words(row) -> str:
    """What a quantity is, for a line about it: 'killed (soldiers named on a list)', 'recruited:
    Norland citizens', with its basis when it is a flow or a stock."""
    what = measure(row) if (_cell(row, "channel") or _cell(row, "measure")) else \
        f"{_cell(row, 'aspect').replace('_', ' ')}: {_cell(row, 'subject')}".strip(": ")
    scope = _cell(row, "scope")
    basis = _cell(row, "basis")
    return what + (f" ({scope})" if scope else "") + (f", a {basis}" if basis in ("flow", "stock") else "")


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


def short_period(row) -> str:
    """The period for a chart label: 'Feb 2022 – Nov 2023' (a period opening on the invasion opens
    on its month, as the sources date it: see since_invasion), '1 Mar 2023 – Nov 2023…Jan 2024', '2023'."""
    ref = reference_period(row)
    if ref is None or not period_stated(row):  # the curator's dates of a total the source gives no period
        return "period not stated"
    start, lo, hi = (pd.Timestamp(x) for x in ref)
    if start.month == 1 and start.day == 1 and lo == hi and hi.month == 12 and hi.day == 31 and hi.year == start.year:
        return str(start.year)
    if lo == hi:
        end = f"{hi.day} {hi:%b %Y}"
    elif (lo.year, lo.month) == (hi.year, hi.month):
        end = f"{hi:%b %Y}"
    else:
        end = f"{lo:%b %Y}…{hi:%b %Y}"
    opening = f"{start:%b %Y}" if start == pd.Timestamp(INVASION) else f"{start.day} {start:%b %Y}"
    return f"{opening} – {end}"
