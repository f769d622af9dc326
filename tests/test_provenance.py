"""Seed matching at scale keeps the exact answers of the simple versions it replaced: the
normalised text and line numbers, non-overlapping mentions, and coverage (checked here against
straightforward reference implementations on generated texts)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from manpower.vocabulary.numbers import scan
from manpower.curated.provenance import Claim, Excluded, Seed, coverage, mention_key, records

WORDS = ["The", "ministry", "said", "302,000", "soldiers", "were", "killed", "in", "March", "2023",
         "about", "tens of thousands", "20%", "two", "hundred", "3rd", "a year", "last week", "1.5m"]
SPACES = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", " \n "]


def reference_seed(raw: str) -> tuple[str, list[int]]:
    """The character-by-character normalisation the Seed class used to do."""
    out, lines, line, pending = [], [], 1, False
    for ch in raw:
        if ch.isspace():
            pending = pending or bool(out)
            line += ch == "\n"
            continue
        if pending:
            out.append(" ")
            lines.append(line)
            pending = False
        out.append(ch)
        lines.append(line)
    return "".join(out), lines


texts = st.lists(st.tuples(st.sampled_from(SPACES), st.sampled_from(WORDS)), max_size=60).map(
    lambda parts: "".join(s + w for s, w in parts))


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["", " ", "\n "]))
def test_seed_text_and_lines_match_the_reference(body, tail):
    raw = body + tail
    seed = Seed("s", "s.txt", raw)
    text, lines = reference_seed(raw)
    assert seed.text == text
    for offset in range(len(text) + 2):  # past the end: the last character's line
        expected = lines[min(offset, len(lines) - 1)] if lines else 1
        assert seed.line_of(offset) == expected, offset


@settings(max_examples=200, deadline=None)
@given(texts)
def test_mentions_are_sorted_and_never_overlap(raw):
    found = scan(Seed("s", "s.txt", raw).text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def reference_coverage(seed: Seed, claims, exclusions):
    """The pairwise version of `coverage`: every mention against every quote's every span."""
    spans = [(c, seed.find_all(c.quote)) for c in claims]
    named = [(sp, {mention_key(x) for x in e.mentions}) for e in exclusions if e.mentions
             for sp in seed.find_all(e.quote)]
    whole = [sp for e in exclusions if not e.mentions for sp in seed.find_all(e.quote)]
    cur_spans = [sp for _, sps in spans for sp in sps]
    curated = excluded = 0
    missing = []
    for m in scan(seed.text):
        within = lambda sp: sp[0] <= m.start and m.end <= sp[1]
        if any(records(c, m) for c, sps in spans if any(within(sp) for sp in sps)):
            curated += 1
        elif any(within(sp) and mention_key(m.text) in keys for sp, keys in named):
            excluded += 1
        elif any(within(sp) for sp in _merged(whole)) and not any(within(sp) for sp in _merged(cur_spans)):
            excluded += 1
        else:
            missing.append((seed.line_of(m.start), m))
    return curated, excluded, missing


def _merged(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@st.composite
def seeds_with_claims(draw):
    raw = draw(texts)
    seed = Seed("s", "s.txt", raw)
    words = seed.text.split(" ") if seed.text else []

    def passage():
        if not words:
            return "nothing"
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(i + 1, min(len(words), i + 8)))
        return " ".join(words[i:j])

    numbers = st.lists(st.sampled_from([302000.0, 2023.0, 20.0, 2.0, 200.0, 3.0, 1.0, 1500000.0]), max_size=3)
    claims = [Claim(passage(), tuple(draw(numbers)), tuple(draw(st.lists(st.sampled_from(["March 2023", "a year", ""]), max_size=2))))
              for _ in range(draw(st.integers(0, 6)))]
    exclusions = [Excluded(passage(), tuple(draw(st.lists(st.sampled_from(["2023", "two", "20%", "3rd"]), max_size=2))))
                  for _ in range(draw(st.integers(0, 4)))]
    return seed, claims, exclusions


@settings(max_examples=300, deadline=None)
@given(seeds_with_claims())
def test_coverage_matches_the_pairwise_reference(case):
    seed, claims, exclusions = case
    row = coverage(seed, claims, exclusions)
    curated, excluded, missing = reference_coverage(seed, claims, exclusions)
    assert (row.curated, row.excluded, list(row.unaccounted)) == (curated, excluded, missing)
    assert row.mentions == curated + excluded + len(missing)
