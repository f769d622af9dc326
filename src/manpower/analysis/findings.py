"""The analysis shared by the chapters and the summary: derived figures, each with its basis and formula.

Like with like: a rate comes from the exact days of a figure's reference period (the invasion
began on 24 February 2022; a period end known only to a month or an interval gives a range of
days, so the rate is a range); comparisons set figures on the same basis side by side or convert
one explicitly, and "agree"/"differ" follows from the bounds the qualifiers imply.

Every function takes a (selected) Dataset or rows and returns None where the figures it needs
are not there (e.g. an early `as_of`), so a chapter can say so in words instead of failing.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

import pandas as pd

from ..curated.data import Dataset
from ..curated.derived import Derived
from .formats import INVASION, count_words, fmt_date, fmt_figure, fmt_number
from .kinds import bounds_of, cell, is_expectation, kind_of
from ..vocabulary.qualifiers import CEILING_WORDS, FLOOR_WORDS
from ..vocabulary.schema import RATE_UNITS, SHARE_UNITS
from ..core.values import number as _f

DAYS_PER_MONTH = 365.25 / 12  # 30.4375: a month as an average calendar month


def _rows(df: pd.DataFrame, **match) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, val in match.items():
        mask &= df[col] == val
    return df[mask]


def _one(df: pd.DataFrame, **match) -> pd.Series | None:
    hit = _rows(df, **match)
    return None if hit.empty else hit.sort_values("claim_date_end").iloc[-1]


def rows_of(df: pd.DataFrame) -> list[dict]:
    """The rows of `df` as plain dicts: every function here reads a row with .get() and [], and a
    dict is built for a whole frame at once (pandas' iterrows makes one Series per row, which
    dominates the cost on a corpus of many thousand figures)."""
    return df.to_dict("records") if len(df) else []


def _basis(row) -> str:
    b = row.get("basis") if hasattr(row, "get") else None
    return "" if b is None or pd.isna(b) else str(b)


# -- reference periods and rates ------------------------------------------------------------------
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
    whole = _key_text(row.get("part_of")) if "part_of" in rows.columns else ""
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


# -- sides ----------------------------------------------------------------------------------------
def is_russian(df: pd.DataFrame) -> pd.Series:
    """Rows about Russia's losses or forces: side 'russian', or no side (data without the column)."""
    if "side" not in df.columns:
        return pd.Series(True, index=df.index)
    side = df["side"].astype(object)
    return side.isna() | (side.astype(str).isin(["russian", ""]))


def russian(df: pd.DataFrame) -> pd.DataFrame:
    """Only the figures about Russia's side: what a chart or sentence about Russian losses holds."""
    return df[is_russian(df)]


def other_sides(df: pd.DataFrame) -> pd.DataFrame:
    """Figures about another side (Ukraine's losses, another party's): shown in their own place,
    never an input of a Russian figure."""
    return df[~is_russian(df)]


def totals(df: pd.DataFrame) -> pd.DataFrame:
    """Cumulative totals only: no flow over a shorter period, no stock, and no part of another row
    (a force's share of a total is not a rival total). What a sentence setting totals side by
    side, or against the pre-war force, may use."""
    if "basis" in df.columns:
        basis = df["basis"].astype(object)
        df = df[basis.isna() | basis.astype(str).isin(["cumulative", ""])]
    if "part_of" in df.columns:
        part = df["part_of"].astype(object)
        df = df[part.isna() | (part.astype(str) == "")]
    return df


def latest_loss(ds: Dataset, claimant: str | None = None, measure: str = "killed_or_wounded") -> pd.Series | None:
    """The latest Russian cumulative total for `measure` (never a flow or a part)."""
    df = totals(russian(_rows(ds.losses, measure=measure))).dropna(subset=["value"])
    if claimant:
        df = _rows(df, claimant=claimant)
    return None if df.empty else df.sort_values("claim_date_end").iloc[-1]


def _cumulative_losses(ds: Dataset) -> pd.DataFrame:
    df = _rows(ds.losses, measure="killed_or_wounded")
    if "side" in df.columns:
        df = df[df["side"].isna() | (df["side"] == "russian")]
    if "part_of" in df.columns:
        df = df[df["part_of"].isna() | (df["part_of"] == "")]
    if "basis" in df.columns:
        df = df[df["basis"].isna() | (df["basis"] == "cumulative")]
    return df.dropna(subset=["period_start", "period_end"])


