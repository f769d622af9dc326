"""Hypothesis: whatever bytes a curated CSV holds, the check reports problems and never crashes."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import read_table, write_table
from manpower.curated.data import DataError, examine, load

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _agree(result, data, seeds):
    """examine and load tell the same story: problems iff no dataset, and load raises exactly them."""
    assert (result.dataset is None) == bool(result.problems)
    if result.problems:
        try:
            load(data, seeds)
        except DataError as exc:
            assert exc.problems == sorted(result.problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
        else:
            raise AssertionError("load accepted data that examine refused")
    else:
        assert load(data, seeds) is not None
    for p in result.problems:  # every problem is one line that names its file first
        assert "\n" not in str(p) and str(p).startswith(p.file) and p.message


@SETTINGS
@given(blob=st.binary(max_size=400))
def test_random_bytes_never_crash(project_copy, blob):
    data, seeds = project_copy
    header = (data / "losses.csv").read_bytes().split(b"\n")[0]
    (data / "losses.csv").write_bytes(blob)
    result = examine(data, seeds)
    _agree(result, data, seeds)
    if not blob.lstrip(b"\xef\xbb\xbf").startswith(header.rstrip(b"\r")):  # not even the header: refused
        assert [p for p in result.problems if p.file.endswith("losses.csv")], result.problems


@SETTINGS
@given(cells=st.lists(st.text(max_size=30), min_size=1, max_size=25))
def test_random_cells_never_crash(project_copy, cells):
    data, seeds = project_copy
    header, rows = read_table(data / "losses.csv")
    row = (cells + [""] * len(header))[: len(header)]
    write_table(data / "losses.csv", header, rows + [row])
    result = examine(data, seeds)
    _agree(result, data, seeds)
    if any(c.strip() for c in row):  # a random row is never a valid, quote-checked figure
        assert [p for p in result.problems if p.file.endswith("losses.csv")], row
