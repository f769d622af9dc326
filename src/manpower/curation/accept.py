"""`manpower accept drafts/SOURCE_ID.csv`: file the draft rows a curator kept into data/.

A draft (written by `manpower draft`) has a `keep` column; the rows with `yes` there are appended
to the tables their `table` cell names (`data/losses.csv`, ... `data/exclusions.csv`), the
others stay in the draft. Why a command and not copy-paste: a pasted row lands in the wrong
table, with the draft's columns in the wrong order, or breaks a rule that `check` only reports
later; here the merged tables are validated first, by the same rules as `manpower check` (but
not its coverage: the mentions still in the draft may stay unaccounted), and any problem is one
line naming the draft's file and line, exit 2, nothing written.

Which cells go where: a draft column that is a column of the row's table is copied; the draft's
own columns (`curate.DRAFT_OWN`: `keep`, `table`, `seed_line`, `mention`, ...) are dropped from a
table that lacks them (`mention` goes into exclusions only); any other column with a value (one
of another table: the row's table was changed, or a cell was written on the wrong row) is
refused, except on a row moved to exclusions: the curator has said the number is no figure, so
the figure cells the draft read for it (claimant, value, unit, ...) are dropped. The draft's `note` is its
guidance to the curator and is not copied while it still holds `DRAFT:`; a curator's own note
(without it) is. A row the draft marked `REVIEW:` (in `note`, or a non-empty `review` column)
is refused until the curator has resolved it and deleted the mark.

The form of each table is kept: its bytes are unchanged up to the new rows, which follow its
column order, its line ends (CRLF stays CRLF), its quoting (all quoted, or only as needed) and
whether it ends with a newline.

All or nothing: every new file (each changed table, the draft without its accepted rows) is
written to a temporary file in its own folder and flushed to disk; each old file gets a hard
link as its backup; a journal in data/ lists them; then the new files are renamed over the old
ones, and deleting the journal is the commit. Any error or interruption that the process
survives (disk full, Ctrl-C, SIGTERM) before the commit puts every old file back. A crash the
process cannot survive (kill -9, power loss) between two renames leaves the journal:
`manpower check` names it, and the next `manpower accept` first puts every file back as it was
before the interrupted accept (`recover`), so data/ is never left half-accepted. One accept at
a time: it holds a lock on seeds/ (so an `add` waits) and on data/ (so another accept waits).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import secrets
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..vocabulary.csvfile import read_rows, read_text
from ..errors import ManpowerError, Problem
from ..core.locks import locked
from ..paths import ACCEPT_TEMP_PREFIX, project_root
from ..vocabulary.schema import TABLES

KEEP = "keep"  # the column a curator marks
KEEP_YES = "yes"  # ... with this word (any case); empty or "no" leaves the row in the draft
REVIEW = "review"  # a column (if the draft has one) whose non-empty cell blocks the row
JOURNAL = f"{ACCEPT_TEMP_PREFIX}journal"  # in data/: the renames of an accept not yet committed
BOM = b"\xef\xbb\xbf"
_TABLES = {t.name: t for t in TABLES}


class AcceptError(ManpowerError):
    """A draft or its kept rows that cannot be filed: one line per problem, nothing written."""

    exit_code = 2

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("; ".join(lines))


class AcceptWriteError(ManpowerError):
    """The files could not be written (disk full, permissions); everything was put back."""


@dataclass
class CsvFile:
    """A CSV file as text with its form: BOM, line end, quoting, header, and each record's lines."""

    path: Path
    label: str
    bom: bool
    text: str
    header: list[str]
    records: list[tuple[int, int, list[str]]]  # (first physical line index, end index, cells)
    lines: list[str]

    @property
    def eol(self) -> str:
        first = self.lines[0] if self.lines else "\n"
        return "\r\n" if first.endswith("\r\n") else ("\r" if first.endswith("\r") else "\n")

    @property
    def quote_all(self) -> bool:
        head = self.lines[0].rstrip("\r\n") if self.lines else ""
        return bool(self.header) and head == ",".join('"' + h.replace('"', '""') + '"' for h in self.header)

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode("utf-8")


def _label(path: Path) -> str:
    from ..curated.data import _label as label

    return label(path)


