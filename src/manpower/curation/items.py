"""The numbers of one sentence read together as claims, for `draft`: a range is one claim with
its two bounds, an interval with its confidence level one claim, a central value with its range
one claim, and the numbers that count no one are left out.
"""
from __future__ import annotations

import re

from ..vocabulary.numbers import SMALL_NUMBER_WORDS, TENS, Mention
from .claim import Item
from .notcounts import AGE_AFTER, LEVEL, not_counts


# --- ranges ---------------------------------------------------------------------------------
_DASH = re.compile(r"\s*(?:–|—|-|to)\s*$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AND = re.compile(r"^\s+and\s+$", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_CHANGE = re.compile(r"\b(?:rais\w*|lower\w*|increas\w*|decreas\w*|cut\w*|reduc\w*|extend\w*|chang\w*|rose|fell|grew|"
                     r"went|jump\w*|drop\w*|shorten\w*|lengthen\w*)\b", re.I)
CENTRAL = re.compile(r"\b(?:central|median|best|point)\s+estimate\b|\bmedian\b", re.I)


def fmt(x: float | None) -> str:
    return "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:g}")


def items_of(sentence: str, base: int, mentions: list[Mention]) -> tuple[list[Item], list[Mention], str | None]:
    """The claims of a sentence (`base` = its offset in the seed): its count mentions paired into
    ranges, the non-counts left out; also the date mentions and the level ("95") if any."""
    skip = not_counts(sentence)
    level = LEVEL.search(sentence)
    level_span = (level.start(), level.end()) if level else None
    dates, items = [], []
    for m in mentions:
        s, e = m.start - base, m.end - base
        if m.kind == "date":
            dates.append(m)
            continue
        if m.kind == "duration":
            before = sentence[:s]
            if re.search(r"\b(?:in|for|within)\s+$", before[-10:]) and m.text.lower().startswith("a "):
                continue  # "the most in a year": a span of time, no figure
            if re.search(r"(?:\d|\b(?:" + "|".join([*SMALL_NUMBER_WORDS, *TENS]) + r")|\w+s?)\s+$", before) and \
                    re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)\b",
                              before[-60:], re.I) or m.text.lower().endswith(("day", "week")):
                continue  # "40 men a week": the rate of the number before it, no figure of its own
        if any(a <= s and e <= b for a, b, _ in skip):
            continue
        if level_span and level_span[0] <= s < level_span[1]:
            continue
        if m.kind == "ordinal":
            continue
        if AGE_AFTER.match(sentence[e:]) and not re.search(r"\b(?:aged|ages?)\b", sentence[:s][-20:], re.I):
            continue  # "a 19-year-old": one person's age, no figure
        items.append(Item(m.start, m.end, m.text, m.values, m.bounds, m.kind))
    # pair ranges: "A–B", "A to B", "between A and B", "from A to B"
    out: list[Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items) and a.kind in ("number", "percent") and items[i + 1].kind == a.kind and a.values and items[i + 1].values:
            b = items[i + 1]
            gap = sentence[a.end - base:b.start - base]
            before = sentence[:a.start - base]
            word = ""
            if _AND.match(gap) and _BETWEEN.search(before):
                word = "between"
            elif re.fullmatch(r"\s*(?:–|—|-|to)\s*", gap):
                word = "to" if "to" in gap else "-"
            if word:
                lo, hi = a.values[0], b.values[0]
                if _FROM.search(before) and (_CHANGE.search(before[-80:]) or hi < lo) and word == "to":
                    out.append(Item(a.start, a.end, a.text, a.values, None, a.kind, regime="before"))
                    out.append(Item(b.start, b.end, b.text, b.values, None, b.kind, regime="after"))
                    i += 2
                    continue
                if lo <= hi:
                    out.append(Item(a.start, b.end, f"{a.text}{gap}{b.text}", (), (lo, hi), a.kind,
                                    range_word="" if word == "-" else word))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out, dates, (level[1] if level else None)
