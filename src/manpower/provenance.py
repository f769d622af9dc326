"""Tying curated figures to the words of the seeds: quote-in-seed, number-in-quote, coverage."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .numbers import Mention, scan

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, no-break spaces) to one space."""
    return _WS.sub(" ", text).strip()


@dataclass
class Seed:
    """A seed text, normalised for matching, with a map back to its original line numbers."""

    source_id: str
    path: str
    raw: str
    text: str = field(init=False)
    _line_at: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        out, lines, line = [], [], 1
        pending_space = False
        for ch in self.raw:
            if ch.isspace():
                if out:
                    pending_space = True
                if ch == "\n":
                    line += 1
                continue
            if pending_space:
                out.append(" ")
                lines.append(line)
                pending_space = False
            out.append(ch)
            lines.append(line)
        self.text = "".join(out)
        self._line_at = lines

    def line_of(self, offset: int) -> int:
        return self._line_at[min(offset, len(self._line_at) - 1)] if self._line_at else 1

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every place the (normalised) quote stands in the seed."""
        q = normalise(quote)
        spans, start = [], 0
        if not q:
            return spans
        while (i := self.text.find(q, start)) >= 0:
            spans.append((i, i + len(q)))
            start = i + 1
        return spans


@dataclass(frozen=True)
class CoverageRow:
    source_id: str
    mentions: int
    curated: int
    excluded: int
    unaccounted: tuple[tuple[int, Mention], ...]  # (seed line, mention)


def _merge(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    spans = sorted(spans)
    starts, ends = [], []
    for s, e in spans:
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _inside(m: Mention, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_right(starts, m.start) - 1
    return i >= 0 and m.end <= ends[i]


def coverage(seed: Seed, curated_quotes: list[str], excluded_quotes: list[str]) -> CoverageRow:
    """Which numeric/dated mentions of the seed lie inside a curated quote, an excluded passage,
    or neither (unaccounted). A mention counts as accounted when a quote's span contains it."""
    cur = _merge([sp for q in curated_quotes for sp in seed.find_all(q)])
    exc = _merge([sp for q in excluded_quotes for sp in seed.find_all(q)])
    n_cur = n_exc = 0
    missing = []
    mentions = scan(seed.text)
    for m in mentions:
        if _inside(m, *cur):
            n_cur += 1
        elif _inside(m, *exc):
            n_exc += 1
        else:
            missing.append((seed.line_of(m.start), m))
    return CoverageRow(seed.source_id, len(mentions), n_cur, n_exc, tuple(missing))