def loss_rates(ds: Dataset) -> pd.DataFrame:
    """Each cumulative killed-or-wounded estimate as a monthly rate (rate, rate_low, rate_high)."""
    rows = []
    for r in rows_of(_cumulative_losses(ds)):
        d = per_month(r, "killed or wounded")
        if d is not None:
            rows.append({**r, "rate": d.value, "rate_low": d.low, "rate_high": d.high, "derived": d})
    df = pd.DataFrame(rows)
    return df.sort_values("claim_date_end") if len(df) else df


def monthly_loss_rate(ds: Dataset) -> Derived | None:
    """The latest estimate's monthly rate; the range spans every estimate's rate range."""
    df = loss_rates(ds)
    if df.empty:
        return None
    last = df.iloc[-1]["derived"]
    more = "" if len(df) == 1 else ("; the range spans both estimates' rates" if len(df) == 2 else
                                    f"; the range spans the rates of all {count_words(len(df), 'estimate')}")
    lows, highs = pd.to_numeric(df["rate_low"], errors="coerce"), pd.to_numeric(df["rate_high"], errors="coerce")
    # a floor's rate has no upper bound, a ceiling's no lower one: then neither has the span
    low = None if lows.isna().any() else float(lows.min())
    high = None if highs.isna().any() else float(highs.max())
    kind = "" if (low is None) == (high is None) else ("floor" if high is None else "ceiling")
    if low is None and high is None:
        return Derived(last.value, "people", last.formula + more + "; open on both sides, so no range is given",
                       tuple(str(i) for i in df["id"]),
                       basis="killed or wounded a month, from the exact days of each estimate's period")
    return Derived(last.value if not kind else (low if kind == "floor" else high), "people", last.formula + more,
                   tuple(str(i) for i in df["id"]), low, high, kind=kind,
                   basis="killed or wounded a month, from the exact days of each estimate's period")


def losses_for_period(ds: Dataset, ref) -> list[dict]:
    """Russian killed-or-wounded counts (a whole, not a part) that cover exactly the period `ref`
    (a `reference_period`), oldest claim first: the only loss figures a flow over `ref` (a year of
    sign-ups) may be set against. The one rule for "like with like", used by the inflows chapter
    and the replacement judgement; a whole-war average is never set against one year."""
    if ref is None:
        return []
    rows = russian(ds.losses)
    rows = rows[rows["measure"].astype(str) == "killed_or_wounded"]
    if "part_of" in rows.columns:
        rows = rows[rows["part_of"].isna() | (rows["part_of"].astype(str) == "")]
    if "unit" in rows.columns:
        rows = rows[rows["unit"].isna() | (rows["unit"].astype(str) == "people")]
    return [r for r in rows_of(rows.sort_values("claim_date_end", kind="stable")) if reference_period(r) == ref]


def loss_rate_for_period(ds: Dataset, ref) -> Derived | None:
    """Killed or wounded a month from the latest loss figure covering exactly `ref`, or None."""
    for r in reversed(losses_for_period(ds, ref)):
        d = per_month(r, "killed or wounded")
        if d is not None:
            return d
    return None


def signup_claims(ds: Dataset) -> pd.DataFrame:
    """Russia's contract sign-ups in people (a payment or a count of recruitment centres is not one)."""
    df = _rows(ds.inflows, country="Russia", channel="contract_signups")
    if "unit" in df.columns:
        df = df[df["unit"].isna() | (df["unit"].astype(str) == "people")]
    return df.sort_values("claim_date_end", kind="stable")


