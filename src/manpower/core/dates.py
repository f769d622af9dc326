"""Dates as curated: an ISO 8601 text plus its precision, resolved to a first and last day.

`2023-11` with precision `month` means some day in November 2023 (2023-11-01 .. 2023-11-30);
`2023` with `year` is the whole year; `2023-11-01/2024-01-04` with `interval` records a bound
where the article implies only one (e.g. "a more recent report").
"""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from ..errors import ManpowerError

PRECISIONS = ("day", "month", "year", "interval")

_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_YEAR = re.compile(r"^([0-9]{4})$")


class DateError(ManpowerError, ValueError):
    """A date text that does not parse, or does not match its precision."""


def _day(text: str) -> date:
    m = _DAY.match(text)
    if not m:
        raise DateError(f"expected YYYY-MM-DD, got {text!r}")
    year = _year(text, int(m[1]))
    try:
        return date(year, int(m[2]), int(m[3]))
    except ValueError as exc:
        raise DateError(f"impossible date {text!r} ({exc})") from None


FIRST_YEAR, LAST_YEAR = 1700, 2200  # what pandas' timestamps hold, with room to spare


def _year(text: str, y: int) -> int:
    """A year the tables and charts can hold; `0000` or `9999` is a typo, not a date."""
    if not FIRST_YEAR <= y <= LAST_YEAR:
        raise DateError(f"year out of range in {text!r} (dates run from {FIRST_YEAR} to {LAST_YEAR})")
    return y


@functools.lru_cache(maxsize=8192)  # a large table repeats a few hundred dates many thousand times
def partial_range(text: str) -> tuple[date, date]:
    """First and last day of YYYY, YYYY-MM or YYYY-MM-DD."""
    text = text.strip()
    if m := _YEAR.match(text):
        _year(text, int(m[1]))
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := _MONTH.match(text):
        y, mo = _year(text, int(m[1])), int(m[2])
        if not 1 <= mo <= 12:
            raise DateError(f"impossible month in {text!r}")
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if _DAY.match(text):
        d = _day(text)
        return d, d
    raise DateError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")


@functools.lru_cache(maxsize=8192)
def resolve(text: str, precision: str) -> tuple[date, date]:
    """First and last possible day of a curated date, checking the text matches its precision."""
    text = text.strip()
    if precision not in PRECISIONS:
        raise DateError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if precision == "interval":
        parts = text.split("/")
        if len(parts) != 2:
            raise DateError(f"an interval is START/END (YYYY-MM-DD/YYYY-MM-DD), got {text!r}")
        start, end = _day(parts[0]), _day(parts[1])
        if start > end:
            raise DateError(f"interval starts after it ends: {text!r}")
        return start, end
    pattern = {"day": _DAY, "month": _MONTH, "year": _YEAR}[precision]
    if not pattern.match(text):
        shape = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision]
        raise DateError(f"precision '{precision}' expects {shape}, got {text!r}")
    return partial_range(text)


def parse_day(text: str) -> date:
    """A full ISO date (used for parameters such as as_of)."""
    return _day(text.strip())
