"""Malformed files give one clear problem naming file and line, never a traceback."""
import subprocess
import sys
from pathlib import Path

import pytest

from manpower.curated.data import DataError, examine, load

MANPOWER = str(Path(sys.executable).parent / "manpower")


def only(data, seeds, rule):
    found = [p for p in examine(data, seeds).problems if p.rule == rule]
    assert found, [str(p) for p in examine(data, seeds).problems]
    return [str(p) for p in found]


def test_empty_file(project_copy):
    data, seeds = project_copy
    (data / "losses.csv").write_text("")
    assert "losses.csv:1: file is empty" in only(data, seeds, "empty-file")[0]


def test_header_only_is_a_valid_empty_table(project_copy):
    data, seeds = project_copy
    head = (data / "losses.csv").read_text().splitlines()[0]
    (data / "losses.csv").write_text(head + "\n")
    result = examine(data, seeds)
    assert [p.rule for p in result.problems] == []  # coverage then reports the HuffPost mentions
    assert any(c.unaccounted for c in result.coverage)
    assert len(load(data, seeds).losses) == 0


@pytest.mark.parametrize("change, fragment", [
    (lambda h: h.replace(",note", ""), "missing column(s) note"),
    (lambda h: h + ",extra", "unexpected column(s) extra"),
    (lambda h: h.replace("claimant,", "claimed_by,", 1), "missing column(s) claimant; unexpected column(s) claimed_by"),
    (lambda h: h.replace(",", ";"), "another delimiter"),
])
def test_header_problems(project_copy, change, fragment):
    data, seeds = project_copy
    lines = (data / "losses.csv").read_text().split("\n")
    lines[0] = change(lines[0])
    (data / "losses.csv").write_text("\n".join(lines))
    msg = only(data, seeds, "header")[0]
    assert "losses.csv:1:" in msg and fragment in msg


def test_bad_quoting(project_copy):
    data, seeds = project_copy
    text = (data / "inflows.csv").read_text()
    (data / "inflows.csv").write_text(text + 'inflow-x,huffpost-2024-01-04,"unclosed\n')
    msgs = [str(p) for p in examine(data, seeds).problems if p.rule in ("csv-syntax", "cell-count")]
    assert msgs and "inflows.csv:" in msgs[0]


def test_row_with_too_many_cells(project_copy):
    data, seeds = project_copy
    text = (data / "events.csv").read_text()
    (data / "events.csv").write_text(text + "a,b,c\n")
    n = text.count("\n") + 1
    assert f"events.csv:{n}: row has 3 cells" in only(data, seeds, "cell-count")[0]


def test_bom_crlf_and_trailing_blank_lines_are_accepted(project_copy):
    data, seeds = project_copy
    for f in data.glob("*.csv"):
        text = f.read_text()
        f.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode() + b"\r\n\r\n")
    result = examine(data, seeds)
    assert result.problems == []
    assert all(not c.unaccounted for c in result.coverage)


def test_non_utf8_csv_names_the_line(project_copy):
    data, seeds = project_copy
    raw = (data / "losses.csv").read_bytes().replace("’".encode(), b"\x92", 1)
    (data / "losses.csv").write_bytes(raw)
    line = raw[:raw.index(b"\x92")].count(b"\n") + 1  # wherever the first such byte lies
    msg = only(data, seeds, "encoding")[0]
    assert f"losses.csv:{line}:" in msg and "not UTF-8: byte 0x92" in msg


def test_non_utf8_seed_names_the_seed(project_copy):
    data, seeds = project_copy
    seed = seeds / "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt"
    seed.write_bytes(seed.read_text().encode("cp1252"))
    msg = only(data, seeds, "encoding")[0]
    assert "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt:" in msg


def test_loader_raises_data_error_and_cli_has_no_traceback(project_copy):
    data, seeds = project_copy
    (data / "foreign.csv").write_bytes(b"\x00\xff garbage")
    with pytest.raises(DataError) as err:
        load(data, seeds)
    assert "foreign.csv" in str(err.value)
    r = subprocess.run([MANPOWER, "check", "--data", str(data), "--seeds", str(seeds)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "foreign.csv:1:" in r.stderr


def test_missing_table_file(project_copy):
    data, seeds = project_copy
    (data / "events.csv").unlink()
    assert "events.csv: file not found" in only(data, seeds, "file-missing")[0]
