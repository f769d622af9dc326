"""`draft` proposes one candidate per claim and reads the words around it (issue 20), and
`manpower draft --score` measures it. Each sentence here is invented for the test.

Today's draft (before issue 20) wrote one row per scanned number: a range became two counts,
"95%" a third figure, "Nov. 20" a count of 20, "May" the hedge "may", "a day" a duration of one
year, and it read no claimant, claim date, period, side or measure at all: every assertion on
those cells below fails on it."""
import csv
import io
from datetime import date
from pathlib import Path

import pytest

from manpower.cli import main
from manpower.curation.draft import DRAFT_COLUMNS, propose
from manpower.curated.data import examine
from manpower.curation.draftscore import Score, matches, score_article, score_corpus
from manpower.vocabulary.numbers import scan
from manpower.curated.provenance import Seed
from project import FIXTURES, add_and_draft, build_project

PUBLISHED = date(2024, 4, 10)  # a Wednesday


def rows(text, published=PUBLISHED, outlet="Test Wire"):
    seed = Seed("invented-2024-04-10", "", text)
    return propose(seed.source_id, seed, [(seed.line_of(m.start), m) for m in scan(seed.text)], published, outlet)


def one(text, **kw):
    got = rows(text, **kw)
    assert len(got) == 1, [(r["mention"], r["value"], r["low"], r["high"]) for r in got]
    return got[0]


def figure(r):
    return r["value"], r["low"], r["high"]


# --- one candidate per claim ----------------------------------------------------------------

@pytest.mark.parametrize("text, low, high, qualifier", [
    ("The institute said 35,500–43,000 Russian soldiers were wounded.", "35500", "43000", ""),
    ("Officials said between 40,000 and 55,000 men were mobilised.", "40000", "55000", "between"),
    ("The monitor said from 3,000 to 4,000 soldiers were killed in March.", "3000", "4000", "to"),
])
def test_a_range_is_one_candidate_with_its_stated_bounds(text, low, high, qualifier):
    r = one(text)
    assert figure(r) == ("", low, high) and r["bounds"] == "stated" and r["qualifier"] == qualifier
    assert r["kind"] == "estimate"


def test_a_change_from_one_number_to_another_is_two_rules_not_a_range():
    got = rows("The invented parliament voted on Tuesday to raise the maximum conscription age from 27 to 30.")
    figures = [r for r in got if r["table"] == "conscription"]
    assert [(r["value"], r["regime"], r["measure"], r["unit"]) for r in figures] == \
        [("27", "before", "max_age", "age_years"), ("30", "after", "max_age", "age_years")]
    assert [r["category"] for r in got if r["table"] == "events"] == ["law_passed"]


def test_an_interval_with_its_level_is_one_row_and_the_level_is_no_count():
    r = one("The team estimates with 95% confidence that between 66,000 and 88,000 soldiers died.")
    assert figure(r) == ("", "66000", "88000") and (r["kind"], r["level"], r["bounds"]) == ("interval", "95", "stated")


def test_a_point_with_its_interval_is_one_row():
    r = one("Researchers estimated that roughly 47,000 soldiers were killed, with a 95% interval of 40,000 to 55,000.")
    assert figure(r) == ("47000", "40000", "55000")
    assert (r["qualifier"], r["kind"], r["level"], r["bounds"]) == ("roughly", "interval", "95", "stated")


def test_a_median_with_its_range_is_one_central_row():
    r = one("Their median estimate is 75,000, within a range of 66,000 to 88,000.")
    assert figure(r) == ("75000", "66000", "88000") and (r["kind"], r["bounds"]) == ("central", "stated")


def test_an_approximate_count_has_whole_bounds_that_check_would_imply():
    from manpower.vocabulary.qualifiers import implied_bounds

    r = one("The invented Delta Institute estimates that about 332,810 soldiers have been killed.")
    assert (r["low"], r["high"]) == ("316169", "349451")
    assert implied_bounds("about", 332810.0, None, None, "people") == (316169.0, 349451.0)


