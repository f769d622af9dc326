"""as_of does not leak: a report as known on a date shows nothing claimed or published later.

A property test over many as_of dates across 2022–2024: every chapter's text (run in-process by
tests/chapter_text.py) and the computed appendices hold no quote, figure id, source headline or
figure value of a row claimed after the date or from an article published after it; every
chapter still reads as prose.

It runs on the seeds (the project's data/ and seeds/) and on a small synthetic corpus from
manpower.curated.synthetic (data the code has not seen). To run it on another corpus instead of the
seeds (a folder with data/ and seeds/, e.g. the seeds plus the invented fixture articles), point
MANPOWER_ASOF_ROOT at it:

    MANPOWER_ASOF_ROOT=/path/to/corpus .venv/bin/python -m pytest -q tests/test_as_of_leaks.py
"""
from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chapter_text import ROOT, chapter_texts
from manpower.report.appendix import figures_used, methodology, sources
from manpower.curated.data import load
from manpower.curated.selection import select

MAIN = Path(os.environ.get("MANPOWER_ASOF_ROOT", ROOT)).resolve()


@functools.lru_cache(maxsize=None)
def corpus(which: str) -> tuple[Path, object]:
    """(root, full dataset) of the corpus under test: "main" (the seeds or MANPOWER_ASOF_ROOT) or
    "synthetic" (generated once per session into a temporary folder)."""
    if which == "main":
        root = MAIN
    else:
        from manpower.curated.synthetic import generate

        tmp = Path(tempfile.mkdtemp(prefix="manpower-asof-"))
        atexit.register(shutil.rmtree, tmp, True)
        root = tmp / "corpus"
        generate(root, 6, 60, seed=7)
    return root, load(root / "data", root / "seeds")
LEFTOVERS = re.compile(r"\b(nan|NaN|NaT|n/a)\b|\bNone\b(?! of)|\{|\}|\[derived")


def _plain(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and curly/straight quote differences removed."""
    text = text.replace("\\", "")
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text)


def _later(FULL, as_of: date) -> tuple[list[pd.Series], list[pd.Series]]:
    """Rows (of every figure table) that a report as known on `as_of` must not show, and those it may."""
    shown = select(FULL, as_of)
    later, kept = [], []
    for name, df in FULL.tables.items():
        if name == "exclusions":
            continue
        ids = set(shown.tables[name]["id"])
        for _, r in df.iterrows():
            (kept if r["id"] in ids else later).append(r)
    return later, kept


def _values(rows) -> set[str]:
    out = set()
    for r in rows:
        for col in ("value", "low", "high"):
            v = r.get(col)
            if v is not None and not pd.isna(v) and float(v) >= 10_000:
                out.add(f"{float(v):,.0f}")
    return out


def check(as_of: date, tmp: Path, which: str = "main") -> None:
    CORPUS, FULL = corpus(which)
    texts = chapter_texts(CORPUS, {"as_of": as_of.isoformat()}, tmp)
    shown = select(FULL, as_of)
    appendix = "\n".join([methodology(FULL, shown, as_of).plain(), sources(FULL, as_of).plain(), figures_used(shown).plain()])
    everything = _plain("\n".join(texts.values()) + "\n" + appendix)
    later, kept = _later(FULL, as_of)
    for r in later:
        quote = _plain(str(r["quote"]))
        assert quote not in everything, f"as_of {as_of}: quote of {r['id']} (claimed later) appears"
        assert str(r["id"]) not in everything, f"as_of {as_of}: id {r['id']} (claimed later) appears"
    convention = _plain(methodology(FULL, FULL, None).plain())  # the qualifier table's own numbers (99,999 …)
    for v in _values(later) - _values(kept):
        if re.search(rf"(?<![\d,]){re.escape(v)}(?![\d,])", convention):
            continue
        assert not re.search(rf"(?<![\d,]){re.escape(v)}(?![\d,])", everything), f"as_of {as_of}: value {v} of a later figure appears"
    late_sources = FULL.sources[FULL.sources["published_end"] > pd.Timestamp(as_of)]
    for _, s in late_sources.iterrows():
        assert _plain(str(s["headline"])) not in everything, f"as_of {as_of}: source {s['source_id']} published later is cited"
        assert str(s["source_id"]) not in everything, f"as_of {as_of}: source id {s['source_id']} published later appears"
    for name, text in texts.items():
        body = re.sub(r"\^\[[^\]]*\]", "", text)  # notes may carry ids and formulas
        assert body.strip(), f"as_of {as_of}: chapter {name} says nothing"
        assert re.search(r"[a-z][.!?:)”*]", body), f"as_of {as_of}: chapter {name} has no sentence"
        assert not LEFTOVERS.search(body), f"as_of {as_of}: chapter {name} has a leftover: {LEFTOVERS.search(body)[0]!r}"


DATES = st.dates(min_value=date(2022, 1, 1), max_value=date(2024, 12, 31))


@pytest.mark.parametrize("which", ["main", "synthetic"])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(as_of=DATES)
@example(as_of=date(2023, 10, 31))
@example(as_of=date(2024, 1, 4))
def test_nothing_claimed_or_published_after_as_of_appears(which, as_of, tmp_path):
    check(as_of, tmp_path, which)


def test_the_check_catches_a_leak(tmp_path, monkeypatch):
    """The property above can fail: with the selection's as_of filter disabled it does."""
    import manpower.curated.selection as selection

    _, FULL = corpus("main")
    last = max(FULL.sources["published_end"])
    before = (last - timedelta(days=400)).date()
    monkeypatch.setattr(selection, "known_mask", lambda df, as_of: pd.Series(True, index=df.index))
    monkeypatch.setattr(selection, "published_mask", lambda df, src, as_of: pd.Series(True, index=df.index))
    with pytest.raises(AssertionError):
        check(before, tmp_path)
