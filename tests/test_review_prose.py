"""What the reviewer's first read found in the prose (review 1), held on the seeds alone and on
the seeds plus the invented fixture articles: the texts agree on whether sign-ups and losses are
combined (only as the what-if's assumption); a dated item already begun is due, not ahead; the
what-if's horizon words agree with its date; a forecast and a count are one tally with when each
was said computed from its claim dates. Nothing here counts rows or names a shipped figure."""
import re
from datetime import date

import pandas as pd
import pytest

from chapter_text import chapter_texts
from manpower.analysis import balance
from manpower.curated.data import load
from manpower.notebook import chapter_inflows as I
from manpower.writing.judgements import report_date
from manpower.writing.narrative import md
from manpower.writing.watch import indicators
from project import build_project

DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def report(request, tmp_path_factory):
    root = build_project(tmp_path_factory.mktemp(request.param) / "proj", fixtures=request.param == "corpus")
    texts = chapter_texts(root, {}, tmp_path_factory.mktemp("charts"))
    return load(root / "data", root / "seeds"), texts


def test_sign_ups_and_losses_are_combined_only_as_the_what_if_s_stated_assumption(report):
    ds, texts = report
    if balance.rates(ds) is None:
        pytest.skip("no what-if in this selection")
    whole = "\n".join(texts.values())
    assert "does not set them against an average" not in whole  # the what-if does, as an assumption
    assert "| Both rates hold over the what-if | assumed | Assumption: " in texts["balance"]
    c = I.signups_against_losses(ds)
    if c is not None and not c.like_with_like:  # different periods: no chapter claims like with like
        assert "only where both cover the same period" not in texts["summary"]
        assert "as a stated assumption" in texts["summary"]


def test_an_item_already_begun_is_due_not_ahead(report):
    ds, texts = report
    cut = report_date(ds, None)
    items = indicators(ds)
    for i in items:
        assert i.due == (i.date <= cut), i.text
    summary = texts["summary"]
    ahead = summary.partition("Dated in the sources, after the report's date:")[2].partition("Due by the report's date")[0]
    for i in items:
        if i.due:
            assert md(i.text) not in ahead, i.text


def test_a_law_in_force_by_the_report_date_is_due(report):
    ds, _ = report
    for i in indicators(ds, date(2024, 1, 5)):
        if "takes effect" in i.text and i.when == "2024":
            assert i.due


def test_the_what_if_horizon_words_agree_with_its_date(report):
    _, texts = report
    m = re.search(rf"The what-if runs to {DATE}: (.*?) the latest period end of the loss estimates it uses \({DATE}\)",
                  texts["balance"])
    if m is None:
        pytest.skip("no default horizon in this selection")
    end, words, data_end = pd.Timestamp(m.group(1)), m.group(2), pd.Timestamp(m.group(3))
    if words == "a year after":
        assert end == data_end + pd.DateOffset(years=1)
    else:
        assert words == "the end of the month a year after"
        assert end == data_end + pd.DateOffset(years=1) + pd.offsets.MonthEnd(0)


def test_one_tally_says_when_each_was_said_from_its_claim_dates(report):
    ds, texts = report
    assert "most likely one tally" not in texts["inflows"]  # "most likely" is no word of the scale
    for forecast, count in I.same_tally(ds):
        for r in (forecast, count):
            words = I.said_against_period(r)
            if words == "made after its period ended":
                assert r["claim_date_start"] > r["period_end"]
            if words == "made by the end of its period":
                assert r["claim_date_end"] <= r["period_end"]
            assert f"(a claim {words})" in texts["inflows"]
