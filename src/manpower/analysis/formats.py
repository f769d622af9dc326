"""Figures, numbers and dates in words: 'approximately 302,000', '90%', 'November 2023'.

The plain formatting every writer needs (the analysis' formulas, the prose, the evidence, the
data package), below all of them; data text is made literal for Markdown here (`md`).
"""
from __future__ import annotations

import math
import re

import pandas as pd

from .kinds import bounds_of, cell, kind_of, qualifier_of
from ..core.markup import escape_markdown
from ..vocabulary.numbers import VAGUE
from ..vocabulary.qualifiers import CEILING_WORDS, FLOOR_WORDS, RANGE, whole_bounds
from ..vocabulary.schema import RATE_UNITS
from ..core.values import number
from ..core.values import text as _text

VERB_WORDS = ("surpasses", "surpassed", "exceeds", "exceeded")  # floor qualifiers that are verbs

INVASION = pd.Timestamp("2022-02-24")  # the full-scale invasion's first day: rates count from it; prose prints the month

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def md(text: object) -> str:
    """Data text made literal inside Markdown (no markup, links, HTML or Typst code survives)."""
    return escape_markdown(_text(text))


_OPENING = re.compile(r'(?:(?<=^)|(?<=[\s(\[—–-]))"(?=\w)')  # a straight " opening a word: the quote's start cut off
_CLOSING = re.compile(r'(?<!\d)(?<=[\w.,;:!?…])"(?=[\s)\].,;:!?…]|$)')  # one closing a word (not an inch mark: 5")


def quote_plain(text: object) -> str:
    """Data text in typographic double quotes (plain text, not Markdown), nested as printed
    quotations are: double quotes inside it, typographic or straight, become single ones (“He
    said: ‘no’.”), so a quote that ends in its own quotation mark never prints “…?””. A straight
    quote that only opens or only closes a quoted phrase (its other half cut off by the excerpt)
    turns the same way; one after a digit (5") is left as it is. The CSV keeps the words verbatim."""
    inner = _text(text).replace('“', '‘').replace('”', '’')
    inner = re.sub(r'"([^"]*)"', "‘\\1’", inner)  # a straight-quoted phrase inside reads as nested
    inner = _CLOSING.sub("’", _OPENING.sub("‘", inner)) if '"' in inner else inner
    return "“" + inner + "”"


def quote(text: object) -> str:
    """quote_plain, made literal inside Markdown."""
    return md(quote_plain(text))


def end_sentence(text: str) -> str:
    """A full stop at the end, unless the sentence already ends with one (or ? ! …) inside a
    closing quotation mark, before its citation markers: “…on March 17.”[^src], not “…17.”[^src]."""
    core = re.sub(r"(\[\^[^\]]+\])+$", "", text.rstrip()).rstrip("”’\"')")
    return text.rstrip() if core.endswith((".", "?", "!", "…")) else text.rstrip() + "."


_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """A count in prose: one to nine in words (house style), larger counts in digits (12, 1,204)."""
    n = int(n)
    return _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,}"


def count_words(n: int, noun: str, plural: str | None = None) -> str:
    """'three figures', 'one claimant', '12 figures': `number_word` and a noun that agrees."""
    return f"{number_word(n)} {noun if int(n) == 1 else (plural or noun + 's')}"


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


MONEY = {  # unit -> (currency, period): a sum of money printed as money, never as a head count
    "usd_per_month": ("US dollars", " a month"), "usd_per_year": ("US dollars", " a year"), "usd_one_off": ("US dollars", " once"),
    "rub_per_month": ("roubles", " a month"), "rub_per_year": ("roubles", " a year"), "rub_one_off": ("roubles", " once"),
    "eur_per_month": ("euros", " a month"), "eur_one_off": ("euros", " once"),
}
FRACTION_WORDS = {0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 0.333: "a third",
                  0.667: "two thirds", 0.1: "a tenth", 1.0: "all"}  # how articles write common fractions
WHOLE_UNITS = (None, "", "people", "things")  # counted in whole ones: never half a person


