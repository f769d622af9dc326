"""Coverage is measured: every numeric or dated mention is curated, excluded, or reported."""
from conftest import read_table, write_table
from manpower.data import examine


def unaccounted(data, seeds):
    return {c.source_id: c.unaccounted for c in examine(data, seeds).coverage}


def test_removing_an_exclusion_reports_its_mentions_with_lines(project_copy):
    data, seeds = project_copy
    header, rows = read_table(data / "exclusions.csv")
    rows = [r for r in rows if r[0] != "ex-ki-news-feed"]
    write_table(data / "exclusions.csv", header, rows)
    missing = unaccounted(data, seeds)["kyivindependent-2024-01-04"]
    found = {(line, m.text) for line, m in missing}
    assert {(45, "5"), (45, "50"), (49, "Nov."), (49, "21"), (49, "three"), (50, "59"), (54, "a day")} <= found


def test_a_new_sentence_with_a_number_fails_the_check(project_copy):
    data, seeds = project_copy
    seed = seeds / "huffpost-2024-01-04-putin-new-tactic-recruit-without-conscription.txt"
    seed.write_text(seed.read_text() + "\nAnother 40,000 men were called up in October.\n")
    missing = unaccounted(data, seeds)["huffpost-2024-01-04"]
    texts = {(line, m.text) for line, m in missing}
    n = seed.read_text().count("\n")
    assert (n, "40,000") in texts and (n, "October") in texts
