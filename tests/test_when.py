"""The date stage: each event dated by its own expression, on a parsed document."""

from datetime import date

import pytest

from dateline.model import Cameo, Dateline, Event
from dateline.settings import Settings
from dateline.when import PUBLISHED, EventDater

TUESDAY = date(2024, 3, 12)


def event_at(doc, word: str, nth: int = 0) -> Event:
    """An event whose trigger is the ``nth`` token spelled ``word``."""
    token = [t for t in doc.parsed if t.text == word][nth]
    sentence = next(s.index for s in doc.sentences if s.start <= token.idx < s.end)
    cameo = Cameo("190", "19", -10.0, 4)
    return Event(sentence, word, cameo, None, None, None, token=token.i)


@pytest.fixture(scope="module")
def dater():
    return EventDater(Settings())


def dated(dater, doc, *words):
    doc.events = [event_at(doc, w) for w in words]
    dater(doc)
    return {e.trigger: (e.date, e.date_precision, e.date_expression) for e in doc.events}


def test_a_weekday_counts_back_from_the_publication_date(parsed, dater):
    doc = parsed("Gunmen attacked a convoy on Sunday near the border.", published=TUESDAY)
    assert dated(dater, doc, "attacked")["attacked"] == ("2024-03-10", "day", "Sunday")


def test_each_clause_keeps_its_own_date(parsed, dater):
    doc = parsed(
        "Police arrested the editor on Monday and released him on Thursday.", published=TUESDAY
    )
    dates = dated(dater, doc, "arrested", "released")
    assert dates["arrested"][0] == "2024-03-11"
    assert dates["released"][0] == "2024-03-07"


def test_a_relative_clause_takes_the_time_it_describes(parsed, dater):
    doc = parsed(
        "Four sailors have been held in Yemen since December, when they were captured at sea.",
        published=TUESDAY,
    )
    assert dated(dater, doc, "captured")["captured"] == ("2023-12", "month", "December")


def test_the_previous_event_dates_the_next_one_in_its_paragraph(parsed, dater):
    text = (
        "Troops entered the town on Friday. They burned the market.\n\n"
        "Residents protested the damage."
    )
    dates = dated(dater, parsed(text, published=TUESDAY), "entered", "burned", "protested")
    assert dates["entered"][0] == dates["burned"][0] == "2024-03-08"
    assert dates["burned"][2] == "Friday"
    assert dates["protested"] == ("2024-03-12", "day", PUBLISHED)


def test_earlier_and_later_count_from_the_previous_event(parsed, dater):
    text = (
        "Rebels stormed the base on Monday. Two days earlier, the army shelled the village. "
        "Later that day, the rebels fled."
    )
    dates = dated(dater, parsed(text, published=TUESDAY), "stormed", "shelled", "fled")
    assert dates["stormed"][0] == "2024-03-11"
    assert dates["shelled"][0] == "2024-03-09"
    assert dates["fled"][0] == "2024-03-09"


def test_a_future_clause_looks_forward(parsed, dater):
    doc = parsed("The minister will visit Cairo on Friday.", published=TUESDAY)
    assert dated(dater, doc, "visit")["visit"][0] == "2024-03-15"


def test_a_range_is_dated_by_its_start(parsed, dater):
    doc = parsed("Strikers blocked the roads from Monday to Wednesday.", published=TUESDAY)
    assert dated(dater, doc, "blocked")["blocked"][0] == "2024-03-11"


def test_month_year_and_explicit_dates(parsed, dater):
    text = (
        "The army seized the port in March. Rebels had taken it in 2019. "
        "Talks opened on 2 May 2021."
    )
    dates = dated(dater, parsed(text, published=TUESDAY), "seized", "taken", "opened")
    assert dates["seized"][:2] == ("2024-03", "month")
    assert dates["taken"][:2] == ("2019", "year")
    assert dates["opened"][:2] == ("2021-05-02", "day")


