"""The number-in-quote matcher and the mention scanner."""
import pytest

from manpower.vocabulary.numbers import is_stated, scan, stated_values, words_to_number


@pytest.mark.parametrize("text, number", [
    ("approximately 302,000 Russian", 302000), ("1,000,000 men", 1_000_000), ("in 2023.", 2023),
    ("1.5 million people", 1_500_000), ("six million Central Asian migrants", 6_000_000),
    ("just under half a million men", 500_000), ("twenty-five soldiers", 25), ("a million", 1_000_000),
    ("90% of", 90), ("90 per cent", 90), ("90 percent", 90), ("more than 100 times", 100),
    ("seeking his 5th term", 5), ("at least one year", 1), ("a year of military services", 1),
    ("(486,000)", 486000),
])
def test_stated(text, number):
    assert is_stated(number, text)


def test_three_to_four():
    values, _ = stated_values("three to four months")
    assert {3, 4} <= values


def test_separator_glued_to_a_year_is_two_numbers():
    values, _ = stated_values("Dec. 12,2023, in Moscow")
    assert {12, 2023} <= values and 122023 not in values


def test_vague_quantities_are_ranges():
    _, ranges = stated_values("tens of thousands of soldiers have deserted")
    assert ranges == {(10_000, 99_999)}


@pytest.mark.parametrize("text, number", [("302,000", 303000), ("90%", 9), ("six million", 6), ("no figure", 1)])
def test_not_stated(text, number):
    assert not is_stated(number, text)


def test_words_to_number():
    assert words_to_number("half a million") == 500_000
    assert words_to_number("three hundred thousand") == 300_000
    assert words_to_number("banana") is None


def test_scanner_finds_dates_and_relative_dates():
    kinds = [(m.kind, m.text) for m in scan("Putin said in December, on Thursday, last year: Jan. 4.")]
    assert ("date", "December") in kinds and ("date", "Thursday") in kinds
    assert ("date", "last year") in kinds and ("date", "Jan. 4") in kinds  # a day with its month: one date


# Hostile text (issue 17): at 40-140 KB each of these took minutes in `manpower check`. Small here;
# their speed against a normal seed is measured by `manpower bench --adversarial-only`.
@pytest.mark.parametrize("unit", ["a ", "half a ", "a-", "A - "])
def test_a_run_of_articles_states_nothing_and_the_number_after_it_is_read_alone(unit):
    run = unit * 200
    assert scan(run) == []
    assert [(m.text, m.values) for m in scan(run + "two thousand men")] == [("two thousand", (2000.0,))]
    # the last article stays with the scale: "a million", "half a million"
    assert [(m.text, m.values) for m in scan(run + "million men")] == [
        (unit + "million", (500_000.0,) if unit.startswith("half") else (1_000_000.0,))]


def test_a_dense_run_of_numbers_is_read_number_by_number():
    text = " ".join(f"{n:,}" for n in range(995, 1400)) + " and twenty-one thousand, 3rd, 5 %, Jan. 4"
    found = scan(text)
    assert [m.values[0] for m in found[:405]] == list(range(995, 1400))
    assert [(m.kind, m.text) for m in found[405:]] == [
        ("number", "twenty-one thousand"), ("ordinal", "3rd"), ("percent", "5 %"), ("date", "Jan. 4")]


def test_a_number_too_long_for_a_float_is_a_mention_without_a_value():
    digits = "7" * 400  # float() reads it as inf
    for text in (digits, f"{digits} %", f"{digits} million"):
        assert [m.values for m in scan(f"Invented: {text} men.")] == [()]
    assert not is_stated(float("inf"), digits)
