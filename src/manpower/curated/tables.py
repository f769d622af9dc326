"""One curated table read: its CSV's rows with their line numbers, each cell parsed as its schema
column says (numbers as articles write them, dates at their precision), and the typed DataFrame;
a cell that does not parse is one Problem naming the file, line and column.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
import pandas as pd

from ..core import dates as D
from ..core.cells import cell_problem
from ..vocabulary.csvfile import read_rows
from ..errors import Problem
from ..vocabulary.numbers import NumberError, parse_number
from ..vocabulary.schema import Column, Table


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def file_label(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)


@dataclass
class Row:
    line: int
    raw: dict[str, str]
    val: dict[str, object] = field(default_factory=dict)
    bad: bool = False  # a cell did not parse: the row's own rules wait until it is fixed


def parse_cell(col: Column, cell: str, label: str, line: int, problems: list[Problem]):
    text = cell.strip()
    if not text:
        if col.required:
            problems.append(Problem(label, line, col.name, "required", "value is required"))
        return None
    if col.kind == "id":
        if not _SLUG.match(text):
            problems.append(Problem(label, line, col.name, "id-format",
                                    "must be a slug of lowercase letters, digits and single hyphens", text))
            return None
        return text
    if col.kind in ("enum", "precision"):
        if text not in col.allowed:
            problems.append(Problem(label, line, col.name, "allowed-values",
                                    f"must be one of: {', '.join(col.allowed)}", text))
            return None
        return text
    if col.kind == "number":
        try:
            return parse_number(text)
        except NumberError as exc:
            problems.append(Problem(label, line, col.name, "type", str(exc), text))
            return None
    if col.kind == "text":
        bad = cell_problem(cell)  # the cell as written: a leading tab counts
        if bad:
            problems.append(Problem(label, line, col.name, bad[0], bad[1], text))
            return None
        return text
    if col.kind in ("date", "partial_date") and not text.isascii():
        problems.append(Problem(label, line, col.name, "date", "dates are ASCII ISO text (digits 0-9)", text))
        return None
    if col.kind == "partial_date":
        try:
            return D.partial_range(text)
        except ValueError as exc:  # DateError, or an impossible year such as 0000
            problems.append(Problem(label, line, col.name, "date", str(exc), text))
            return None
    return text  # text and date (dates resolved with their precision partner)


def read_table(table: Table, path: Path, problems: list[Problem]) -> list[Row]:
    label = file_label(path)
    raw_rows, read_problems = read_rows(path, label, table.names)
    problems.extend(read_problems)
    rows = []
    for line, raw in raw_rows:
        row = Row(line, raw)
        before = len(problems)
        for col in table.columns:
            row.val[col.name] = parse_cell(col, raw[col.name], label, line, problems)
        for name in table.dates:
            text, prec = row.val.get(name), row.val.get(f"{name}_precision")
            if text is None and prec is None:
                row.val[f"{name}_range"] = None
                continue
            if text is None or prec is None:
                missing = name if text is None else f"{name}_precision"
                if not (text is None and table.column(name).required):
                    problems.append(Problem(label, line, missing, "date", f"{name} and {name}_precision go together"))
                row.val[f"{name}_range"] = None
                continue
            try:
                row.val[f"{name}_range"] = D.resolve(str(text), str(prec))
            except ValueError as exc:  # DateError, or an impossible year such as 0000
                problems.append(Problem(label, line, name, "date", str(exc), str(text)))
                row.val[f"{name}_range"] = None
        row.bad = len(problems) > before
        rows.append(row)
    return rows


def frame_of(table: Table, rows: list[Row]) -> pd.DataFrame:
    data: dict[str, object] = {"_line": pd.array([r.line for r in rows], dtype="Int64")}
    for col in table.columns:
        vals = [r.val.get(col.name) for r in rows]
        if col.kind == "number":
            data[col.name] = pd.array(vals, dtype="Float64")
        elif col.kind in ("enum", "precision"):
            data[col.name] = pd.Categorical(vals, categories=list(col.allowed))
        elif col.kind == "partial_date":
            idx = 0 if col.name.endswith("start") else 1
            data[col.name] = pd.to_datetime(pd.Series([v[idx] if v else None for v in vals], dtype="object"))
        else:
            data[col.name] = pd.array(vals, dtype="string")
    for name in table.dates:
        ranges = [r.val.get(f"{name}_range") for r in rows]
        data[f"{name}_start"] = pd.to_datetime(pd.Series([x[0] if x else None for x in ranges], dtype="object"))
        data[f"{name}_end"] = pd.to_datetime(pd.Series([x[1] if x else None for x in ranges], dtype="object"))
    return pd.DataFrame(data)