def test_the_dateline_date_is_not_an_event_date(parsed, dater):
    text = "CAIRO, March 8, 2024 (Reuters) - Egypt condemned the raid."
    doc = parsed(text, published=TUESDAY)
    doc.dateline = Dateline("CAIRO, March 8, 2024 (Reuters)", "Cairo", "Reuters", date(2024, 3, 8))
    assert dated(dater, doc, "condemned")["condemned"] == ("2024-03-12", "day", PUBLISHED)


def test_without_a_publication_date_only_absolute_dates_count(parsed, dater):
    doc = parsed("Rebels took the town on Sunday. They left it on 4 June 2020.")
    dates = dated(dater, doc, "took", "left")
    assert dates["took"] == (None, None, None)
    assert dates["left"][0] == "2020-06-04"


def test_a_called_off_event_was_still_ahead(parsed, dater):
    doc = parsed("A visit by the minister on Thursday was called off.", published=TUESDAY)
    doc.events = [event_at(doc, "visit")]
    doc.events[0].modality = "cancelled"
    dater(doc)
    assert doc.events[0].date == "2024-03-14"


def test_a_planned_event_looks_forward(parsed, dater):
    doc = parsed("Critics denounced the planned summit on Friday.", published=TUESDAY)
    assert dated(dater, doc, "summit")["summit"][0] == "2024-03-15"
    doc = parsed("Critics denounced the summit on Friday.", published=TUESDAY)
    assert dated(dater, doc, "summit")["summit"][0] == "2024-03-08"


def test_a_year_nobody_wrote_bounds_the_dates_without_theirs(parsed, dater):
    text = "Shareholders met on March 31. The board will meet on Sunday."
    bounded = parsed(text, published=date(1987, 10, 20))
    bounded.published_from, bounded.dateline = "dateline", Dateline("X", year_from="settings")
    dates = dated(dater, bounded, "met", "meet")
    assert dates["met"][0] == "1987-03-31"  # the nearest reading would be 1988-03-31
    assert dates["meet"][0] <= "1987-10-20"
    written = parsed(text, published=date(1987, 10, 20))
    written.published_from = "dateline"
    assert dated(dater, written, "met")["met"][0] == "1988-03-31"


@pytest.mark.parametrize(
    "text, main, counted, expected",
    [
        ("The war ended 18 years after Washington invaded.", "ended", "invaded", "2001"),
        ("Troops withdrew a decade after the invasion.", "withdrew", "invasion", "2009"),
        ("Talks resumed five years since fighting erupted.", "resumed", "erupted", "2014"),
        ("They met two days before the vote was held.", "met", "held", "2019-06-03"),
    ],
)
def test_n_units_after_something_dates_that_thing_back_from_the_reference(
    parsed, dater, text, main, counted, expected
):
    doc = parsed(text, published=date(2019, 6, 1))
    dates = dated(dater, doc, main, counted)
    assert dates[main][0] == "2019-06-01"  # the clause happens at the story's time
    assert dates[counted][0] == expected


def test_n_units_later_or_ago_still_count_from_the_reference(parsed, dater):
    text = (
        "Fighting stopped three years ago. The war ended on May 3, 2016. "
        "Two years later, they signed."
    )
    dates = dated(dater, parsed(text, date(2019, 6, 1)), "stopped", "ended", "signed")
    assert (dates["stopped"][0], dates["signed"][0]) == ("2016", "2018")


def test_a_year_given_bounds_dates_at_its_end_not_at_the_publication(parsed):
    doc = parsed("The board will meet on Sunday to discuss the June 30 report.", date(1987, 10, 20))
    doc.published_from, doc.dateline = "dateline", Dateline("X", year_from="settings")
    dates = dated(EventDater(Settings(year=1987)), doc, "meet")
    assert dates["meet"][0] == "1987-10-25"  # ahead of the story, still within 1987