def read_csv(path: Path, label: str | None = None) -> CsvFile:
    """The file parsed record by record, keeping which physical lines each record spans."""
    label = label or _label(path)
    text, problems = read_text(path, label)
    if text is None:
        raise AcceptError([str(problems[0])])
    with open(path, "rb") as f:
        bom = f.read(3) == BOM
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), strict=True)
    records, start = [], 0
    try:
        for cells in reader:
            records.append((start, reader.line_num, cells))
            start = reader.line_num
    except csv.Error as exc:
        raise AcceptError([f"{label}:{reader.line_num}: malformed CSV: {exc} [csv-syntax]"]) from None
    if not records:
        raise AcceptError([f"{label}:1: the file is empty; expected a header [empty-file]"])
    header = [h.strip() for h in records[0][2]]
    return CsvFile(path, label, bom, text, header, records[1:], lines)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(*folders: Path):
    """locks.locked on `folders`; a folder that cannot be opened is one line, and a wait for
    another add or accept is said once on stderr."""
    def waiting(folder: Path) -> None:
        print(f"manpower accept: waiting for another add or accept to finish with {folder}", file=sys.stderr, flush=True)

    held = contextlib.ExitStack()
    try:  # only opening the folders is this error; an OSError inside is the caller's
        held.enter_context(locked(*folders, waiting=waiting))
    except OSError as exc:
        raise AcceptError([f"{exc.filename}: cannot open the folder ({exc.strerror or exc})"]) from None
    with held:
        yield


def recover(data: Path, *also: Path) -> bool:
    """Put back every file an accept killed before its commit had replaced (its journal says
    which), and remove what such an accept left in data/ (and the folders `also`, e.g. the
    draft's); True when there was something to put back. Call it holding the lock."""
    journal = data / JOURNAL
    restored = False
    if journal.exists():
        entries = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines() if line.strip()]
        _put_back(entries)
        for folder in {Path(e["target"]).parent for e in entries} | {data}:
            _fsync_dir(folder)
        os.unlink(journal)
        _fsync_dir(data)
        restored = True
    for folder in (data, *also):  # files of an accept killed before its journal, or after its commit
        for e in os.scandir(folder):
            if e.name.startswith(ACCEPT_TEMP_PREFIX) and e.is_file(follow_symlinks=False):
                os.unlink(e.path)
    return restored


def _put_back(entries: list[dict[str, str]]) -> None:
    """Each target back to its backup (a rename that does nothing when the target was not yet
    replaced: both are then the same file), and no backup or new file left."""
    for e in entries:
        if os.path.exists(e["backup"]):
            os.replace(e["backup"], e["target"])
        for leftover in (e["new"], e["backup"]):
            if os.path.lexists(leftover):
                os.unlink(leftover)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def commit(changes: list[tuple[Path, bytes]], data: Path) -> None:
    """Replace each (path, new bytes) all together, or put every path back as it was."""
    token = secrets.token_hex(4)
    staged: list[dict[str, str]] = []
    journal = data / JOURNAL
    done = False
    try:
        for target, content in changes:
            fd, new = tempfile.mkstemp(dir=target.parent, prefix=f"{ACCEPT_TEMP_PREFIX}new-", suffix=target.suffix)
            staged.append({"target": str(target.resolve()), "new": new,
                           "backup": str(target.resolve().parent / f"{ACCEPT_TEMP_PREFIX}old-{token}-{target.name}")})
            try:
                os.fchmod(fd, os.stat(target).st_mode & 0o7777)  # as the file it replaces
                _write_all(fd, content)
                os.fsync(fd)
            finally:
                os.close(fd)
        for e in staged:
            os.link(e["target"], e["backup"])
        fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _write_all(fd, "".join(json.dumps(e) + "\n" for e in staged).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        for folder in {Path(e["target"]).parent for e in staged} | {data}:
            _fsync_dir(folder)
        for e in staged:
            os.replace(e["new"], e["target"])
        for folder in {Path(e["target"]).parent for e in staged}:
            _fsync_dir(folder)
        os.unlink(journal)  # the commit
        done = True
        _fsync_dir(data)
    finally:  # also on Ctrl-C or SIGTERM (the command line turns it into an exception)
        if not done:
            _roll_back(staged, journal)
    for e in staged:
        with contextlib.suppress(OSError):
            os.unlink(e["backup"])


def _roll_back(staged: list[dict[str, str]], journal: Path) -> None:
    """Every file as it was, whichever renames happened (an interruption may fall between a
    rename and the count of renames)."""
    _put_back(staged)
    if journal.exists():
        os.unlink(journal)


def _draft_only() -> set[str]:
    """The draft's own columns (where the mention is, what the draft doubts): never refused,
    copied only into a table that has them (the draft fills `mention` on every row, and only
    exclusions keeps it). A table's column filled on a row of another table is not among them,
    so it is refused."""
    from .draft import DRAFT_OWN

    return set(DRAFT_OWN) | {KEEP, REVIEW}


def kept_rows(draft: CsvFile) -> tuple[list[tuple[int, str, dict[str, str]]], list[str]]:
    """[(draft line, table, row for the table)] of the rows marked kept, and the problems."""
    label, header = draft.label, draft.header
    problems: list[str] = []
    dups = sorted({h for h in header if header.count(h) > 1})
    missing = [c for c in ("table", KEEP) if c not in header]
    if dups or missing:
        what = f"duplicate column(s) {', '.join(dups)}" if dups else \
            f"no column {' or '.join(repr(c) for c in missing)}: a draft has '{KEEP}' (write {KEEP_YES} in the rows to accept) and 'table'"
        return [], [f"{label}:1: {what} [draft-header]"]
    draft_only = _draft_only()
    out = []
    for first, _end, cells in draft.records:
        line = first + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{label}:{line}: row has {len(cells)} cells, header has {len(header)} "
                            f"(unquoted comma or missing cell?) [cell-count]")
            continue
        row = dict(zip(header, cells))
        keep = row[KEEP].strip().lower()
        if keep in ("", "no"):
            continue
        bad = lambda col, msg, value=None: problems.append(str(Problem(label, line, col, "draft-row", msg, value)))
        if keep != KEEP_YES:
            bad(KEEP, f"write {KEEP_YES} to accept the row, or leave it empty", row[KEEP])
            continue
        name = row["table"].strip()
        table = _TABLES.get(name)
        if table is None:
            bad("table", f"must be one of: {', '.join(_TABLES)}", name)
            continue
        note = row.get("note", "")
        if row.get(REVIEW, "").strip() or "REVIEW:" in note:
            bad(REVIEW if row.get(REVIEW, "").strip() else "note",
                "the draft marked this row for review: resolve it and delete the mark, or leave keep empty",
                row.get(REVIEW, "").strip() or note)
            continue
        stray = [c for c in header if c not in table.names and c not in draft_only and row[c].strip()]
        if stray and table.figures:  # into exclusions (no figure), a drafted figure's cells are moot: dropped
            bad(stray[0], f"is not a column of {table.file}: empty it or choose another table", row[stray[0]])
            continue
        values = {c: row.get(c, "") for c in table.names}
        if "note" in values and "DRAFT:" in note:
            values["note"] = ""  # the draft's guidance, not a curator's note
        out.append((line, name, values))
    return out, problems


