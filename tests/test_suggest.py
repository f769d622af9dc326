"""'Did you mean': a typo anywhere in a name finds it (difflib), not only one in its first letters."""
from pathlib import Path

import pytest

from manpower.curated.data import load
from manpower.vocabulary.params import ParameterError, check_names
from manpower.curated.selection import select
from manpower.core.suggest import close_matches, did_you_mean

ROOT = Path(__file__).resolve().parents[1]
KNOWN = ["as_of", "sources", "claimants", "chart_format", "dpi", "signup_realism", "wounded_return_share"]


@pytest.mark.parametrize("typo, meant", [
    ("as_off", "as_of"),                      # an extra letter at the end
    ("sginup_realism", "signup_realism"),     # swapped letters at the start: no common prefix
    ("wounded_retrun_share", "wounded_return_share"),
    ("Claimants", "claimants"),               # case
    ("realism", "signup_realism"),            # a part of the name
])
def test_close_matches_find_the_intended_name(typo, meant):
    assert close_matches(typo, KNOWN)[0] == meant


def test_nothing_is_suggested_for_a_name_like_none_of_them():
    assert close_matches("xyzzy", KNOWN) == []
    assert did_you_mean("xyzzy", KNOWN) == ""


def test_unknown_parameter_with_a_typo_at_its_start_gets_the_suggestion():
    with pytest.raises(ParameterError) as err:
        check_names({"sginup_realism"})
    assert "unknown parameter 'sginup_realism' (did you mean signup_realism?)" in str(err.value)


def test_unknown_source_and_claimant_get_suggestions():
    ds = load(ROOT / "data", ROOT / "seeds")
    sid = sorted(ds.sources["source_id"])[0]
    typo = sid[:3] + sid[4] + sid[3] + sid[5:]  # two letters swapped
    assert typo not in set(ds.sources["source_id"])
    with pytest.raises(ParameterError) as err:
        select(ds, sources=[typo])
    assert f"unknown source id {typo!r} (did you mean {sid}?)" in str(err.value)
    with pytest.raises(ParameterError) as err:
        select(ds, claimants=["UK Ministry of Defense"])
    assert "(did you mean UK Ministry of Defence" in str(err.value)
