"""Numbers as articles write them: digits, number words, percentages, vague quantities, dates.

One scanner serves two checks: `stated_values` tells whether a curated figure is really stated
by its quote, and `scan` lists every numeric or dated mention of a seed so that coverage is
measured, not asserted. Word ordinals ("first", "second") are not scanned; digit ordinals
("5th") are.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from ..errors import ManpowerError

SMALL_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague quantities: what the words literally allow (see data/README.md, "Bounds").
VAGUE = {
    "dozens": (24.0, 143.0),
    "hundreds": (100.0, 999.0),
    "thousands": (1_000.0, 9_999.0),
    "tens of thousands": (10_000.0, 99_999.0),
    "hundreds of thousands": (100_000.0, 999_999.0),
    "millions": (1_000_000.0, 9_999_999.0),
}

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\."
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
RELATIVE = (
    "last year|this year|next year|last month|this month|next month|recent months|"
    "recent weeks|yesterday|today|tomorrow"
)



def _initials(words) -> str:
    """A lookahead on the first letters of `words`: the regex engine tries every alternative at
    every word boundary, and a seed of megabytes has millions of them (about twice as fast)."""
    letters = sorted({w[0].lower() for w in words} | {w[0].upper() for w in words})
    return "(?=[" + "".join(letters) + "])"


_NUMBER_WORDS = {*SMALL_NUMBER_WORDS, *TENS, *SCALES}
_CLOSE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))  # a number word: may end a run
_INNER = "|".join(sorted(_NUMBER_WORDS | {"half", "a"}, key=len, reverse=True))  # may stand in a run
# A run of number words: words joined by spaces or hyphens, a plural ("millions") ending it. Matched
# whole and then cut after its last number word (_LAST_CLOSE); a pattern that had to end on a number
# word ("(?:word[\\s-]+)*number") failed after the whole run at each of its words, so 40 KB of
# "a a a ..." took minutes. Nothing here can fail after a repetition: each run costs its length.
_RUN = re.compile(
    rf"(?<!\w){_initials([*_NUMBER_WORDS, 'half', 'a'])}"
    rf"(?:(?:{_INNER})(?!\w)(?:[\s-]+(?:{_INNER})(?!\w))*(?:[\s-]+(?:{_CLOSE})s(?!\w))?|(?:{_CLOSE})s(?!\w))",
    re.IGNORECASE,
)
_LAST_CLOSE = re.compile(rf"(?s:.*)(?<!\w)(?:{_CLOSE})s?(?!\w)", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b" + _initials(VAGUE) + "(" + "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True)) + r")\b",
    re.IGNORECASE
)
_DIGITS = re.compile(
    r"(?=\d)(?<![\w.])(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?"
    r"(?:\s?(%|percent\b|per cent\b)|\s(million|thousand|billion)\b|(st|nd|rd|th)\b)?",
    re.IGNORECASE,
)
_DURATION_A = re.compile(r"\ba (year|month|week|day)\b", re.IGNORECASE)
# Months must be capitalised; a lone "May" at the start of a sentence may still be caught.
_DATE_WORDS = re.compile(rf"\b(?:{MONTHS})(?!\w)|\b(?:{WEEKDAYS})\b")
# a day with its month ("Feb. 14", "14 February", "March 5th") is one date, read and excluded as one;
# a number after a month that runs on ("In March 1,500 men") is a count, not a day
_DAY_OF_MONTH = re.compile(rf"(?=[\dJFMASOND])(?<![\w.,])(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})(?!\w)"
                           rf"|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\w%]|[.,]\d))")
_RELATIVE = re.compile(rf"\b(?:{RELATIVE})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One numeric or dated expression found in a text, with the values it states."""

    start: int
    end: int
    text: str
    kind: str  # number, percent, ordinal, vague, duration, date
    values: tuple[float, ...] = ()
    bounds: tuple[float, float] | None = None


def words_to_number(words: str) -> float | None:
    """'six million' -> 6e6, 'half a million' -> 5e5, 'twenty-five' -> 25; None if not a number."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t]
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if tok.endswith("s") and tok[:-1] in SCALES:
            tok = tok[:-1]
        if tok in SMALL_NUMBER_WORDS:
            current += SMALL_NUMBER_WORDS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "half":
            current += 0.5
        elif tok == "a":
            if current == 0:
                current = 1.0
        elif tok == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif tok in SCALES:
            total += (current or 1.0) * SCALES[tok]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _number_word_runs(text: str):
    """(start, end) of each run of number words, up to its last number word (a run of "a" and
    "half" alone yields nothing)."""
    for run in _RUN.finditer(text):
        last = _LAST_CLOSE.match(text, run.start(), run.end())
        if last:
            yield run.start(), last.end()


def _merge(found: list[Mention], new: list[Mention]) -> list[Mention]:
    """`found` (sorted, non-overlapping) with those of `new` (sorted, non-overlapping) that
    overlap none of it: one pass over both, so many mentions cost no more than a few."""
    kept, i = [], 0
    for m in new:
        while i < len(found) and found[i].end <= m.start:
            i += 1
        if i < len(found) and found[i].start < m.end:
            continue
        kept.append(m)
    return sorted(found + kept, key=lambda x: x.start)  # two sorted runs: merged in linear time


def _finite(number: float) -> tuple[float, ...]:
    """A number's value, or none when it is too long to be a float (10 MB of digits is `inf`)."""
    return (number,) if math.isfinite(number) else ()