def _append(table: CsvFile, rows: list[dict[str, str]]) -> str:
    """The table's text with the rows appended in its own form."""
    eol = table.eol
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_ALL if table.quote_all else csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow([r.get(c, "") for c in table.header])
    old = table.text
    ends = old.endswith(("\n", "\r"))
    new = old + ("" if ends or not old else eol) + buf.getvalue()
    return new if ends else new[: -len(eol)]


def _validate(merged: dict[str, str], new_lines: dict[str, list[int]], draft: CsvFile, data: Path,
              seeds: Path) -> None:
    """Refuse (AcceptError) when the merged tables break a rule `check` applies."""
    import shutil

    from ..curated.data import examine

    with tempfile.TemporaryDirectory(prefix="manpower-accept-") as tmp:
        folder = Path(tmp)
        where: dict[str, tuple[str, dict[int, int]]] = {}
        for t in TABLES:
            target = folder / t.file
            if t.name in merged:
                target.write_text(merged[t.name], encoding="utf-8", newline="")
                rows, _ = read_rows(target, _label(target), t.names)
                n = len(new_lines[t.name])
                added = [line for line, _ in rows][-n:] if n and len(rows) >= n else []
                where[_label(target)] = (_label(data / t.file), dict(zip(added, new_lines[t.name])))
            else:
                if (data / t.file).is_file():
                    shutil.copyfile(data / t.file, target)
                where[_label(target)] = (_label(data / t.file), {})
        problems = examine(folder, seeds, coverage_of_seeds=False).problems
    def place(label: str, line: int) -> str:  # a place in a merged table, as the user knows it
        real, new = where[label]
        return f"{draft.label}:{new[line]}" if line in new else f"{real}:{line}"

    named = re.compile("|".join(re.escape(k) for k in sorted(where, key=len, reverse=True)) + r"(?::(\d+))?")
    real_places = lambda text: named.sub(
        lambda m: place(m[0][:len(m[0]) - len(m[1]) - 1], int(m[1])) if m[1] else where[m[0]][0], text)
    lines, elsewhere = [], False
    for p in sorted(problems, key=lambda p: (p.file, p.line or 0)):
        p = Problem(p.file, p.line, p.column, p.rule, real_places(p.message), p.value)
        if p.file in where:
            real, new = where[p.file]
            if p.line in new:
                hint = "" if p.column is None or p.column in draft.header else \
                    f" (the draft has no column '{p.column}': add it)"
                lines.append(str(Problem(draft.label, new[p.line], p.column, p.rule, p.message + hint, p.value)))
                continue
            p = Problem(real, p.line, p.column, p.rule, p.message + " (once the draft's rows are added)", p.value)
        elsewhere = True
        lines.append(str(p))
    if elsewhere:
        before = examine(data, seeds, coverage_of_seeds=False).problems
        if before:
            raise AcceptError([f"{_label(data)}: already fails `manpower check` ({len(before)} problem(s); first: "
                               f"{before[0]}); fix that first"])
    if lines:
        raise AcceptError(lines)


