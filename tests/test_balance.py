"""The balance as scenarios: the band spans the grid, the default is not face value, desertion is
an outflow and killed and wounded are separated."""
from datetime import date

import pandas as pd

from manpower.analysis import balance
from manpower.curated.derived import Derived
from manpower.vocabulary.params import BY_NAME

RATES = balance.Rates(signup=Derived(40000, "people", "f", ("s",)), loss=Derived(16000, "people", "f", ("l",)),
                      desertion=Derived(2000, "people", "f", ("d",), 400, 4000))


def test_the_default_is_not_the_kremlins_claim_at_face_value():
    assert BY_NAME["signup_realism"].default < 1
    assert balance.SCENARIOS["middle"]["signup_realism"] == BY_NAME["signup_realism"].default


def test_killed_and_wounded_are_split_and_only_wounded_return():
    a = {"signup_realism": 0.5, "wounded_return_share": 1.0, "desertion_position": 0.0, "wounded_per_killed": 3.0}
    m = balance.monthly(RATES, a)
    assert m["killed"] == 4000 and m["wounded_not_returning"] == 0  # all wounded back, the killed are not
    assert m["deserted"] == 400 and m["outflow"] == 4400 and m["net"] == 20000 - 4400


def test_desertion_is_an_outflow_across_its_range():
    lo = balance.monthly(RATES, {**balance.SCENARIOS["middle"], "desertion_position": 0.0})
    hi = balance.monthly(RATES, {**balance.SCENARIOS["middle"], "desertion_position": 1.0})
    assert hi["net"] - lo["net"] == -3600


def test_scenarios_are_ordered_and_the_sceptical_one_is_the_lowest():
    nets = {n: balance.monthly(RATES, a)["net"] for n, a in balance.SCENARIOS.items()}
    assert nets["sceptical"] < nets["middle"] < nets["face value"]


def test_on_the_data_the_band_spans_every_scenario(monkeypatch):
    from manpower.curated.data import load

    p = balance.project(load(), 0.5, 0.25)  # the horizon follows the data: any valid corpus has months
    if p is None:  # a corpus without a loss and a sign-up rate: nothing to check
        return
    lo, hi = p.band
    for name in list(balance.SCENARIOS) + ["your parameters"]:
        assert lo <= float(p.table[name].iloc[-1]) <= hi
    assert lo < hi and p.drivers[0][1] >= p.drivers[-1][1]


def test_the_horizon_follows_the_data_unless_a_date_is_given(tmp_path):
    """An empty horizon_end is a year after the latest loss period end, whatever the data (the
    old fixed 2024-12-31 left nothing to project once an estimate reached it); a date still wins."""
    from manpower.curated.data import load
    from project import build_project

    assert BY_NAME["horizon_end"].default is None
    root = build_project(tmp_path / "proj")
    ds = load(root / "data", root / "seeds")
    p = balance.project(ds, 0.5, 0.25)
    assert p is not None and p.horizon_from_data and len(p.table) == 12
    assert p.horizon == balance.default_horizon(p.data_end) and p.horizon > p.data_end
    assert pd.Timestamp(p.table["month"].iloc[-1]) <= p.horizon < pd.Timestamp(p.table["month"].iloc[-1]) + pd.offsets.MonthBegin(1)
    fixed = balance.project(ds, 0.5, 0.25, date(2100, 12, 31))
    assert not fixed.horizon_from_data and fixed.horizon == pd.Timestamp("2100-12-31") and len(fixed.table) > 12
