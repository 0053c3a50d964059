"""The one grammar of calendar dates in English news, and reading a date without its year.

Month and weekday names, day and year numbers, and the forms a date is written in
("Tuesday, April 29, 2007", "29 April", "27-MAR-1987", "2007-04-29", "4/29/07"), built
from ``data/time/expressions.toml``. The time expressions (``kb.timex``) and the clean
stage (datelines, page date lines, metadata dates) both read dates with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ... import resources

EXPRESSIONS = resources.data_path("time/expressions.toml")  # a path, found once; read on use
ORDINAL = r"(?:st|nd|rd|th)?"
DAY = r"[0-3]?\d"
YEAR = r"(?:1[89]|20)\d\d"  # the years news dates fall in: "5 March 2500 troops" is no date


def vocabulary() -> dict[str, Any]:
    """The shipped time-expression vocabulary (months, weekdays, offsets ...); read-only."""
    return resources.toml_table(EXPRESSIONS)


def date_grammar() -> DateGrammar:
    """The date grammar, compiled once per version of the vocabulary file."""
    return resources.derived([EXPRESSIONS], "date grammar", lambda: _compile(vocabulary()))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "this coming" beats "this".

    A space in a phrase matches any run of white space.
    """
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")"


def names(words: Iterable[str]) -> str:
    """Month or weekday names; abbreviations ("Jan.", "Tues.") may end with a dot."""
    words = list(words)
    abbreviations = {w for w in words if any(o != w and o.startswith(w) for o in words)}
    longest_first = sorted(words, key=len, reverse=True)
    forms = [rf"{w}\.?" if w in abbreviations else w for w in longest_first]
    return "(?:" + "|".join(forms) + ")"


def name_key(written: str) -> str:
    """How a written name is looked up in the vocabulary: "Sept." -> "sept"."""
    return " ".join(written.lower().rstrip(".").split())


@dataclass(frozen=True)
class WrittenDate:
    """A date as a ``DateGrammar.written`` match gives it."""

    month: int
    day: int
    year: int | None  # None when not written
    month_name: str  # as written: "May" is a month, "may" usually a verb

    def near(self, reference: date | None) -> date | None:
        """The date; without its year, the one nearest ``reference`` (None without one)."""
        if self.year is not None:
            return safe_date(self.year, self.month, self.day)
        return nearest_date(self.month, self.day, reference) if reference else None


@dataclass(frozen=True)
class DateGrammar:
    """Compiled patterns (all ignoring case) and the name tables they read."""

    months: dict[str, int]  # lower-case name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lower-case name or abbreviation -> 0..6 (Monday 0)
    month: str  # a month name, as a pattern piece without groups
    weekday: str  # a weekday name, likewise
    # "[Weekday,] Month D[, YYYY]" or "[Weekday,] D [of] Month[, YYYY]", also "27-MAR-1987":
    # groups month/day or month2/day2, and year
    written: re.Pattern
    iso: re.Pattern  # "2007-04-29": groups year, month, day
    slashed: re.Pattern  # "4/29/2007", "4/29/07" (US order): groups month, day, year

    def read(self, match: re.Match) -> WrittenDate:
        """The parts of a ``written`` match."""
        name = match["month"] or match["month2"]
        year = match["year"]
        return WrittenDate(
            month=self.months[name_key(name)],
            day=int(match["day"] or match["day2"]),
            year=int(year) if year else None,
            month_name=name,
        )


def _compile(words: dict[str, Any]) -> DateGrammar:
    month, weekday = names(words["months"]), names(words["weekdays"])
    written = (
        rf"(?:\b{weekday},?\s+)?"
        rf"(?:\b(?P<month>{month})\s+(?P<day>{DAY}){ORDINAL}\b"
        rf"|\b(?P<day2>{DAY}){ORDINAL}[\s-]+(?:of\s+)?(?P<month2>{month})(?!\w))"
        rf"(?:(?:,?\s+|-)(?P<year>{YEAR})\b)?"  # "27-MAR-1987" is a wire's date
    )
    return DateGrammar(
        months=dict(words["months"]),
        weekdays=dict(words["weekdays"]),
        month=month,
        weekday=weekday,
        written=re.compile(written, re.IGNORECASE),
        iso=re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
        slashed=re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)\b"),
    )


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is none ("February 30", year 0 or 10000)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearest_date(month: int, day: int, anchor: date) -> date | None:
    """A date written without its year takes the year that puts it nearest ``anchor``.

    "payable Dec. 15" in a November story is next month, "on Jan. 5" in a March story
    is this January; on a tie the earlier reading.
    """
    candidates = [safe_date(anchor.year + shift, month, day) for shift in (-1, 0, 1)]
    return min(
        (found for found in candidates if found is not None),
        key=lambda found: abs((found - anchor).days),
        default=None,
    )


def latest_date(month: int, day: int, reference: date) -> date | None:
    """A date written without its year, on or before ``reference``: a story's dateline
    is never later than the file, the fetch or the year it was read against."""
    candidates = [safe_date(reference.year + shift, month, day) for shift in (0, -1, -2)]
    return next((found for found in candidates if found and found <= reference), None)
