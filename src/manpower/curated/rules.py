"""The rules a curated figure must follow beyond its cells: bounds, kind, hedge, basis, quote,
an event's date against its words. How rows relate (part_of, group) is relations.py's.

`data.examine()` calls these per row and per table; each broken rule becomes one Problem naming
the file, CSV line and column.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from ..errors import Problem, exact
from ..vocabulary.numbers import is_stated
from .provenance import Claim, Excluded, normalise
from ..vocabulary.qualifiers import HEDGES, RANGE, bounds_match, implied_bounds, written_in
from ..vocabulary.schema import AHEAD_KINDS, MIN_QUOTE, SCOPE_CLASSES, SHARE_UNITS, Table


# tables whose figures count people of one side over a period: side and basis are required
SIDED = ("losses", "inflows")
WORD_COLUMNS = ("claim_date_words", "period_words", "date_words", "voted_words", "announced_words",
                "effective_words")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_YEAR = re.compile(r"(?<![0-9])([12][0-9]{3})(?![0-9])")
_MONTH_DAY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+([0-9]{1,2})(?![0-9])")
_DAY_MONTH = re.compile(r"(?<![0-9])([0-9]{1,2})\s+([A-Z][a-z]{2,8})\b")
_WORD = re.compile(r"[A-Za-z]+")


def words_disagree(words: str, start: date, end: date, precision: str) -> str | None:
    """Why a date (start..end at its precision) contradicts the words it was read from, or None.

    Years, month names, a day with its month, and weekdays written in the words must fit the
    date; relative words ("last year", "recently") are not judged here.
    """
    for y in map(int, _YEAR.findall(words)):
        if not start.year <= y <= end.year:
            return f"the words name {y} but the date is {start.year}" + (f"..{end.year}" if end.year != start.year else "")
    if precision in ("day", "month"):
        months = {_MONTHS[w.lower().rstrip(".")] for w in _WORD.findall(words) if w.lower() in _MONTHS and w[0].isupper()}
        if months and start.month not in months:
            return f"the words name {', '.join(calendar.month_name[m] for m in sorted(months))} but the date is in {calendar.month_name[start.month]}"
    if precision == "day":
        for rx, mi, di in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
            for m in rx.finditer(words):
                mon = _MONTHS.get(m[mi].lower())
                if mon == start.month and int(m[di]) != start.day:
                    return f"the words name day {int(m[di])} but the date is day {start.day}"
        days = {_WEEKDAYS[w.lower()] for w in _WORD.findall(words) if w.lower() in _WEEKDAYS}
        if days and start.weekday() not in days:
            return f"the words name a {', '.join(calendar.day_name[d] for d in days)} but {start} is a {calendar.day_name[start.weekday()]}"
    return None


def check_quote(label: str, line: int, quote: str | None, problems: list[Problem]) -> None:
    if quote and len(normalise(quote)) < MIN_QUOTE:
        problems.append(Problem(label, line, "quote", "quote-length",
                                f"quote too short to carry its figure (at least {MIN_QUOTE} characters)", quote))


def check_figure_row(table: Table, line: int, v: dict, raw: dict, label: str, published_end: date | None,
                     problems: list[Problem]) -> None:
    """Every rule of one row of a figure table (or, without figure columns, its quote only)."""
    quote = v.get("quote") or ""
    check_quote(label, line, quote, problems)
    if not table.figures:
        return

    def add(col, rule, msg, val=None):
        problems.append(Problem(label, line, col, rule, msg, val))

    value, low, high = v.get("value"), v.get("low"), v.get("high")
    qualifier = (v.get("qualifier") or "").strip()
    kind, bounds, level, hedge = v.get("kind"), v.get("bounds"), v.get("level"), v.get("hedge")
    nums = [x for x in (value, low, high) if x is not None]
    if nums and not v.get("unit"):
        add("unit", "unit", "unit is required when value, low or high is given")
    if not nums and (v.get("unit") or qualifier):
        add("value", "required", "unit/qualifier given but no value, low or high")
    if nums and not kind:
        add("kind", "required", "kind is required when value, low or high is given")
    if value is not None and low is not None and low > value:
        add("low", "bounds-order", f"low {exact(low)} is above value {exact(value)}", raw.get("low"))
    if value is not None and high is not None and value > high:
        add("high", "bounds-order", f"high {exact(high)} is below value {exact(value)}", raw.get("high"))
    if low is not None and high is not None and low > high:
        add("low", "bounds-order", f"low {exact(low)} is above high {exact(high)}", raw.get("low"))
    has_bounds = low is not None or high is not None
    if has_bounds and not bounds:
        add("bounds", "required", "say where low/high come from: stated (by the source) or convention (from the qualifier)")
    if bounds and not has_bounds:
        add("bounds", "bounds-empty", f"bounds is '{bounds}' but low and high are empty", bounds)
    if bounds == "convention":
        expected = implied_bounds(qualifier, value, low, high, v.get("unit"))
        if isinstance(expected, str):
            add("qualifier", "qualifier-bounds", expected, qualifier)
        elif not bounds_match(expected, low, high):
            col = "low" if not bounds_match((expected[0], low), low, low) else "high"
            add(col, "qualifier-bounds",
                f"qualifier '{qualifier or 'exact'}' implies low={exact(expected[0])}, high={exact(expected[1])}; "
                f"row has low={exact(low)}, high={exact(high)} (or set bounds to 'stated' if the source states them)")
    elif bounds == "stated" and quote:
        for col, x in (("low", low), ("high", high)):
            if x is not None and not is_stated(x, quote):
                add(col, "number-in-quote", "bounds are 'stated' but the quote does not state this bound", raw.get(col))
    if not bounds and nums and qualifier:
        expected = implied_bounds(qualifier, value, low, high, v.get("unit"))
        if isinstance(expected, str):
            add("qualifier", "qualifier-bounds", expected, qualifier)
    if qualifier and quote and not written_in(qualifier, normalise(quote)):
        add("qualifier", "qualifier-in-quote", "qualifier is not written in the quote (as whole words)", qualifier)
    if quote and value is not None and not is_stated(value, quote):
        add("value", "number-in-quote", "the quote does not state this number (in digits or words)", raw.get("value"))
    elif quote and value is None and qualifier in RANGE and bounds != "stated":
        for col, x in (("low", low), ("high", high)):
            if x is not None and not is_stated(x, quote):
                add(col, "number-in-quote", "the quote does not state this bound", raw.get(col))
    # kind and its companions
    if level is not None and kind != "interval":
        add("level", "kind-level", "level is only for kind 'interval'", raw.get("level"))
    if kind == "interval":
        if level is None or not 0 < level < 100:
            add("level", "kind-level", "an interval needs its confidence level in percent (0 < level < 100)", raw.get("level"))
        elif quote and not is_stated(level, quote):
            add("level", "number-in-quote", "the quote does not state this level", raw.get("level"))
        if low is None or high is None or bounds != "stated":
            add("bounds", "kind-bounds", "an interval needs low and high with bounds 'stated'", bounds)
    if kind == "central" and (value is None or low is None or high is None or bounds != "stated"):
        add("bounds", "kind-bounds", "a central estimate needs value, low and high with bounds 'stated'", bounds)
    if kind == "floor" and (high is not None or (low is None and value is None)):
        add("high", "kind-bounds", "a floor has a low (or value) and an open high", raw.get("high"))
    if kind == "ceiling" and (low is not None or (high is None and value is None)):
        add("low", "kind-bounds", "a ceiling has a high (or value) and an open low", raw.get("low"))
    if kind == "count" and (qualifier or hedge):
        add("kind", "kind-qualifier", "an exact count has no qualifier or hedge; use 'estimate', 'floor', 'hedged' ...", kind)
    if hedge:
        if quote and not written_in(hedge, normalise(quote)):
            add("hedge", "hedge-in-quote", "hedge is not written in the quote (as whole words)", hedge)
        allowed = HEDGES[hedge][1]
        if kind and kind not in allowed:
            add("kind", "kind-hedge", f"'{hedge}' makes the figure {' or '.join(allowed)}, not {kind}", kind)
    elif kind in ("forecast", "hedged"):
        add("hedge", "kind-hedge", f"a {kind} figure names the words that make it so in hedge", None)
    # the reference period
    basis = v.get("basis")
    p0, p1 = v.get("period_start"), v.get("period_end")
    if p0 and p1 and p0[0] > p1[1]:
        add("period_start", "period-order", "period starts after it ends", raw.get("period_start"))
    if basis in ("cumulative", "flow") and not p0:
        add("period_start", "basis-period", f"a {basis} figure needs period_start (period_end may be open for a plan)")
    if basis == "stock" and not p1:
        add("period_end", "basis-period", "a stock needs period_end (the date it stands at)")
    if table.name in SIDED and nums:
        if not v.get("side"):
            add("side", "required", "side is required for a figure of this table")
        if not basis and v.get("unit") in ("people", "things"):
            add("basis", "required", "basis (cumulative, flow or stock) is required for a count of people or things")
    if v.get("scope") and not v.get("scope_class"):
        add("scope_class", "required", f"a scope needs its class from the closed list ({', '.join(SCOPE_CLASSES)})")
    if p1 and published_end and p1[0] > published_end and kind not in AHEAD_KINDS:
        add("period_end", "period-after-publication",
            f"the period ends {p1[0]} or later but the source was published by {published_end}; "
            f"only a {' or '.join(AHEAD_KINDS)} may cover days after publication", raw.get("period_end"))
    unit = v.get("unit")
    if unit in SHARE_UNITS:
        for col, x in (("value", value), ("low", low), ("high", high)):
            if x is not None and x > SHARE_UNITS[unit]:
                add(col, "share-range", f"a share in {unit} is at most {exact(SHARE_UNITS[unit])}", raw.get(col))
                break
    claim = v.get("claim_date_range")
    if claim and published_end and claim[1] > published_end:
        add("claim_date", "claim-after-publication",
            f"claim date ends {claim[1]} but the source was published by {published_end}", raw.get("claim_date"))
    if table.name == "events":
        words, rng, prec = v.get("date_words") or "", v.get("date_range"), v.get("date_precision")
        if words and not words.startswith("(") and quote and normalise(words).lower() not in normalise(quote).lower():
            add("date_words", "words-in-quote", "date_words are not written in the quote (put editorial words in parentheses)", words)
        if words and rng and prec:
            why = words_disagree(words, rng[0], rng[1], prec)
            if why:
                add("date", "date-words", why, raw.get("date"))


def claim_of(table: Table, v: dict) -> Claim:
    """What a curated row records, for coverage."""
    nums = tuple(x for x in (v.get("value"), v.get("low"), v.get("high"), v.get("level")) if x is not None)
    words = tuple(v[c] for c in WORD_COLUMNS if v.get(c))
    unit = v.get("unit") or ""
    if "_per_" in unit:  # a unit that states its period records the period's words: "a week" in "40 men a
        words += (f"a {unit.rsplit('_per_', 1)[1]}",)  # week", "a month" in "$2,300 a month" (usd_per_month)
    return Claim(v["quote"], nums, words)


def exclusion_of(v: dict) -> Excluded:
    mentions = tuple(x.strip() for x in (v.get("mention") or "").split(";") if x.strip())
    return Excluded(v["quote"], mentions)


def check_exclusion(line: int, v: dict, label: str, problems: list[Problem]) -> None:
    quote = v.get("quote") or ""
    check_quote(label, line, quote, problems)
    for m in exclusion_of(v).mentions if quote else ():
        if normalise(m).lower() not in normalise(quote).lower():
            problems.append(Problem(label, line, "mention", "mention-in-quote", "this mention is not in the excluded passage", m))
