"""Build a throwaway project folder for tests: the shipped seeds and data, plus fixture articles.

`build_project(dest)` copies seeds/ and data/ and appends every invented article of
tests/fixtures (its seed file, its registry row and its curated rows); `only=[source_id]` adds
just those articles; `extra=folder` also appends every article of another folder laid out like
tests/fixtures (BLIND or BLIND2, the two sets of articles written blind to score `draft`). The result is a folder with data/ and seeds/ that `manpower check` and the
loader accept like the real project.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BLIND = FIXTURES / "blind"
BLIND2 = FIXTURES / "blind2"
BLINDS = (BLIND, BLIND2)  # every blind-written set, each laid out like tests/fixtures


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _append(target: Path, rows: list[dict[str, str]]) -> None:
    header, _ = _rows(target)
    text = target.read_text(encoding="utf-8")
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    for r in rows:
        w.writerow({c: r.get(c, "") for c in header})
    target.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")


def fixture_sources(folder: Path = FIXTURES) -> list[str]:
    return [r["source_id"] for r in _rows(folder / "seeds" / "sources.csv")[1]]


def _add_articles(folder: Path, dest: Path, keep: set[str]) -> None:
    """Append the articles of `folder` (seeds/ and data/ as in tests/fixtures) named in `keep`."""
    _, sources = _rows(folder / "seeds" / "sources.csv")
    chosen = [r for r in sources if r["source_id"] in keep]
    for r in chosen:
        shutil.copy(folder / "seeds" / r["file"], dest / "seeds" / r["file"])
    _append(dest / "seeds" / "sources.csv", chosen)
    for table in sorted((folder / "data").glob("*.csv")):
        _, rows = _rows(table)
        _append(dest / "data" / table.name, [r for r in rows if r["source_id"] in keep])


def build_project(dest: Path, fixtures: bool = True, only: list[str] | None = None, base: Path = ROOT,
                  extra: Path | None = None) -> Path:
    """dest/seeds and dest/data: the project's (from `base`) plus the chosen fixture articles,
    plus every article of `extra` when given."""
    dest = Path(dest)
    shutil.copytree(base / "seeds", dest / "seeds")
    shutil.copytree(base / "data", dest / "data")
    if fixtures:
        _add_articles(FIXTURES, dest, set(only) if only is not None else set(fixture_sources()))
    if extra is not None:
        _add_articles(Path(extra), dest, set(fixture_sources(Path(extra))))
    return dest


def add_and_draft(root: Path, article: Path, text: str, sid: str, outlet: str, published: str) -> list[dict[str, str]]:
    """Write an invented `text` to `article`, `manpower add` it to `root` as `sid` and `manpower
    draft` it there, as a user does; the draft's rows."""
    from manpower.cli import main

    article.write_text(text, encoding="utf-8")
    assert main(["add", str(article), "--outlet", outlet, "--headline", "A test", "--published", published,
                 "--source-id", sid, "--seeds", str(root / "seeds")]) == 0
    assert main(["draft", sid, "--data", str(root / "data"), "--seeds", str(root / "seeds"),
                 "--out", str(root / "drafts")]) == 0
    return list(csv.DictReader(io.StringIO((root / "drafts" / f"{sid}.csv").read_text(encoding="utf-8"))))
