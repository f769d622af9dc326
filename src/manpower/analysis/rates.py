"""A figure's reference period and its rate a month, from the exact days of that period.

The invasion began on 24 February 2022; a period end known only to a month or an interval gives a
range of days, so the rate is a range. A rate the source states is converted to a month, never
divided by its period's days again. Each function returns None where the row gives no rate.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..core.values import number as _f
from ..core.values import text as key_text
from ..curated.derived import Derived
from ..vocabulary.qualifiers import CEILING_WORDS, FLOOR_WORDS
from ..vocabulary.schema import RATE_UNITS, SHARE_UNITS
from .formats import INVASION, fmt_figure
from .kinds import cell
from .rows import rows_of

DAYS_PER_MONTH = 365.25 / 12  # 30.4375: a month as an average calendar month


def _basis(row) -> str:
    b = row.get("basis") if hasattr(row, "get") else None
    return "" if b is None or pd.isna(b) else str(b)


def reference_period(row) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp] | None:
    """(start, earliest end, latest end) of the period a figure covers, or None.

    A cumulative figure "since the war began in February 2022" starts on the day of the invasion.
    Its end is a point known to a day, a month (any day of it) or an interval: the claim-date
    interval bounds it too (an estimate cannot cover days after it was made). A flow over a named
    period (a year, a month) covers the whole period."""
    if pd.isna(row.get("period_start")) or pd.isna(row.get("period_end")):
        return None
    start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
    basis = _basis(row)
    cumulative = basis == "cumulative" or (basis == "" and start <= INVASION and start >= INVASION.replace(day=1))
    if cumulative and start < INVASION:
        start = INVASION
    end_lo = end_hi = end
    if cumulative:
        if (end + pd.Timedelta(days=1)).day == 1 and basis != "stock":
            end_lo = end.replace(day=1)  # known only to its month
        c0, c1 = row.get("claim_date_start"), row.get("claim_date_end")
        if c1 is not None and not pd.isna(c1):
            end_hi = min(end_hi, pd.Timestamp(c1))
        if c0 is not None and not pd.isna(c0):
            end_lo = min(end_lo, pd.Timestamp(c0))
        end_lo = min(end_lo, end_hi)
    return start, end_lo, end_hi


def _days(ref) -> tuple[int, int]:
    start, lo, hi = ref
    return (lo - start).days + 1, (hi - start).days + 1


def period_days(row) -> tuple[int, int] | None:
    """Fewest and most days the figure's reference period can span (both ends included)."""
    ref = reference_period(row)
    return None if ref is None else _days(ref)


def _open_side(row) -> str:
    """'floor' or 'ceiling' when the figure is open on one side (by its kind, or by a qualifier
    such as "more than"), else ''."""
    kind = cell(row, "kind").lower()
    if kind in ("floor", "ceiling"):
        return kind
    q = cell(row, "qualifier").lower()
    return "floor" if q in FLOOR_WORDS else "ceiling" if q in CEILING_WORDS else ""


def period_stated(row) -> bool:
    """Whether the source states the period a figure covers: period words taken from the quote
    ("since the war began", "last year"), or, without words, a period the row states. Words in
    parentheses are the curator's, not the source's ("(since the war began; undated)"): such a
    figure has no stated period, so no rate a month is derived from it as a fact."""
    words = cell(row, "period_words").lower()
    if words:
        return not words.startswith("(")
    return reference_period(row) is not None



def article_period(row, rows: pd.DataFrame) -> pd.Series | None:
    """The row of the same article (`rows`: its table) whose own words state the period `row`
    covers, when `row`'s period words are the curator's ("(since the invasion, as above)"): its
    whole if that states the same period, else any row of its source with the same period. The
    period is then the article's, not this sentence's; None when no row of the article states it."""
    if period_stated(row) or reference_period(row) is None or rows.empty:
        return None
    same = rows[(rows["source_id"].astype(str) == str(row.get("source_id")))
                & (rows["period_start"] == row.get("period_start")) & (rows["period_end"] == row.get("period_end"))]
    if same.empty:
        return None
    stated = [r for _, r in same.iterrows() if period_stated(r) and str(r["id"]) != str(row.get("id"))]
    whole = key_text(row.get("part_of")) if "part_of" in rows.columns else ""
    stated.sort(key=lambda r: str(r["id"]) != whole)  # its whole first: a part takes its whole's period
    return stated[0] if stated else None

