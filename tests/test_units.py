"""What a figure is, from structured fields: one quantity key whatever words a claimant uses for
the scope; rates and shares stored in their own units and printed as what they are; each decree's
terms apart from another's; a period that cannot end after its article was published. On the
invented fixture article fixture-coastal-monitor-2024-11-12 (rates, a fraction, a second decree)
and on small frames built here; nothing counts shipped rows."""
import re

import pandas as pd
import pytest

from chapter_text import chapter_texts
from conftest import set_cell
from manpower.analysis.comparisons import disputes, quantity_key
from manpower.analysis.listing import cap_keeping_conflicts
from manpower.analysis.rates import per_month
from manpower.writing.terms import terms_by_event
from manpower.writing import wording as W
from manpower.curated.data import examine, load
from manpower.writing.narrative import md
from project import build_project

COASTAL = "fixture-coastal-monitor-2024-11-12"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp("units") / "proj")
    return root, load(root / "data", root / "seeds")


def _row(ds, rid):
    for df in ds.tables.values():
        if "id" in df.columns and (df["id"] == rid).any():
            return df[df["id"] == rid].iloc[0]
    raise KeyError(rid)


# -- one quantity key -----------------------------------------------------------------------------
def _total(claimant, scope, value, date, scope_class="all"):
    return {"id": f"t-{claimant.lower().replace(' ', '-')}", "claimant": claimant, "measure": "killed_or_wounded",
            "side": "russian", "basis": "cumulative", "unit": "people", "scope": scope, "scope_class": scope_class,
            "value": value, "low": value, "high": value, "qualifier": None, "kind": "estimate", "part_of": None,
            "claim_date_end": pd.Timestamp(date)}


def test_totals_worded_differently_meet_in_one_comparison():
    df = pd.DataFrame([_total("UK Ministry of Defence", "military personnel", 302000, "2023-11-30"),
                       _total("US intelligence", "troops", 315000, "2023-12-20"),
                       _total("Independent count", "soldiers", 290000, "2024-01-02"),
                       _total("Independent count officers", "officers", 3300, "2024-01-02", "officers")])
    groups = disputes(df)
    assert len(groups) == 1  # the three totals, not the officers
    assert set(groups[0]["claimant"]) == {"UK Ministry of Defence", "US intelligence", "Independent count"}
    # the same three in one comparison wherever the key is used: a cap keeps the conflicting one
    shown, _ = cap_keeping_conflicts(df, limit=1)
    assert quantity_key(df.iloc[0]) == quantity_key(df.iloc[1]) != quantity_key(df.iloc[3])


def test_other_scopes_stay_apart_by_their_words():
    a = _total("A", "recruitment centres", 12, "2024-01-01", "other")
    b = _total("B", "signing payments", 12, "2024-01-01", "other")
    assert quantity_key(a) != quantity_key(b)
    # data curated before scope_class existed: the words still separate subsets
    assert quantity_key({**a, "scope_class": None}) != quantity_key({**a, "scope": "officers", "scope_class": None})


def test_a_scope_without_its_class_is_refused(tmp_path):
    root = build_project(tmp_path / "p", only=[COASTAL])
    line = set_cell(root / "data" / "inflows.csv", "fx-coastal-per-week", "scope_class", "")
    found = [str(p) for p in examine(root / "data", root / "seeds").problems]
    assert any(f"inflows.csv:{line}:" in p and "column 'scope_class'" in p and "closed list" in p for p in found), found


# -- units: rates and shares ----------------------------------------------------------------------
@pytest.mark.parametrize("rid, words", [
    ("fx-coastal-per-day", "at least 1 a day"),
    ("fx-coastal-per-week", "about 40 a week"),
    ("fx-coastal-per-month", "some 1,200 a month"),
    ("fx-coastal-per-year", "15,000 a year"),
    ("fx-coastal-half-countryside", "about half (50%)"),
])
def test_rates_and_shares_print_as_what_they_are(corpus, rid, words):
    _, ds = corpus
    assert W.figure(_row(ds, rid), reading=False) == words


def test_a_stated_rate_becomes_a_monthly_rate_without_its_period(corpus):
    _, ds = corpus
    day = per_month(_row(ds, "fx-coastal-per-day"))
    assert (day.kind, day.value, day.high) == ("floor", 30.0, None)  # at least 1 a day: at least 30 a month
    week = per_month(_row(ds, "fx-coastal-per-week"))
    assert week.low <= week.value <= week.high and round(week.value) == 174  # 40 × 30.44 ÷ 7
    assert per_month(_row(ds, "fx-coastal-half-countryside")) is None  # a share is not people


