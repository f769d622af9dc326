"""Loading the curated tables: read, validate against the schema, type, and hand back DataFrames.

`load()` is what notebooks call; `examine()` is what `manpower check` calls (it collects every
problem instead of stopping, and measures coverage). Both run the same rules; the rules about
figures and how rows relate live in `rules.py`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import datacache
from ..vocabulary.cachefolder import check_folder
from ..vocabulary.csvfile import read_text
from .dataset import Dataset
from ..errors import DataError, Problem, shorten
from ..paths import ACCEPT_TEMP_PREFIX, ADD_TEMP_PREFIX
from ..paths import cache_dir as default_cache_dir
from ..paths import data_dir as default_data_dir
from ..paths import seeds_dir as default_seeds_dir
from .provenance import CoverageRow, Seed, coverage, why_unusable
from .relations import check_relations
from .rules import check_exclusion, check_figure_row, claim_of, exclusion_of
from ..vocabulary.schema import FOREIGN, SOURCES, TABLES, TERMS_EVENTS
from .tables import Row, file_label, frame_of, read_table


_SAFE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Inspection:
    dataset: Dataset | None
    problems: list[Problem]
    coverage: list[CoverageRow]
    row_counts: dict[str, int]
    seeds: dict[str, Seed] = field(default_factory=dict)


def examine(data_dir: str | Path | None = None, seeds_dir: str | Path | None = None, *,
            coverage_of_seeds: bool = True) -> Inspection:
    """Run every rule over data/ and seeds/, collecting problems and coverage; never raises.
    Coverage (every number and date in the seeds, curated or excluded or not) is what `check`
    reports; `load` does not need it and skips it (`coverage_of_seeds=False`): at 3,700 figures
    it is two fifths of the validation."""
    ddir = Path(data_dir) if data_dir else default_data_dir()
    sdir = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    problems: list[Problem] = []

    src_path = sdir / "sources.csv"
    src_label = file_label(src_path)
    src_rows = read_table(SOURCES, src_path, problems)
    seeds: dict[str, Seed] = {}
    published_end: dict[str, date] = {}
    seen_src: set[str] = set()
    registered: set[str] = set()
    # seeds that can hold no quote: (where, line, column, why) -> one line for all their quotes
    unusable: dict[str, tuple[str, int | None, str | None, str]] = {}
    for row in src_rows:
        sid, fname = row.val.get("source_id"), row.val.get("file")
        if row.raw.get("file"):
            registered.add(row.raw["file"].strip())
        if sid in seen_src:
            problems.append(Problem(src_label, row.line, "source_id", "unique-id", "duplicate source_id", sid))
        seen_src.add(sid)
        if row.val.get("published_range"):
            published_end[sid] = row.val["published_range"][1]
        if not fname:
            continue
        if not _SAFE_FILE.match(fname) or ".." in fname:
            problems.append(Problem(src_label, row.line, "file", "file-name",
                                    "must be a plain file name inside seeds/ (no folders, no '..')", fname))
            continue
        if fname == src_path.name:
            if sid:
                unusable[sid] = (src_label, row.line, "file", "names the registry itself, not an article's text")
            continue
        text, read_problems = read_text(sdir / fname, file_label(sdir / fname), inside=sdir)
        for p in read_problems:
            if p.rule == "file-missing":
                problems.append(Problem(src_label, row.line, "file", "seed-missing",
                                        f"seed file not found in {file_label(sdir)}", fname))
            else:
                problems.append(p)
        why = why_unusable(text) if text is not None else None
        if why and sid:
            unusable[sid] = (file_label(sdir / fname), None, None, why)
        elif text is not None and sid:
            seeds[sid] = Seed(sid, file_label(sdir / fname), text)
    if src_rows:
        _stray_files(ddir, sdir, registered, problems)
    uncheckable: dict[str, int] = {sid: 0 for sid in unusable}

    all_rows: dict[str, list[Row]] = {}
    ids: dict[str, str] = {}
    for table in TABLES:
        path = ddir / table.file
        label = file_label(path)
        rows = read_table(table, path, problems)
        all_rows[table.name] = rows
        for row in rows:
            rid, sid = row.val.get("id"), row.val.get("source_id")
            if rid:
                if rid in ids:
                    problems.append(Problem(label, row.line, "id", "unique-id", f"duplicate id (also at {ids[rid]})", rid))
                else:
                    ids[rid] = f"{label}:{row.line}"
            if sid and sid not in seen_src:
                known = shorten(', '.join(sorted(s for s in seen_src if s)) or 'none', 300)
                problems.append(Problem(label, row.line, "source_id", "source-exists", f"unknown source; known: {known}", sid))
            seed = seeds.get(sid) if sid else None
            quote = row.val.get("quote")
            if quote and sid in uncheckable:
                uncheckable[sid] += 1
            elif quote and seed is not None and not seed.find_all(quote):
                hint = seed.invisible_hint(quote)
                problems.append(Problem(label, row.line, "quote", "quote-in-seed",
                                        f"quote not found in seed {seed.path}" + (f": {hint}" if hint else ""), quote))
            if row.bad:
                continue
            if table.figures:
                check_figure_row(table, row.line, row.val, row.raw, label, published_end.get(sid), problems)
            else:
                check_exclusion(row.line, row.val, label, problems)
        if table.figures:
            check_relations(table, [(r.line, r.val) for r in rows], label, problems)
    _check_event_links(all_rows, file_label(ddir / FOREIGN.file), problems)
    for sid, (where, line, column, why) in unusable.items():
        problems.append(Problem(where, line, column, "seed-unusable",
                                f"{why}; its {uncheckable[sid]} quote(s) cannot be checked"))

    cov = _coverage(all_rows, seeds) if coverage_of_seeds else []

    counts = {name: len(rows) for name, rows in all_rows.items()}
    dataset = None
    if not problems:
        dataset = Dataset(
            sources=frame_of(SOURCES, src_rows),
            tables={t.name: frame_of(t, all_rows[t.name]) for t in TABLES},
            seeds=seeds, data_dir=ddir, seeds_dir=sdir,
        )
    return Inspection(dataset, problems, cov, counts, seeds)


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # a missing folder is reported where its files are read
        return []


def _check_event_links(all_rows: dict, label: str, problems: list[Problem]) -> None:
    """A foreign row's `event` names a decree, law or offer in events.csv (its terms are grouped
    under it): one problem per row naming another id or another kind of event."""
    events = {r.val.get("id"): r.val.get("category") for r in all_rows.get("events", [])}
    for row in all_rows.get("foreign", []):
        ev = row.val.get("event")
        if not ev:
            continue
        if ev not in events:
            problems.append(Problem(label, row.line, "event", "event-exists", "no row with this id in events.csv", ev))
        elif events[ev] not in TERMS_EVENTS:
            problems.append(Problem(label, row.line, "event", "event-exists",
                                    f"names a '{events[ev]}' event; terms belong to a {', '.join(TERMS_EVENTS)}", ev))


def _stray_files(ddir: Path, sdir: Path, registered: set[str], problems: list[Problem]) -> None:
    """Files no rule would otherwise look at: a CSV in data/ that is not a table (a draft written
    there, a copy), a seed no registry row registers, a temporary file a killed `add` or
    `accept` left."""
    tables = {t.file for t in TABLES}
    for e in _entries(ddir):
        if e.name.startswith(ACCEPT_TEMP_PREFIX):
            problems.append(Problem(file_label(Path(e.path)), None, None, "accept-leftover",
                                    "left by an interrupted `manpower accept`: run the accept again; it first "
                                    "puts data/ and the draft back as they were before the interrupted one"))
        elif e.name.endswith(".csv") and e.name not in tables:
            problems.append(Problem(file_label(Path(e.path)), None, None, "unknown-file",
                                    f"is not one of the tables ({', '.join(sorted(tables))}): move its rows "
                                    f"into a table (drafts belong in drafts/) and remove it"))
    for e in _entries(sdir):
        if e.name.startswith(ADD_TEMP_PREFIX):
            problems.append(Problem(file_label(Path(e.path)), None, None, "add-leftover",
                                    "a temporary file left by an interrupted `manpower add`; delete it "
                                    "(run the add again if its article is not registered)"))
        elif e.name.endswith(".txt") and not e.name.startswith(".") and e.name not in registered:
            problems.append(Problem(file_label(Path(e.path)), None, None, "seed-unregistered",
                                    f"no row of {file_label(sdir / SOURCES.file)} registers this seed: register it "
                                    f"with `manpower add` or remove it"))


def _coverage(all_rows: dict, seeds: dict) -> list[CoverageRow]:
    """For each seed, which of its numbers and dates the curated rows and exclusions account for."""
    curated: dict[str, list] = {}
    excluded: dict[str, list] = {}
    for table in TABLES:
        for r in all_rows[table.name]:
            if r.val.get("source_id") and r.val.get("quote"):
                if table.figures:
                    curated.setdefault(r.val["source_id"], []).append(claim_of(table, r.val))
                else:
                    excluded.setdefault(r.val["source_id"], []).append(exclusion_of(r.val))
    return [coverage(seed, curated.get(sid, []), excluded.get(sid, [])) for sid, seed in seeds.items()]


def load(data_dir: str | Path | None = None, seeds_dir: str | Path | None = None, *,
         cache_dir: str | Path | None = None, fresh: bool = False) -> Dataset:
    """The validated tables; raises DataError listing every problem if any rule is broken.

    Validation is done once per change of data/, seeds/ or the rules: the validated tables are
    kept in the cache (datacache.py; `cache_dir` defaults to $MANPOWER_CACHE, else reports/.cache
    beside data/) and every later load of the same files reads them back, verified. `fresh`:
    validate again even if a cached copy exists (and keep the new one). A cache folder inside the
    project's own folders, or a non-empty folder that is not a cache, is refused
    (cachefolder.CacheFolderError) before anything is written."""
    ddir = Path(data_dir) if data_dir else default_data_dir()
    sdir = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    folder = Path(cache_dir) if cache_dir else default_cache_dir(ddir.resolve().parent)
    check_folder(folder, ddir.resolve().parent)
    k = datacache.key(ddir, sdir)
    if k and not fresh:
        cached = datacache.get(folder, k)
        if isinstance(cached, Dataset):
            return cached
    result = examine(ddir, sdir, coverage_of_seeds=False)
    if result.problems:
        raise DataError(result.problems)
    assert result.dataset is not None
    if k and k == datacache.key(ddir, sdir):  # unchanged while it was validated
        datacache.put(folder, k, result.dataset)
    return result.dataset
