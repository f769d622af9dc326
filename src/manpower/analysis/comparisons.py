"""Comparing figures: the bounds their qualifiers imply, whether two agree or differ and by how
much, what quantity a figure is about, and which figures dispute one quantity with what spread."""
from __future__ import annotations

import math

import pandas as pd

from ..curated.derived import Derived
from .formats import fmt_number
from .kinds import cell

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


def key_text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def scope_key(scope_class, scope) -> str:
    """The subset part of a quantity key: the class from the closed list (empty = `all`); for
    `other`, or data curated before the class existed, the free-text scope too, since only its
    words say which subset it is."""
    cls, words = key_text(scope_class).strip(), key_text(scope).strip()
    if not cls:
        cls = "all" if not words else "other"
    return f"other: {words.lower()}" if cls == "other" else cls


def quantity_key(row) -> tuple:
    """What a figure is about, from structured fields only: measure/channel/aspect, subject, the
    scope's class, side, country, unit and basis (a five-month flow and a total since the
    invasion are never one quantity; three claimants' totals worded differently are one)."""
    get = (lambda k: row.get(k)) if hasattr(row, "get") else (lambda k: None)
    return tuple(scope_key(get("scope_class"), get("scope")) if k == "scope_class" else key_text(get(k))
                 for k in QUANTITY_KEYS)


def quantity_keys(df: pd.DataFrame) -> list[tuple]:
    """`quantity_key` of every row of `df` at once."""
    cols = []
    blank = [None] * len(df)
    for k in QUANTITY_KEYS:
        if k == "scope_class":
            classes = df[k].tolist() if k in df.columns else blank
            words = df["scope"].tolist() if "scope" in df.columns else blank
            cols.append([scope_key(c, w) for c, w in zip(classes, words)])
        elif k in df.columns:
            cols.append([key_text(v) for v in df[k].tolist()])
        else:
            cols.append([""] * len(df))
    return list(zip(*cols)) if cols else [()] * len(df)


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