def scan(text: str) -> list[Mention]:
    """Every numeric or dated mention in `text`, left to right, without overlaps (a mention
    that overlaps one found by an earlier pattern is dropped). Linear in the text: each pattern
    runs once, with no repetition that can backtrack."""
    found = [Mention(m.start(), m.end(), m[0], "date") for m in _DAY_OF_MONTH.finditer(text)]
    found = _merge(found, [Mention(m.start(), m.end(), m[0], "vague", (), VAGUE[m[1].lower()]) for m in _VAGUE.finditer(text)])
    new = []
    for m in _DIGITS.finditer(text):
        number = float(m[1].replace(",", "") + (m[2] or ""))
        suffix, scale, ordinal = m[3], m[4], m[5]
        if suffix:
            new.append(Mention(m.start(), m.end(), m[0], "percent", _finite(number)))
        elif scale:
            new.append(Mention(m.start(), m.end(), m[0], "number", _finite(number * SCALES[scale.lower()])))
        elif ordinal:
            new.append(Mention(m.start(), m.end(), m[0], "ordinal", _finite(number)))
        else:
            new.append(Mention(m.start(), m.end(), m[0], "number", _finite(number)))
    found = _merge(found, new)
    new = []
    for start, end in _number_word_runs(text):
        # a leading article ("a", "half a") only counts when a scale follows it: "a one-time ...";
        # every such article goes ("a a two thousand" is 2,000, not 3,000)
        while (lead := _LEAD.match(text, start, end)) and lead[1].lower().rstrip("s") not in SCALES:
            start = lead.end()
        phrase = text[start:end]
        if phrase.lower() == "one" and _ONE_OFF.match(text, start + 3, start + 9):
            continue  # "one-off", "one-time": not a quantity
        value = words_to_number(phrase)
        if value is None:
            continue
        new.append(Mention(start, start + len(phrase), phrase, "number", (value,)))
    found = _merge(found, new)
    found = _merge(found, [Mention(m.start(), m.end(), m[0], "duration", (1.0,)) for m in _DURATION_A.finditer(text)])
    found = _merge(found, [Mention(m.start(), m.end(), m[0], "date") for m in _DATE_WORDS.finditer(text)])
    return _merge(found, [Mention(m.start(), m.end(), m[0], "date") for m in _RELATIVE.finditer(text)])


_LEAD = re.compile(r"(?:half[\s-]+)?a[\s-]+(?=(\w+))", re.IGNORECASE)
_ONE_OFF = re.compile(r"-(?:off|time)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # a row checks its value, bounds and level against one quote
def stated_values(text: str) -> tuple[frozenset[float], frozenset[tuple[float, float]]]:
    """The numbers a text states, and the (low, high) ranges its vague phrases imply."""
    values: set[float] = set()
    ranges: set[tuple[float, float]] = set()
    for m in scan(text):
        values.update(m.values)
        if m.bounds:
            ranges.add(m.bounds)
    return frozenset(values), frozenset(ranges)


def same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# a share written as a fraction ("about half of them" is 0.5), not followed by a scale ("half a
# million" is a number); read only to prove a `fraction` row, so a seed's coverage is unchanged
FRACTIONS = {"half": 0.5, "a quarter": 0.25, "three quarters": 0.75, "a third": 1 / 3, "two thirds": 2 / 3,
             "a tenth": 0.1}
_FRACTION = re.compile(r"(?<!\w)(" + "|".join(FRACTIONS) + r")(?!\w)(?![\s-]+(?:a[\s-]+)?(?:"
                       + "|".join(SCALES) + r"))", re.IGNORECASE)


def is_stated(number: float, text: str) -> bool:
    """Whether `number` is written in `text`, in digits or in words (a fraction below one also as
    "half", "a third" ...)."""
    values, _ = stated_values(text)
    if any(same_number(number, v) for v in values):
        return True
    return 0 < number < 1 and any(math.isclose(number, FRACTIONS[m[1].lower()], abs_tol=1e-3)
                                  for m in _FRACTION.finditer(text))


class NumberError(ManpowerError, ValueError):
    """A number cell that is not plain ASCII digits (with at most one decimal point)."""


_CELL_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


def parse_number(text: str) -> float:
    """A curated number cell: ASCII digits with an optional decimal part, nothing else.

    Refused (NumberError): separators ("302,000", "302_000"), exponents ("3.02e5"), signs,
    "nan"/"inf", and digits of other scripts (Arabic-Indic, full-width), which float() would
    otherwise accept silently.
    """
    cell = text.strip()
    if not _CELL_NUMBER.fullmatch(cell):
        if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in cell):
            raise NumberError("digits must be ASCII 0-9 (found digits of another script)")
        if cell.startswith("-") and _CELL_NUMBER.fullmatch(cell[1:]):
            raise NumberError("must be a finite number ≥ 0 (ASCII digits only)")
        if cell.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            raise NumberError("must be a finite number: write ASCII digits only")
        raise NumberError("not a number: write ASCII digits only, e.g. 302000 or 0.5 "
                          "(no separators, signs, exponents or words)")
    number = float(cell)
    if not math.isfinite(number):
        raise NumberError("number too large")
    return number
