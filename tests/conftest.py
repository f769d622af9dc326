"""Shared fixtures: a throwaway copy of data/ and seeds/ that a test may break at will."""
import csv
import io
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project_copy(tmp_path):
    """(data_dir, seeds_dir) copied into a temporary folder."""
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "seeds", seeds)
    return data, seeds


def read_table(path: Path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_table(path: Path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path: Path, row_id: str, column: str, value: str, key: str = "id") -> int:
    """Change one cell of a CSV (row found by its id); return the CSV line number of that row."""
    header, rows = read_table(path)
    k, c = header.index(key), header.index(column)
    line = line_of(path, row_id)
    for row in rows:
        if row[k] == row_id:
            row[c] = value
            write_table(path, header, rows)
            return line
    raise KeyError(row_id)


def line_of(path: Path, row_id: str) -> int:
    """The physical line a row starts on, counted independently of the loader."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    next(reader)
    while True:
        start = reader.line_num + 1
        row = next(reader)
        if row and row[0] == row_id:
            return start
