"""The figures the chapters and the judgements derive from the data, each with its basis and
formula: losses and sign-ups a month, loss figures over one period, the pre-war force a share
implies, and the cohorts a conscription window adds.

Every function takes a (selected) Dataset and returns None where the figures it needs are not
there (e.g. an early `as_of`), so a chapter can say so in words instead of failing.
"""
from __future__ import annotations

import math

import pandas as pd

from ..core.values import number as _f
from ..curated.data import Dataset
from ..curated.derived import Derived
from .comparisons import bounds, range_words
from .formats import count_words
from .kinds import is_expectation
from .rates import per_month, reference_period
from .rows import latest_matching, matching, rows_of, russian, totals


def cumulative_losses(ds: Dataset) -> pd.DataFrame:
    df = matching(ds.losses, measure="killed_or_wounded")
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
    for r in rows_of(cumulative_losses(ds)):
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
    df = matching(ds.inflows, country="Russia", channel="contract_signups")
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
    share = latest_matching(losses.dropna(subset=["value"]), measure="killed_or_wounded_share_of_prewar_force")
    if share is None or not share["value"]:
        return None
    same = matching(losses, measure="killed_or_wounded", claimant=share["claimant"],
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
                   f"allows for the rounding of both: {range_words(lo_v, hi_v)} ÷ {lo_s:g}%–{hi_s:g}%",
                   (str(loss["id"]), str(share["id"])), low, high,
                   basis="the force the estimate refers to, inferred from two rounded figures in one report",
                   kind="" if high is not None else "floor")


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
    df = matching(ds.conscription, measure="age_window")
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
