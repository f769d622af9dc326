"""What kind of figure a row is: a count, an estimate, a floor, a forecast …, and whether its
range is the source's or our reading. Below the arithmetic (rates, comparisons, figures) and the
words (wording), which both ask it; the figure model's `kind` and `bounds` columns are used when the data carry them."""
from __future__ import annotations

import re

from ..vocabulary.numbers import VAGUE
from ..vocabulary.qualifiers import CEILING_WORDS, FLOOR_WORDS, POINT, RANGE
from ..core.values import text

KINDS = ("count", "estimate", "central", "interval", "floor", "ceiling", "forecast", "target", "hedged", "rule")
EXPECTATIONS = ("forecast", "target")

_FORECAST = re.compile(r"\b(there will be|will be|expects?|expected to|is set to|are set to|set to|plans? to)\b", re.IGNORECASE)
_TARGET = re.compile(r"\b(target|aims? (to|for)|goal)\b", re.IGNORECASE)
_ESTIMATOR = ("western_government", "ukrainian_official", "independent", "researchers")


def cell(row, col: str) -> str:
    """The cell `col` of a row as stripped text; nothing when the row has none."""
    v = row.get(col) if hasattr(row, "get") else None
    return text(v).strip()


def qualifier_of(row) -> str:
    return cell(row, "qualifier").lower()


def kind_of(row) -> str:
    """The row's kind: the `kind` column when present, else inferred.

    Inference (for data without the column): a quote that speaks of the future ("there will be",
    "is set to", "expects") is a forecast, or a target where it names one; "at least", "more than",
    "over" make a floor; "up to", "fewer than" a ceiling; a stated range ("18 to 30") from an
    estimator an estimate; any other qualifier a hedged claim; an exact figure by a government
    at war or an analyst an estimate, by anyone else a (claimed) count."""
    k = cell(row, "kind").lower()
    if k in KINDS:
        return k
    quote, q = cell(row, "quote"), qualifier_of(row)
    if _TARGET.search(quote):
        return "target"
    if _FORECAST.search(quote) and cell(row, "unit") in ("people", ""):
        return "forecast"
    if q in FLOOR_WORDS:
        return "floor"
    if q in CEILING_WORDS:
        return "ceiling"
    if cell(row, "claimant_type") in _ESTIMATOR or cell(row, "measure") in ("killed", "killed_or_wounded", "deserted"):
        return "estimate"
    if q and q not in RANGE:
        return "hedged"
    return "count"


def is_expectation(row) -> bool:
    """A forecast or target: what someone expects or aims for, never an achieved figure."""
    return kind_of(row) in EXPECTATIONS


def bounds_of(row) -> str:
    """'stated' (the source gives the range), 'convention' (read from the qualifier by our
    convention) or '' (no range). The `bounds` column when present, else from the qualifier."""
    b = cell(row, "bounds").lower()
    if b in ("stated", "convention"):
        return b
    if cell(row, "bounds") == "" and "bounds" in getattr(row, "index", ()):
        # the model is present and says: no bounds, unless the qualifier reads as a range
        pass
    q = qualifier_of(row)
    if q in RANGE or kind_of(row) in ("interval", "central"):
        return "stated"
    if q in VAGUE or (q in POINT and q):
        return "convention"
    return ""
