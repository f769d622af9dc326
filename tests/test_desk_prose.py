"""Prose a desk would print (issue 19): in the chapters' text (notes included), on the seeds alone
and on the seeds plus the invented fixture articles, a claim carries one date, never the full
"(said between … and …)"; no figure id appears, not even in a derived figure's note; no quote is
printed twice; and the balance chapter marks each what-if assumption as sourced (naming the
figure) or as an assumption. Nothing here counts rows or names a shipped figure."""
import re

import pytest

from chapter_text import data_and_texts
from manpower.analysis import balance
from manpower.curated.data import load
from manpower.writing.narrative import md, quote
from project import build_project


@pytest.fixture(scope="module", params=["seeds", "corpus"])
def report(request, tmp_path_factory):
    return data_and_texts(request.param, tmp_path_factory)


def test_a_claim_carries_one_date_and_the_full_dating_goes_to_a_note(report):
    _, texts = report
    for name, text in texts.items():
        assert "(said " not in text, (name, re.findall(r".{60}\(said .{40}", text))
        assert not re.search(r"\bsaid (between|on|in) \d", text), name


def test_no_figure_id_in_the_body_or_its_notes(report):
    ds, texts = report
    ids = {str(i) for df in ds.tables.values() if "id" in df.columns for i in df["id"].dropna()}
    for name, text in texts.items():
        shown = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
        assert not shown, (name, shown)
        assert "Inputs: `" not in text, name
    claimants = {md(c) for df in ds.tables.values() if "claimant" in df.columns for c in df["claimant"].dropna()}
    for name, text in texts.items():  # a derived figure's note names its inputs by claimant and date
        for inputs in re.findall(r"Inputs?: ([^\]]*)\]", text):
            assert any(inputs.startswith(c + ",") or inputs.startswith(c + " (") for c in claimants), (name, inputs)


def test_no_quote_is_printed_twice(report):
    ds, texts = report
    body = "\n".join(texts.values())
    quotes = {str(q) for df in ds.tables.values() if "quote" in df.columns for q in df["quote"].dropna() if str(q).strip()}
    twice = [q for q in quotes if body.count(quote(q)) > 1]
    assert not twice, twice


def test_each_what_if_assumption_says_whether_a_source_supports_it(report):
    ds, texts = report
    text = texts["balance"]
    if balance.rates(ds) is None:
        pytest.skip("no what-if without a loss and a sign-up rate")
    for key in balance.ASSUMPTIONS:
        words = balance.AXIS_WORDS[key]
        row = next((line for line in text.splitlines() if line.startswith(f"| {words[0].upper() + words[1:]} ")), None)
        assert row is not None, key
        assert re.search(r"\| (Sourced|Assumption|Not used): ", row), row
    support = balance.parameter_support(ds)["wounded_per_killed"]
    wpk = balance.AXIS_WORDS["wounded_per_killed"]
    row = next(line for line in text.splitlines() if line.startswith(f"| {wpk[0].upper() + wpk[1:]} "))
    if support:  # a claimant gives killed and wounded for one period: the row names it
        assert "Sourced: " in row and md(support[1]["claimant"]) in row, row
    else:
        assert "Assumption: " in row, row
    assert "the middle scenario" in text and "not an estimate" in text


def test_a_claimant_giving_killed_and_wounded_for_one_period_sources_wounded_per_killed(tmp_path):
    """The invented Riverland review gives killed and wounded over the same period: with it the
    parameter is sourced by that pair; its floors and named-dead subsets never make the pair."""
    root = build_project(tmp_path / "p", only=["fixture-riverland-review-2024-10-02"])
    ratio, killed, wounded = balance.wounded_per_killed_source(load(root / "data", root / "seeds"))
    assert killed["claimant"] == wounded["claimant"] == "Riverland Institute (invented)"
    for row in (killed, wounded):
        assert row["kind"] not in ("floor", "ceiling") and md(row["scope"]) == ""
    assert 120_000 / 55_000 <= ratio <= 140_000 / 40_000


def test_the_notes_name_each_figure_by_claimant_and_full_date_not_by_id(report):
    """The Notes section (one note per source) lists the figures cited from it with the full dating
    of the claim, never a figure id (ids stay in Appendix C and the data)."""
    from manpower.report.notes import source_notes

    from manpower.writing.narrative import Narrator

    ds, _ = report
    n = Narrator(ds)  # chapter Markdown as a chapter writes it: figures with their evidence spans
    items = [n.listing_item(r) for name in ("losses", "inflows") for _, r in ds.tables[name].iterrows()]
    _, notes = source_notes(["\n\n".join(items) + "\n\n" + n.footnotes()])
    runs = [text for t in notes.tables.values() for item in t.items for kind, text in item]
    assert runs and not any(kind == "code" for t in notes.tables.values() for item in t.items for kind, _ in item)
    shown = " ".join(runs)
    ids = {str(i) for df in ds.tables.values() if "id" in df.columns for i in df["id"].dropna()}
    assert not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", shown)]
    assert re.search(r"\((?:[^()]|\([^()]*\))+, said (on|in|between) ", shown), shown[:300]