def test_chapters_print_the_units(corpus, tmp_path):
    root, _ = corpus
    text = chapter_texts(root, {}, tmp_path)["inflows"]
    for words in ("at least 1 a day", "about 40 a week", "about half (50%)"):
        assert words in text
    assert not re.search(r"(?<![\d.,])0\.\d", text)  # never a bare fraction of one
    assert "a day][^fixture-coastal-monitor-2024-11-12] (a term" not in text  # a rate of people is not a term


@pytest.mark.parametrize("unit, value", [("fraction", "1.5"), ("percent", "150")])
def test_a_share_above_the_whole_is_refused(tmp_path, unit, value):
    root = build_project(tmp_path / "p", only=[COASTAL])
    path = root / "data" / "inflows.csv"
    set_cell(path, "fx-coastal-half-countryside", "unit", unit)
    for col in ("low", "high", "qualifier", "bounds"):
        set_cell(path, "fx-coastal-half-countryside", col, "")
    line = set_cell(path, "fx-coastal-half-countryside", "value", value)
    found = [str(p) for p in examine(root / "data", root / "seeds").problems if "[share-range]" in str(p)]
    assert any(f"inflows.csv:{line}:" in p and "column 'value'" in p for p in found), found


# -- each decree keeps its own terms --------------------------------------------------------------
def test_each_decree_keeps_its_own_terms(corpus, tmp_path):
    root, ds = corpus
    fr = ds.foreign
    terms = fr[fr["aspect"].isin(["eligibility", "minimum_contract", "family", "dismissal_grounds"])]
    groups = terms_by_event(terms, ds.events)
    second = [rows for event, _, rows in groups if event is not None and event["id"] == "fx-second-decree-2024-11-05"]
    assert len(second) == 1 and set(second[0]["id"]) == {"fx-second-decree-parents", "fx-second-decree-min-contract"}
    for event, _, rows in groups:  # no other table holds the second decree's terms
        if event is None or event["id"] != "fx-second-decree-2024-11-05":
            assert not set(rows["id"]) & {"fx-second-decree-parents", "fx-second-decree-min-contract"}
    text = chapter_texts(root, {}, tmp_path)["foreign"]
    others = [md(str(x)) for event, _, rows in groups if event is None or event["id"] != "fx-second-decree-2024-11-05"
              for x in rows["subject"]]
    blocks = re.findall(r"(?:^\|.*\n?)+", text, flags=re.MULTILINE)  # the markdown tables
    mine = [b for b in blocks if "Minimum contract under the second decree" in b]
    assert len(mine) == 1 and "6 months" in mine[0], blocks
    assert not [o for o in others if o in mine[0]], mine[0]


def test_an_event_link_names_a_decree(tmp_path):
    root = build_project(tmp_path / "p", only=[COASTAL])
    line = set_cell(root / "data" / "foreign.csv", "fx-second-decree-parents", "event", "fx-no-such-event")
    found = [str(p) for p in examine(root / "data", root / "seeds").problems]
    assert any(f"foreign.csv:{line}:" in p and "column 'event'" in p for p in found), found


# -- a period cannot end after the article --------------------------------------------------------
def test_a_period_ending_after_publication_is_refused(tmp_path):
    root = build_project(tmp_path / "p", only=[COASTAL])
    path = root / "data" / "inflows.csv"
    set_cell(path, "fx-coastal-per-year", "period_start", "2024-03")
    line = set_cell(path, "fx-coastal-per-year", "period_end", "2024-12")  # published 12 November 2024
    found = [str(p) for p in examine(root / "data", root / "seeds").problems]
    hits = [p for p in found if "[period-after-publication]" in p]
    assert len(hits) == 1 and f"inflows.csv:{line}:" in hits[0] and "column 'period_end'" in hits[0], found
    assert "\n" not in hits[0]


def test_a_target_may_run_past_publication(tmp_path):
    root = build_project(tmp_path / "p", only=["fixture-eastern-wire-2024-08-30"])
    path = root / "data" / "inflows.csv"
    set_cell(path, "fx-contracts-2024-target", "period_end", "2025")  # a plan for a later year
    found = [str(p) for p in examine(root / "data", root / "seeds").problems if "period" in str(p)]
    assert not found, found
