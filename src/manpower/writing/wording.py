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

from ..analysis.formats import INVASION
from ..analysis.rates import is_peak, period_stated, reference_period
from ..analysis.formats import MONTH_NAMES, figure, fmt_date, fmt_figure, md  # noqa: F401 (figure: W.figure)
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
    the curator's reading (`rates.period_stated`), never the curator's period as the source's."""
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
    report prints the month; formats.INVASION keeps the day for the arithmetic of rates only."""
    return f"since the invasion ({month_year(INVASION)})"


def period(row) -> str:
    """The period a figure covers, as a period: 'since the invasion (February 2022) to
    November 2023', 'in 2023', 'at January 2024'; empty when the row has none or its source
    states none (`rates.period_stated`)."""
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
        if unit == "things":  # "12 recruitment centres (a count of things, not of men signed up)"
            return f"(a count of things, not of men {MEASURE_WORDS.get(key, key.replace('_', ' '))})"
        return f"(a term of {key.replace('_', ' ').replace('signups', 'sign-ups')}, not a count of people)"
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


def span_in_words(figures: pd.DataFrame) -> str | None:
    """The smallest to the largest of some figures, each with its qualifier as stated
    ("approximately 302,000 to 315,000"); one figure when they agree; None when there is none."""
    figs = figures[figures["value"].notna()] if not figures.empty else figures
    if figs.empty:
        return None
    values = figs["value"].astype(float)
    low, high = figs.loc[values.idxmin()], figs.loc[values.idxmax()]
    if float(low["value"]) == float(high["value"]):
        return fmt_figure(low)
    return f"{fmt_figure(low)} to {fmt_figure(high)}"



def quantity_words(row) -> str:
    """What a quantity is, for a line about it: 'killed (soldiers named on a list)', 'recruited:
    Norland citizens', with its basis when it is a flow or a stock."""
    what = measure(row) if (_cell(row, "channel") or _cell(row, "measure")) else \
        f"{_cell(row, 'aspect').replace('_', ' ')}: {_cell(row, 'subject')}".strip(": ")
    scope = _cell(row, "scope")
    basis = _cell(row, "basis")
    return what + (f" ({scope})" if scope else "") + (f", a {basis}" if basis in ("flow", "stock") else "")


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