def monthly_signup_rate(ds: Dataset) -> Derived | None:
    """Claimed contract sign-ups a month, from the claimed counts (not forecasts) and their
    period's days; forecasts are used only when there is nothing else, and the basis says so."""
    df = signup_claims(ds)
    df = df[df["period_start"].notna() & df["period_end"].notna()]
    if df.empty:
        return None
    records = rows_of(df)
    counts = [r for r in records if not is_expectation(r)]
    use, basis = (counts, "claimed sign-ups a month") if counts else (records, "sign-ups a month, from a forecast only")
    rates = [(r, per_month(r, "claimed sign-ups")) for r in use]
    rates = [(r, d) for r, d in rates if d is not None]
    if not rates:
        return None
    exact = [(r, d) for r, d in rates if pd.isna(r.get("qualifier")) and not d.kind]
    row, d = (exact or rates)[-1]
    # an open side of any rate (a floor's top, a ceiling's bottom) leaves that side of the span open
    low = None if any(x.low is None for _, x in rates) else min(x.low for _, x in rates)
    high = None if any(x.high is None for _, x in rates) else max(x.high for _, x in rates)
    kind = "" if (low is None) == (high is None) else ("floor" if high is None else "ceiling")
    value = d.value if not kind else (low if kind == "floor" else high)
    return Derived(value, "people", d.formula, tuple(str(r["id"]) for r, _ in rates), low, high, basis=basis, kind=kind)


# -- comparing two figures ------------------------------------------------------------------------
def bounds(row) -> tuple[float, float]:
    """A figure's (low, high) as its qualifier implies; an open side is infinite."""
    return _bound(row, "low", -math.inf), _bound(row, "high", math.inf)


def _bound(row, side: str, missing: float) -> float:
    """A stated bound; else the value where the figure is exact on that side. A floor (by its
    kind, even without a qualifier word: a count of named dead) has no upper bound, a ceiling no
    lower one."""
    if hasattr(row, "get") and pd.notna(row.get(side)):
        return float(row[side])
    q = row.get("qualifier") if hasattr(row, "get") else None
    exact = q is None or (not isinstance(q, str) and pd.isna(q)) or q == ""
    open_side = {"floor": "high", "ceiling": "low"}.get(cell(row, "kind").lower())
    return float(row["value"]) if exact and open_side != side and pd.notna(row.get("value")) else missing


def bounds_frame(df: pd.DataFrame) -> tuple[list[float], list[float]]:
    """`bounds` of every row of `df` at once (lows, highs): the same rule, column by column."""
    n = len(df)
    nan = pd.Series([float("nan")] * n, index=df.index)
    value = pd.to_numeric(df["value"], errors="coerce") if "value" in df.columns else nan
    if "qualifier" in df.columns:
        q = df["qualifier"].astype(object)
        exact = q.isna() | (q == "")
    else:
        exact = pd.Series(True, index=df.index)
    fallback = value.where(exact & value.notna())
    kind = df["kind"].astype(object).fillna("").astype(str).str.strip().str.lower() if "kind" in df.columns else None
    out = []
    for side, missing, open_kind in (("low", -math.inf, "ceiling"), ("high", math.inf, "floor")):
        stated = pd.to_numeric(df[side], errors="coerce") if side in df.columns else nan
        fb = fallback if kind is None else fallback.where(kind != open_kind)
        out.append(stated.where(stated.notna(), fb).fillna(missing).astype(float).tolist())
    return out[0], out[1]


def quantity_keys(df: pd.DataFrame) -> list[tuple]:
    """`quantity_key` of every row of `df` at once."""
    cols = []
    blank = [None] * len(df)
    for k in QUANTITY_KEYS:
        if k == "scope_class":
            classes = df[k].tolist() if k in df.columns else blank
            words = df["scope"].tolist() if "scope" in df.columns else blank
            channels = df["channel"].tolist() if "channel" in df.columns else blank
            cols.append([channel_scope(ch, scope_key(c, w)) for ch, c, w in zip(channels, classes, words)])
        elif k in df.columns:
            cols.append([_key_text(v) for v in df[k].tolist()])
        else:
            cols.append([""] * len(df))
    col = lambda c: df[c].tolist() if c in df.columns else blank  # noqa: E731
    cols.append([flow_period(b, s, e) for b, s, e in zip(col("basis"), col("period_start"), col("period_end"))])
    return list(zip(*cols))


def compare(a, b) -> dict:
    """How far apart two figures can be, given the bounds their qualifiers imply.

    gap_low is 0 when the ranges overlap ("just under half a million" and 486,000: 0 to 14,000);
    the verdict is "agree" then, "differ" otherwise. Both figures must be on the same basis; the
    caller says which."""
    a_lo, a_hi = bounds(a)
    b_lo, b_hi = bounds(b)
    gap_low = max(0.0, a_lo - b_hi, b_lo - a_hi)
    gap_high = max(a_hi - b_lo, b_hi - a_lo)
    return {"gap_low": gap_low, "gap_high": gap_high, "verdict": "agree" if gap_low == 0 else "differ"}


