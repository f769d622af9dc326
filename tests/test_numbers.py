"""The number-in-quote matcher and the mention scanner."""
import pytest

from manpower.numbers import is_stated, scan, stated_values, words_to_number


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
    assert ("date", "last year") in kinds and ("date", "Jan.") in kinds
