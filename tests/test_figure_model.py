"""The figure model's rules (issue 9), each proved on a copy of the project: strict coverage,
whole-word qualifiers, ASCII number cells, quote length, event dates against their words,
kinds with their companions, part_of and groups."""
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from manpower.core import dates as D
from manpower.curated.data import examine
from manpower.vocabulary.numbers import NumberError, parse_number
from manpower.vocabulary.qualifiers import written_in
from manpower.vocabulary.schema import TABLES

HP = "huffpost-2024-01-04"
TABLE = {t.name: t for t in TABLES}


def add_rows(path, *rows):
    """Append rows (dicts; missing columns empty) to a curated CSV; return their line numbers."""
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    first = len(list(csv.reader(io.StringIO(text)))) + 1
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    for r in rows:
        w.writerow({c: r.get(c, "") for c in header})
    path.write_text(text + buf.getvalue(), encoding="utf-8")
    return list(range(first, first + len(rows)))


def append_to_seed(seeds, sentence):
    seed = next(seeds.glob("huffpost-*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")


def loss(**kw):
    row = {"source_id": HP, "claimant": "An invented ministry", "claimant_type": "western_government",
           "measure": "killed", "period_start": "2022-02", "period_end": "2023-12", "unit": "people",
           "kind": "count", "bounds": "convention", "basis": "cumulative", "side": "russian",
           "claim_date": "2023-12", "claim_date_precision": "month"}
    row.update(kw)
    if "value" in row and "low" not in row and not row.get("qualifier"):
        row["low"] = row["high"] = row["value"]
    return row


def rules(data, seeds):
    return [str(p) for p in examine(data, seeds).problems]


def unaccounted(data, seeds, source=HP):
    cov = {c.source_id: c for c in examine(data, seeds).coverage}[source]
    return [m.text for _, m in cov.unaccounted]


SENTENCE = "The invented ministry said 40,000 were killed and 12,000 were wounded in December."


def test_a_sentence_with_two_numbers_of_which_one_is_curated_is_unaccounted(project_copy):
    data, seeds = project_copy
    append_to_seed(seeds, SENTENCE)
    add_rows(data / "losses.csv", loss(id="loss-test-killed", value="40000", quote=SENTENCE, claim_date_words="in December"))
    assert rules(data, seeds) == []
    assert unaccounted(data, seeds) == ["12,000"]
    add_rows(data / "losses.csv", loss(id="loss-test-wounded", measure="wounded", value="12000", quote=SENTENCE))
    assert unaccounted(data, seeds) == []


def test_a_whole_passage_exclusion_does_not_account_for_a_curated_quote(project_copy):
    data, seeds = project_copy
    append_to_seed(seeds, SENTENCE)
    add_rows(data / "losses.csv", loss(id="loss-test-killed", value="40000", quote=SENTENCE, claim_date_words="in December"))
    add_rows(data / "exclusions.csv", {"id": "ex-test", "source_id": HP, "reason": "context", "quote": SENTENCE})
    assert unaccounted(data, seeds) == ["12,000"]
    add_rows(data / "exclusions.csv", {"id": "ex-test-named", "source_id": HP, "reason": "context", "quote": SENTENCE,
                                       "mention": "12,000", "note": "the wounded are another story"})
    assert unaccounted(data, seeds) == [] and rules(data, seeds) == []


def test_an_exclusion_mention_must_stand_in_its_passage(project_copy):
    data, seeds = project_copy
    [line] = add_rows(data / "exclusions.csv", {"id": "ex-test", "source_id": HP, "reason": "context",
                                                "quote": "Keeping the public on side is particularly important", "mention": "1999"})
    assert any(f"exclusions.csv:{line}: column 'mention'" in p and "[mention-in-quote]" in p for p in rules(data, seeds))


def test_qualifiers_are_matched_as_whole_words():
    assert not written_in("to", "a total of 40,000")
    assert written_in("to", "aged 18 to 30")
    assert written_in("upwards of", "upwards  of 40,000")
    assert not written_in("some", "someone said 40,000")


def test_qualifier_found_only_inside_another_word_is_refused(project_copy):
    data, seeds = project_copy
    s = "The invented ministry counted a total of 40,000 killed."
    append_to_seed(seeds, s)
    [line] = add_rows(data / "losses.csv", loss(id="loss-test", value="40000", qualifier="some", low="38000", high="42000",
                                                 kind="estimate", quote=s))
    found = rules(data, seeds)
    assert any(f"losses.csv:{line}: column 'qualifier'" in p and "[qualifier-in-quote]" in p for p in found), found


@pytest.mark.parametrize("cell", ["3.02e5", "302_000", "302,000", "٣٠٢٠٠٠", "３０２０００", "nan", "inf", "-5", "+5", "1.", ".5", "0x10"])
def test_number_cells_are_ascii_digits_only(project_copy, cell):
    data, seeds = project_copy
    from conftest import set_cell
    line = set_cell(data / "losses.csv", "loss-ukmod-2023-11-killed-wounded", "value", cell)
    found = rules(data, seeds)
    assert len(found) == 1, found
    assert f"losses.csv:{line}: column 'value':" in found[0] and "[type]" in found[0]


@given(st.text(max_size=30))
@settings(max_examples=400, deadline=None)
def test_number_parser_never_crashes(text):
    try:
        n = parse_number(text)
    except NumberError:
        return
    assert n >= 0 and text.strip().isascii()


@given(st.text(max_size=30), st.sampled_from(D.PRECISIONS + ("week",)))
@settings(max_examples=400, deadline=None)
def test_date_parsers_raise_only_value_errors(text, precision):
    for parse in (lambda: D.resolve(text, precision), lambda: D.partial_range(text)):
        try:
            start, end = parse()
        except ValueError:
            continue
        assert start <= end


@given(st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"))
@settings(max_examples=200, deadline=None)
def test_date_like_cells_give_one_line_never_a_traceback(text):
    from manpower.curated.tables import parse_cell
    problems = []
    col = TABLE["losses"].column("period_start")
    parse_cell(col, text, "data/losses.csv", 2, problems)
    assert len(problems) <= 1
    assert all(p.file == "data/losses.csv" and p.line == 2 and p.column == "period_start" for p in problems)


@pytest.mark.parametrize("cell", ["0000", "0000-01", "٢٠٢٣-١١", "２０２３"])
def test_odd_dates_are_one_line(project_copy, cell):
    data, seeds = project_copy
    from conftest import set_cell
    line = set_cell(data / "losses.csv", "loss-ukmod-2023-11-killed-wounded", "period_start", cell)
    found = rules(data, seeds)
    assert len(found) == 1 and f"losses.csv:{line}: column 'period_start':" in found[0], found


def test_a_short_quote_is_refused(project_copy):
    data, seeds = project_copy
    from conftest import set_cell
    line = set_cell(data / "events.csv", "ev-putin-no-mobilisation-2023-12-14", "quote", "the")
    found = rules(data, seeds)
    assert any(f"events.csv:{line}: column 'quote'" in p and "[quote-length]" in p for p in found), found


@pytest.mark.parametrize("date, words, fragment", [
    ("2023-12-15", "on Dec. 14", "day 14"),
    ("2023-11-14", "on Dec. 14", "December"),
    ("2022-12-14", "on Dec. 14 2023", "2023"),
])
def test_an_event_date_must_agree_with_its_words(project_copy, date, words, fragment):
    data, seeds = project_copy
    from conftest import set_cell
    set_cell(data / "events.csv", "ev-putin-no-mobilisation-2023-12-14", "date", date)
    line = set_cell(data / "events.csv", "ev-putin-no-mobilisation-2023-12-14", "date_words", words)
    found = [p for p in rules(data, seeds) if "[date-words]" in p or "[words-in-quote]" in p]
    assert any(f"events.csv:{line}:" in p and fragment in p for p in found), found


def test_a_weekday_must_match_the_date(project_copy):
    data, seeds = project_copy
    from conftest import set_cell
    line = set_cell(data / "events.csv", "ev-citizenship-decree-2024-01-04-hp", "date", "2024-01-05")
    found = rules(data, seeds)
    assert any(f"events.csv:{line}: column 'date'" in p and "Thursday" in p for p in found), found


BREAKDOWN = "The invented ministry counted 1,000 dead in all: 600 in the army and 300 in a private company."


@pytest.mark.parametrize("change, rule", [
    ({}, None),
    ({"part_of": "loss-nope"}, "part-of"),
    ({"value": "300", "group_sum": "wrong"}, "breakdown-sum"),
])
def test_parts_and_groups(project_copy, change, rule):
    data, seeds = project_copy
    sentence = BREAKDOWN if change.get("group_sum") != "wrong" else BREAKDOWN
    append_to_seed(seeds, sentence)
    whole = loss(id="loss-test-all", value="1000", quote=BREAKDOWN, group="test-breakdown")
    army = loss(id="loss-test-army", value="600", quote=BREAKDOWN, group="test-breakdown", part_of="loss-test-all", scope="army", scope_class="regular_forces")
    pmc = loss(id="loss-test-pmc", value="300", quote=BREAKDOWN, group="test-breakdown", part_of=change.get("part_of", "loss-test-all"),
               scope="private military company", scope_class="private_military_company")
    # 600 + 300 = 900 is not 1,000: a stated breakdown must add up; with the PMC as 400 it would
    lines = add_rows(data / "losses.csv", whole, army, pmc)
    found = rules(data, seeds)
    if rule == "part-of":
        assert any(f"losses.csv:{lines[2]}: column 'part_of'" in p and "[part-of]" in p for p in found), found
    else:
        assert any(f"losses.csv:{lines[0]}: column 'value'" in p and "[breakdown-sum]" in p and "900" in p for p in found), found


def test_a_stated_breakdown_that_adds_up_passes_and_a_part_may_not_exceed_its_whole(project_copy):
    data, seeds = project_copy
    s = "The invented ministry counted 1,000 dead in all: 600 in the army and 400 in a private company."
    append_to_seed(seeds, s)
    rows = [loss(id="loss-test-all", value="1000", quote=s, group="g"),
            loss(id="loss-test-army", value="600", quote=s, group="g", part_of="loss-test-all"),
            loss(id="loss-test-pmc", value="400", quote=s, group="g", part_of="loss-test-all")]
    add_rows(data / "losses.csv", *rows)
    assert rules(data, seeds) == [] and unaccounted(data, seeds) == []
    s2 = "Of those, 1,200 were officers, the invented ministry said."
    append_to_seed(seeds, s2)
    [line] = add_rows(data / "losses.csv", loss(id="loss-test-officers", value="1200", quote=s2, part_of="loss-test-all"))
    assert any(f"losses.csv:{line}: column 'value'" in p and "[part-exceeds-whole]" in p for p in rules(data, seeds))


@pytest.mark.parametrize("row, rule, column", [
    (dict(kind="interval", low="40000", high="60000", bounds="stated", value=""), "kind-level", "level"),
    (dict(kind="interval", level="95", low="40000", high="60000", bounds="convention", value=""), "kind-bounds", "bounds"),
    (dict(kind="floor", value="40000", low="40000", high="40000"), "kind-bounds", "high"),
    (dict(kind="forecast", value="40000"), "kind-hedge", "hedge"),
    (dict(kind="count", value="40000", hedge="likely"), "kind-hedge", "kind"),
    (dict(kind="estimate", value="40000", low="", high="", bounds="convention"), "bounds-empty", "bounds"),
    (dict(kind="", value="40000"), "required", "kind"),
    (dict(basis="", value="40000"), "required", "basis"),
    (dict(basis="flow", period_start="", value="40000"), "basis-period", "period_start"),
])
def test_kind_bounds_and_basis_rules(project_copy, row, rule, column):
    data, seeds = project_copy
    s = "The invented ministry said 40,000 to 60,000 were likely killed, with 95% probability."
    append_to_seed(seeds, s)
    [line] = add_rows(data / "losses.csv", loss(id="loss-test", quote=s, **row))
    found = rules(data, seeds)
    assert any(f"losses.csv:{line}: column '{column}'" in p and f"[{rule}]" in p for p in found), found


def test_an_interval_with_its_level_and_a_hedged_figure_pass(project_copy):
    data, seeds = project_copy
    s = "The invented researchers said with 95% probability that between 40,000 and 60,000 were killed."
    h = "The invented ministry said 45,000 soldiers were likely killed by December."
    append_to_seed(seeds, s)
    append_to_seed(seeds, h)
    add_rows(data / "losses.csv",
             loss(id="loss-test-interval", quote=s, kind="interval", level="95", low="40000", high="60000",
                  bounds="stated", qualifier="between", claimant_type="independent_researchers"),
             loss(id="loss-test-hedged", quote=h, kind="hedged", hedge="likely", value="45000", claim_date_words="by December"))
    assert rules(data, seeds) == []
    assert unaccounted(data, seeds) == []


# issue 17: relations that passed although they were wrong
APPROX = "The invented ministry said approximately 302,000 were killed or wounded, 315,000 of them killed."


def test_a_part_is_measured_against_the_wholes_stated_figure_not_its_convention_bound(project_copy):
    data, seeds = project_copy
    append_to_seed(seeds, APPROX)
    whole = loss(id="loss-test-kw", measure="killed_or_wounded", value="302000", low="286900", high="317100",
                 qualifier="approximately", kind="estimate", quote=APPROX)
    part = loss(id="loss-test-k", value="315000", quote=APPROX, part_of="loss-test-kw")
    _, line = add_rows(data / "losses.csv", whole, part)
    found = rules(data, seeds)
    assert any(f"losses.csv:{line}: column 'value'" in p and "[part-exceeds-whole]" in p and "302000" in p for p in found), found


def test_a_part_may_reach_the_high_of_a_range_the_source_states(project_copy):
    data, seeds = project_copy
    s = "The invented ministry said between 290,000 and 320,000 were killed or wounded, 315,000 of them killed."
    append_to_seed(seeds, s)
    whole = loss(id="loss-test-kw", measure="killed_or_wounded", value="", low="290000", high="320000",
                 qualifier="between", kind="estimate", bounds="stated", quote=s)
    part = loss(id="loss-test-k", value="315000", quote=s, part_of="loss-test-kw")
    add_rows(data / "losses.csv", whole, part)
    assert not [p for p in rules(data, seeds) if "loss-test" in p or "part" in p]


PARTS = "The invented ministry counted 500,000 dead: 300,000 in the army and 486,000 in a private company."


def test_parts_without_a_group_may_not_add_up_to_more_than_their_whole(project_copy):
    data, seeds = project_copy
    append_to_seed(seeds, PARTS)
    rows = [loss(id="loss-test-all", value="500000", quote=PARTS),
            loss(id="loss-test-army", value="300000", quote=PARTS, part_of="loss-test-all", scope="army", scope_class="regular_forces"),
            loss(id="loss-test-pmc", value="486000", quote=PARTS, part_of="loss-test-all", scope="a private company", scope_class="private_military_company")]
    _, army, pmc = add_rows(data / "losses.csv", *rows)
    found = [p for p in rules(data, seeds) if "[parts-exceed-whole]" in p]
    assert len(found) == 1 and f"losses.csv:{pmc}: column 'group'" in found[0] and "786000" in found[0] \
        and f"{army}, {pmc}" in found[0], found


@pytest.mark.parametrize("column, part_cell, whole_cell", [
    ("side", "ukrainian", "russian"),
    ("basis", "stock", "cumulative"),
    ("claimant", "Another invented ministry", "An invented ministry"),
])
def test_a_part_shares_its_wholes_side_basis_and_claimant(project_copy, column, part_cell, whole_cell):
    data, seeds = project_copy
    s = "The invented ministry counted 1,000 dead in all, of whom 600 were in the army."
    append_to_seed(seeds, s)
    whole = loss(id="loss-test-all", value="1000", quote=s, **{column: whole_cell})
    part = loss(id="loss-test-army", value="600", quote=s, part_of="loss-test-all", scope="army", scope_class="regular_forces", **{column: part_cell})
    _, line = add_rows(data / "losses.csv", whole, part)
    found = [p for p in rules(data, seeds) if "[part-of]" in p]
    assert len(found) == 1 and f"losses.csv:{line}: column '{column}'" in found[0] and whole_cell in found[0], found


def test_a_group_may_not_mix_claimants(project_copy):
    data, seeds = project_copy
    s = "The invented ministry put the dead at 1,000; an invented institute put them at 1,200."
    append_to_seed(seeds, s)
    rows = [loss(id="loss-test-ministry", value="1000", quote=s, group="g"),
            loss(id="loss-test-institute", value="1200", quote=s, group="g", claimant="An invented institute",
                 claimant_type="independent_researchers")]
    _, line = add_rows(data / "losses.csv", *rows)
    found = [p for p in rules(data, seeds) if "[group]" in p]
    assert len(found) == 1 and f"losses.csv:{line}: column 'claimant'" in found[0] and "group g " in found[0], found


def test_a_floor_bounds_no_part_from_above(project_copy):
    data, seeds = project_copy
    s = "The invented ministry said at least 2,000 were killed, 2,500 of them officers."
    append_to_seed(seeds, s)
    whole = loss(id="loss-test-floor", value="2000", low="2000", high="", qualifier="at least", kind="floor", quote=s)
    part = loss(id="loss-test-officers", value="2500", quote=s, part_of="loss-test-floor", scope="officers", scope_class="officers")
    add_rows(data / "losses.csv", whole, part)
    assert not [p for p in rules(data, seeds) if "part" in p], rules(data, seeds)
@pytest.mark.parametrize("word, kind", [("surpassed", "floor"), ("surpasses", "floor"), ("upwards of", "floor"),
                                        ("in excess of", "floor"), ("no fewer than", "floor"), ("as many as", "ceiling")])
def test_the_floor_and_ceiling_words_real_articles_use_are_in_the_vocabulary(word, kind):
    """Each word is an allowed qualifier (so the codebook lists it), reads as one open side, and an
    uncurated row with it is inferred as a floor or ceiling."""
    import pandas as pd

    from manpower.curation.codebook import codebook
    from manpower.vocabulary.qualifiers import QUALIFIERS, implied_bounds
    from manpower.writing.wording import kind_of

    assert word in QUALIFIERS and f"`{word}`" in codebook()
    lo, hi = implied_bounds(word, 40000.0, None, None, "people")
    assert (hi is None and lo == 40000) if kind == "floor" else (lo is None and hi == 40000)
    assert kind_of(pd.Series({"qualifier": word, "value": 40000.0, "unit": "people", "quote": f"{word} 40,000"})) == kind