def accept(draft_path: Path, data: Path, seeds: Path) -> dict[str, int]:
    """File the kept rows of the draft into data/ and take them out of the draft; {table: rows}."""
    draft_path = Path(draft_path)
    for folder in (data, seeds):
        if draft_path.resolve().parent == folder.resolve() or folder.resolve() in draft_path.resolve().parents:
            raise AcceptError([f"{draft_path}: is inside {folder.name}/; a draft lives in drafts/ (see `manpower draft`)"])
    with _locked(seeds, data):
        if recover(data, *[draft_path.parent] if draft_path.parent.is_dir() else []):
            print("manpower accept: put data/ and the draft back as they were before an interrupted accept",
                  file=sys.stderr)
        draft = read_csv(draft_path)
        rows, problems = kept_rows(draft)
        if problems:
            raise AcceptError(problems)
        if not rows:
            raise AcceptError([f"{draft.label}: no row has {KEEP} = {KEEP_YES}; write {KEEP_YES} in the "
                               f"'{KEEP}' column of the rows to accept"])
        tables = {name: read_csv(data / f"{name}.csv") for name in dict.fromkeys(n for _, n, _ in rows)}
        for name, t in tables.items():
            if sorted(t.header) != sorted(_TABLES[name].names):
                raise AcceptError([f"{t.label}:1: its header is not the table's; run `manpower check` [header]"])
        merged = {name: _append(t, [r for _, n, r in rows if n == name]) for name, t in tables.items()}
        new_lines = {name: [line for line, n, _ in rows if n == name] for name in tables}
        _validate(merged, new_lines, draft, data, seeds)
        taken = {line - 1 for line, _, _ in rows}
        rest = "".join(seg for first, end, _ in draft.records if first not in taken for seg in draft.lines[first:end])
        head_end = draft.records[0][0] if draft.records else len(draft.lines)
        rest = "".join(draft.lines[:head_end]) + rest
        changes = [(t.path, t.encode(merged[name])) for name, t in tables.items()] + [(draft.path, draft.encode(rest))]
        try:
            commit(changes, data)
        except OSError as exc:
            raise AcceptWriteError(f"{exc.filename or data}: could not write ({exc.strerror or exc}); "
                                   f"nothing was changed") from None
    return {name: len(new_lines[name]) for name in tables}


def _accept_cmd(args: argparse.Namespace) -> int:
    root = project_root()
    data = args.data or root / "data"
    try:
        counts = accept(args.draft, data, args.seeds or root / "seeds")
    except AcceptError as exc:
        for line in exc.lines:
            print(f"manpower accept: {line}", file=sys.stderr)
        return exc.exit_code
    print(f"accepted {sum(counts.values())} row(s) from {args.draft}: "
          + ", ".join(f"{n} into {_label(data / f'{name}.csv')}" for name, n in counts.items())
          + "; the other rows stay in the draft")
    print("next: manpower check")
    return 0


def add_parser(sub) -> None:
    """Register `accept` on the `manpower` command's subparsers."""
    p = sub.add_parser("accept", help="move the draft rows marked keep=yes into their tables in data/",
                       description="Append the rows of a draft (drafts/SOURCE_ID.csv) whose 'keep' cell is 'yes' "
                                   "to the tables their 'table' cell names, validated first by the rules of "
                                   "`manpower check`, all tables or none, each table's form kept; the other rows "
                                   "stay in the draft. A problem names the draft's line; nothing is then written.")
    p.add_argument("draft", type=Path, metavar="DRAFT", help="a draft written by `manpower draft`")
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help="default: data/")
    p.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="default: seeds/")
    p.set_defaults(func=_accept_cmd)