def fmt_number(x: float | None, unit: str | None) -> str:
    """A number with its unit, as a reader expects it ('302,000', '90%', '1 year'); people and
    things as whole numbers. A missing number says so in words (never 'n/a' or 'nan')."""
    if x is None or pd.isna(x):
        return "not stated"
    x = float(x)
    if math.isinf(x):
        return "no bound" if x > 0 else "no lower bound"
    if unit in WHOLE_UNITS:
        return f"{x:,.0f}"
    if unit == "percent":
        return f"{x:g}%"
    if unit == "times_average_salary":
        return f"{_num(x)} times their average salary"  # the recruits' own, as both seed and fixture say
    if unit in MONEY:
        currency, per = MONEY[unit]
        return f"{_num(x)} {currency}{per}"
    if unit == "times_per_year":
        return f"{_num(x)} {'time' if x == 1 else 'times'} a year"
    if unit in RATE_UNITS:  # a rate, never a count: "1 a day", "2,000 a month"
        return f"{x:,.0f} {RATE_UNITS[unit]}" if x == round(x) else f"{_num(x)} {RATE_UNITS[unit]}"
    if unit == "fraction":  # a share as a fraction of one, with its per cent: "half (50%)"
        word = FRACTION_WORDS.get(round(x, 3))
        return f"{word} ({100 * x:.3g}%)" if word else f"{100 * x:.3g}% (a share)"
    if unit in ("years", "months"):
        word = unit[:-1] if x == 1 else unit
        return f"{_num(x)} {word}"
    return _num(x)


def fmt_range(low: float | None, high: float | None, unit: str | None, sep: str = "–") -> str:
    """'286,900–317,100', '9.5–10.5 times their average salary', '18 to 30' (sep " to "): the
    unit written once, after the high end."""
    bare = "number" if unit in MONEY or unit in RATE_UNITS or unit in (
        "times_average_salary", "times_per_year", "years", "months") else unit
    if unit == "fraction" and low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        return f"{100 * float(low):.3g}%{sep}{100 * float(high):.3g}% (a share)"
    if low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        low, high = whole_bounds(float(low), float(high), "people" if unit in WHOLE_UNITS else unit)
    return f"{fmt_number(low, bare)}{sep}{fmt_number(high, unit)}"


def fmt_date(start, end, precision: str) -> str:
    """'14 December 2023', 'November 2023', '2023', or 'between … and …' for an interval ('on 4 or
    5 January 2024' for two consecutive days, with its preposition as 'between' has); an
    interval opening on the day of the invasion (an undated claim bounded by the war's start)
    opens on 'the invasion (February 2022)', as the sources date it."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    day = lambda t: f"{t.day} {MONTH_NAMES[t.month - 1]} {t.year}"
    if precision not in ("day", "month", "year") and s == INVASION:
        return f"between the invasion ({MONTH_NAMES[s.month - 1]} {s.year}) and {day(e)}"
    if precision == "day":
        return day(s)
    if precision == "month":
        return f"{MONTH_NAMES[s.month - 1]} {s.year}"
    if precision == "year":
        return str(s.year)
    if (e - s).days == 1:  # two consecutive days: the one or the other, never "between" them
        if s.year != e.year:
            return f"on {day(s)} or {day(e)}"
        if s.month != e.month:
            return f"on {s.day} {MONTH_NAMES[s.month - 1]} or {day(e)}"
        return f"on {s.day} or {day(e)}"
    return f"between {day(s)} and {day(e)}"


def dated(start, end, precision: str) -> str:
    """fmt_date with the preposition it takes: 'on 14 December 2023', 'in November 2023', 'in 2023',
    'between … and …' (never 'in 14 December 2023' or 'in between')."""
    text = fmt_date(start, end, precision)
    return {"day": "on ", "month": "in ", "year": "in "}.get(precision, "") + text


def short_date(start, end, precision: str) -> str:
    """Compact dates for chart labels: '14 Dec 2023', 'Nov 2023', '2023', '4–5 Jan 2024', 'Nov 2023–Jan 2024'."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "day":
        return f"{s.day} {s:%b %Y}"
    if precision == "month":
        return f"{s:%b %Y}"
    if precision == "year":
        return str(s.year)
    if (s.year, s.month) == (e.year, e.month):  # an interval inside one month: its days, never one day
        return f"{s:%b %Y}" if s.day == 1 and (e + pd.Timedelta(days=1)).day == 1 else f"{s.day}–{e.day} {s:%b %Y}"
    return f"{s:%b %Y}–{e:%b %Y}"


