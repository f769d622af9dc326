"""Tying curated figures to the words of the seeds: quote-in-seed, number-in-quote, coverage."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..core.cells import char_name, first_invisible, is_invisible
from ..vocabulary.numbers import Mention, same_number, scan
from ..vocabulary.qualifiers import written_in

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, no-break spaces) to one space."""
    return _WS.sub(" ", text).strip()


_NONSPACE = re.compile(r"\S+")


@dataclass
class Seed:
    """A seed text, normalised for matching, with a map back to its original line numbers (built
    on first use: only a problem report or a draft needs a line)."""

    source_id: str
    path: str
    raw: str
    text: str = field(init=False)
    _map: tuple[list[int], list[int], list[int], list[int]] | None = field(init=False, repr=False, default=None)
    # the seed without its invisible characters, for invisible_hint: (those characters, the text, where each stood)
    _visible: tuple[frozenset[str], str, list[int]] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.text = normalise(self.raw)

    def _segments(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Where each run of non-space characters starts in `text` and in `raw`, its length, and
        the offsets of the raw text's newlines."""
        if self._map is None:
            norm, raw_at, length, at = [], [], [], 0
            for m in _NONSPACE.finditer(self.raw):
                norm.append(at)
                raw_at.append(m.start())
                length.append(m.end() - m.start())
                at += m.end() - m.start() + 1  # one space between runs
            newlines = [m.start() for m in re.finditer("\n", self.raw)]
            self._map = (norm, raw_at, length, newlines)
        return self._map

    def line_of(self, offset: int) -> int:
        """The seed's line (1-based) of the character at `offset` in `text`; a space stands on
        the line of the word after it."""
        norm, raw_at, length, newlines = self._segments()
        if not norm:
            return 1
        offset = max(0, min(offset, len(self.text) - 1))
        i = bisect.bisect_right(norm, offset) - 1
        if offset - norm[i] < length[i]:
            raw = raw_at[i] + offset - norm[i]
        else:  # the space after run i
            raw = raw_at[min(i + 1, len(raw_at) - 1)]
        return bisect.bisect_left(newlines, raw) + 1

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

    def invisible_hint(self, quote: str) -> str | None:
        """When a quote is not found only because the seed holds invisible characters (a
        zero-width space, a direction mark) among the quoted words: which one, on which line.
        Linear in the seed: the seed without its invisible characters is built once (with where
        each kept character stood), and the quote is looked up in it with str.find."""
        q = normalise(quote)
        if not q or len(q) > _HINT_LIMIT:
            return None
        if self._visible is None:
            hidden = frozenset(c for c in set(self.text) if is_invisible(c))
            kept, where, space = [], [], False
            if hidden:
                for i, c in enumerate(self.text):
                    if c in hidden or (c == " " and space):
                        continue
                    space = c == " "
                    kept.append(c)
                    where.append(i)
            self._visible = (hidden, "".join(kept), where)
        hidden, visible, where = self._visible
        at = visible.find(q) if hidden else -1
        if at < 0:
            return None
        start, end = where[at], where[at + len(q) - 1] + 1
        offset = next((start + k for k, c in enumerate(self.text[start:end]) if c in hidden), None)
        if offset is None:
            return None
        return (f"the seed has the invisible character {char_name(self.text[offset])} on line "
                f"{self.line_of(offset)} among the quoted words (the quote matches without it): delete it from the seed")


_HINT_LIMIT = 5_000  # characters of a quote the invisible-character hint tries (a quote is a sentence or two)


def why_unusable(raw: str) -> str | None:
    """Why a seed's text can hold no quote at all (empty, or control bytes without a letter or
    digit), so its rows get one line naming the cause instead of one "quote not found" each."""
    if not raw.strip():
        return "seed is empty"
    if not any(c.isalnum() for c in raw):
        hit = first_invisible(raw)
        such = f" (it holds control characters such as {char_name(hit[1])})" if hit else ""
        return f"seed has no letter or digit{such}: is it the article's text?"
    return None


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


def _named_in(m: Mention, keys: set[str]) -> bool:
    """Whether an exclusion's mentions name `m`: whole, or a date ("Feb. 14") by each of its words
    ("Feb.; 14"), as exclusions were written when the scanner read the day apart from its month."""
    return mention_key(m.text) in keys or (m.kind == "date" and " " in m.text.strip()
                                          and all(mention_key(w) in keys for w in m.text.split()))


class _Spans:
    """Spans of a seed with a payload each, found by the mention they contain: a bisection on the
    starts, looking back no further than the longest span (a seed with thousands of quotes and
    mentions would otherwise cost their product)."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x[0])
        self.starts = [sp[0] for sp, _ in self.items]
        self.longest = max((sp[1] - sp[0] for sp, _ in self.items), default=0)

    def around(self, m: Mention):
        """The payloads of the spans that contain mention `m`."""
        if not self.items:  # a seed no row quotes: every mention is looked up, none can be inside
            return
        i = bisect.bisect_right(self.starts, m.start)
        lo = bisect.bisect_left(self.starts, m.end - self.longest, 0, i)
        for (s, e), payload in self.items[lo:i]:
            if s <= m.start and m.end <= e:
                yield payload


def coverage(seed: Seed, claims: list[Claim], exclusions: list[Excluded]) -> CoverageRow:
    """Which numeric/dated mentions of the seed are curated, excluded, or neither (unaccounted).

    A mention is curated only when a row whose quote contains it records it (as a number or in
    its date words): lying inside some curated quote is not enough. It is excluded when an
    exclusion names it (`mention`) in a passage containing it, or when a whole excluded passage
    contains it and no curated quote does.
    """
    claim_spans = _Spans((sp, c) for c in claims for sp in seed.find_all(c.quote))
    cur = _merge([sp for sp, _ in claim_spans.items])
    whole = _merge([sp for e in exclusions if not e.mentions for sp in seed.find_all(e.quote)])
    named = _Spans((sp, {mention_key(x) for x in e.mentions}) for e in exclusions if e.mentions
                   for sp in seed.find_all(e.quote))
    n_cur = n_exc = 0
    missing = []
    mentions = scan(seed.text)
    for m in mentions:
        if any(records(c, m) for c in claim_spans.around(m)):
            n_cur += 1
        elif any(_named_in(m, keys) for keys in named.around(m)):
            n_exc += 1
        elif _inside(m, *whole) and not _inside(m, *cur):
            n_exc += 1
        else:
            missing.append((seed.line_of(m.start), m))
    return CoverageRow(seed.source_id, len(mentions), n_cur, n_exc, tuple(missing))