def test_parts_of_a_total_name_it_and_a_stated_breakdown_shares_its_group():
    got = rows("The ministry said 3,000 of its citizens were recruited. "
               "The ministry said 150 of those recruits had been killed and 120 repatriated.")
    total, killed, home = got
    assert (killed["part_of"], home["part_of"]) == (total["id"], total["id"])
    assert (killed["aspect"], home["aspect"]) == ("killed", "repatriated") and total["part_of"] == ""
    got = rows("The army counted about 20,000 soldiers killed or wounded. "
               "It split the total by force: 15,000 in the regular army and 5,000 in a private military company.")
    total, army, pmc = got
    assert army["part_of"] == pmc["part_of"] == total["id"]
    assert army["group"] == pmc["group"] == total["group"] != ""
    assert (army["scope_class"], pmc["scope_class"]) == ("regular_forces", "private_military_company")
    assert army["measure"] == pmc["measure"] == "killed_or_wounded"  # the total's, named nowhere near them


# --- what is never a count ------------------------------------------------------------------

@pytest.mark.parametrize("text, count", [
    ("The ministry said on Nov. 20 that 1,200 soldiers were killed.", "1200"),
    ("On 20 November 2023 the ministry said 300 men signed contracts at 10:30 in the office.", "300"),
    ("In May 2023, officials said 500 soldiers deserted.", "500"),
    ("The ministry said 800 soldiers were wounded in 2023.", "800"),
    ("A 19-year-old soldier said 40 men were captured near the Su-34 wreck.", "40"),
    ("Under Decree No. 757, the ministry said, 600 men were mobilised.", "600"),
    ("The 155th Brigade lost 70 soldiers killed, the ministry said.", "70"),
])
def test_dates_years_times_ages_and_names_are_never_counts(text, count):
    r = one(text)
    assert r["value"] == count and r["unit"] == "people"


def test_an_age_window_is_one_rule_not_two_counts():
    r = one("Men aged 18 to 30 will be called up, the ministry said.")
    assert (r["table"], r["measure"], r["unit"], r["kind"]) == ("conscription", "age_window", "age_years", "rule")
    assert figure(r) == ("", "18", "30") and r["bounds"] == "stated"


def test_money_has_its_currency_and_period_and_is_no_count():
    a, b = rows("Recruits are promised $2,000 a month and a bonus of 500,000 roubles, the ministry said.")
    assert (a["unit"], a["kind"], b["unit"], b["kind"]) == ("usd_per_month", "rule", "rub_one_off", "rule")


def test_may_the_month_is_no_hedge_and_may_the_verb_is():
    assert one("In May 2023, officials said 500 soldiers deserted.")["hedge"] == ""
    assert one("Officials said on May 3 that 500 soldiers deserted.")["hedge"] == ""
    r = one("Officials said 500 soldiers may have deserted.")
    assert (r["hedge"], r["kind"]) == ("may", "hedged")


def test_a_day_after_a_number_makes_a_rate_not_a_year():
    r = one("At least 30 men a day sign contracts, the office said.")
    assert (r["value"], r["unit"], r["qualifier"], r["kind"]) == ("30", "people_per_day", "at least", "floor")
    assert one("About 40 men a week join, the office said.")["unit"] == "people_per_week"


def test_hedges_and_qualifiers_are_whole_words():
    r = one("The mayor said 700 men enlisted by the will of the people.")
    assert (r["hedge"], r["qualifier"], r["kind"]) == ("", "", "count")
    assert one("The handsome 700 volunteers enlisted, the mayor said.")["qualifier"] == ""


# --- the words around the number ------------------------------------------------------------

def test_the_claimant_comes_from_the_attribution():
    r = one("About 9,000 Ukrainian soldiers were killed last year, according to the Riverland Institute.")
    assert (r["claimant"], r["claimant_type"]) == ("Riverland Institute", "independent_researchers")
    r = one("The Westland Defence Ministry estimated on Tuesday that 20,000 soldiers were wounded.")
    assert (r["claimant"], r["claimant_type"], r["kind"]) == ("Westland Defence Ministry", "western_government", "estimate")
    first, second = rows("The Coastal Monitor said on Monday that 40 men signed contracts. It said 12 more enlisted.")
    assert second["claimant"] == "Coastal Monitor" and second["claim_date"] == first["claim_date"] == "2024-04-08"