def test_a_target_reads_as_a_target_not_as_a_forecast(report):
    from manpower.writing import wording as W

    ds, _ = report
    for df in ds.tables.values():
        for _, r in df.iterrows():
            if "kind" in df.columns and W.kind_of(r) == "target":
                assert "forecast" not in W.measure(r), (r["id"], W.measure(r))


def test_the_invasion_is_dated_as_the_sources_date_it(report):
    """The sources say "since the invasion in February 2022": the chapters, notes and chart axes
    print the month, never the day the arithmetic counts from (issue 19)."""
    from manpower.analysis.formats import INVASION
    from manpower.writing.narrative import fmt_date

    ds, texts = report
    day = fmt_date(INVASION, INVASION, "day")
    if any(day in seed.raw for seed in ds.seeds.values()):
        pytest.skip(f"a source states {day}")
    short = f"{INVASION.day} {INVASION:%b %Y}"  # a derived figure's note abbreviates: "24 Feb 2022"
    for name, text in texts.items():
        assert day not in text, (name, re.findall(rf".{{60}}{day}.{{20}}", text))
        assert short not in text, (name, re.findall(rf".{{60}}{short}.{{20}}", text))
        for m in re.finditer(r"days from ([A-Z][a-z]+ \d{4}) to [^;\]]*", text):  # a rate counted from a month
            assert re.match(r"[^\]]*; the days count from the \d+\w\w, an assumed day", text[m.end():]), m.group(0)
        for m in re.finditer(r"since the invasion \(([^)]*\d{4})\)", text):  # a date in brackets
            assert m.group(1) == "February 2022", (name, m.group(0))
    assert any("since the invasion" in t for t in texts.values())  # the check above had something to read
    from manpower.report.appendix import methodology

    assert methodology(ds, ds, None).count(day) == 1  # the one place that says which day the arithmetic uses


def test_the_summary_opens_with_the_judgements_and_does_not_repeat_their_figures(report):
    """Bottom line up front: the summary's first section is the key judgements and holds nothing
    else; no later section states again a claim a judgement states (the "Key findings" list
    repeated them, issue 19)."""
    from manpower.writing.standards import SCALE

    _, texts = report
    text = texts["summary"]
    sections = re.split(r"(?m)^## ", text)
    assert not sections[0].strip() and sections[1].startswith("Key judgements"), text[:200]
    words = "|".join(re.escape(s.word[:1].upper() + s.word[1:]) for s in SCALE)
    paragraphs = [p for p in sections[1].split("\n\n")[1:] if p.strip()]
    assert paragraphs and re.match(rf"\*\*Bottom line\.\*\* Is Russia replacing its losses, and how\? "
                                   rf"(({words}) \(|Whether Russia is replacing its losses[^:]* cannot be assessed: )",
                                   paragraphs[0]), paragraphs[0][:120]
    assert paragraphs[1].startswith("Each judgement below carries a likelihood word")
    after = ("**Alternatives weighed.** ", "**What would change them.** ")
    for p in paragraphs[2:]:
        assert re.match(rf"\*\*[^*]+\.\*\* (({words}) \(|Cannot be assessed: )", p) or p.startswith(after), p[:120]
    assert any(p.startswith(after[1]) for p in paragraphs)
    claim = r"[A-Z][^.;:\[\]\n]*?, (?:by |in |on )?(?:\d{1,2} )?[A-Z][a-z]+ \d{4}: [^\[\]]{0,20}\["
    stated = set(re.findall(claim, sections[1]))
    assert stated, "the judgements name no claim: the check below would mean nothing"
    later = "\n".join(sections[2:])
    assert not [c for c in stated if c in later], [c for c in stated if c in later]


def test_no_parameter_name_in_the_body(report):
    """The chapters (summary included) say what a parameter does in words; its name, a machine
    identifier, is printed only in Appendix D (issue 19)."""
    from manpower.vocabulary.params import SPEC

    _, texts = report
    names = [s.name for s in SPEC if "_" in s.name]  # identifiers; "title" or "sources" are also words
    for name, text in texts.items():
        shown = [n for n in names if re.search(rf"(?<![\w-]){n}(?![\w-])", text)]
        assert not shown, (name, shown)
