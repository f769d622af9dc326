"""Invariants that hold for any valid data, run on the shipped seeds, on seeds + the invented
fixtures, and on synthetic data. Nothing here names a shipped figure."""
import math

import pandas as pd
import pytest

from manpower.curated.data import examine
from manpower.vocabulary.qualifiers import HEDGES, bounds_match, implied_bounds
from manpower.curated.synthetic import generate
from project import ROOT, build_project


@pytest.fixture(params=["seeds", "seeds+fixtures", "synthetic"], scope="module")
def dataset(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param.replace("+", "-"))
    if request.param == "seeds":
        root = ROOT
    elif request.param == "seeds+fixtures":
        root = build_project(tmp)
    else:
        root = generate(tmp, 12, 400, seed=7)
    result = examine(root / "data", root / "seeds")
    assert result.problems == [], [str(p) for p in result.problems[:5]]
    assert all(c.unaccounted == () for c in result.coverage)
    return result.dataset


def figures(ds):
    return ds.figures()


def num(x):
    return None if pd.isna(x) else float(x)


def test_bounds_are_ordered_and_follow_their_origin(dataset):
    for _, r in figures(dataset).iterrows():
        v, lo, hi = num(r["value"]), num(r["low"]), num(r["high"])
        if v is not None and lo is not None:
            assert lo <= v, r["id"]
        if v is not None and hi is not None:
            assert v <= hi, r["id"]
        if r["bounds"] == "convention":
            assert bounds_match(implied_bounds(r["qualifier"] if isinstance(r["qualifier"], str) else "", v, lo, hi), lo, hi), r["id"]
        if pd.isna(r["bounds"]):
            assert lo is None and hi is None, r["id"]


def test_parts_never_exceed_their_whole_and_share_its_table_and_unit(dataset):
    for name, df in dataset.tables.items():
        if "part_of" not in df.columns:
            continue
        ids = df.set_index("id")
        for _, r in df[df["part_of"].notna()].iterrows():
            whole = ids.loc[r["part_of"]]
            assert whole["unit"] == r["unit"]
            for col in ("side", "basis", "claimant"):  # a part counts the same thing as its whole
                assert (None if pd.isna(whole[col]) else whole[col]) == (None if pd.isna(r[col]) else r[col]), (r["id"], col)
            # the whole's stated value (its high only when it has none), the part's value (else its low)
            top = num(whole["value"]) if num(whole["value"]) is not None else num(whole["high"])
            mine = num(r["value"]) if num(r["value"]) is not None else num(r["low"])
            if top is not None and mine is not None:
                assert mine <= top, r["id"]


def test_a_stated_breakdown_adds_up(dataset):
    figs = figures(dataset)
    for gid, g in figs[figs["group"].notna()].groupby("group"):
        ids = set(g["id"])
        for _, whole in g[~g["part_of"].isin(ids)].iterrows():
            parts = g[g["part_of"] == whole["id"]]
            if len(parts) >= 2 and parts["value"].notna().all() and not pd.isna(whole["value"]):
                assert math.isclose(parts["value"].sum(), whole["value"], rel_tol=0.02, abs_tol=1)


def test_kinds_carry_their_companions(dataset):
    for _, r in figures(dataset).iterrows():
        kind = r["kind"]
        if kind == "interval":
            assert 0 < r["level"] < 100 and r["bounds"] == "stated"
        else:
            assert pd.isna(r["level"])
        if kind == "floor":
            assert pd.isna(r["high"])
        if kind == "ceiling":
            assert pd.isna(r["low"])
        if isinstance(r["hedge"], str):
            assert kind in HEDGES[r["hedge"]][1]
        if not (pd.isna(r["value"]) and pd.isna(r["low"]) and pd.isna(r["high"])):
            assert isinstance(kind, str) and isinstance(r["unit"], str)


def test_claims_and_periods_are_ordered(dataset):
    pub = dataset.sources.set_index("source_id")["published_end"]
    figs = figures(dataset)
    assert (figs["claim_date_end"] <= figs["source_id"].map(pub)).all()
    both = figs[figs["period_start"].notna() & figs["period_end"].notna()]
    assert (both["period_start"] <= both["period_end"]).all()
    flows = figs[figs["basis"].isin(["cumulative", "flow"])]
    assert flows["period_start"].notna().all()
