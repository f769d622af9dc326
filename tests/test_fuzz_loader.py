"""Hypothesis: whatever bytes a curated CSV holds, the check reports problems and never crashes."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import read_table, write_table
from manpower.data import DataError, examine, load

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(blob=st.binary(max_size=400))
def test_random_bytes_never_crash(project_copy, blob):
    data, seeds = project_copy
    (data / "losses.csv").write_bytes(blob)
    examine(data, seeds)
    try:
        load(data, seeds)
    except DataError:
        pass


@SETTINGS
@given(cells=st.lists(st.text(max_size=30), min_size=1, max_size=25))
def test_random_cells_never_crash(project_copy, cells):
    data, seeds = project_copy
    header, rows = read_table(data / "losses.csv")
    row = (cells + [""] * len(header))[: len(header)]
    write_table(data / "losses.csv", header, rows + [row])
    result = examine(data, seeds)
    assert result.problems or result.dataset is not None
