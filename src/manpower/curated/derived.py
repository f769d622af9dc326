"""The result type of the analysis: a figure computed from curated ones.

Kept apart from the prose (narrative.py) so the analysis (figures.py, balance.py) does not
depend on how figures are worded.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Derived:
    """A figure computed from curated ones: its value, the formula in words, the ids it uses.

    `basis` says what the number is ("per month, from exact day counts", "cumulative",
    "ratio of two cumulative totals"); `low`/`high` bound it where the inputs are ranges. `kind`
    is "floor" (at least `value`, no upper bound) or "ceiling" (at most) when an input is one:
    a rate from a count of named dead is itself a floor, never a range that ends at its value.
    `assumed` marks a figure that rests on an assumption of ours, not only on what sources state
    (a rate spread over a period the source never gave): it is labelled an assumption."""

    value: float
    unit: str
    formula: str
    inputs: tuple[str, ...]
    low: float | None = None
    high: float | None = None
    basis: str = ""
    kind: str = ""
    assumed: bool = False
