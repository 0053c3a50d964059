"""The one date grammar: the written forms of a date, read alike by clean and timex."""

from datetime import date

import pytest

from dateline.kb.timex import date_grammar


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("Tuesday, April 29, 2007", 4, 29, 2007),
        ("Tues. 29 April", 4, 29, None),
        ("29th of April, 2007", 4, 29, 2007),
        ("27-MAR-1987", 3, 27, 1987),
        ("Sept. 9", 9, 9, None),
        ("Dec 5, 2500", 12, 5, None),  # no news year: "2500" is a count
        ("April 8 - 1986 Year", 4, 8, None),  # a spaced dash closes a dateline, not a date
    ],
)
def test_written_forms(text, month, day, year):
    grammar = date_grammar()
    written = grammar.read(grammar.written.search(text))
    assert (written.month, written.day, written.year) == (month, day, year)


def test_a_date_without_its_year_is_read_near_a_reference():
    grammar = date_grammar()
    written = grammar.read(grammar.written.search("Dec. 30"))
    assert written.near(date(2024, 1, 2)) == date(2023, 12, 30)
    assert written.near(None) is None
    assert grammar.read(grammar.written.search("February 30, 2024")).near(None) is None


def test_numeric_forms():
    grammar = date_grammar()
    iso = grammar.iso.search("Updated 2024-07-16T10:31")
    assert (iso["year"], iso["month"], iso["day"]) == ("2024", "07", "16")
    slashed = grammar.slashed.search("on 4/29/07")
    assert (slashed["month"], slashed["day"], slashed["year"]) == ("4", "29", "07")


def test_the_grammar_is_compiled_once_per_vocabulary_version():
    assert date_grammar() is date_grammar()
