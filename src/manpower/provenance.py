"""Tying curated figures to the words of the seeds: quote-in-seed, number-in-quote, coverage."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .numbers import Mention, same_number, scan
from .qualifiers import written_in

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


@dataclass(frozen=True)
class Claim:
    """What one curated row records, for coverage: its quote, its numbers and its date words."""

    quote: str
    numbers: tuple[float, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excluded:
    """An excluded passage; with `mentions`, only those mentions in it (context inside a quote)."""

    quote: str
    mentions: tuple[str, ...] = ()


def records(claim: Claim, m: Mention) -> bool:
    """Whether the row records this mention: one of its numbers, a vague phrase's bounds, or its
    date words contain the mention as whole words."""
    if any(same_number(v, n) for v in m.values for n in claim.numbers):
        return True
    if m.bounds and all(any(same_number(b, n) for n in claim.numbers) for b in m.bounds):
        return True
    return any(written_in(m.text, w) for w in claim.words if w)


def mention_key(text: str) -> str:
    return normalise(text).lower()


def coverage(seed: Seed, claims: list[Claim], exclusions: list[Excluded]) -> CoverageRow:
    """Which numeric/dated mentions of the seed are curated, excluded, or neither (unaccounted).

    A mention is curated only when a row whose quote contains it records it (as a number or in
    its date words): lying inside some curated quote is not enough. It is excluded when an
    exclusion names it (`mention`) in a passage containing it, or when a whole excluded passage
    contains it and no curated quote does.
    """
    claim_spans = [(c, seed.find_all(c.quote)) for c in claims]
    cur = _merge([sp for _, spans in claim_spans for sp in spans])
    whole = _merge([sp for e in exclusions if not e.mentions for sp in seed.find_all(e.quote)])
    named = [(sp, {mention_key(x) for x in e.mentions}) for e in exclusions if e.mentions
             for sp in seed.find_all(e.quote)]
    n_cur = n_exc = 0
    missing = []
    mentions = scan(seed.text)
    for m in mentions:
        within = lambda sp: sp[0] <= m.start and m.end <= sp[1]
        if any(records(c, m) for c, spans in claim_spans if any(within(sp) for sp in spans)):
            n_cur += 1
        elif any(within(sp) and mention_key(m.text) in keys for sp, keys in named):
            n_exc += 1
        elif _inside(m, *whole) and not _inside(m, *cur):
            n_exc += 1
        else:
            missing.append((seed.line_of(m.start), m))
    return CoverageRow(seed.source_id, len(mentions), n_cur, n_exc, tuple(missing))