def test_the_claim_date_and_period_resolve_against_the_publication_date():
    r = one("The general staff told reporters on Tuesday that 2,000 Nepali citizens were recruited over the past five months.")
    assert (r["claim_date"], r["claim_date_precision"], r["claim_date_words"]) == ("2024-04-09", "day", "on Tuesday")
    assert (r["period_start"], r["period_end"], r["basis"]) == ("2023-11", "2024-03", "flow")
    r = one("About 9,000 Ukrainian soldiers were killed last year, according to the Riverland Institute.")
    assert (r["period_start"], r["period_end"], r["period_words"]) == ("2023", "2023", "last year")
    r = one("The ministry said on Monday that 45,000 soldiers were killed since the invasion began in February 2022.")
    assert (r["period_start"], r["period_end"], r["basis"], r["claim_date"]) == ("2022-02", "2024-04", "cumulative", "2024-04-08")
    r = one("The ministry said 5,000 men were missing as of March 1.")
    assert (r["period_end"], r["basis"]) == ("2024-03-01", "stock")


def test_side_nationality_and_measure_come_from_the_words_next_to_the_number():
    a, b = rows("The general staff said 1,200 Russian soldiers were captured and 800 were wounded, "
                "while Ukraine counts 300 of its own soldiers missing.")[:2]
    c = rows("The general staff said 1,200 Russian soldiers were captured and 800 were wounded, "
             "while Ukraine counts 300 of its own soldiers missing.")[2]
    assert [(r["measure"], r["side"]) for r in (a, b, c)] == [("captured", "russian"), ("wounded", "russian"),
                                                              ("missing", "ukrainian")]
    r = one("The general staff said 2,000 Nepali citizens were recruited.")
    assert (r["table"], r["aspect"], r["side"]) == ("foreign", "recruited", "other")
    r = one("The ministry said 4,500 men signed contracts.")
    assert (r["table"], r["channel"], r["side"]) == ("inflows", "contract_signups", "russian")


def test_what_draft_is_unsure_of_goes_to_the_review_column():
    r = one("There were 4,000 of them.")
    assert "claimant" in r["review"] and "losses is a guess" in r["review"]
    assert "review" in DRAFT_COLUMNS
    assert one("The Riverland Institute said 4,000 soldiers were killed in March.")["review"] == ""
    assert "to fill: basis" in one("The Riverland Institute said 4,000 soldiers were killed.")["review"]


# --- the draft's rows, kept as they are, pass check ------------------------------------------

def test_the_drafted_rows_of_an_invented_article_pass_check_when_kept(tmp_path):
    """Each figure row of a draft, copied into its table with only its id kept, gives check no
    problem about it (the draft is consistent with the codebook's rules, not only loadable)."""
    root = build_project(tmp_path / "p", fixtures=False)
    sid = "riverland-test-2024-10-02"
    draft = add_and_draft(root, tmp_path / "a.txt", "INVENTED FOR TESTS - not a real article; every name, figure and quote in it is made up.\n\n"
                       "The invented Riverland Institute said on Monday that roughly 47,000 Russian soldiers have been "
                       "killed since the invasion began in February 2022, with a 95% interval of 40,000 to 55,000.\n\n"
                       "It said around 5,000 to 6,000 Russian soldiers have deserted.\n\n"
                       "Recruits get a single payment of 1,000,000 roubles, the institute said.\n\n"
                       "The institute was founded in 2015 in Vell.\n", sid, "Riverland Test", "2024-10-02")
    assert [r["table"] for r in draft] == ["losses", "losses", "inflows", "exclusions"], draft
    assert all(r["review"] == "" for r in draft[:3]) and "no figure here" in draft[3]["review"], draft
    assert (draft[3]["mention"], draft[3]["reason"]) == ("2015", "context")
    for r in draft:
        path = root / "data" / f"{r['table']}.csv"
        text = path.read_text(encoding="utf-8")
        header = next(csv.reader(io.StringIO(text)))
        buf = io.StringIO()
        csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(
            {c: r.get(c, "") for c in header})
        path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")
    result = examine(root / "data", root / "seeds")
    assert not [str(p) for p in result.problems], [str(p) for p in result.problems]
    cov = next(c for c in result.coverage if c.source_id == sid)
    assert not cov.unaccounted, cov.unaccounted  # the dates went into the rows' words: every mention is curated


# --- the score -------------------------------------------------------------------------------