def gap(a, b) -> Derived:
    """The compare() gap as a derived figure with its formula."""
    c = compare(a, b)
    a_lo, a_hi = bounds(a)
    b_lo, b_hi = bounds(b)
    formula = (f"between the ranges {_range_words(a_lo, a_hi)} and {_range_words(b_lo, b_hi)}: "
               "smallest and largest difference")
    high = c["gap_high"] if math.isfinite(c["gap_high"]) else None
    return Derived(c["gap_low"], "people", formula, (str(a["id"]), str(b["id"])), c["gap_low"], high,
                   basis="the same period, the same measure", kind="" if high is not None else "floor")


def _range_words(lo: float, hi: float) -> str:
    """'286,900–317,100', '2,000 or more', 'up to 500,000': a range whose side may be open."""
    if math.isinf(lo) and math.isinf(hi):
        return "unbounded"
    if math.isinf(hi):
        return f"{fmt_number(lo, 'people')} or more"
    if math.isinf(lo):
        return f"up to {fmt_number(hi, 'people')}"
    return f"{fmt_number(lo, 'people')}–{fmt_number(hi, 'people')}"


def highest(rows: pd.DataFrame) -> float | None:
    """The highest point of the bands drawn for some figures (the high bound, else the value)."""
    if rows.empty:
        return None
    tops = rows["high"].astype(float).fillna(rows["value"].astype(float))
    return None if tops.dropna().empty else float(tops.max())


def rate_verb(a: Derived, b: Derived) -> str:
    """'exceed', 'fall short of' or 'roughly match': a's range against b's."""
    a_lo, a_hi = (a.low if a.low is not None else a.value), (a.high if a.high is not None else a.value)
    b_lo, b_hi = (b.low if b.low is not None else b.value), (b.high if b.high is not None else b.value)
    return "exceed" if a_lo > b_hi else "fall short of" if a_hi < b_lo else "roughly match"


def rate_comparison_title(signup: Derived | None, loss: Derived | None) -> str | None:
    """A chart title comparing claimed sign-ups a month with estimated killed-or-wounded a month,
    both from exact day counts; the verb follows the two ranges (overlap = "roughly match")."""
    if signup is None or loss is None:
        return None
    verb = rate_verb(signup, loss)
    return f"Claimed sign-ups a month {verb} estimated killed and wounded a month, if the claims are taken at face value"


# -- ratios ---------------------------------------------------------------------------------------
def rounding_step(x: float) -> float:
    """The place a stated number is rounded to, read from its last non-zero digit: 315,000 ->
    1,000, 90 -> 10, 2.5 -> 0.1. A round number may stand for anything within half a step of it."""
    x = abs(float(x))
    if x == 0 or not math.isfinite(x):
        return 0.0
    if not x.is_integer():
        decimals = len(f"{x:.6f}".rstrip("0").split(".")[1])
        return 10.0 ** -decimals
    step = 1
    while x % (step * 10) == 0:
        step *= 10
    return float(step)


def implied_prewar_force(ds: Dataset) -> Derived | None:
    """Losses divided by the share of the pre-war force they are said to be (same report): the
    force the estimate refers to. Both inputs are rounded figures, so the range allows half a
    rounding step either side of each (and any range the losses' qualifier gives)."""
    losses = russian(ds.losses)
    share = _one(losses.dropna(subset=["value"]), measure="killed_or_wounded_share_of_prewar_force")
    if share is None or not share["value"]:
        return None
    same = _rows(losses, measure="killed_or_wounded", claimant=share["claimant"],
                 source_id=share["source_id"]).dropna(subset=["value"])
    if same.empty:
        return None
    loss = same.iloc[-1]
    s, v = float(share["value"]), float(loss["value"])
    value = v / (s / 100)
    hs, hv = rounding_step(s) / 2, rounding_step(v) / 2
    lo_v, hi_v = bounds(loss)
    lo_v, hi_v = min(lo_v, v) - hv, max(hi_v, v) + hv
    lo_s, hi_s = s - hs, s + hs
    low = round(lo_v / (hi_s / 100), -3) if math.isfinite(lo_v) else None
    high = round(hi_v / (lo_s / 100), -3) if math.isfinite(hi_v) and lo_s > 0 else None
    return Derived(round(value, -3), "people",
                   f"{v:,.0f} killed or wounded ÷ {s:g}% of the pre-war force (one report); the range "
                   f"allows for the rounding of both: {_range_words(lo_v, hi_v)} ÷ {lo_s:g}%–{hi_s:g}%",
                   (str(loss["id"]), str(share["id"])), low, high,
                   basis="the force the estimate refers to, inferred from two rounded figures in one report",
                   kind="" if high is not None else "floor")


