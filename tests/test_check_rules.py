"""Every rule of `manpower check`, proved by breaking a copy of the data and reading the message."""
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, line_of, read_table, set_cell, write_table
from manpower.check import run_check
from manpower.data import examine

MANPOWER = str(Path(sys.executable).parent / "manpower")


def problems(data, seeds):
    return [str(p) for p in examine(data, seeds).problems]


LOSS = "loss-ukmod-2023-11-killed-wounded"


@pytest.mark.parametrize("table, row, column, value, rule, fragment", [
    ("losses", LOSS, "claimant", "", "required", "value is required"),
    ("losses", LOSS, "id", "Loss UK", "id-format", "must be a slug"),
    ("losses", LOSS, "measure", "injured", "allowed-values", "must be one of"),
    ("losses", LOSS, "value", "302k", "type", "not a number"),
    ("losses", LOSS, "value", "-302000", "type", "finite number ≥ 0"),
    ("losses", LOSS, "source_id", "nytimes-2024-01-01", "source-exists", "unknown source"),
    ("losses", LOSS, "low", "310000", "bounds-order", "low 310000 is above value 302000"),
    ("losses", LOSS, "high", "300000", "bounds-order", "high 300000 is below value 302000"),
    ("losses", LOSS, "high", "320000", "qualifier-bounds", "implies low=286900, high=317100"),
    ("losses", LOSS, "qualifier", "about", "qualifier-in-quote", "qualifier is not written in the quote"),
    ("losses", LOSS, "quote", "according to the UK’s Ministry of Defence’s estimates from November, there have been roughly 302,000",
     "quote-in-seed", "quote not found in seed"),
    ("losses", LOSS, "unit", "", "unit", "unit is required"),
    ("losses", LOSS, "claim_date", "2023-02-30", "date", "precision 'month' expects YYYY-MM"),
    ("losses", LOSS, "claim_date", "2024-02", "claim-after-publication", "but the source was published by 2024-01-05"),
    ("losses", LOSS, "period_start", "2023-13", "date", "impossible month"),
    ("conscription", "consc-ru-age-window-after", "high", "31", "number-in-quote", "does not state this bound"),
    ("events", "ev-putin-no-mobilisation-2023-12-14", "date", "2023-12-32", "date", "impossible date"),
    ("events", "ev-putin-no-mobilisation-2023-12-14", "date_precision", "month", "date", "expects YYYY-MM"),
    ("losses", "loss-ukmod-deserted", "value", "50000", "qualifier-bounds", "states no point value"),
])
def test_each_rule_names_file_line_and_column(project_copy, table, row, column, value, rule, fragment):
    data, seeds = project_copy
    path = data / f"{table}.csv"
    line = set_cell(path, row, column, value)
    found = [p for p in problems(data, seeds) if f"[{rule}]" in p]
    assert found, problems(data, seeds)
    assert any(f"{table}.csv:{line}:" in p and fragment in p for p in found), found
    named = column.removesuffix("_precision")  # a precision mismatch is reported on the date itself
    if rule not in ("bounds-order", "qualifier-bounds", "unit", "source-exists"):
        assert any(f"column '{named}'" in p for p in found), found


def test_number_not_in_quote(project_copy):
    data, seeds = project_copy
    path = data / "losses.csv"
    set_cell(path, LOSS, "value", "303000")
    set_cell(path, LOSS, "low", "287850")
    line = set_cell(path, LOSS, "high", "318150")
    found = problems(data, seeds)
    assert len(found) == 1
    assert f"losses.csv:{line}: column 'value': the quote does not state this number" in found[0]


def test_duplicate_id_across_tables(project_copy):
    data, seeds = project_copy
    line = set_cell(data / "inflows.csv", "inflow-ru-contracts-2023-moscow", "id", LOSS)
    found = [p for p in problems(data, seeds) if "[unique-id]" in p]
    assert len(found) == 1 and f"inflows.csv:{line}: column 'id': duplicate id (also at" in found[0]


def test_seed_missing_and_unsafe_file_names(project_copy):
    data, seeds = project_copy
    (seeds / "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt").rename(seeds / "renamed.txt")
    found = problems(data, seeds)
    assert any("sources.csv:3: column 'file': seed file not found" in p for p in found)
    header, rows = read_table(seeds / "sources.csv")
    rows[1][header.index("file")] = "../../etc/passwd"
    write_table(seeds / "sources.csv", header, rows)
    found = problems(data, seeds)
    assert any("sources.csv:3: column 'file': must be a plain file name" in p for p in found)


def test_a_quote_altered_by_one_word_fails_the_cli_in_one_line(project_copy):
    data, seeds = project_copy
    header, rows = read_table(data / "losses.csv")
    q = header.index("quote")
    row = next(r for r in rows if r[0] == LOSS)  # a shipped row, wherever other articles put it
    row[q] = row[q].replace("killed or wounded", "killed and wounded")
    write_table(data / "losses.csv", header, rows)
    line = line_of(data / "losses.csv", LOSS)
    r = subprocess.run([MANPOWER, "check", "--data", str(data), "--seeds", str(seeds)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert f"losses.csv:{line}: column 'quote': quote not found in seed" in lines[0]
    assert "[quote-in-seed]" in lines[0] and "Traceback" not in r.stderr
    assert "FAILED: 1 problem(s)" in r.stdout