def test_the_score_matches_on_table_figure_and_quote_and_counts_duplicates_apart():
    curated = [("losses", {"id": "a", "source_id": "s", "measure": "killed", "value": "", "low": "10", "high": "20",
                           "quote": "between 10 and 20 died", "note": "free"})]
    right = {"table": "losses", "id": "c1", "source_id": "s", "measure": "killed", "low": "10", "high": "20",
             "quote": "They said between 10 and 20 died."}
    assert matches("losses", curated[0][1], right)
    assert not matches("inflows", curated[0][1], right)
    assert not matches("losses", curated[0][1], {**right, "measure": "wounded"})
    assert not matches("losses", curated[0][1], {**right, "low": "", "value": "10"})
    junk = {**right, "id": "c3", "low": "", "high": "", "value": "95"}
    s = score_article(curated, [right, dict(right, id="c2"), junk])
    assert (s.matched, s.junk, s.candidates, s.curated) == (1, 1, 3, 1)  # the duplicate is neither right nor junk
    # counted cells: source_id, measure, low, high, quote (id and note are not); all right
    assert (s.cells, s.cells_right) == (5, 5)
    assert Score("x").figures == {"precision": None, "recall": None, "junk": None, "cells": None}


def test_score_on_the_fixture_articles_meets_its_floors():
    """The floors are issue 20's targets (at least 70 % of the kept rows' cells, 80 % recall, at
    most 10 % junk), not what the draft reaches today: an invented article added to the
    fixtures may lower the score without failing the suite while the targets still hold. The
    figures themselves go to `make bench`."""
    s = score_corpus(FIXTURES)
    f = s.figures
    assert f["recall"] >= 0.80 and f["junk"] <= 0.10 and f["cells"] >= 0.70, s.line()