def fmt_figure(row: pd.Series, bounds: bool = False) -> str:
    """A curated figure as prose: qualifier + number + unit; ranges and vague words kept; a floor
    or ceiling without a qualifier word (a count of named dead) says "at least" / "at most"; a
    range the source states without a word ("40,000-55,000") reads as a range. With `bounds`,
    the figure as its kind requires, everywhere it is printed: `figure` (an interval
    with its level, a stated range as stated, a convention range as our reading)."""
    if bounds:
        return figure(row, reading=True)
    q = _text(row.get("qualifier")).strip().lower()
    unit = row.get("unit")
    unit = None if unit is None or pd.isna(unit) else str(unit)
    value, low, high = number(row, "value"), number(row, "low"), number(row, "high")
    if q in VAGUE:
        return q
    if q in RANGE or (value is None and low is not None and high is not None):
        text = fmt_range(low, high, unit, " to ")
        return text if q in RANGE or not q else f"{q} {text}"
    kind = kind_of(row)
    if value is None:  # one end only: a floor or a ceiling the source states as a bound
        if low is not None:
            return f"{q or 'at least'} {fmt_number(low, unit)}" if q in FLOOR_WORDS or not q else f"at least {q} {fmt_number(low, unit)}"
        if high is not None:
            return f"{q or 'at most'} {fmt_number(high, unit)}" if q in CEILING_WORDS or not q else f"at most {q} {fmt_number(high, unit)}"
        return "no number stated"
    text = fmt_number(value, unit)
    hedge = hedge_word(row)
    if q in VERB_WORDS:  # "surpassed 40,000" reads as what it is: a floor in the source's words
        # "likely surpasses 20,000": the claimant's hedge stays with the floor it hedges
        return f"{hedge} more than {text} (“{hedge} {q}”)" if hedge else f"at least {text} (“{q}”)"
    if q:
        text = f"{q} {text}"
    if kind == "floor" and q not in FLOOR_WORDS:
        text = f"at least {text}"
    elif kind == "ceiling" and q not in CEILING_WORDS:
        text = f"at most {text}"
    return f"{hedge} {text}" if hedge and not text.lower().startswith(hedge) else text


HEDGE_WORDS = ("likely", "probably", "may", "could", "believed")  # hedges of a hedged claim (codebook), not of a forecast


def hedge_word(row) -> str:
    """The claimant's hedge of a hedged claim ('likely'), which the figure carries wherever it is
    printed: "likely more than 20,000" is not "at least 20,000". Empty for any other kind (a
    forecast's or target's words are in its kind) or a hedge that is not a word of doubt."""
    h = _text(row.get("hedge")).strip().lower()
    return h if kind_of(row) == "hedged" and h in HEDGE_WORDS else ""


def figure(row, reading: bool = True) -> str:
    """The figure in words as its kind requires, the one wording of a figure wherever it is
    printed (lists, tables, notes, appendices, the HTML's evidence): 'at least 45,000' for a floor
    (with or without a qualifier word), '66,000 to 88,000 (95% interval)' or 'roughly 47,000 (95%
    interval 40,000–55,000)' for an interval, a range the source states as "stated", and, with
    `reading`, a range read from a qualifier by our convention as our reading ("our reading of
    ‘just under’: 475,000–500,000"), never the other way round."""
    kind, unit = kind_of(row), cell(row, "unit") or None
    text = fmt_figure(row)
    q = qualifier_of(row)
    low, high, value = number(row, "low"), number(row, "high"), number(row, "value")
    stated = bounds_of(row) == "stated"
    both = low is not None and high is not None
    if kind == "interval":
        level = number(row, "level")
        lvl = f"{level:g}% " if level else ""
        if value is None:
            text = f"{fmt_range(low, high, unit, ' to ')} ({lvl}interval)"
        elif both:  # the central value with its interval; "between 61,000 and 79,000 around 70,000" states the range once
            head = fmt_number(value, unit) if q in RANGE else text
            text = f"{head} ({lvl}interval {fmt_range(low, high, unit)})"
    elif value is not None and both and stated and (low != value or high != value):
        text = f"{text} (stated range {fmt_range(low, high, unit)})"
    if reading and bounds_of(row) == "convention" and both and (low != value or high != value) and q:
        text += f" (our reading of “{q}”: {fmt_range(low, high, unit)})"
    return text
