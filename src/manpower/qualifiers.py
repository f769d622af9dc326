"""What a qualifier as written ("approximately", "just under", "up to") implies for the bounds.

The curated tables keep `value` as the text states it and `low`/`high` as the qualifier implies;
this module is the one statement of that convention, used by the check (bounds must follow it)
and by the prose (the qualifier is printed with the number).
"""
from __future__ import annotations

import math

from .numbers import VAGUE

# qualifier -> (low factor, high factor) applied to value; None = open (no bound stated)
POINT = {
    "": (1.0, 1.0),
    "approximately": (0.95, 1.05),
    "about": (0.95, 1.05),
    "around": (0.95, 1.05),
    "some": (0.95, 1.05),
    "just under": (0.95, 1.0),
    "almost": (0.95, 1.0),
    "nearly": (0.95, 1.0),
    "just over": (1.0, 1.05),
    "more than": (1.0, None),
    "over": (1.0, None),
    "at least": (1.0, None),
    "up to": (None, 1.0),
    "fewer than": (None, 1.0),
    "less than": (None, 1.0),
}
# qualifiers whose quote states both ends ("18 to 30", "between 18 and 27"): value is empty
RANGE = ("to", "between")

QUALIFIERS = tuple(POINT) + RANGE + tuple(VAGUE)


def implied_bounds(qualifier: str, value: float | None, low: float | None, high: float | None):
    """The (low, high) the convention expects, or a reason string when the row cannot follow it."""
    q = qualifier.strip().lower()
    if q in VAGUE:
        if value is not None:
            return f"'{q}' states no point value: leave value empty"
        return VAGUE[q]
    if q in RANGE:
        if value is not None:
            return f"'{q}' states a range: leave value empty and give low and high"
        if low is None or high is None:
            return f"'{q}' states a range: give both low and high"
        return (low, high)
    if q not in POINT:
        return f"unknown qualifier; allowed: {', '.join(repr(x) for x in QUALIFIERS)}"
    if value is None:
        return f"'{q or 'exact'}' qualifies a stated value: give value"
    lo_f, hi_f = POINT[q]
    lo = None if lo_f is None else round(value * lo_f, 6)
    hi = None if hi_f is None else round(value * hi_f, 6)
    return (lo, hi)


def bounds_match(expected, low, high) -> bool:
    def eq(a, b):
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)

    return eq(expected[0], low) and eq(expected[1], high)


def describe_convention() -> list[tuple[str, str]]:
    """(qualifier, rule) rows for the codebook and the methodology appendix."""
    rows = []
    for q, (lo, hi) in POINT.items():
        lo_s = "open" if lo is None else ("value" if lo == 1 else f"{lo:g} × value")
        hi_s = "open" if hi is None else ("value" if hi == 1 else f"{hi:g} × value")
        rows.append((q or "(none: exact)", f"low = {lo_s}; high = {hi_s}"))
    for q in RANGE:
        rows.append((q, "value empty; low and high as stated"))
    for q, (lo, hi) in VAGUE.items():
        rows.append((q, f"value empty; low = {lo:,.0f}; high = {hi:,.0f}"))
    return rows
