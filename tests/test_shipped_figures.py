"""The named set of tests that pin the shipped seeds' figures.

Everything else in the suite must hold for any valid data; only this file may break (and be
updated) when the curated articles in seeds/ and data/ change. Even here, nothing counts seeds,
rows or lines: the shipped rows must still be there and read the same, on the project as shipped
and with every invented fixture article added beside it (as a user adds articles).
"""
import io

import pytest

from conftest import ROOT
from manpower.curation.check import run_check
from manpower.curated.data import examine, load
from project import build_project

SHIPPED_SEEDS = ("huffpost-2024-01-04", "kyivindependent-2024-01-04")
SHIPPED_RUSSIAN_LOSSES = ("loss-ukmod-2023-11-killed-wounded", "loss-ukmod-deserted", "loss-usintel-killed-wounded",
                          "loss-usintel-share-prewar")


@pytest.fixture(params=["shipped", "shipped+articles"], scope="module")
def root(request, tmp_path_factory):
    return ROOT if request.param == "shipped" else build_project(tmp_path_factory.mktemp("added") / "proj")


def test_shipped_data_passes_with_nothing_unaccounted(root):
    result = examine(root / "data", root / "seeds")
    assert result.problems == []
    by_seed = {cov.source_id: cov for cov in result.coverage}
    for sid in SHIPPED_SEEDS:  # the shipped seeds are still there, every mention accounted for
        assert by_seed[sid].mentions > 20 and by_seed[sid].unaccounted == ()
    assert all(cov.unaccounted == () for cov in result.coverage)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(root / "data", root / "seeds", out, err) == 0
    assert "unaccounted" in out.getvalue() and "OK" in out.getvalue() and err.getvalue() == ""


def test_shipped_figures_say_what_the_seeds_say(root):
    ds = load(root / "data", root / "seeds")
    row = ds.row
    ukmod = row("loss-ukmod-2023-11-killed-wounded")
    assert (ukmod["value"], ukmod["qualifier"], ukmod["kind"], ukmod["bounds"], ukmod["basis"]) == \
        (302000, "approximately", "estimate", "convention", "cumulative")
    assert row("loss-usintel-killed-wounded")["value"] == 315000
    deserted = row("loss-ukmod-deserted")
    assert (deserted["low"], deserted["high"], deserted["qualifier"]) == (10000, 99999, "tens of thousands")
    putin = row("inflow-ru-contracts-2023-putin")
    assert (putin["kind"], putin["hedge"], putin["qualifier"], putin["value"]) == ("forecast", "there will be", "just under", 500000)
    before, after = row("consc-ru-age-window-before"), row("consc-ru-age-window-after")
    assert (before["low"], before["high"], after["low"], after["high"]) == (18, 27, 18, 30)
    assert str(after["announced"]) == "2023-07" and str(after["effective"]) == "2024"
    assert all(row(i)["side"] == "russian" for i in SHIPPED_RUSSIAN_LOSSES)  # other articles may add other sides