def _rate_inputs(row, assume_period: bool = False):
    """(reference period, its days, value, low, high) when the row gives a monthly rate: a period
    of at least a day, and a value, both bounds, or the one bound of a floor or ceiling; else None."""
    if cell(row, "unit").lower() in RATE_UNITS or cell(row, "unit").lower() in SHARE_UNITS:
        return None  # a stated rate is not a count to spread over its period; a share is not people
    if not assume_period and not period_stated(row):
        return None  # "tens of thousands have deserted", no period: a total, never a rate
    ref = reference_period(row)
    value, low, high = _f(row, "value"), _f(row, "low"), _f(row, "high")
    one_end = (low is not None or high is not None) and _open_side(row)
    if ref is None or _days(ref)[0] <= 0 or (value is None and (low is None or high is None) and not one_end):
        return None
    return ref, _days(ref), value, low, high



# words that say a stated rate holds only at its height ("on the worst days of November"): a peak
PEAK = re.compile(r"\b(worst|best|busiest|heaviest|peak(ed|s)?|highest|record|at times|on some days|some days)\b",
                  re.IGNORECASE)


def is_peak(row) -> bool:
    """Whether a stated rate is a peak, not an average: its period words, the source's own, say
    it held only on some days ("On the worst days of November, at least 40 a day deserted"). A
    peak is never spread over its period or turned into a month's rate."""
    return cell(row, "unit").lower() in RATE_UNITS and period_stated(row) \
        and bool(PEAK.search(cell(row, "period_words")))


def has_rate(row) -> bool:
    """Whether `per_month(row)` gives a rate."""
    if is_peak(row):
        return False  # a peak is not a rate over its period
    return _stated_rate(row, "") is not None if cell(row, "unit").lower() in RATE_UNITS else _rate_inputs(row) is not None


MONTHS_PER = {"people_per_day": DAYS_PER_MONTH, "people_per_week": DAYS_PER_MONTH / 7,
              "people_per_month": 1.0, "people_per_year": 1 / 12}  # a stated rate's unit -> a month of it


def _stated_rate(row, what: str) -> Derived | None:
    """A rate the source states ("at least one a day") as a rate a month: multiplied by the
    days (weeks, months) of an average calendar month, never divided by the period's days again."""
    unit = cell(row, "unit").lower()
    value, low, high = _f(row, "value"), _f(row, "low"), _f(row, "high")
    if value is None and low is None and high is None:
        return None
    k = MONTHS_PER[unit]
    side = _open_side(row)
    conv = lambda x: None if x is None else float(round(x * k, 0 if x * k < 1000 else -2))
    formula = (f"{fmt_figure(row)}{(' ' + what) if what else ''} × {k:.4g} "
               f"({RATE_UNITS[unit]} in an average calendar month of 30.44 days)")
    basis = "a month, from a rate the source states"
    if side == "floor":
        r = conv(value if value is not None else low)
        return Derived(r, "people", formula + "; a floor, so the rate is one too", (str(row["id"]),), r, None,
                       basis=basis, kind="floor")
    if side == "ceiling":
        r = conv(value if value is not None else high)
        return Derived(r, "people", formula + "; a ceiling, so the rate is one too", (str(row["id"]),), None, r,
                       basis=basis, kind="ceiling")
    central = value if value is not None else (low + high) / 2 if low is not None and high is not None else None
    if central is None:
        return None
    return Derived(conv(central), "people", formula, (str(row["id"]),), conv(low if low is not None else central),
                   conv(high if high is not None else central), basis=basis)


