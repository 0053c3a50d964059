"""Time expressions normalised against a publication date (the anchor), never today."""

from datetime import date

import pytest

from dateline.kb.timex import (
    ANCHOR,
    EXPLICIT,
    MONTH_ONLY,
    REFERENCE,
    RELATIVE,
    WEEKDAY,
    CalendarDate,
    calendar_date,
    find_timexes,
    future_context,
    nearest_date,
    resolve,
    safe_date,
    vocabulary,
)

TUESDAY = date(2024, 3, 12)  # a Tuesday
SUNDAY = date(2007, 4, 29)


@pytest.mark.parametrize(
    "text, anchor, value",
    [
        ("on Sunday", TUESDAY, "2024-03-10"),  # two days before a Tuesday story
        ("Tuesday", TUESDAY, "2024-03-12"),  # the anchor's own weekday is that day
        ("on Sunday", SUNDAY, "2007-04-29"),  # where dateparser gives the week before
        ("early on Thursday", TUESDAY, "2024-03-07"),
        ("Wednesday night", TUESDAY, "2024-03-06"),
        ("last Tuesday", TUESDAY, "2024-03-05"),
        ("next Friday", TUESDAY, "2024-03-15"),
        ("yesterday", TUESDAY, "2024-03-11"),
        ("today", TUESDAY, "2024-03-12"),
        ("tonight", TUESDAY, "2024-03-12"),
        ("overnight", TUESDAY, "2024-03-12"),
        ("last night", TUESDAY, "2024-03-11"),
        ("three days ago", TUESDAY, "2024-03-09"),
        ("last week", TUESDAY, "2024-W10"),
        ("this week", TUESDAY, "2024-W11"),
        ("last month", date(2024, 1, 20), "2023-12"),
        ("last year", TUESDAY, "2023"),
        ("in 2006", TUESDAY, "2006"),
        ("since December", SUNDAY, "2006-12"),  # the most recent December before the anchor
        ("in March", date(2024, 8, 1), "2024-03"),  # past by default in news
        ("in March", TUESDAY, "2024-03"),  # the anchor's own month
        ("last March", TUESDAY, "2023-03"),
        ("next May", TUESDAY, "2024-05"),
        ("April 29, 2007", TUESDAY, "2007-04-29"),
        ("29 April 2007", TUESDAY, "2007-04-29"),
        ("Jan. 5", TUESDAY, "2024-01-05"),  # no year: the nearest to the anchor
        ("December 28", date(2024, 1, 3), "2023-12-28"),
        ("2019-07-04", TUESDAY, "2019-07-04"),
        ("March 2003", TUESDAY, "2003-03"),
        ("the third quarter", TUESDAY, "2024-Q3"),
        ("last summer", TUESDAY, "2023-SU"),
        ("the 1990s", TUESDAY, "199"),
        ("now", TUESDAY, "PRESENT_REF"),
    ],
)
def test_resolve_normalises_against_the_anchor(text, anchor, value):
    assert resolve(text, anchor).value == value


def test_future_hint_moves_weekdays_and_months_forward():
    assert resolve("on Friday", TUESDAY, future=True).value == "2024-03-15"
    assert resolve("on Tuesday", TUESDAY, future=True).value == "2024-03-12"
    assert resolve("in February", TUESDAY, future=True).value == "2025-02"


def test_reference_expressions_count_from_the_reference_time():
    reference = date(2024, 3, 1)
    assert resolve("two days earlier", TUESDAY, reference=reference).value == "2024-02-28"
    assert resolve("a day after", TUESDAY, reference=reference).value == "2024-03-02"
    assert resolve("later that day", TUESDAY, reference=reference).value == "2024-03-01"
    assert resolve("the next day", TUESDAY, reference=reference).relative_to == REFERENCE
    assert resolve("three days ago", TUESDAY, reference=reference).relative_to == ANCHOR


def test_kinds_are_recorded():
    assert resolve("March 3, 2001", TUESDAY).kind == EXPLICIT
    assert resolve("Monday", TUESDAY).kind == WEEKDAY
    assert resolve("yesterday", TUESDAY).kind == RELATIVE
    assert resolve("December", TUESDAY).kind == MONTH_ONLY


def test_verbs_and_lower_case_words_are_not_dates():
    assert resolve("they may march", TUESDAY) is None
    assert find_timexes("Some 2000 people may march on the sun.", TUESDAY) == []


