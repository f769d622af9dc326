"""Reading a curated CSV defensively: every failure becomes a Problem naming file and line.

Accepted: UTF-8 with or without a BOM, LF or CRLF line ends, trailing blank lines. Refused with
a clear problem: other encodings, broken quoting, missing/extra/duplicate columns, rows with the
wrong number of cells, an empty file.
"""
from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from ..errors import Problem, shorten

csv.field_size_limit(10_000_000)


MAX_BYTES = 200_000_000  # a curated table or article is far smaller; more is a wrong file


def _kind(mode: int) -> str:
    for test, word in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return word
    return "not a regular file"


def read_text(path: Path, label: str, inside: Path | None = None) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8, or a problem saying where the first bad byte is.

    Only a regular file is opened (a folder, a named pipe or a device gets one problem line and
    no hang); with `inside`, the file must also be a regular file directly in that folder, not a
    symbolic link (a seed is read from seeds/ and nowhere else)."""
    try:
        st = os.lstat(path) if inside is not None else os.stat(path)
    except FileNotFoundError:
        return None, [Problem(label, None, None, "file-missing", "file not found")]
    except OSError as exc:
        return None, [Problem(label, None, None, "file-unreadable", f"cannot read file: {exc.strerror or exc}")]
    if inside is not None:
        if stat.S_ISLNK(st.st_mode):
            return None, [Problem(label, None, None, "file-not-regular",
                                  f"is a symbolic link; a seed must be a regular file inside {inside.name}/")]
        if os.path.realpath(path.parent) != os.path.realpath(inside):
            return None, [Problem(label, None, None, "file-not-regular", f"must be a file inside {inside.name}/")]
    if not stat.S_ISREG(st.st_mode):
        return None, [Problem(label, None, None, "file-not-regular", f"is {_kind(st.st_mode)}, not a regular file")]
    if st.st_size > MAX_BYTES:
        return None, [Problem(label, None, None, "file-too-large", f"is {st.st_size:,} bytes; expected a text file")]
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(label, None, None, "file-unreadable", f"cannot read file: {exc.strerror or exc}")]
    if len(data) > MAX_BYTES:
        return None, [Problem(label, None, None, "file-too-large", f"is over {MAX_BYTES:,} bytes; expected a text file")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, None, "encoding",
                              f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def read_rows(path: Path, label: str, expected: list[str]) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """Rows as (CSV line number, {column: cell}) with the header checked against `expected`."""
    text, problems = read_text(path, label)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(label, 1, None, "empty-file", f"file is empty; expected a header: {','.join(expected)}")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader)
        header = [h.strip() for h in header]
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        dups = sorted({c for c in header if header.count(c) > 1})
        if missing or extra or dups:
            parts = []
            if missing:
                parts.append(f"missing column(s) {shorten(', '.join(missing), 200)}")
            if extra:
                parts.append(f"unexpected column(s) {shorten(', '.join(extra), 200)}")
            if dups:
                parts.append(f"duplicate column(s) {shorten(', '.join(dups), 200)}")
            hint = ""
            if len(header) == 1 and any(d in header[0] for d in ";\t|"):
                hint = " (the file seems to use another delimiter than ',')"
            return [], [Problem(label, 1, None, "header", "; ".join(parts) + hint, ",".join(header))]
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not cells or all(not c.strip() for c in cells):
                continue  # blank line
            if len(cells) != len(header):
                problems.append(Problem(label, start, None, "cell-count",
                                        f"row has {len(cells)} cells, header has {len(header)} (unquoted comma or missing cell?)"))
                continue
            rows.append((start, dict(zip(header, cells))))
    except csv.Error as exc:
        problems.append(Problem(label, reader.line_num, None, "csv-syntax", f"malformed CSV: {exc}"))
    return rows, problems