# -- conscription ---------------------------------------------------------------------------------
def cohort_assumption(low: float, high: float) -> str:
    """How a window is counted, worded on the window itself ("aged 18 to 30" read as 18 and 30
    both liable), never on a window typed here."""
    return (f"both end ages included, as “aged {low:g} to {high:g}” reads: a window from age L to H "
            "spans H − L + 1 single-year cohorts")


def window_pair(df: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """The latest (before, after) pair of one country's windows that one source chain states: the
    same article, else the same claimant. A window one claimant gives after a change is never
    set against another claimant's earlier window ("aged at most 30, up from 18 to 27" out of two
    articles): without such a pair there is no change to count."""
    if df.empty:
        return None
    df = df.sort_values("claim_date_end", kind="stable")
    befores, afters = df[df["regime"] == "before"], df[df["regime"] == "after"]
    for _, after in afters.iloc[::-1].iterrows():
        for col in ("source_id", "claimant"):
            same = befores[befores[col].astype(str) == str(after[col])]
            if len(same):
                return same.iloc[-1], after
    return None


def age_window(ds: Dataset, country: str = "Russia") -> dict | None:
    """Cohorts (single years of age) `country`'s conscription window covers before and after the
    change; None without both windows of that country from one source chain (one country's
    window is never paired with another's, one claimant's with another's: window_pair). With an
    end unstated, only the stated ends are compared."""
    df = _rows(ds.conscription, measure="age_window")
    if "country" in df.columns:
        df = df[df["country"].astype(str) == country]
    pair = window_pair(df)
    if pair is None:
        return None
    before, after = pair
    ends = [_f(before, "low"), _f(before, "high"), _f(after, "low"), _f(after, "high")]
    ids = (str(before["id"]), str(after["id"]))
    out = {"before": before, "after": after, "country": country, "assumption": None,
           "cohorts_before": None, "cohorts_after": None, "added": None, "widening": None}
    if None in ends:
        if ends[1] is not None and ends[3] is not None:
            out["added_top"] = Derived(ends[3] - ends[1], "years",
                                       f"upper age {ends[3]:g} − {ends[1]:g}; the lower age is not stated", ids)
        return out
    b_lo, b_hi, a_lo, a_hi = ends
    n_before, n_after = int(b_hi - b_lo + 1), int(a_hi - a_lo + 1)
    assumption = cohort_assumption(a_lo, a_hi)
    out.update({
        "cohorts_before": n_before, "cohorts_after": n_after, "assumption": assumption,
        "added": Derived(n_after - n_before, "cohorts",
                         f"({a_hi:g} − {a_lo:g} + 1) − ({b_hi:g} − {b_lo:g} + 1) single-year age cohorts, "
                         f"{assumption}", ids, basis="single-year age cohorts"),
        "widening": Derived(round(100 * (n_after - n_before) / n_before), "percent",
                            f"({n_after} − {n_before}) ÷ {n_before} cohorts", ids,
                            basis="cohorts, not men: cohort sizes and exemptions are not in the sources"),
    })
    return out


def latest_claim_date(ds: Dataset) -> pd.Timestamp | None:
    """The latest day any shown figure or event was claimed ("data as of")."""
    ends = [df["claim_date_end"].max() for name, df in ds.tables.items()
            if name != "exclusions" and "claim_date_end" in df.columns and len(df)]
    ends = [e for e in ends if not pd.isna(e)]
    return max(ends) if ends else None


# -- disputes and caps ----------------------------------------------------------------------------
# the structured fields a quantity is; `scope_class` stands for the subset, never the article's
# wording of it ("troops" and "military personnel" are one quantity), see scope_key
QUANTITY_KEYS = ("measure", "channel", "aspect", "subject", "scope_class", "side", "country", "unit", "basis")


def _key_text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def scope_key(scope_class, scope) -> str:
    """The subset part of a quantity key: the class from the closed list (empty = `all`); for
    `other`, or data curated before the class existed, the free-text scope too, since only its
    words say which subset it is."""
    cls, words = _key_text(scope_class).strip(), _key_text(scope).strip()
    if not cls:
        cls = "all" if not words else "other"
    return f"other: {words.lower()}" if cls == "other" else cls


# the class of people a channel counts by itself: a count of contract sign-ups "(volunteers, contract)"
# is the channel's whole, one quantity with a forecast of sign-ups that names no scope
CHANNEL_SCOPE = {"contract_signups": "contract", "partial_mobilisation": "mobilised", "prisoners": "prisoners",
                 "conscription": "conscripts", "conscripts_called": "conscripts"}


def channel_scope(channel, scope: str) -> str:
    """`scope` (a scope_key), read as `all` where it is the class the channel counts anyway."""
    return "all" if scope == CHANNEL_SCOPE.get(_key_text(channel)) else scope


def flow_period(basis, start, end) -> str:
    """The period part of a quantity key: a flow's own period ('2023-01-01/2023-12-31'), since a
    2023 forecast and a 2024 target, or two five-month flows, are not one quantity; empty for a
    running total (totals claimed at different dates are set side by side) or without a period."""
    if _key_text(basis) != "flow" or _key_text(start) == "" or _key_text(end) == "":
        return ""
    try:
        return f"{pd.Timestamp(start):%Y-%m-%d}/{pd.Timestamp(end):%Y-%m-%d}"
    except (ValueError, TypeError):
        return f"{start}/{end}"


def quantity_key(row) -> tuple:
    """What a figure is about, from structured fields only: measure/channel/aspect, subject, the
    scope's class, side, country, unit and basis (a five-month flow and a total since the
    invasion are never one quantity; three claimants' totals worded differently are one), and a
    flow's period (`flow_period`)."""
    get = (lambda k: row.get(k)) if hasattr(row, "get") else (lambda k: None)
    return tuple(channel_scope(get("channel"), scope_key(get("scope_class"), get("scope"))) if k == "scope_class"
                 else _key_text(get(k)) for k in QUANTITY_KEYS) \
        + (flow_period(get("basis"), get("period_start"), get("period_end")),)


def disputes(df: pd.DataFrame) -> list[pd.DataFrame]:
    """Groups of figures about one quantity from more than one claim (claimant or date) that carry
    a number: each a frame sorted by claim date. Parts of another row are left out (never set
    against their whole)."""
    if df.empty:
        return []
    df = df[df["value"].notna() | df["low"].notna() | df["high"].notna()] if "value" in df.columns else df
    if "part_of" in df.columns:
        df = df[df["part_of"].isna() | (df["part_of"] == "")]
    groups = {}
    for i, key in zip(df.index, quantity_keys(df)):
        groups.setdefault(key, []).append(i)
    # only groups of two or more become frames (a corpus may hold thousands of single figures)
    return [df.loc[idx].sort_values("claim_date_end", kind="stable") for idx in groups.values() if len(idx) >= 2]


def spread(group: pd.DataFrame) -> tuple[float, float]:
    """The lowest low and highest high over a group of figures (bounds as the qualifiers imply)."""
    lows, highs = bounds_frame(group)
    return min(lows), max(highs)


def point(row) -> float | None:
    """Where a figure stands, for ordering a spread by what the sources say: its value, else the
    middle of its stated range, else its one stated bound."""
    value, low, high = _f(row, "value"), _f(row, "low"), _f(row, "high")
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def stated_ends(group: pd.DataFrame) -> tuple[dict, dict] | None:
    """The figures that stand lowest and highest in a group (`point`), as their sources state
    them: a spread is read "3,000 (a ministry's count) to as many as 5,000 (an opposition
    lawmaker)", not from our reading of a qualifier to an open side. None without two figures."""
    rows = [r for r in rows_of(group) if point(r) is not None]
    if len(rows) < 2:
        return None
    lo = min(rows, key=lambda r: (point(r), str(r.get("claim_date_end"))))
    hi = max(rows, key=lambda r: (point(r), str(r.get("claim_date_end"))))
    return (lo, hi) if lo is not hi else None


def conflicts(group: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Pairs of figures about one quantity from different claimants that cannot both be right, the
    furthest apart first: for a running total (cumulative, a stock) a later figure whose highest
    bound is below an earlier one's lowest (a total cannot shrink); for any other figure, two whose
    bounds do not overlap over the same period. Flows over different periods never conflict."""
    rows = rows_of(group)
    out = []
    for a in rows:
        for b in rows:
            if str(a["claimant"]) == str(b["claimant"]) or a is b:
                continue
            a_lo, a_hi = bounds(a)
            b_lo, b_hi = bounds(b)
            if not b_hi < a_lo:
                continue
            basis = _basis(a) or _basis(b)
            running = basis in ("cumulative", "stock")
            ref_a, ref_b = reference_period(a), reference_period(b)
            if running:
                later = ref_a is not None and ref_b is not None and ref_b[2] >= ref_a[1]
                if not later and not (ref_a is None or ref_b is None):
                    continue
            elif not (ref_a is not None and ref_b is not None and ref_a == ref_b):
                continue
            out.append((a, b, a_lo - b_hi))
    out.sort(key=lambda x: -x[2])
    return [(a, b) for a, b, _ in out]


def cap_keeping_conflicts(df: pd.DataFrame, limit: int, extra: int | None = None) -> tuple[pd.DataFrame, int]:
    """The `limit` most recent rows, plus the earlier rows about the same quantity as one shown
    whose range does not overlap it (a cap does not hide a claim that conflicts with one shown),
    the furthest apart first, at most `extra` of them (default: `limit`, so a listing stays
    bounded on any data); and how many rows are left out (for "…and N more in the appendix")."""
    extra = limit if extra is None else extra
    df = df.sort_values("claim_date_end", kind="stable")
    shown = df.tail(limit)
    rest = df.drop(shown.index)
    by_key: dict = {}
    for key, lo, hi in zip(quantity_keys(shown), *bounds_frame(shown)):
        by_key.setdefault(key, []).append((lo, hi))
    found = []
    for i, key, a_lo, a_hi in zip(rest.index, quantity_keys(rest), *bounds_frame(rest)):
        # compare()'s gap_low with each shown figure about the same quantity, kept when positive
        gaps = [g for b_lo, b_hi in by_key.get(key, []) if (g := max(0.0, a_lo - b_hi, b_lo - a_hi)) > 0]
        if gaps:
            found.append((max(gaps), i))
    keep = [i for _, i in sorted(found, key=lambda x: -x[0])[:extra]]
    order = {i: n for n, i in enumerate(df.index)}
    out = df.loc[sorted(set(shown.index) | set(keep), key=order.__getitem__)]
    return out, len(df) - len(out)


def with_wholes(shown: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """`shown` plus the whole (from `df`) of every part it holds, and that whole's whole: a cap
    never lists a part ("150,000, part of 200,000") while hiding the total it is part of."""
    if "part_of" not in df.columns or shown.empty:
        return shown
    ids = df["id"].astype(str)
    keep = set(shown.index)
    todo = [_key_text(w) for w in shown["part_of"]]
    while todo:
        w = todo.pop()
        hit = df.index[ids == w] if w else []
        for i in hit:
            if i not in keep:
                keep.add(i)
                todo.append(_key_text(df.loc[i, "part_of"]))
    return df.loc[[i for i in df.index if i in keep]]


def with_parts(shown: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """`shown` plus every part (from `df`) of a row it holds, and their parts: a cap never lists a
    whole and one part of its breakdown ("150,000 in the regular army") while hiding the sibling
    ("50,000 in a private military company")."""
    if "part_of" not in df.columns or shown.empty:
        return shown
    ids = df["id"].astype(str)
    wholes = [_key_text(w) for w in df["part_of"]]
    keep = set(shown.index)
    todo = [str(i) for i in shown["id"]]
    while todo:
        w = todo.pop()
        for i, whole in zip(df.index, wholes):
            if whole == w and i not in keep:
                keep.add(i)
                todo.append(str(ids.loc[i]))
    return df.loc[[i for i in df.index if i in keep]]


def parts_under_wholes(df: pd.DataFrame) -> pd.DataFrame:
    """The rows in their order, except that a part stands right under its whole (parts in their
    own order, a part of a part under that part): a breakdown reads as one, never as rival totals
    scattered through a list. A part whose whole is not among the rows keeps its place."""
    if "part_of" not in df.columns or df.empty:
        return df
    ids = {str(i): n for n, i in zip(df.index, df["id"].astype(str))}
    parent = {n: ids.get(_key_text(w)) for n, w in zip(df.index, df["part_of"])}
    children: dict = {}
    for n in df.index:
        if parent[n] is not None and parent[n] != n:
            children.setdefault(parent[n], []).append(n)
    order: list = []
    seen: set = set()

    def place(n) -> None:
        if n in seen:
            return
        seen.add(n)
        order.append(n)
        for c in children.get(n, []):
            place(c)

    for n in df.index:
        if parent[n] is None or parent[n] == n:
            place(n)
    for n in df.index:  # a cycle (refused by check) still lists every row once
        place(n)
    return df.loc[order]


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


__all__ = ["Derived", "INVASION", "kind_of"]


def estimates_over_time_groups(losses: pd.DataFrame, min_dates: int = 2, limit: int = 24) -> list[tuple[str, pd.DataFrame, int]]:
    """(measure, rows) for each loss measure with cumulative estimates claimed on at least
    `min_dates` different dates: what an estimates-over-time chart draws. Flows and parts of
    another row are left out, so a period figure is never drawn as cumulative and killed is never
    on the same series as killed or wounded; the rows carry `bounds` (stated or convention).
    A chart draws the `limit` most recently claimed rows; the third item counts the rest."""
    if losses.empty:
        return []
    df = russian(losses)  # one side per chart: a claimant's Russian and Ukrainian figures are never joined
    if "basis" in df.columns:
        df = df[df["basis"].astype(str).isin(["cumulative", "", "nan", "<NA>"]) | df["basis"].isna()]
    if "part_of" in df.columns:
        df = df[df["part_of"].isna() | (df["part_of"].astype(str) == "")]
    if "unit" in df.columns:
        df = df[df["unit"].astype(str) == "people"]
    df = df[df["value"].notna() | (df["low"].notna() & df["high"].notna())]
    out = []
    for measure, rows in df.groupby("measure", sort=True):
        if rows["claim_date_end"].nunique() >= min_dates:
            rows = rows.sort_values("claim_date_end", kind="stable")
            left_out = max(0, len(rows) - limit)
            rows = rows.tail(limit)
            rows = rows.assign(bounds=[bounds_of(r) for _, r in rows.iterrows()],  # a range alone: no dot
                               kind=[kind_of(r) for _, r in rows.iterrows()])  # a floor: drawn open-ended
            out.append((str(measure), rows, left_out))
    return out


# -- the terms of decrees and offers --------------------------------------------------------------
def terms_by_event(terms: pd.DataFrame, events: pd.DataFrame) -> list[tuple[dict | None, str, pd.DataFrame]]:
    """The terms rows grouped by the decree, law or offer they state (`event`), each group with its
    event row (None where the event is not shown) and a caption; rows that name no event are
    grouped by claimant. A second decree's terms never join the first one's table. Groups come
    in the order of their earliest claim."""
    if terms.empty:
        return []
    ev = terms["event"].astype(object).where(terms["event"].notna(), "") if "event" in terms.columns \
        else pd.Series("", index=terms.index)
    key = [f"event:{e}" if e else f"claimant:{c}" for e, c in zip(ev.astype(str), terms["claimant"].astype(str))]
    by_id = {str(r["id"]): r for r in rows_of(events)} if events is not None and "id" in events.columns else {}
    out = []
    for k in dict.fromkeys(k for _, k in sorted(zip(terms["claim_date_end"], key), key=lambda x: (pd.isna(x[0]), x[0]))):
        rows = terms[[x == k for x in key]]
        kind, name = k.split(":", 1)
        event = by_id.get(name) if kind == "event" else None
        if event is not None:
            what = {"law_passed": "law", "recruitment_drive": "offer"}.get(str(event.get("category")), "decree")
            when = fmt_date(event["date_start"], event["date_end"], str(event["date_precision"])) \
                if pd.notna(event.get("date_start")) else "an unstated date"
            caption = f"Terms of the {what} of {when} ({event['label']})"
        elif kind == "event":
            caption = f"Terms of the decree or offer `{name}`"
        else:
            caption = f"Terms as {name} reports them"
        out.append((event, caption, rows))
    return out