def test_draft_score_command_prints_a_line_per_corpus_and_refuses_a_folder_that_is_none(capsys, tmp_path):
    assert main(["draft", "--score", str(FIXTURES), "--verbose"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{FIXTURES}: precision") and "recall" in out[0] and "junk" in out[0] and "cells" in out[0]
    assert len(out) > 1 and all(line.startswith("  ") for line in out[1:])
    assert main(["draft", "--score", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(tmp_path) in err[0] and "not a corpus" in err[0]


def test_a_wire_dateline_dates_the_weekday_and_since_a_date_starts_a_cumulative_period():
    text = ("KYIV, March 14 (Invented Wire) - Russia lost about 1,150 soldiers over the past day, the invented "
            "General Staff said on Thursday, bringing its count of Russian losses since Feb. 24, 2022 to 432,000.\n")
    day, total = rows(text, published=date(2024, 4, 3))
    assert day["claim_date"] == total["claim_date"] == "2024-03-14"  # the Thursday of the dateline, not of publication
    assert (day["period_start"], day["period_end"], day["measure"]) == ("2024-03-13", "2024-03-13", "killed_or_wounded")
    assert (total["period_start"], total["basis"], total["value"]) == ("2022-02", "cumulative", "432000")


def test_parts_of_a_foreign_total_stay_in_its_table_and_an_unknown_aspect_is_left_to_review():
    got = rows("The invented Nepalia ministry said 412 Nepalian citizens have joined the Russian army. "
               "Of these, 23 have been killed and 7 are missing.")
    total, killed, missing = got
    assert [r["table"] for r in got] == ["foreign"] * 3 and killed["part_of"] == missing["part_of"] == total["id"]
    assert (killed["aspect"], missing["aspect"]) == ("killed", "") and "what is counted" in missing["review"]


def test_a_sentence_with_dates_but_no_figure_is_proposed_as_an_exclusion_and_a_figure_sentence_has_no_date_rows():
    got = rows("The institute was founded in 2015 in Vell. The Riverland Institute said on Monday that 900 soldiers "
               "were killed in March.")
    assert [(r["table"], r["mention"]) for r in got] == [("exclusions", "2015"), ("losses", "900")]
    assert (got[1]["claim_date_words"], got[1]["period_words"]) == ("on Monday", "in March")


def test_the_rows_draft_leaves_without_review_pass_check_for_every_fixture_article(tmp_path):
    """For each invented fixture article drafted from nothing (its curated rows removed), the rows
    whose `review` cell is empty, copied as they are into their tables, give check no problem:
    whatever draft is unsure of, or could not fill, it says in `review`."""
    from manpower.curation.draft import draft
    from project import fixture_sources

    for sid in fixture_sources():
        root = build_project(tmp_path / sid, only=[sid])
        for table in (root / "data").glob("*.csv"):
            lines = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
            at = lines[0].index("source_id")
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows([lines[0]] + [r for r in lines[1:] if r[at] != sid])
            table.write_text(buf.getvalue(), encoding="utf-8")
        path, _ = draft(sid, root / "data", root / "seeds", root / "drafts")
        for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            if r["review"]:
                continue
            target = root / "data" / f"{r['table']}.csv"
            text = target.read_text(encoding="utf-8")
            header = next(csv.reader(io.StringIO(text)))
            buf = io.StringIO()
            csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(
                {c: r.get(c, "") for c in header})
            target.write_text(text + buf.getvalue(), encoding="utf-8")
        problems = [str(p) for p in examine(root / "data", root / "seeds").problems]
        assert not problems, (sid, problems)


def test_the_score_with_no_corpus_named_scores_the_fixtures_then_every_blind_set_apart_sorted(tmp_path):
    from manpower.curation.draftscore import default_corpora

    for name in ("", "blind2", "blind", "blind10", "examples"):
        (tmp_path / "tests" / "fixtures" / name / "seeds").mkdir(parents=True, exist_ok=True)
    (tmp_path / "tests" / "fixtures" / "blind3").mkdir()  # no seeds/: no corpus
    assert [name for _, name in default_corpora(tmp_path)] == [
        str(Path("tests") / "fixtures" / n) for n in ("", "blind", "blind10", "blind2")]


def test_a_list_of_figures_is_read_line_by_line_and_a_source_in_brackets_is_the_claimant():
    got = rows("Key figures (invented):\n\n- Russian soldiers killed: 120,000 (Westland estimate)\n"
               "- Wounded: 180,000–240,000\n- Men mobilised in 2022: 300,000\n")
    assert [(r["table"], r["measure"] or r["channel"], figure(r)) for r in got] == [
        ("losses", "killed", ("120000", "120000", "120000")), ("losses", "wounded", ("", "180000", "240000")),
        ("inflows", "partial_mobilisation", ("300000", "300000", "300000"))]
    assert got[0]["claimant"] == "Westland" and got[2]["period_start"] == "2022"
    assert [r["quote"] for r in got] == ["- Russian soldiers killed: 120,000 (Westland estimate)",
                                         "- Wounded: 180,000–240,000", "- Men mobilised in 2022: 300,000"]


def test_a_quote_then_its_speaker_and_a_dateline_name_the_claimant_and_formations_are_things():
    first, plan, armies = rows(
        "MOSCOW, Jan. 10 (Invented Agency) - Russia's Defence Minister said on Tuesday that more than 452,000 people "
        "signed contracts last year.\n\n\"The plan is to recruit 400,000 more,\" the minister said, adding that the "
        "army would form two new combined-arms armies.\n", published=date(2024, 1, 11))
    assert (first["claimant"], first["claimant_type"], first["claim_date"]) == \
        ("Russia's Defence Minister", "russian_official", "2024-01-09")
    assert plan["claimant"] == "Russia's Defence Minister" and plan["unit"] == "people"
    assert (armies["value"], armies["unit"]) == ("2", "things")


# --- rules a reporter recognises, each found missing on the blind-written articles (invented sentences) ---

def test_the_claimant_is_the_name_just_before_the_verb_even_after_a_figure():
    r = next(r for r in rows("Drawing on records from 320 depots, the Vessel Institute's analysts estimate that 12,000 "
                             "Russian soldiers were killed in March.") if r["value"] == "12000")
    assert (r["value"], r["claimant"], r["claimant_type"]) == ("12000", "Vessel Institute's analysts", "independent_researchers")
    first, later = rows("- Kenyan recruits: 70 recruited, Kenya's labour ministry said on Monday; 5 killed.")
    assert first["claimant"] == later["claimant"] == "Kenya labour ministry"


def test_an_anonymous_official_is_named_as_such_and_a_western_one_is_a_western_government():
    r = one("A Western diplomat, speaking on condition of anonymity, said 90,000 Russian soldiers were wounded in March.")
    assert (r["claimant"], r["claimant_type"]) == ("Western diplomat (anonymous)", "western_government")


@pytest.mark.parametrize("text, table, column, measure", [
    ("The ministry said 6,000 Russian soldiers were killed and wounded in March.", "losses", "measure", "killed_or_wounded"),
    ("The ministry said 900 Russian soldiers surrendered in March.", "losses", "measure", "captured"),
    ("Officials said 45 of the Kenyan recruits were sent home in March.", "foreign", "aspect", "repatriated"),
])
def test_what_is_counted_killed_and_wounded_surrendered_sent_home_deaths(text, table, column, measure):
    r = one(text)
    assert (r["table"], r[column]) == (table, measure)


def test_deaths_name_the_losses_table_after_a_sentence_on_recruits():
    got = rows("The ministry said 400 men signed contracts in March. It put Russian deaths at 3,000 in March.")
    assert (got[-1]["value"], got[-1]["table"], got[-1]["measure"]) == ("3000", "losses", "killed")


@pytest.mark.parametrize("text, count", [
    ("Major Ilya Brand, 47, said 300 Russian soldiers were killed in March.", "300"),
    ("The staff said 250 Russian soldiers were wounded in the past 24 hours.", "250"),
    ("Two years after the invasion, the ministry said 800 Russian soldiers deserted in March.", "800"),
    ("The ministry's 60-page report, with 14 annexes, said 700 Russian soldiers deserted in March.", "700"),
    ("The ministry said 500 Russian soldiers deserted in March; relatives can call its hotline at 1520.", "500"),
])
def test_an_age_a_period_a_time_reference_a_document_and_a_phone_number_are_no_figures(text, count):
    assert [r["value"] for r in rows(text) if r["table"] != "exclusions"] == [count]


def test_a_vote_tally_is_no_manpower_figure():
    got = rows("The ministry said 700 Russian soldiers deserted in March. The bill failed: 190 deputies backed it and "
               "226 were needed.")
    assert [r["value"] for r in got if r["table"] != "exclusions"] == ["700"]


def test_last_seasons_call_up_round_is_conscripts_called_in_that_season():
    r = one("Russia called up 140,000 men in last spring's round, the ministry said.", published=date(2024, 11, 10))
    assert (r["table"], r["measure"], r["period_start"], r["period_end"]) == ("conscription", "conscripts_called", "2024-03", "2024-05")
    r = one("Moldova calls up 9,000 men, the ministry said.")
    assert r["table"] == "conscription"


def test_people_captured_or_killed_are_losses_whatever_they_were():
    r = one("Ukrainian forces said they captured 45 Russian conscripts in March.")
    assert (r["table"], r["measure"], r["side"]) == ("losses", "captured", "russian")


def test_a_term_of_service_is_a_rule_not_a_period():
    r = one("Conscripts serve for 18 months, the ministry said.")
    assert (r["table"], r["measure"], r["value"], r["unit"], r["kind"]) == ("conscription", "service_length", "18", "months", "rule")


def test_a_headline_that_the_body_restates_is_a_duplicate_not_a_candidate():
    got = rows("Invented army signs up 2,500 men a week\n\nThe ministry said on Monday that 2,500 men a week sign contracts.\n")
    figures = [r for r in got if r["table"] != "exclusions"]
    assert [(r["value"], r["seed_line"]) for r in figures] == [("2500", "3")]
    assert [(r["reason"], r["mention"]) for r in got if r["table"] == "exclusions"] == [("duplicate", "2,500")]


def test_money_promised_to_foreign_recruits_is_an_incentive():
    got = rows("Kenya's labour ministry said 70 Kenyans were recruited. Recruiters promised them $1,800 a month.")
    assert (got[-1]["table"], got[-1]["aspect"], got[-1]["unit"]) == ("foreign", "incentive", "usd_per_month")


@pytest.mark.parametrize("text, count", [
    ("March was the worst month for desertion in a year, with 600 Russian soldiers gone, the ministry said.", "600"),
    ("The ministry said 600 Kenyan recruits were killed. The youngest known to have died was 20, it said.", "600"),
    ("According to the exile group Volna 17, about 300 Kenyans were recruited in March.", "300"),
])
def test_in_a_year_an_age_after_youngest_and_a_name_with_digits_are_no_figures(text, count):
    assert [r["value"] for r in rows(text) if r["table"] != "exclusions"] == [count]


def test_a_statement_that_carries_figures_dates_them_and_is_no_event():
    got = rows("Some 3,000 contracts were signed in March, the ministry said in a statement on April 2.")
    assert [r["table"] for r in got] == ["inflows"] and got[0]["claim_date"] == "2024-04-02"


def test_a_national_institution_is_named_as_the_codebook_writes_it():
    assert one("Russia's defence ministry said 800 men signed contracts in March.")["claimant"] == "Russian defence ministry"
    assert one("Ukraine's general staff said 900 Russian soldiers were killed in March.")["claimant"] == "Ukrainian general staff"
    assert one("Kenya's labour ministry said 70 Kenyans were recruited in March.")["claimant"] == "Kenya labour ministry"
    # a possessive that is no country's institution stays as written
    assert one("The Vessel Institute's analysts said 700 Russian soldiers were killed in March.")["claimant"] == \
        "Vessel Institute's analysts"


def test_by_the_end_of_a_month_closes_a_cumulative_period_and_later_sentences_carry_it():
    first, later = rows("The institute estimates that 90,000 Russian soldiers had died since the invasion by the end of "
                        "February. Their median estimate is 95,000.")
    assert (first["period_start"], first["period_end"], first["period_words"], first["basis"]) == \
        ("2022-02", "2024-02", "since the invasion by the end of February", "cumulative")
    assert (later["period_start"], later["period_end"], later["basis"]) == ("2022-02", "2024-02", "cumulative")


def test_a_total_then_a_colon_and_its_parts_is_a_breakdown_in_one_sentence():
    total, army, pmc = rows("In all, 9,000 men signed contracts in March, the ministry said: 7,000 with the regular forces "
                            "and 2,000 with the Steppe Legion, a private military company.")
    assert army["part_of"] == pmc["part_of"] == total["id"] and total["part_of"] == ""
    assert army["group"] == pmc["group"] == total["group"] != ""
    assert (army["scope_class"], pmc["scope_class"]) == ("regular_forces", "private_military_company")
    assert (army["scope"], pmc["scope"]) == ("regular forces", "Steppe Legion, a private military company")


def test_a_statement_read_by_an_official_names_the_claimant_of_the_quoted_paragraphs_and_its_date():
    got = rows("The paper prints the statement read by Deputy Minister Ivan Sorel at a briefing in Moscow on Wednesday.\n\n"
               "\"In all, 5,000 men signed contracts in March.\n\n\"On Tuesday the President signed a decree. Every recruit "
               "receives 300,000 roubles.\"\n")
    figures = [r for r in got if r["table"] == "inflows"]
    assert [r["claimant"] for r in figures] == ["Deputy Minister Ivan Sorel"] * 2
    assert [r["claimant_type"] for r in figures] == ["russian_official"] * 2
    assert [r["claim_date"] for r in figures] == ["2024-04-10"] * 2  # the statement's day, not the decree's


def test_a_lists_lead_in_as_of_a_date_dates_each_item_of_the_list():
    got = rows("The paper gathered the figures released as of March 3:\n\n- Kenyan recruits: 70 recruited, the labour "
               "ministry said; 5 killed.\n- Ugandan recruits: 40 recruited, officials said.\n")
    figures = [r for r in got if r["table"] == "foreign"]
    assert [r["value"] for r in figures] == ["70", "5", "40"]
    assert [(r["period_end"], r["period_words"]) for r in figures] == [("2024-03-03", "as of March 3")] * 3


def test_events_counted_as_of_a_date_are_cumulative_and_people_held_or_missing_are_a_stock():
    r = one("As of March 3, 1,200 Russian soldiers had been killed, the ministry said.")
    assert (r["period_start"], r["period_end"], r["basis"]) == ("2022-02", "2024-03-03", "cumulative")
    r = one("The ministry said it holds 300 Russian prisoners of war as of March 3.")
    assert (r["period_start"], r["period_end"], r["basis"]) == ("", "2024-03-03", "stock")


@pytest.mark.parametrize("text, claimant, kind", [
    ("A Ukrainian regional official, Olena Vasko, said 300 Ukrainian soldiers were missing in March.", "Olena Vasko",
     "ukrainian_official"),
    ("Kenya's labour ministry said 70 Kenyans were recruited in March.", "Kenya labour ministry", "foreign_government"),
    ("Ukraine's coordination headquarters said 300 Russian soldiers were captured in March.",
     "Ukrainian coordination headquarters", "ukrainian_official"),
    ("Ukrainian forces said they captured 45 Russian soldiers in March, a claim Moscow denied.", "Ukrainian forces",
     "ukrainian_official"),
])
def test_the_claimant_type_comes_from_the_role_the_country_and_who_made_the_claim(text, claimant, kind):
    r = next(r for r in rows(text) if r["table"] != "events")
    assert (r["claimant"], r["claimant_type"]) == (claimant, kind)
