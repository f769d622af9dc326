"""A seed's paragraphs and sentences, found once, and what a draft row says about one mention in
its sentence (value or bounds, unit, qualifier, hedge, kind, table): the quote a draft row
carries is its sentence, cut to QUOTE_LIMIT characters around the number.
"""
from __future__ import annotations

import bisect
import re

from ..vocabulary.numbers import Mention
from ..vocabulary.qualifiers import HEDGES, POINT, QUALIFIERS, RANGE, implied_bounds, written_in


_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])(?<!\b[A-Z])[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TABLE_WORDS = (
    ("foreign", r"foreign|citizens? of|nationals|migrants?|mercenar|recruited abroad|repatriat"),
    ("conscription", r"conscript|call-?ups?|draft age|aged|age limit"),
    ("losses", r"killed|dead|died|wounded|casualt|losses|deserted|captured|missing|prisoners of war"),
    ("inflows", r"mobilis|mobiliz|signed up|sign-ups|contracts?|volunteers?|recruits?|enlisted"),
)
# compiled once, matched against lowercased text (a case-blind search is several times slower):
# a draft reads thousands of mentions, each against every table's words, qualifier and hedge
_TABLE_WORDS = tuple((t, re.compile(rx)) for t, rx in _TABLE_WORDS)


def _words(q: str) -> str:
    return r"\s+".join(map(re.escape, q.split()))


# (qualifier, pattern of it ending the text before a mention), the longest qualifier first
_QUALIFIER_BEFORE = tuple((q.lower(), re.compile(r"(?<!\w)" + _words(q.lower()) + r"\s*(?:of\s+)?$"))
                          for q in sorted((q for q in QUALIFIERS if q and q not in RANGE), key=len, reverse=True))
_ANY_QUALIFIER_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(_words(q) for q, _ in _QUALIFIER_BEFORE) + r")\s*(?:of\s+)?$")
_HEDGES_LONGEST_FIRST = tuple(sorted(HEDGES, key=len, reverse=True))
_ANY_HEDGE = re.compile(r"(?<!\w)(?:" + "|".join(_words(h.lower()) for h in _HEDGES_LONGEST_FIRST) + r")(?!\w)")


_SPACE = re.compile(" ")
BULLETS = frozenset("-•*–—")  # a line starting with one of these is an item of a list: a paragraph of its own
QUOTE_LIMIT = 300  # characters a draft row quotes at most: the sentence, or this much of it around the number
MENTION_LIMIT = 60  # a mention longer than this is no one figure (10 MB of digits, a run of number words)


class Sentences:
    """The paragraphs and sentences of a seed, found once, each mention's sentence then found by
    bisection: walking the paragraph and splitting it again for each of its numbers made a dense
    paragraph cost the square of its length. A blank line (or more) in the original seed separates
    paragraphs, so a headline is not glued to the first sentence."""

    def __init__(self, seed):
        self.seed, self.text = seed, seed.text
        self._breaks: list[int] | None = None
        self._ends: dict[int, tuple[list[int], list[int]]] = {}

    @property
    def breaks(self) -> list[int]:
        """Where each paragraph starts (the space of the normalised text standing for a blank
        line of the original, or for the line break before a list's bullet), then the text's end;
        found on first use, one look per space."""
        if self._breaks is None:
            line_of = self.seed.line_of
            text = self.text
            self._breaks = [0] + [i for i in (m.start() for m in _SPACE.finditer(text))
                                  if (step := line_of(i) - line_of(i - 1)) >= 2
                                  or (step == 1 and text[i + 1:i + 2] in BULLETS)] + [len(text)]
        return self._breaks

    def _paragraph(self, k: int) -> tuple[list[int], list[int]]:
        """Where the sentences of paragraph k end, and where the next one begins after each."""
        if k not in self._ends:
            start, end = self.breaks[k], self.breaks[k + 1]
            hits = list(_SENTENCE_END.finditer(self.text[start:end]))
            self._ends[k] = ([start + h.start() + 1 for h in hits], [start + h.end() for h in hits])
        return self._ends[k]

    def around(self, m: Mention) -> tuple[int, int]:
        """(begin, end) of the sentence holding the mention, in the seed's normalised text."""
        k = bisect.bisect_right(self.breaks, m.start, 0, len(self.breaks) - 1) - 1
        ends, nexts = self._paragraph(k)
        i = bisect.bisect_right(ends, m.start)  # sentences ending before the mention
        begin = nexts[i - 1] if i else self.breaks[k]
        j = bisect.bisect_left(ends, m.end, i)  # the first sentence end after it (none inside it)
        return begin, (ends[j] if j < len(ends) else self.breaks[k + 1])

    def quote(self, m: Mention) -> tuple[str, bool]:
        """The sentence holding the mention, or, when it is longer than QUOTE_LIMIT, the words
        around the mention up to that length (verbatim: still found in the seed); and whether it
        was shortened."""
        begin, end = self.around(m)
        if end - begin <= QUOTE_LIMIT + 2:  # (a sentence may begin or end with a space)
            sentence = self.text[begin:end].strip()
            if len(sentence) <= QUOTE_LIMIT:
                return sentence, False
        if m.end - m.start >= QUOTE_LIMIT:
            return self.text[m.start:m.start + QUOTE_LIMIT].strip(), True
        room = (QUOTE_LIMIT - (m.end - m.start)) // 2
        lo = max(begin, min(m.start - room, end - QUOTE_LIMIT))
        hi = min(end, lo + QUOTE_LIMIT)
        if lo > begin:  # start after a space, not inside a word
            cut = self.text.find(" ", lo, m.start)
            lo = cut + 1 if cut >= 0 else lo
        if hi < end:
            cut = self.text.rfind(" ", m.end, hi)
            hi = cut if cut >= 0 else hi
        return self.text[lo:hi].strip(), True


