"""What the words around a number say about it: bounds qualifiers and hedges, each with its reading.

A *qualifier* ("approximately", "just under", "up to") bounds the number: the curated tables keep
`value` as the text states it and, with `bounds` = `convention`, `low`/`high` as the qualifier
implies by the rule below. A *hedge* ("likely", "expected to", "there will be") says how sure or
how future the claim is: it implies no bounds, it fixes the figure's `kind`. Both are matched in
the quote as whole words. This module is the one statement of that convention, used by the check,
the codebook and the prose.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .numbers import VAGUE

_APPROX = "approximate: about 5 % either way"
_BELOW = "a little below the number"
_ABOVE = "a little above the number"
_FLOOR = "a floor: the number or more"
_CEILING = "a ceiling: the number or fewer"
# qualifier -> (low factor, high factor, reading), applied to value; None = open (no bound)
POINT_READINGS: dict[str, tuple[float | None, float | None, str]] = {
    "": (1.0, 1.0, "stated exactly"),
    "approximately": (0.95, 1.05, _APPROX),
    "about": (0.95, 1.05, _APPROX),
    "around": (0.95, 1.05, _APPROX),
    "roughly": (0.95, 1.05, _APPROX),
    "some": (0.95, 1.05, _APPROX),
    "an estimated": (0.95, 1.05, _APPROX),
    "just under": (0.95, 1.0, _BELOW),
    "almost": (0.95, 1.0, _BELOW),
    "nearly": (0.95, 1.0, _BELOW),
    "just over": (1.0, 1.05, _ABOVE),
    "more than": (1.0, None, _FLOOR),
    "over": (1.0, None, _FLOOR),
    "at least": (1.0, None, _FLOOR),
    "upwards of": (1.0, None, _FLOOR),
    "in excess of": (1.0, None, _FLOOR),
    "surpasses": (1.0, None, _FLOOR),
    "surpassed": (1.0, None, _FLOOR),
    "exceeds": (1.0, None, _FLOOR),
    "exceeded": (1.0, None, _FLOOR),
    "no fewer than": (1.0, None, _FLOOR),
    "no less than": (1.0, None, _FLOOR),
    "up to": (None, 1.0, _CEILING),
    "fewer than": (None, 1.0, _CEILING),
    "less than": (None, 1.0, _CEILING),
    "as many as": (None, 1.0, _CEILING),
    "no more than": (None, 1.0, _CEILING),
}
POINT = {q: (lo, hi) for q, (lo, hi, _) in POINT_READINGS.items()}
FLOOR_WORDS = tuple(q for q, (lo, hi) in POINT.items() if q and hi is None)  # "at least", "upwards of" ...
CEILING_WORDS = tuple(q for q, (lo, hi) in POINT.items() if q and lo is None)  # "up to", "as many as" ...
# qualifiers whose quote states both ends ("18 to 30", "between 18 and 27"): value is empty
RANGE = ("to", "between")
QUALIFIERS = tuple(POINT) + RANGE + tuple(VAGUE)

# hedge -> (reading, kinds a row with this hedge may have)
HEDGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "likely": ("hedged: the claimant thinks it probable", ("hedged",)),
    "probably": ("hedged: the claimant thinks it probable", ("hedged",)),
    "may": ("hedged: a possibility", ("hedged", "forecast")),
    "could": ("hedged: a possibility", ("hedged", "forecast")),
    "believed": ("hedged: held true, not counted", ("hedged", "estimate")),
    "expected to": ("a forecast of a future figure", ("forecast",)),
    "there will be": ("a forecast of a future figure", ("forecast",)),
    "will": ("a forecast of a future figure", ("forecast", "target")),
    "set to": ("a plan or forecast", ("forecast", "target")),
    "plans to": ("a target the claimant aims at", ("target",)),
    "aims to": ("a target the claimant aims at", ("target",)),
    "hope to": ("a target the claimant hopes for", ("target",)),
    "target": ("a target the claimant aims at", ("target",)),
}


@lru_cache(maxsize=None)
def _word_pattern(words: str) -> re.Pattern:
    parts = [re.escape(w) for w in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def written_in(words: str, text: str) -> bool:
    """Whether `words` stand in `text` as whole words ("to" is not found in "total")."""
    return bool(words.strip()) and _word_pattern(words.strip()).search(text) is not None


def reading(qualifier: str) -> str:
    q = qualifier.strip().lower()
    if q in POINT_READINGS:
        return POINT_READINGS[q][2]
    if q in RANGE:
        return "a range: both ends stated"
    if q in VAGUE:
        lo, hi = VAGUE[q]
        return f"a vague quantity read literally: {lo:,.0f} to {hi:,.0f}"
    if q in HEDGES:
        return HEDGES[q][0]
    return ""


WHOLE_UNITS = ("people", "things")  # counted in whole ones: a bound is never half a person


def whole_bounds(low: float | None, high: float | None, unit: str | None) -> tuple[float | None, float | None]:
    """Bounds of a count in whole ones, rounded outward (the low down, the high up) so the range
    still holds what the qualifier reads: 'about 332,810' is 316,169 to 349,451, never
    316,169.5 to 349,450.5. The one rounding `draft`, `check` and the report share."""
    if unit not in WHOLE_UNITS:
        return low, high
    return (low if low is None or not math.isfinite(low) else float(math.floor(low + 1e-9)),
            high if high is None or not math.isfinite(high) else float(math.ceil(high - 1e-9)))


def implied_bounds(qualifier: str, value: float | None, low: float | None, high: float | None,
                   unit: str | None = None):
    """The (low, high) the convention expects, or a reason string when the row cannot follow it.
    With `unit`, a count's bounds are whole (`whole_bounds`)."""
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
    return whole_bounds(lo, hi, unit)


def bounds_match(expected, low, high) -> bool:
    def eq(a, b):
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)

    return eq(expected[0], low) and eq(expected[1], high)


def describe_convention() -> list[tuple[str, str]]:
    """(qualifier, rule) rows for the codebook and the methodology appendix."""
    return [(q, rule) for q, rule, _ in describe_readings()]


def describe_readings() -> list[tuple[str, str, str]]:
    """(qualifier, bounds rule, reading) rows for the codebook."""
    rows = []
    for q, (lo, hi, why) in POINT_READINGS.items():
        lo_s = "open" if lo is None else ("value" if lo == 1 else f"{lo:g} × value")
        hi_s = "open" if hi is None else ("value" if hi == 1 else f"{hi:g} × value")
        rows.append((q or "(none: exact)", f"low = {lo_s}; high = {hi_s}", why))
    for q in RANGE:
        rows.append((q, "value empty; low and high as stated", reading(q)))
    for q, (lo, hi) in VAGUE.items():
        rows.append((q, f"value empty; low = {lo:,.0f}; high = {hi:,.0f}", "a vague quantity read literally"))
    return rows
