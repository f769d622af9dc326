"""The chapters' selection and comparisons, now library functions (chapter_*.py): run on the
shipped seeds, on the fixture corpus and on corpora changed here, never counting rows."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from manpower import chapter_inflows as I
from manpower import findings as F

ROOT = Path(__file__).resolve().parents[1]


def _with(ds, table: str, df: pd.DataFrame):
    """A copy of `ds` with one table replaced (the loader's Dataset, not a mock)."""
    from manpower.data import Dataset

    return Dataset(ds.sources, {**ds.tables, table: df}, ds.seeds, ds.data_dir, ds.seeds_dir)


def test_no_notebook_writes_a_derived_note_by_hand():
    """Every derived figure reaches the text through Narrator.derived (formula, basis, inputs)."""
    for nb in sorted((ROOT / "notebooks").glob("*.py")):
        assert "^[Derived:" not in nb.read_text(encoding="utf-8"), f"{nb.name} writes a Derived note by hand"


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_a_forecast_and_a_count_of_one_period_are_one_tally_and_drawn_once(which, request):
    ds = request.getfixturevalue(which)
    pairs = I.same_tally(ds)
    for forecast, count in pairs:
        assert F.reference_period(forecast) == F.reference_period(count)
    drawn, _ = I.rate_chart_rows(ds, 6)
    if len(drawn):
        assert not set(drawn["id"]) & {str(f["id"]) for f, _ in pairs}
    if which == "seeds" and ds.has("inflow-ru-contracts-2023-putin"):  # the shipped pair, while it is there
        assert ("inflow-ru-contracts-2023-putin", "inflow-ru-contracts-2023-moscow") in \
            [(f["id"], c["id"]) for f, c in pairs]


def test_sign_ups_are_set_against_losses_only_for_the_same_period(seeds):
    """A year of sign-ups against a whole-war loss average is not like with like: no verb, and the
    chart title says the periods differ. A loss flow over the very period of the sign-ups is."""
    c = I.signups_against_losses(seeds)
    if c is None:
        pytest.skip("the selection has no sign-up rate and loss rate")
    last = F.signup_claims(seeds)
    last = last[last["id"].isin(c.signup.inputs)].iloc[-1]
    same = [r for r in F.rows_of(F.russian(seeds.losses)) if F.reference_period(r) == F.reference_period(last)]
    if not same:
        assert not c.like_with_like and c.verb is None
        assert "exceed" not in I.rate_chart_title(c) and "different periods" in I.rate_chart_title(c)
    # add a loss flow over the sign-ups' own period: now the two are compared, with a verb
    losses = seeds.losses
    base = losses[losses["measure"] == "killed_or_wounded"].iloc[[0]].copy()
    base["id"], base["basis"], base["qualifier"], base["kind"] = "t-flow", "flow", None, "estimate"
    base["period_start"], base["period_end"] = last["period_start"], last["period_end"]
    base["value"] = base["low"] = base["high"] = 120000.0
    both = _with(seeds, "losses", pd.concat([losses, base], ignore_index=True))
    c2 = I.signups_against_losses(both)
    assert c2.like_with_like and c2.verb in ("exceed", "fall short of", "roughly match")
    assert c2.loss.inputs == ("t-flow",)
