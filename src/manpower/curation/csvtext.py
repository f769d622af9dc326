"""A CSV file as text with its form (BOM, line end, quoting, header, the lines each record spans),
so rows appended to a curated table are written the way the table already is: `accept` changes
no byte of the rows it does not add.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..vocabulary.csvfile import read_text
from ..errors import AcceptError


BOM = b"\xef\xbb\xbf"


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


def file_label(path: Path) -> str:
    from ..curated.tables import file_label as label

    return label(path)


def read_csv(path: Path, label: str | None = None) -> CsvFile:
    """The file parsed record by record, keeping which physical lines each record spans."""
    label = label or file_label(path)
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


def appended(table: CsvFile, rows: list[dict[str, str]]) -> str:
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
