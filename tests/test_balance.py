"""The balance as scenarios: the band spans the grid, the default is not face value, desertion is
an outflow and killed and wounded are separated."""
from datetime import date

import pandas as pd

from manpower import balance
from manpower.derived import Derived
from manpower.params import BY_NAME

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
    from manpower.data import load

    p = balance.project(load(), 0.5, 0.25, date(2024, 12, 31))
    if p is None:  # a corpus without a loss and a sign-up rate: nothing to check
        return
    lo, hi = p.band
    for name in list(balance.SCENARIOS) + ["your parameters"]:
        assert lo <= float(p.table[name].iloc[-1]) <= hi
    assert lo < hi and p.drivers[0][1] >= p.drivers[-1][1]
