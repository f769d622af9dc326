"""Coverage is measured: every numeric or dated mention is curated, excluded, or reported."""
from conftest import read_table, write_table
from manpower.curated.data import examine


def unaccounted(data, seeds):
    return {c.source_id: c.unaccounted for c in examine(data, seeds).coverage}


def test_removing_an_exclusion_reports_its_mentions_with_lines(project_copy):
    data, seeds = project_copy
    header, rows = read_table(data / "exclusions.csv")
    rows = [r for r in rows if r[0] != "ex-ki-news-feed"]
    write_table(data / "exclusions.csv", header, rows)
    missing = unaccounted(data, seeds)["kyivindependent-2024-01-04"]
    found = {(line, m.text) for line, m in missing}
    assert {(45, "5"), (45, "50"), (49, "Nov. 21"), (49, "three"), (50, "59"), (54, "a day")} <= found


def test_a_new_sentence_with_a_number_fails_the_check(project_copy):
    data, seeds = project_copy
    seed = seeds / "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt"
    seed.write_text(seed.read_text() + "\nAnother 40,000 men were called up in October.\n")
    missing = unaccounted(data, seeds)["huffpost-2024-01-04"]
    texts = {(line, m.text) for line, m in missing}
    n = seed.read_text().count("\n")
    assert (n, "40,000") in texts and (n, "October") in texts


# --- a mention is what a reader reads as one (invented sentences) -----------------------------

def _unaccounted_texts(text, rows=(), exclusions=()):
    from manpower.curated.provenance import Seed, coverage
    from manpower.curated.rules import claim_of, exclusion_of
    from manpower.vocabulary.schema import TABLES

    seed = Seed("invented", "invented.txt", text)
    claims = [claim_of(TABLES[0], r) for r in rows]
    return [m.text for _, m in coverage(seed, claims, [exclusion_of(e) for e in exclusions]).unaccounted]


def test_a_money_unit_that_states_its_period_records_the_period_words():
    text = "Volunteers were offered 95,000 roubles a month and 40,000 euros a year by the invented agency."
    rows = [{"quote": "offered 95,000 roubles a month", "value": 95000.0, "unit": "rub_per_month"},
            {"quote": "40,000 euros a year", "value": 40000.0, "unit": "eur_per_year"}]
    assert _unaccounted_texts(text, rows) == []
    # a one-off sum states no period: "a month" next to it is still a mention of its own
    assert _unaccounted_texts(text, [dict(rows[0], unit="rub_one_off"), rows[1]]) == ["a month"]


def test_a_day_with_its_month_is_one_mention_named_whole_or_by_its_parts():
    from manpower.vocabulary.numbers import scan

    text = "The invented registry said on Sept. 3 and on 28 October that it had closed."
    assert [(m.kind, m.text) for m in scan(text)] == [("date", "Sept. 3"), ("date", "28 October")]
    passage = {"quote": text}
    assert _unaccounted_texts(text, exclusions=[dict(passage, mention="Sept. 3; 28 October")]) == []
    # an exclusion written before a date was one mention named its parts: it still holds
    assert _unaccounted_texts(text, exclusions=[dict(passage, mention="Sept.; 3; October; 28")]) == []
    assert _unaccounted_texts(text, exclusions=[dict(passage, mention="Sept.; October; 28")]) == ["Sept. 3"]
    # a count after a month is no day: "In March 1,500 men" keeps its count
    assert [(m.kind, m.text) for m in scan("In March 1,500 men enlisted.")] == [("date", "March"), ("number", "1,500")]
