"""`manpower draft --score`: how much of the curators' typing `draft` does, measured on corpora of
articles whose rows are already curated (tests/fixtures by default).

A corpus is a folder with seeds/ (sources.csv and the article texts) and data/ (the curated
tables). For each registered article the draft's candidates are made from every mention of the
seed, as if nothing were curated yet (nothing is written), and compared with the curated rows of
that source in the figure tables (exclusions are not rows to propose).

Matching. A candidate and a curated row *match* when they are in the same table, their quotes
overlap (one contains the other, whitespace collapsed), and they state the same figure: the same
`value` when the curated row has one, else the same `low` and `high` (numbers compared as
numbers, empty only with empty); a row with no number at all (an event) matches on table and
quote alone. When the candidate names the table's measure (`measure`, `channel`, `aspect`,
`category`) it must be the curated one: another measure is another claim. Each curated row is
matched at most once, to the candidate that agrees with it in the most cells.

A candidate for data/exclusions.csv (a sentence with dates or names but no figure, which the
draft proposes to exclude) is no figure candidate: it is left out of all four figures.

Figures, each per corpus:
- precision: candidates matched to a curated row, over all candidates;
- recall: curated rows matched, over all curated rows;
- junk: candidates that match no curated row at all (a second candidate for a row already
  matched is a duplicate: neither right nor junk), over all candidates;
- cells: the cells of curated rows pre-filled correctly. Counted columns: every column of the
  row's table but `id` and the free `note`; a cell counts when the curated row or its matched
  candidate fills it, and is right when both hold the same (numbers as numbers; `quote` is
  right when the curated quote is part of the candidate's, the sentence the curator cuts it
  from; `claimant` ignores the "(invented)" that marks a fixture's made-up names, which no
  article prints; `part_of` is right when it names the candidate matched to the curated
  row's total, and `group` when the candidates sharing it are those matched to the curated rows
  sharing the curated group). Cells of curated rows no candidate matched count, and are all wrong.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..vocabulary.csvfile import read_text
from ..errors import ManpowerError
from ..paths import project_root
from ..vocabulary.numbers import scan
from ..curated.provenance import Seed, normalise
from ..vocabulary.schema import TABLES

MEASURE_COLUMNS = ("measure", "channel", "aspect", "category")  # what a table counts: one of these per table
NUMBER_COLUMNS = ("value", "low", "high", "level")
NOT_COUNTED = ("id", "note")


class ScoreError(ManpowerError):
    """A corpus folder that cannot be scored: one line naming it."""


@dataclass
class Score:
    """Counts behind the four figures of one corpus (or one article)."""

    name: str
    candidates: int = 0
    matched: int = 0
    junk: int = 0
    curated: int = 0
    cells: int = 0
    cells_right: int = 0
    articles: list["Score"] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for f in ("candidates", "matched", "junk", "curated", "cells", "cells_right"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    @staticmethod
    def _share(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    @property
    def figures(self) -> dict[str, float | None]:
        return {"precision": self._share(self.matched, self.candidates), "recall": self._share(self.matched, self.curated),
                "junk": self._share(self.junk, self.candidates), "cells": self._share(self.cells_right, self.cells)}

    def line(self) -> str:
        pct = lambda x: "  n/a" if x is None else f"{100 * x:4.0f}%"
        f = self.figures
        return (f"{self.name}: precision {pct(f['precision'])} ({self.matched}/{self.candidates}), "
                f"recall {pct(f['recall'])} ({self.matched}/{self.curated}), junk {pct(f['junk'])} "
                f"({self.junk}/{self.candidates}), cells pre-filled {pct(f['cells'])} ({self.cells_right}/{self.cells})")


def _number(cell: str) -> float | None:
    try:
        x = float(cell)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


INVENTED = re.compile(r"\s*\(invented\)\s*$", re.I)


def same_cell(column: str, curated: str, candidate: str) -> bool:
    a, b = curated.strip(), (candidate or "").strip()
    if column == "claimant":
        a, b = INVENTED.sub("", a).lower(), INVENTED.sub("", b).lower()
    if column == "quote":
        return bool(a) and normalise(a) in normalise(b)
    if a == b:
        return True
    x, y = _number(a), _number(b)
    return x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def _quotes_overlap(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return bool(a) and bool(b) and (a in b or b in a)


def matches(table: str, curated: dict[str, str], candidate: dict[str, str]) -> bool:
    """Whether `candidate` proposes the curated row (the rule of the module's docstring)."""
    if candidate.get("table") != table or not _quotes_overlap(curated.get("quote", ""), candidate.get("quote", "")):
        return False
    for col in MEASURE_COLUMNS:
        if col in curated and (candidate.get(col) or "").strip() and candidate[col].strip() != curated[col].strip():
            return False
    if curated.get("value", "").strip():
        return same_cell("value", curated["value"], candidate.get("value", ""))
    if curated.get("low", "").strip() or curated.get("high", "").strip():
        return all(same_cell(c, curated.get(c, ""), candidate.get(c, "")) for c in ("low", "high"))
    return not any((candidate.get(c) or "").strip() for c in ("value", "low", "high"))


def cell_counts(curated: dict[str, str], candidate: dict[str, str] | None, same=None) -> tuple[int, int]:
    """(cells counted, cells right) of one curated row against its matched candidate (or none);
    `same(column, curated cell, candidate cell)` decides, by default `same_cell`."""
    same = same or same_cell
    counted = right = 0
    for col, cell in curated.items():
        if col in NOT_COUNTED or col is None:
            continue
        proposed = (candidate or {}).get(col) or ""
        if not (cell or "").strip() and not proposed.strip():
            continue
        counted += 1
        right += candidate is not None and bool((cell or "").strip()) and same(col, cell, proposed)
    return counted, right


def score_article(curated: list[tuple[str, dict[str, str]]], candidates: list[dict[str, str]], name: str = "") -> Score:
    """The counts of one article: its curated rows as (table, row), its draft's candidates."""
    candidates = [c for c in candidates if c.get("table") != "exclusions"]
    s = Score(name, candidates=len(candidates), curated=len(curated))
    taken: dict[int, int] = {}  # curated row -> candidate
    for ci, cand in enumerate(candidates):
        options = [(cell_counts(row, cand)[1], ri) for ri, (table, row) in enumerate(curated)
                   if ri not in taken and matches(table, row, cand)]
        if options:
            taken[max(options)[1]] = ci
        elif not any(matches(table, row, cand) for table, row in curated):
            s.junk += 1
    s.matched = len(taken)
    as_curated = {candidates[ci].get("id"): curated[ri][1].get("id") for ri, ci in taken.items()}

    def same(col, a, b):
        if col == "part_of":
            return as_curated.get(b.strip()) == a.strip()
        if col == "group":  # the same rows, whatever the group is called
            mine = {as_curated.get(c.get("id")) for c in candidates if (c.get("group") or "").strip() == b.strip()}
            theirs = {r.get("id") for _, r in curated if (r.get("group") or "").strip() == a.strip()}
            return bool(b.strip()) and mine == theirs
        return same_cell(col, a, b)

    for ri, (table, row) in enumerate(curated):
        counted, right = cell_counts(row, candidates[taken[ri]] if ri in taken else None, same)
        s.cells += counted
        s.cells_right += right
    return s


def _rows(path: Path) -> list[dict[str, str]]:
    text, problems = read_text(path, str(path))
    if text is None:
        raise ScoreError(f"{path}: {problems[0].message}")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def score_corpus(folder: Path, name: str | None = None) -> Score:
    """Draft every registered article of the corpus `folder` and score it against its rows."""
    from .draft import propose, published_of

    folder = Path(folder)
    seeds, data = folder / "seeds", folder / "data"
    if not (seeds / "sources.csv").is_file() or not data.is_dir():
        raise ScoreError(f"{folder}: not a corpus (needs seeds/sources.csv and data/)")
    curated: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for table in TABLES:
        if table.figures and (data / table.file).is_file():
            for row in _rows(data / table.file):
                curated.setdefault(row.get("source_id", ""), []).append((table.name, row))
    total = Score(name or str(folder))
    for src in _rows(seeds / "sources.csv"):
        sid = src.get("source_id", "")
        text, problems = read_text(seeds / src.get("file", ""), str(seeds / src.get("file", "")), inside=seeds)
        if text is None:
            raise ScoreError(f"{seeds / 'sources.csv'}: source {sid!r}: {problems[0].message}")
        seed = Seed(sid, src.get("file", ""), text)
        candidates = propose(sid, seed, [(seed.line_of(m.start), m) for m in scan(seed.text)], published_of(src),
                             src.get("outlet", ""))
        article = score_article(curated.get(sid, []), candidates, sid)
        total.articles.append(article)
        total.add(article)
    return total


DEFAULT_CORPUS = Path("tests") / "fixtures"
BLIND_CORPORA = "blind*"  # folders of DEFAULT_CORPUS with articles written without looking at the draft's rules


def default_corpora(root: Path) -> list[tuple[Path, str]]:
    """(folder, name) of the corpora scored when none is named: the fixtures, then each blind-written
    set (tests/fixtures/blind, blind2, ...) apart, sorted by name: each is a separate honest measure."""
    blind = sorted(p.relative_to(root) for p in (root / DEFAULT_CORPUS).glob(BLIND_CORPORA) if p.is_dir())
    return [(root / c, str(c)) for c in (DEFAULT_CORPUS, *blind) if (root / c / "seeds").is_dir()]


def score_command(corpora: list[Path], verbose: bool, out) -> int:
    """Print one line per corpus (and per article with `verbose`); 0, or 1 with one line on error."""
    import sys


    for folder, name in [(c, str(c)) for c in corpora] or default_corpora(project_root()):
        try:
            s = score_corpus(folder, name)
        except ScoreError as exc:
            print(f"manpower draft --score: {exc}", file=sys.stderr)
            return 1
        print(s.line(), file=out)
        if verbose:
            for a in s.articles:
                print("  " + a.line(), file=out)
    return 0
