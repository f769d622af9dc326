"""The two records the sentence reader passes around: a claim found in a sentence (Item) and what
the article has said so far (Context), which later sentences that refer back read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Context:
    """What the article has said so far: read by each sentence that refers back to it."""

    published: date | None
    claimant: str = ""
    claimant_type: str = ""
    claim: tuple[str, str, str] = ("", "", "")  # claim_date, precision, words of the last statement
    period: tuple[str, str, str, str] | None = None  # start, end, words, basis
    table: str = ""
    country: str = ""
    outlet: str = ""
    last_total: dict | None = None  # the last figure counting people that is no part: a later "of those" is its part
    estimate: bool = False  # the claimant's verb was "estimate"
    list_period: tuple[str, str, str, str] | None = None  # "figures released as of Feb. 14:": the date of the list below
    quoted: bool = False  # the sentence's paragraph opens with a quotation mark: the words of the claimant before
    groups: int = 0
    keys: int = 0


@dataclass
class Item:
    """One claim found in a sentence: a number, or a range of two (start/end in the seed's text)."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    bounds: tuple[float, float] | None
    kind: str
    range_word: str = ""  # "to", "between" or "" (a dash): a range stated by its two ends
    regime: str = ""
    review: list[str] = field(default_factory=list)
