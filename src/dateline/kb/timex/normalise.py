"""Normalisers: one matched time expression -> its TIMEX3 value, against an anchor date.

Each takes the rule's match and the ``Anchoring`` (publication date, reference time,
whether the clause points forward, the vocabulary) and gives a ``Value`` or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from .grammar import DateGrammar, name_key, safe_date

EXPLICIT = "explicit"
WEEKDAY = "weekday"
RELATIVE = "relative"
MONTH_ONLY = "month-only"
OTHER = "other"
KINDS = (EXPLICIT, WEEKDAY, RELATIVE, MONTH_ONLY, OTHER)

ANCHOR = "anchor"  # relative to the publication date
REFERENCE = "reference"  # relative to the story's current reference time

FIRST_YEAR, LAST_YEAR = 1, 9999  # the years a calendar date can have


@dataclass(frozen=True)
class Value:
    """A normalised expression: its TIMEX3 value and what it is relative to."""

    value: str
    precision: str | None
    relative_to: str | None = None
    counted_from: str | None = None


@dataclass(frozen=True)
class Anchoring:
    """What expressions are read against."""

    anchor: date  # the publication date
    reference: date  # the story's current reference time
    future: bool  # the clause points forward: "will meet on Sunday"
    words: dict[str, Any]  # the vocabulary
    dates: DateGrammar

    def lookup(self, table: str, written: str):
        return self.words[table][name_key(written)]


def numeric_date(m: re.Match, at: Anchoring) -> Value | None:
    year = int(m["year"])
    if year < 100:
        year += 1900 if year > (at.anchor.year % 100) + 1 else 2000
    found = safe_date(year, int(m["month"]), int(m["day"]))
    return Value(found.isoformat(), "day") if found else None


def written_date(m: re.Match, at: Anchoring) -> Value | None:
    written = at.dates.read(m)
    if not _is_name(written.month_name):
        return None
    found = written.near(at.anchor)
    if found is None:
        return None
    return Value(found.isoformat(), "day", None if written.year else ANCHOR)


def month_year(m: re.Match, at: Anchoring) -> Value | None:
    if not _is_name(m["month"]):
        return None
    return Value(f"{int(m['year']):04d}-{at.lookup('months', m['month']):02d}", "month")


def weekday(m: re.Match, at: Anchoring) -> Value | None:
    if not _is_name(m["weekday"]):
        return None
    target = at.lookup("weekdays", m["weekday"])
    shift = " ".join((m["wshift"] or "").lower().split())
    direction = at.words["weekday_shifts"].get(shift)
    anchor = at.anchor
    if direction == "future" or (at.future and direction != "past"):
        delta = (target - anchor.weekday()) % 7
        if shift == "next" and delta == 0:
            delta = 7
    else:
        delta = -((anchor.weekday() - target) % 7)
        if direction == "past" and delta == 0:
            delta = -7
    return _days_after(anchor, delta, ANCHOR)


def day_word(m: re.Match, at: Anchoring) -> Value | None:
    return _days_after(at.anchor, at.lookup("day_words", m.group(0)), ANCHOR)


def reference_day_word(m: re.Match, at: Anchoring) -> Value | None:
    return _days_after(at.reference, at.lookup("reference_day_words", m.group(0)), REFERENCE)


def offset(m: re.Match, at: Anchoring) -> Value | None:
    count = int(m["count"]) if m["count"].isdigit() else at.lookup("numbers", m["count"])
    unit = m["unit"].lower().rstrip("s")
    if unit in at.words["long_units"]:
        unit, count = "year", count * at.lookup("long_units", unit)
    word = " ".join(m["dir"].lower().split())
    if m["counted"] is not None and word in at.words["counted_from"]:
        # "18 years after the invasion": this clause at the reference, the invasion before
        here = _days_after(at.reference, 0, REFERENCE)
        origin = _shifted(at.reference, unit, count * at.lookup("counted_from", word), REFERENCE)
        return here and origin and replace(here, counted_from=origin.value)
    if word not in at.words["offset_directions"]:
        return None  # "five years since." names no date
    direction = at.lookup("offset_directions", word)
    from_anchor = word in at.words["anchor_offsets"]["words"]
    relative_to = ANCHOR if from_anchor else REFERENCE
    base = at.anchor if relative_to == ANCHOR else at.reference
    return _shifted(base, unit, count * direction, relative_to)


def unit_shift(m: re.Match, at: Anchoring) -> Value | None:
    step = at.lookup("unit_shifts", m["shift"])
    unit = m["unit"].lower()
    if unit == "weekend":
        week = _shifted(at.anchor, "week", step, ANCHOR)
        return week and Value(week.value + "-WE", "week", ANCHOR)
    return _shifted(at.anchor, unit, step, ANCHOR)


def quarter(m: re.Match, at: Anchoring) -> Value | None:
    anchor = at.anchor
    current = (anchor.month - 1) // 3 + 1
    if m["ord"]:
        number, year = at.lookup("quarters", m["ord"]), anchor.year
    else:
        index = anchor.year * 4 + current - 1 + at.lookup("unit_shifts", m["shift"])
        year, number = index // 4, index % 4 + 1
    if m["year"]:
        year = int(m["year"])
    return Value(f"{year:04d}-Q{number}", "quarter", None if m["year"] else ANCHOR)


def month_only(m: re.Match, at: Anchoring) -> Value | None:
    if not _is_name(m["month"]):
        return None
    anchor, future = at.anchor, at.future
    month = at.lookup("months", m["month"])
    shift = " ".join((m["shift"] or "").lower().split())
    if shift == "next" or (future and shift != "last"):
        year = anchor.year if month > anchor.month or (month == anchor.month and future) else None
        year = year or anchor.year + 1
    elif shift == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif shift in ("this", "earlier this", "later this"):
        year = anchor.year
    else:  # news speaks of the past by default: the most recent such month
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return Value(f"{year:04d}-{month:02d}", "month", ANCHOR)


def season(m: re.Match, at: Anchoring) -> Value | None:
    code = at.lookup("seasons", m["season"])
    shift = (m["shift"] or "").lower()
    if m["year"]:
        return Value(f"{m['year']}-{code}", "season")
    if not shift:
        return None  # a bare "spring" or "fall" is too often a noun or a verb
    year = at.anchor.year + at.lookup("season_shifts", shift)
    return Value(f"{year:04d}-{code}", "season", ANCHOR)


def year(m: re.Match, at: Anchoring) -> Value | None:
    return Value(m["year"], "year")


def weekend(m: re.Match, at: Anchoring) -> Value | None:
    """The weekend just past, or the coming one when the clause speaks of the future."""
    year, week, weekday = at.anchor.isocalendar()
    if at.future:
        return Value(f"{year:04d}-W{week:02d}-WE", "week", ANCHOR)
    last = at.anchor if weekday >= 6 else at.anchor - timedelta(days=weekday)
    year, week, _ = last.isocalendar()
    return Value(f"{year:04d}-W{week:02d}-WE", "week", ANCHOR)


def month_of_shifted_year(m: re.Match, at: Anchoring) -> Value | None:
    if not _is_name(m["month"]):
        return None
    year = at.anchor.year + at.lookup("unit_shifts", m["shift"])
    return Value(f"{year:04d}-{at.lookup('months', m['month']):02d}", "month", ANCHOR)


def century(m: re.Match, at: Anchoring) -> Value | None:
    return Value(f"{int(m['century']) - 1:02d}", "century")


def decade(m: re.Match, at: Anchoring) -> Value | None:
    return Value(m["decade"], "decade")


def reference_word(m: re.Match, at: Anchoring) -> Value | None:
    return Value(at.lookup("references", m.group(0)), None)


def _is_name(word: str) -> bool:
    """Month and weekday names are capitalised: "may" and "march" are usually verbs."""
    return word[:1].isupper()


def _days_after(base: date, days: int, relative_to: str | None) -> Value | None:
    try:
        return Value((base + timedelta(days=days)).isoformat(), "day", relative_to)
    except OverflowError:  # "3000000 days ago": before year 1
        return None


def _shifted(base: date, unit: str, steps: int, relative_to: str) -> Value | None:
    """``base`` moved by ``steps`` units; None when that leaves the calendar (years 1-9999)."""
    if unit == "day":
        return _days_after(base, steps, relative_to)
    if unit == "week":
        try:
            year, week, _ = (base + timedelta(weeks=steps)).isocalendar()
        except OverflowError:
            return None
        return Value(f"{year:04d}-W{week:02d}", "week", relative_to)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + steps
        year, month = index // 12, index % 12 + 1
        return _in_calendar(year, f"{year:04d}-{month:02d}", "month", relative_to)
    year = base.year + steps
    return _in_calendar(year, f"{year:04d}", "year", relative_to)


def _in_calendar(year: int, value: str, precision: str, relative_to: str) -> Value | None:
    """A value only when its year is one a date can have: "5000 years ago" names no date."""
    return Value(value, precision, relative_to) if FIRST_YEAR <= year <= LAST_YEAR else None