def latest_rates(df: pd.DataFrame, what: str, n: int) -> tuple[list[tuple[dict, Derived]], int]:
    """The monthly rates of the last `n` rows of `df` (sorted by claim date) that have one, latest
    first as the dispute table lists them, and how many rows have one in all (the formula of each
    rate is written only for those shown)."""
    rows = [r for r in rows_of(df.sort_values("claim_date_end", kind="stable")) if has_rate(r)]
    return [(r, per_month(r, what)) for r in rows[-n:][::-1]], len(rows)


def per_month(row, what: str = "", assume_period: bool = False) -> Derived | None:
    """A figure as a rate per month (average calendar month of 30.44 days) from the exact days of
    its period: value ÷ (days ÷ 30.44). Where the period's end or the figure is a range, so is
    the rate: the lowest figure over the most days to the highest over the fewest. Only a figure
    whose period the source states gives a rate (`period_stated`); with `assume_period` (a
    scenario that needs one) the row's period is used anyway and the rate is marked `assumed`."""
    if cell(row, "unit").lower() in RATE_UNITS:
        return None if is_peak(row) else _stated_rate(row, what)  # a peak is no month's rate
    assumed = not period_stated(row)
    inputs = _rate_inputs(row, assume_period)
    if inputs is None:
        return None
    d = _per_month(row, what, inputs)
    if assumed:
        d = replace(d, assumed=True, formula=d.formula + "; the source states no period, so spreading the figure "
                    "over these days is our assumption", basis="an assumption: the source states no period")
    return d


def _start_words(row, start: pd.Timestamp) -> tuple[str, str]:
    """The first day of a rate's period as the note prints it, and what the note adds. A period the source dates only to
    the invasion's month starts, for the arithmetic, on the invasion's day: printed as the
    assumption it is ("February 2022, counted from the 24th"), so the day never reads as sourced."""
    raw = row.get("period_start")
    if start == INVASION and raw is not None and not pd.isna(raw) and pd.Timestamp(raw) < INVASION:
        n = start.day
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{start:%B %Y}", f"; the days count from the {n}{suffix}, an assumed day: the sources give only the month"
    return f"{start:%-d %b %Y}", ""


def _per_month(row, what: str, inputs) -> Derived:
    (start, e_lo, e_hi), (d_lo, d_hi), value, low, high = inputs
    m_lo, m_hi = d_lo / DAYS_PER_MONTH, d_hi / DAYS_PER_MONTH
    side = _open_side(row)
    if value is None and (low is None or high is None):
        value = low if low is not None else high
    central = value if value is not None else (low + high) / 2
    lo_v = low if low is not None else central
    hi_v = high if high is not None else central
    rate = central / ((m_lo + m_hi) / 2)
    r_lo, r_hi = lo_v / m_hi, hi_v / m_lo
    day_words = f"{d_lo:,}" if d_lo == d_hi else f"{d_lo:,} to {d_hi:,}"
    end_words = f"{e_hi:%-d %b %Y}" if e_lo == e_hi else f"between {e_lo:%-d %b %Y} and {e_hi:%-d %b %Y}"
    opening, assumed_day = _start_words(row, start)
    formula = (f"{fmt_figure(row)}{(' ' + what) if what else ''} ÷ ({day_words} days from {opening} "
               f"to {end_words} ÷ 30.44 days a month){assumed_day}")
    basis = "a month, from the exact days of the figure's period"
    if side == "floor":  # at least the floor over the most days; no upper bound
        r = float(round(r_lo, -2))
        return Derived(r, "people", formula + "; a floor, so the rate is one too", (str(row["id"]),), r, None,
                       basis=basis, kind="floor")
    if side == "ceiling":
        r = float(round(r_hi, -2))
        return Derived(r, "people", formula + "; a ceiling, so the rate is one too", (str(row["id"]),), None, r,
                       basis=basis, kind="ceiling")
    return Derived(float(round(rate, -2)), "people", formula, (str(row["id"]),),
                   float(round(r_lo, -2)), float(round(r_hi, -2)), basis=basis)
