"""The rules a curated figure must follow beyond its cells: bounds, kind, hedge, basis, quote,
an event's date against its words, and how rows relate (part_of, group).

`data.examine()` calls these per row and per table; each broken rule becomes one Problem naming
the file, CSV line and column.
"""
from __future__ import annotations

import calendar
import math
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


def whole_figure(v: dict) -> float | None:
    """The figure a part is measured against: the whole's stated value, not the margin a
    qualifier's convention adds ('approximately 302,000' is 302,000 here, not 317,100). Only a
    whole without a value (a range or interval the source gives, or a vague quantity read
    literally) is taken at its high. A floor ('at least 2,000') bounds no part from above."""
    if v.get("kind") == "floor":
        return None
    return v.get("value") if v.get("value") is not None else v.get("high")


def part_figure(v: dict) -> float | None:
    """A part's stated value, or, without one, its low (the least it can be)."""
    return v.get("value") if v.get("value") is not None else v.get("low")


# what a part shares with its whole, and the rows of a group with each other
_SHARED = ("side", "basis", "claimant")


def check_relations(table: Table, rows: list[tuple[int, dict]], label: str, problems: list[Problem]) -> None:
    """part_of points to a row of the same table (no cycles) with the same unit, side, basis and
    claimant, and the part's stated figure is not above the whole's; the parts of one whole that
    belong to no group are one breakdown whose sum may not exceed the whole; rows of one group
    (one estimate: a count and its share, a median and its range) share source and claimant, and a stated breakdown (parts of the group's whole) adds up
    to the whole within rounding (2 % or 1 unit)."""
    by_id = {v.get("id"): (line, v) for line, v in rows if v.get("id")}
    loose: dict[str, list[tuple[int, dict]]] = {}  # parts of a whole that belong to no group
    for line, v in rows:
        parent = v.get("part_of")
        if not parent:
            continue
        if parent == v.get("id"):
            problems.append(Problem(label, line, "part_of", "part-of", "a row cannot be part of itself", parent))
            continue
        if parent not in by_id:
            problems.append(Problem(label, line, "part_of", "part-of", f"no row with this id in {table.file}", parent))
            continue
        seen, cur = {v.get("id")}, parent
        while cur and cur in by_id:
            if cur in seen:
                problems.append(Problem(label, line, "part_of", "part-of", "part_of goes round in a circle", parent))
                break
            seen.add(cur)
            cur = by_id[cur][1].get("part_of")
        wline, whole = by_id[parent]
        if v.get("unit") and whole.get("unit") and v["unit"] != whole["unit"]:
            problems.append(Problem(label, line, "unit", "part-of", f"a part must share its whole's unit ({whole['unit']})", v["unit"]))
            continue
        mismatch = [col for col in _SHARED if (v.get(col) or None) != (whole.get(col) or None)]
        for col in mismatch:
            problems.append(Problem(label, line, col, "part-of",
                                    f"a part must share its whole's {col} ({whole.get(col) or 'empty'}; whole {parent} on line {wline})",
                                    v.get(col) or ""))
        if mismatch:
            continue
        top, mine = whole_figure(whole), part_figure(v)
        if top is not None and mine is not None and mine > top * 1.0000001:
            problems.append(Problem(label, line, "value", "part-exceeds-whole",
                                    f"the part ({exact(mine)}) exceeds its whole {parent} ({exact(top)})", exact(mine)))
        elif not v.get("group"):
            loose.setdefault(parent, []).append((line, v))
    for parent, parts in loose.items():
        top, figs = whole_figure(by_id[parent][1]), [part_figure(p) for _, p in parts]
        if len(parts) < 2 or top is None or any(f is None for f in figs):
            continue
        total = sum(figs)
        if total > top and not math.isclose(total, top, rel_tol=0.02, abs_tol=1.0):
            line = parts[-1][0]
            problems.append(Problem(label, line, "group", "parts-exceed-whole",
                                    f"the parts of {parent} without a group (lines {', '.join(str(l) for l, _ in parts)}) add up to "
                                    f"{exact(total)}, more than the whole ({exact(top)}); parts that overlap go in separate groups"))
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, v in rows:
        if v.get("group"):
            groups.setdefault(v["group"], []).append((line, v))
    for gid, members in groups.items():
        first_line, first = members[0]
        for line, v in members[1:]:
            for col, what in (("source_id", "sources"), ("claimant", "claimants")):
                if (v.get(col) or None) != (first.get(col) or None):
                    problems.append(Problem(label, line, col, "group",
                                            f"rows of group {gid} have different {what} (see line {first_line})", v.get(col) or ""))
                    break
        ids = {v.get("id") for _, v in members}
        wholes = [(line, v) for line, v in members if v.get("part_of") not in ids]
        for wline, whole in wholes:
            parts = [v for _, v in members if v.get("part_of") == whole.get("id")]
            if len(parts) < 2 or any(p.get("value") is None for p in parts) or whole.get("value") is None:
                continue
            total, expect = sum(p["value"] for p in parts), whole["value"]
            if not math.isclose(total, expect, rel_tol=0.02, abs_tol=1.0):
                problems.append(Problem(label, wline, "value", "breakdown-sum",
                                        f"the parts of group {gid} add up to {exact(total)}, not {exact(expect)}", exact(expect)))


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
