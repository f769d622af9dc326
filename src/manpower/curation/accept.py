"""`manpower accept drafts/SOURCE_ID.csv`: file the draft rows a curator kept into data/.

A draft (written by `manpower draft`) has a `keep` column; the rows with `yes` there are appended
to the tables their `table` cell names (`data/losses.csv`, ... `data/exclusions.csv`), the
others stay in the draft. Why a command and not copy-paste: a pasted row lands in the wrong
table, with the draft's columns in the wrong order, or breaks a rule that `check` only reports
later; here the merged tables are validated first, by the same rules as `manpower check` (but
not its coverage: the mentions still in the draft may stay unaccounted), and any problem is one
line naming the draft's file and line, exit 2, nothing written.

Which cells go where: a draft column that is a column of the row's table is copied; the draft's
own columns (`draft.DRAFT_OWN`: `keep`, `table`, `seed_line`, `mention`, ...) are dropped from a
table that lacks them (`mention` goes into exclusions only); any other column with a value (one
of another table: the row's table was changed, or a cell was written on the wrong row) is
refused, except on a row moved to exclusions: the curator has said the number is no figure, so
the figure cells the draft read for it (claimant, value, unit, ...) are dropped. The draft's `note` is its
guidance to the curator and is not copied while it still holds `DRAFT:`; a curator's own note
(without it) is. A row the draft marked `REVIEW:` (in `note`, or a non-empty `review` column)
is refused until the curator has resolved it and deleted the mark.

The form of each table is kept (csvtext.py): its bytes are unchanged up to the new rows, which follow its
column order, its line ends (CRLF stays CRLF), its quoting (all quoted, or only as needed) and
whether it ends with a newline.

All or nothing (transaction.py): every new file (each changed table, the draft without its accepted rows) is
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
import re
import sys
import tempfile
from pathlib import Path

from ..vocabulary.csvfile import read_rows
from ..errors import AcceptError, Problem
from ..core.locks import locked
from ..paths import project_root
from ..vocabulary.schema import TABLES
from .csvtext import CsvFile, appended, file_label, read_csv
from .transaction import AcceptWriteError, commit, recover


KEEP = "keep"  # the column a curator marks
KEEP_YES = "yes"  # ... with this word (any case); empty or "no" leaves the row in the draft
REVIEW = "review"  # a column (if the draft has one) whose non-empty cell blocks the row
_TABLES = {t.name: t for t in TABLES}


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
                rows, _ = read_rows(target, file_label(target), t.names)
                n = len(new_lines[t.name])
                added = [line for line, _ in rows][-n:] if n and len(rows) >= n else []
                where[file_label(target)] = (file_label(data / t.file), dict(zip(added, new_lines[t.name])))
            else:
                if (data / t.file).is_file():
                    shutil.copyfile(data / t.file, target)
                where[file_label(target)] = (file_label(data / t.file), {})
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
            raise AcceptError([f"{file_label(data)}: already fails `manpower check` ({len(before)} problem(s); first: "
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
        merged = {name: appended(t, [r for _, n, r in rows if n == name]) for name, t in tables.items()}
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
          + ", ".join(f"{n} into {file_label(data / f'{name}.csv')}" for name, n in counts.items())
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
