"""The bottom line and the alternatives weighed (issue 19): one sentence above the key judgements,
computed from them, that moves as the data moves; competing readings found in the data; what would
change each judgement; a judgement resting only on an interested party's figure worded as that
party's account. Runs on the shipped data and on the shipped data plus the fixture corpus; a rule
is shown on a dataset changed as tests/test_judgements.py changes it."""
from dataclasses import replace

import pandas as pd
import pytest

from manpower.writing import alternatives as A
from manpower.writing.basis import claimed_by
from manpower.writing.bottom_line import bottom_line
from manpower.writing.judgement_words import possessive
from manpower.writing.judgements import judgements
from manpower.writing.standards import CONFIDENCE, SCALE, UNASSESSED
from test_judgements import COUNT_2023, invented_loss, seeds, with_rows  # noqa: F401 (the fixture)


@pytest.mark.parametrize("data", ["seeds", "corpus"])
def test_the_bottom_line_answers_the_question_with_a_scale_word_and_a_confidence(data, seeds, corpus):
    ds = seeds if data == "seeds" else corpus
    js = judgements(ds)
    b = bottom_line(js)
    assert (b.likelihood in SCALE or b.likelihood is UNASSESSED) and b.confidence in CONFIDENCE
    scale = f"{b.likelihood.word} ({b.likelihood.band})"
    # the answer leads: the likelihood of replacement, or that the sources cannot tell, then how
    assert (b.text.startswith(f"{scale[:1].upper()}{scale[1:]}: Russia is replacing its losses")
            or b.likelihood is UNASSESSED and b.text.startswith("Whether Russia is replacing its losses")
            and " cannot be assessed: " in b.text)
    # short sentences a desk would print: none over 45 words
    assert b.text.endswith(".") and max(len(s.split()) for s in b.text.split(". ")) <= 45, b.text
    # the confidence is the lowest of the judgements it rests on, named
    assert b.confidence == min((j.confidence for j in js), key=CONFIDENCE.index) or b.weakest in b.text
    rep = {j.key: j for j in js}.get("replacement")
    if rep is not None:
        assert b.likelihood == rep.likelihood
    assert "Bottom line." in b.markdown()


def test_no_judgement_no_bottom_line():
    assert bottom_line([]) is None


def test_the_bottom_line_moves_when_losses_cover_the_sign_ups_period(seeds):
    """Shipped data: the sources cannot tell (no 2023 loss figure). Add an invented loss figure for
    2023 alone, below the claimed sign-ups: the bottom line takes the replacement's new word."""
    before = bottom_line(judgements(seeds))
    assert "cannot be assessed" in before.text and before.likelihood is UNASSESSED
    count = seeds.row(COUNT_2023)
    low = float(count["value"]) / 4
    ds = with_rows(seeds, "losses", invented_loss(
        "loss-invented-2023", "Invented Institute", low, period_start=pd.Timestamp(count["period_start"]),
        period_end=pd.Timestamp(count["period_end"]), period_precision="year", basis="flow"))
    js = {j.key: j for j in judgements(ds)}
    after = bottom_line(list(js.values()))
    assert js["replacement"].basis.same_period
    assert after.likelihood == js["replacement"].likelihood != before.likelihood
    assert "cannot be assessed" not in after.text and after.likelihood in SCALE


def test_a_judgement_resting_on_an_interested_party_is_worded_as_its_account(seeds):
    js = {j.key: j for j in judgements(seeds)}
    for j in js.values():
        who = claimed_by(j.basis)
        if who:
            assert j.statement.split(": ", 1)[1].startswith(f"By {possessive(who)} own account, "), j.statement
        else:
            assert "own account" not in j.statement
    assert claimed_by(js["mobilisation"].basis)  # the shipped sign-ups are the Russian government's alone


def test_every_judgement_says_what_would_change_it(seeds, corpus):
    for ds in (seeds, corpus):
        js = judgements(ds)
        lines = A.would_change(ds, js)
        assert len(lines) == len([j for j in js if j.changes])
        for j in js:
            assert j.changes, j.key
            assert any(line.startswith(j.topic + ":") for line in lines)


def test_the_competing_readings_come_from_the_data(seeds):
    js = judgements(seeds)
    text = " ".join(A.readings(seeds, js))
    ev = seeds.events
    warnings = ev[(ev["category"].astype(str) == "warning") & ev["label"].astype(str).str.contains("mobili")]
    if len(warnings):
        assert ", warned: " in text and "against that" in text
    if any(A.SAID_BEFORE.search(str(q)) for q in ev["quote"]):
        assert "also made before the mobilisation of" in text
    # without the events there is no mobilisation reading
    empty = replace(seeds, tables={**seeds.tables, "events": ev.iloc[0:0]})
    assert not any(r.startswith("On a second mobilisation") for r in A.readings(empty, js))


@pytest.mark.parametrize("data", ["seeds", "corpus"])
def test_the_bottom_line_names_an_offer_as_an_offer(data, seeds, corpus):
    """Where the foreign-recruits judgement rests on a decree's terms alone (the offer, not its
    uptake), the bottom line says 'offers to foreign recruits', not 'foreign recruits'."""
    ds = seeds if data == "seeds" else corpus
    js = judgements(ds)
    foreign = {j.key: j for j in js}.get("foreign")
    b = bottom_line(js)
    if foreign is not None and foreign.basis.documentary and foreign.likelihood in SCALE[4:]:
        assert "offers to foreign recruits" in b.text
    elif foreign is not None and foreign.likelihood in SCALE[4:]:
        assert "offers to foreign recruits" not in b.text and "foreign recruits" in b.text
