"""Comparing figures: the bounds their qualifiers imply, whether two agree or differ and by how
much, what quantity a figure is about, and which figures dispute one quantity with what spread."""
from __future__ import annotations

import math

import pandas as pd

from ..core.values import number as _f
from ..core.values import text as key_text  # a key part: a cell as text, missing as ""
from ..curated.derived import Derived
from .formats import fmt_number
from .kinds import cell
from .rates import _basis, reference_period
from .rows import rows_of


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
    formula = (f"between the ranges {range_words(a_lo, a_hi)} and {range_words(b_lo, b_hi)}: "
               "smallest and largest difference")
    high = c["gap_high"] if math.isfinite(c["gap_high"]) else None
    return Derived(c["gap_low"], "people", formula, (str(a["id"]), str(b["id"])), c["gap_low"], high,
                   basis="the same period, the same measure", kind="" if high is not None else "floor")


def range_words(lo: float, hi: float) -> str:
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


# the structured fields a quantity is; `scope_class` stands for the subset, never the article's
# wording of it ("troops" and "military personnel" are one quantity), see scope_key
QUANTITY_KEYS = ("measure", "channel", "aspect", "subject", "scope_class", "side", "country", "unit", "basis")


def scope_key(scope_class, scope) -> str:
    """The subset part of a quantity key: the class from the closed list (empty = `all`); for
    `other`, or data curated before the class existed, the free-text scope too, since only its
    words say which subset it is."""
    cls, words = key_text(scope_class).strip(), key_text(scope).strip()
    if not cls:
        cls = "all" if not words else "other"
    return f"other: {words.lower()}" if cls == "other" else cls



# the class of people a channel counts by itself: a count of contract sign-ups "(volunteers, contract)"
# is the channel's whole, one quantity with a forecast of sign-ups that names no scope
CHANNEL_SCOPE = {"contract_signups": "contract", "partial_mobilisation": "mobilised", "prisoners": "prisoners",
                 "conscription": "conscripts", "conscripts_called": "conscripts"}


def channel_scope(channel, scope: str) -> str:
    """`scope` (a scope_key), read as `all` where it is the class the channel counts anyway."""
    return "all" if scope == CHANNEL_SCOPE.get(key_text(channel)) else scope


def flow_period(basis, start, end) -> str:
    """The period part of a quantity key: a flow's own period ('2023-01-01/2023-12-31'), since a
    2023 forecast and a 2024 target, or two five-month flows, are not one quantity; empty for a
    running total (totals claimed at different dates are set side by side) or without a period."""
    if key_text(basis) != "flow" or key_text(start) == "" or key_text(end) == "":
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
                 else key_text(get(k)) for k in QUANTITY_KEYS) \
        + (flow_period(get("basis"), get("period_start"), get("period_end")),)


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
            cols.append([key_text(v) for v in df[k].tolist()])
        else:
            cols.append([""] * len(df))
    col = lambda c: df[c].tolist() if c in df.columns else blank  # noqa: E731
    cols.append([flow_period(b, s, e) for b, s, e in zip(col("basis"), col("period_start"), col("period_end"))])
    return list(zip(*cols))


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
