"""What the reviewer's first read found in the prose (review 1), held on the seeds alone and on
the seeds plus the invented fixture articles: the texts agree on whether sign-ups and losses are
combined (only as the what-if's assumption); a dated item already begun is due, not ahead; the
what-if's horizon words agree with its date; a forecast and a count are one tally with when each
was said computed from its claim dates. Nothing here counts rows or names a shipped figure."""
import re
from datetime import date

import pandas as pd
import pytest

from chapter_text import data_and_texts
from manpower.analysis import balance
from manpower.notebook import chapter_inflows as I
from manpower.writing.judgement import report_date
from manpower.writing.narrative import md
from manpower.writing.watch import indicators

DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def report(request, tmp_path_factory):
    return data_and_texts(request.param, tmp_path_factory)


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
        if i.what.endswith("falls due"):  # a forecast or target is due at the end of its period, after the cut
            assert not i.due, i.text
        else:
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


def test_every_row_a_chapter_quotes_is_counted_and_listed_in_figures_used(report):
    """A decree's term in a table or a country "in the words quoted above" prints its row's quote
    without a figure: Appendix C lists it, and its count says so."""
    from manpower.report.appendix import figures_used

    ds, texts = report
    marks = str.maketrans({c: "'" for c in "\"“”‘’"})  # the report nests a quote's own quotation marks

    def plain(t):
        return " ".join(re.sub(r"\\([^\w\s])", r"\1", t).split()).translate(marks)

    seen = " ".join(plain(t) for t in texts.values())
    quoted = [str(r["id"]) for name, df in ds.tables.items() if name != "exclusions" and "quote" in df.columns
              for r in df.to_dict("records")
              if len(plain(str(r["quote"]))) >= 20 and plain(str(r["quote"])) in seen]
    assert quoted  # every report quotes its sources
    appendix = figures_used(ds, list(texts.values())).plain()
    for i in quoted:
        assert i in appendix, i
    m = re.search(r"([\d,]+) of the [\d,]+ curated rows in this selection are printed, quoted or charted", appendix)
    assert m and int(m.group(1).replace(",", "")) >= len(set(quoted))


def test_the_caveats_say_where_losses_are_added_and_that_the_invasion_day_is_assumed(report):
    from manpower.analysis.formats import INVASION
    from manpower.report.appendix import methodology
    from manpower.vocabulary.schema import CLAIMANT_TYPES

    ds, _ = report
    text = " ".join(methodology(ds, ds, None).plain().replace("\\", "").split())
    caveats = text.split("Caveats.", 1)[1]
    if balance.rates(ds) is not None:  # the what-if adds them: the caveats say so, not "not added"
        assert "added only in the balance chapter's what-if" in caveats
    day = f"{INVASION.day} {INVASION:%B %Y}"
    assert day in caveats
    assert "assumes " + day in caveats and "the sources do not state" in caveats
    for kind in CLAIMANT_TYPES:  # claimant kinds in a reader's words, never the data's vocabulary
        assert kind not in caveats, kind
        if kind.startswith(("russian", "ukrainian")):  # a nationality is capitalised, a kind plural
            assert not re.search(rf"\b{kind.replace('_', ' ')}\b", caveats), kind


def test_the_timeline_legend_names_each_category_in_words():
    """Fig. 1's legend printed "law_passed" (review 1, item 22)."""
    import matplotlib.pyplot as plt

    from manpower.notebook import charts
    from manpower.notebook.timelinechart import timeline_chart
    from manpower.vocabulary.schema import EVENT_CATEGORIES

    days = pd.date_range("2023-01-01", periods=len(EVENT_CATEGORIES), freq="20D")
    ev = pd.DataFrame({"s": days, "e": days + pd.Timedelta(days=10), "label": [f"event {c}" for c in EVENT_CATEGORIES],
                       "cat": list(EVENT_CATEGORIES)})
    fig, ax = charts.new_chart(height=4.2)
    timeline_chart(ax, ev, date_start="s", date_end="e", label="label", category="cat")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)
    assert len(legend) == len(EVENT_CATEGORIES)
    assert not [t for t in legend if "_" in t], legend
    handles = ax.get_legend().legend_handles
    assert all(h.get_marker() not in (None, "None", "") for h in handles)  # a marker, not a thick bar


def test_the_wording_slips_of_review_1_item_25_are_gone(report):
    from manpower.writing.narrative import INSTITUTION

    _, texts = report
    whole = "\n".join(texts.values())
    assert not re.search(r"takes effect \d", whole)  # "takes effect 2024": in, on or from
    assert not re.search(r"not a (?:plan or a )?count\) \(", whole)  # two asides side by side
    assert "a count of things of" not in whole
    assert not re.search(r"\b1 more sources\b|\b1 others\b", whole)
    assert not re.search(r"for Russian (?:signed|called) up", whole)  # a quantity is people, not a verb
    assert "brings soldiers in concern:" not in whole
    assert not re.search(r"\((?:[^()]*) (?:signed|passed|adopted)\)", "\n".join(
        line for line in whole.splitlines() if line.startswith(": ")))  # a caption names the act, not its event
    captions = [line[2:].strip() for line in whole.splitlines() if line.startswith(": ")]
    for c in captions:  # the lead before a table never repeats its caption word for word
        assert f"\n{c}:\n" not in whole and f"\n{c}:" not in whole.replace(f": {c}", ""), c
    for name in re.findall(r"Only ([^,]+?)(?:,| and )", whole):
        plain = name.replace("\\", "")
        if INSTITUTION.search(plain):
            assert plain.lower().startswith("the "), name