def read_mention(sentence: str, m: Mention, before: str, after: str) -> dict[str, str]:
    """What a draft row says about one mention: value/low/high, unit, qualifier, hedge, kind, table."""
    row = {"mention": m.text, "mention_kind": m.kind}
    if len(m.text) > MENTION_LIMIT or (m.kind in ("number", "percent", "ordinal") and not m.values):
        # 10 MB of digits reads as `inf`; a run of number words as a sum: no figure to propose
        row.update(mention=f"{m.text[:MENTION_LIMIT]}… ({len(m.text):,} characters)" if len(m.text) > MENTION_LIMIT
                   else m.text, table="losses", kind="", unit="", qualifier="", hedge="",
                   note=f"REVIEW: a mention of {len(m.text):,} characters is too long to be one figure: "
                        "no value proposed; exclude the passage in data/exclusions.csv or fix the seed")
        return row
    if m.kind == "date":
        row.update(table="events", kind="", unit="", qualifier="", hedge="")
        return row
    after_l, before_l, sentence_l = after.lower(), before.lower(), sentence.lower()
    qualifier = ""
    if _ANY_QUALIFIER_BEFORE.search(before_l):  # one pass for the mentions (most) with no qualifier
        qualifier = next((q for q, rx in _QUALIFIER_BEFORE if rx.search(before_l)), "")
    hedge = ""
    if _ANY_HEDGE.search(sentence_l):  # one pass over the quote for the rows (most) with no hedge
        hedge = next((h for h in _HEDGES_LONGEST_FIRST if written_in(h, sentence)), "")
    if m.kind == "percent":
        unit = "percent"
    elif before_l.rstrip().endswith("$"):
        unit = "usd_per_month" if re.match(r"\s*(a|per) month", after_l) else "usd_one_off"
    elif re.match(r"\s*(roubles|rubles)", after_l):
        unit = "rub_per_month" if re.search(r"(a|per) month", after_l[:30]) else "rub_one_off"
    elif re.search(r"aged\s*$|age of\s*$", before_l) or re.match(r"\s*years? old", after_l):
        unit = "age_years"
    elif re.match(r"\s*years?\b", after_l) or m.kind == "duration":
        unit = "years"
    elif re.match(r"\s*months?\b", after_l):
        unit = "months"
    else:
        unit = "people"
    table = next((t for t, rx in _TABLE_WORDS if rx.search(sentence_l)), "losses")
    value = m.values[0] if m.values else None
    low = high = None
    if m.bounds:
        low, high = m.bounds
        qualifier = m.text.lower()
    elif value is not None:
        b = implied_bounds(qualifier, value, None, None, unit)  # whole people, as check wants
        if isinstance(b, tuple):
            low, high = b
    kind = "count"
    if hedge:
        kind = HEDGES[hedge][1][0]
    elif m.bounds or (qualifier and POINT.get(qualifier, (1, 1)) != (1.0, 1.0) and POINT.get(qualifier, (0, 0))[1] is not None
                      and POINT.get(qualifier, (0, 0))[0] is not None):
        kind = "estimate"
    elif qualifier and POINT.get(qualifier, (1, 1))[1] is None:
        kind = "floor"
    elif qualifier and POINT.get(qualifier, (1, 1))[0] is None:
        kind = "ceiling"
    fmt = lambda x: "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:g}")
    row.update(table=table, value="" if m.bounds else fmt(value), low=fmt(low), high=fmt(high), unit=unit,
               qualifier=qualifier, hedge=hedge, kind=kind, bounds="convention" if (low is not None or high is not None) else "")
    return row
