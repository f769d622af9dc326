"""The named set of tests that pin the shipped seeds' figures.

Everything else in the suite must hold for any valid data; only this file may break (and be
updated) when the curated articles in seeds/ and data/ change.
"""
import io

from conftest import ROOT
from manpower.check import run_check
from manpower.data import examine, load


def test_shipped_data_passes_with_nothing_unaccounted():
    result = examine(ROOT / "data", ROOT / "seeds")
    assert result.problems == []
    assert len(result.coverage) == 2
    for cov in result.coverage:
        assert cov.mentions > 20 and cov.unaccounted == ()
    out, err = io.StringIO(), io.StringIO()
    assert run_check(ROOT / "data", ROOT / "seeds", out, err) == 0
    assert "unaccounted" in out.getvalue() and "OK" in out.getvalue() and err.getvalue() == ""


def test_shipped_figures_say_what_the_seeds_say():
    ds = load(ROOT / "data", ROOT / "seeds")
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
    assert all(ds.losses["side"] == "russian")