def test_find_timexes_scans_left_to_right_without_overlaps():
    text = "Troops left on Sunday, two days after talks that began on March 3, 2024."
    found = find_timexes(text, TUESDAY)
    assert [t.text for t in found] == ["Sunday", "two days after", "March 3, 2024"]
    # "two days after talks": the leaving at the reference, the talks two days before it
    assert [t.value for t in found] == ["2024-03-10", "2024-03-12", "2024-03-03"]
    assert found[1].counted_from == "2024-03-10"
    assert text[found[2].start : found[2].end] == "March 3, 2024"


def test_a_range_keeps_its_start_only():
    found = find_timexes("Strikes went on from Monday to Wednesday in the port.", TUESDAY)
    assert [t.text for t in found] == ["Monday"]
    assert found[0].value == "2024-03-11"


def test_bare_years_need_a_date_context_in_free_text():
    found = find_timexes("It sold 1998 cars in 2006.", TUESDAY)
    assert [t.value for t in found] == ["2006"]


def test_calendar_date_gives_event_precision():
    assert calendar_date(resolve("on Sunday", TUESDAY)) == CalendarDate("2024-03-10", "day")
    assert calendar_date(resolve("since December", TUESDAY)) == CalendarDate("2023-12", "month")
    assert calendar_date(resolve("in 2006", TUESDAY)) == CalendarDate("2006", "year")
    assert calendar_date(resolve("last week", TUESDAY)) == CalendarDate("2024-03", "month")
    assert calendar_date(resolve("the third quarter", TUESDAY)) == CalendarDate("2024", "year")
    assert calendar_date(resolve("now", TUESDAY)) is None


def test_future_context():
    assert future_context("Iran will send its minister")
    assert future_context("talks are due to open")
    assert not future_context("Iran sent its minister")


def test_a_bare_month_name_needs_a_date_context_in_free_text():
    found = find_timexes("Theresa May met envoys in May and again last June.", TUESDAY)
    assert [(t.text, t.value) for t in found] == [("May", "2023-05"), ("last June", "2023-06")]


@pytest.mark.parametrize(
    "text",
    ["3000000 days ago", "5000 years ago", "200000 months ago", "600000 weeks later"],
)
def test_offsets_beyond_the_calendar_name_no_date(text):
    assert resolve(text, TUESDAY) is None


def test_a_future_offset_beyond_year_9999_names_no_date():
    found = resolve("9000 years from now", TUESDAY)
    assert found is None or calendar_date(found) is None
    assert resolve("90 years from now", TUESDAY).value == "2114"


def test_scanning_text_with_huge_offsets_keeps_only_real_dates():
    text = "The rock formed 5000 years ago, 3000000 days ago, and was dug up on Sunday."
    found = find_timexes(text, TUESDAY)
    assert [t.value for t in found] == ["2024-03-10"]
    for timex in found:
        assert 1 <= int(timex.value[:4]) <= 9999


@pytest.mark.parametrize(
    "month, day, anchor, expected",
    [
        (12, 15, date(2023, 11, 20), date(2023, 12, 15)),
        (1, 5, date(2024, 3, 1), date(2024, 1, 5)),
        (12, 30, date(2024, 1, 2), date(2023, 12, 30)),  # last year's is nearer
        (2, 29, date(2025, 3, 1), date(2024, 2, 29)),  # only the leap year has one
        (2, 30, TUESDAY, None),
    ],
)
def test_a_date_without_its_year_takes_the_nearest_year(month, day, anchor, expected):
    assert nearest_date(month, day, anchor) == expected


def test_safe_date_refuses_impossible_dates():
    assert safe_date(2024, 2, 29) == date(2024, 2, 29)
    assert safe_date(2023, 2, 29) is None
    assert safe_date(10000, 1, 1) is None


def test_context_words_come_from_the_vocabulary():
    words = vocabulary()
    assert "this coming" in words["weekday_shifts"]
    assert "until" in words["future_clause"]["words"]
    assert "in" in words["month_context"]["words"]


def test_expressions_are_sought_only_within_the_stretches_given():
    text = "Talks were held on Monday. Troops withdrew from March 3 to March 5."
    second = text.index("Troops")
    found = find_timexes(text, date(2024, 3, 8), within=[(second, len(text))])
    assert [t.text for t in found] == ["March 3"]  # Monday is outside; the range keeps its start
    assert find_timexes(text, date(2024, 3, 8), within=[]) == []
    assert [t.text for t in find_timexes(text, date(2024, 3, 8))] == ["Monday", "March 3"]
