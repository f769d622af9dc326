"""Dates and periods in an article's words, for `draft`: the claim date (a weekday, a date, "yesterday",
resolved against the publication date or a wire story's dateline) and the period a figure covers
("since February 2022", "over the past six months", "last summer"), with how it was read.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..vocabulary.numbers import MONTHS, words_to_number
from .claim import Context


MONTH_NUMBER = {name[:3].lower(): i for i, name in enumerate(calendar.month_name) if name}
WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(calendar.day_name)}

# claim date words
WEEKDAY = re.compile(r"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
ON_DATE = re.compile(rf"\b(?:on\s+)?(?:(\d{{1,2}})\s+({MONTHS})|({MONTHS})\s+(\d{{1,2}}))(?:,?\s+(\d{{4}}))?\b")
_RELATIVE_DAY = re.compile(r"\b(yesterday|today)\b")  # lowercase: "Ostria Today" is a name

# period words
SINCE_DATE = re.compile(rf"\b(?i:since)\s+(?:(?:the\s+)?(?i:start|beginning)\s+of\s+)?(?:({MONTHS})\s+(?:\d{{1,2}},?\s+)?(\d{{4}})|"
                         rf"\d{{1,2}}\s+({MONTHS})\s+(\d{{4}})|(\d{{4}}))\b")
PAST_DAY = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:day|24 hours)\b", re.I)
WITHIN = re.compile(r"\b(?:within|after|for|in)\s+(?:the\s+(?:first|next|past|last)\s+)?\w+\s+(?:days|weeks|months|years)\b", re.I)
SINCE_INVASION = re.compile(rf"\bsince the (?:full-scale )?invasion(?: began)?(?: in ({MONTHS})\s+(\d{{4}}))?", re.I)
PAST_N = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(\w+)\s+(months?|years?|weeks?)", re.I)
_IN_MONTH = re.compile(rf"\b(?i:in)\s+({MONTHS})(?:\s+(\d{{4}}))?(?![\w-])")
_SUMMER = re.compile(r"\b(?:(?:over|during|in) the|(?:(?:over|during|in) )?last) (summer|winter|spring|autumn)(?!\w)", re.I)
THIS_YEAR = re.compile(r"\b(this|last|next) year\b|\bin (\d{4})\b|\bby the end of (?:the|this) (year)\b", re.I)
_SAME_PERIOD = re.compile(r"\b(?:over|in|during) the same period\b", re.I)
_AS_OF = re.compile(rf"\bas of\s+(?:(\d{{1,2}})\s+({MONTHS})|({MONTHS})(?:\s+(\d{{1,2}}))?)(?:,?\s+(\d{{4}}))?", re.I)
# a word every period pattern above holds: a window without one names no period
_ANY_PERIOD = re.compile(r"(?i:since|past|last|same|as of|summer|winter|spring|autumn|year|\bin\s)")
_SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


def month_of(name: str) -> int:
    return MONTH_NUMBER[name.rstrip(".")[:3].lower()]


def ym(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _word_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    n = words_to_number(word)
    return int(n) if n is not None else None


_DATELINE = re.compile(rf"(?:^|\n\s*\n)\s*[A-Z][A-Za-z .'’-]{{1,40}},\s+(?:({MONTHS})\s+(\d{{1,2}})|(\d{{1,2}})\s+({MONTHS}))"
                       r"(?:,?\s+(\d{4}))?\s*(?:\([^)]{1,60}\)\s*)?[-–—]")


DATELINE_START = re.compile(rf"^\s*[A-Z][A-Za-z .'’-]{{1,40}},\s+(?:(?:{MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS}))"
                             r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,60}\)\s*)?[-–—]\s*")


def dateline(raw: str, published: date | None) -> date | None:
    """The date of a wire story's dateline ("KYIV, March 14 (Wire) -") near the top of the article:
    what its "on Thursday" and "yesterday" count from; None when there is none."""
    m = _DATELINE.search(raw[:2000])
    if not m or published is None:
        return None
    return day_of(published, int(m[2] or m[3]), month_of(m[1] or m[4]), int(m[5]) if m[5] else None)


def weekday_before(published: date, name: str) -> date:
    back = (published.weekday() - WEEKDAY_NUMBER[name.lower()]) % 7
    return published - timedelta(days=back)


def day_of(published: date | None, day: int, month: int, year: int | None) -> date | None:
    y = year or (published.year if published else None)
    if y is None:
        return None
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if year is None and published and d > published:
        d = date(y - 1, month, day) if not (month == 2 and day == 29) else d
    return d


def claim_date(sentence: str, ctx: Context) -> tuple[str, str, str] | None:
    """(claim_date, precision, words) stated in the sentence: a weekday or a day and month."""
    if ctx.published is None:
        return None
    m = WEEKDAY.search(sentence)
    if m:
        return weekday_before(ctx.published, m[1]).isoformat(), "day", m[0]
    m = ON_DATE.search(sentence)
    if m and m[0].lower().startswith("on"):
        day = int(m[1] or m[4])
        d = day_of(ctx.published, day, month_of(m[2] or m[3]), int(m[5]) if m[5] else None)
        if d:
            return d.isoformat(), "day", m[0]
    m = _RELATIVE_DAY.search(sentence)
    if m:
        d = ctx.published - timedelta(days=1 if m[1].lower() == "yesterday" else 0)
        return d.isoformat(), "day", m[0]
    return None


_BY_END_OF = re.compile(rf"(?:,\s*|\s+)(?:by|until|to|through) the end of ({MONTHS})(?:\s+(\d{{4}}))?")


def _closed_by(text: str, at: int, words: str, ref: date) -> tuple[str, str]:
    """(period_end, period_words) of a period running since some date: "by the end of May" right
    after it closes it in that month (the last May up to the claim date), else it runs to the claim date."""
    m = _BY_END_OF.match(text, at)
    if not m:
        return ym(ref), words
    month = month_of(m[1])
    year = int(m[2]) if m[2] else (ref.year if month <= ref.month else ref.year - 1)
    return f"{year:04d}-{month:02d}", words + m[0]


def period_of(texts: tuple[str, ...], ctx: Context, claim_day: date | None) -> tuple[str, str, str, str] | None:
    """(period_start, period_end, period_words, basis) the words say, resolved against the claim
    date: the first of `texts` (the number's own words, its clause, its sentence) that has any."""
    ref = claim_day or ctx.published
    if ref is None:
        return None
    for text in texts:
        if not _ANY_PERIOD.search(text):  # most windows name no period: one search, not ten
            continue
        m = SINCE_INVASION.search(text)
        if m:
            start = f"{int(m[2]):04d}-{month_of(m[1]):02d}" if m[1] else "2022-02"
            return (start, *_closed_by(text, m.end(), m[0], ref), "cumulative")
        m = SINCE_DATE.search(text)
        if m:
            if m[5]:
                start = m[5]
            else:
                start = f"{int(m[2] or m[4]):04d}-{month_of(m[1] or m[3]):02d}"
            return (start, *_closed_by(text, m.end(), m[0], ref), "cumulative")
        m = PAST_DAY.search(text)
        if m:
            day = (ref - timedelta(days=1)).isoformat()
            return day, day, m[0], "flow"
        m = PAST_N.search(text)
        if m and (n := _word_number(m[1].lower())):
            unit = m[2].lower().rstrip("s")
            if unit == "month":
                return ym(_add_months(ref, -n)), ym(_add_months(ref, -1)), m[0], "flow"
            if unit == "year":
                return ym(_add_months(ref, -12 * n)), ym(_add_months(ref, -1)), m[0], "flow"
        m = _SAME_PERIOD.search(text)
        if m and ctx.period:
            return ctx.period[0], ctx.period[1], m[0], ctx.period[3]
        m = _AS_OF.search(text)
        if m:
            month = month_of(m[2] or m[3])
            year = int(m[5]) if m[5] else (ref.year if month <= ref.month else ref.year - 1)
            day = m[1] or m[4]
            end = f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            return "", end, m[0], "stock"
        m = _IN_MONTH.search(text)
        if m:
            month = month_of(m[1])
            year = int(m[2]) if m[2] else (ref.year if month <= ref.month else ref.year - 1)
            return f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}", m[0], "flow"
        m = _SUMMER.search(text)
        if m:
            a, b = _SEASONS[m[1].lower()]
            year = ref.year if b <= ref.month else ref.year - 1
            return f"{year if a <= b else year - 1:04d}-{a:02d}", f"{year:04d}-{b:02d}", m[0], "flow"
        m = THIS_YEAR.search(text)
        if m:
            if m[1] or m[3]:
                year = ref.year + {"this": 0, "last": -1, "next": 1}[(m[1] or "this").lower()]
            else:
                year = int(m[2])
            return f"{year:04d}", f"{year:04d}", m[0], "flow"
    return None
