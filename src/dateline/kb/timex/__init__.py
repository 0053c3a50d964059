"""Time expressions: find them in a text and normalise them against an anchor date.

A pure package (no spaCy, no document): ``find_timexes`` scans a text, ``resolve``
normalises one expression. Relative expressions are anchored to the publication
date ("yesterday", "on Sunday", "last week"), or to the story's reference time
("two days earlier", "later that day"), which the caller supplies. Values follow
TIMEX3: ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY-SU``, ``YYYY``,
``PAST_REF`` ...; ``calendar_date`` turns one into an event date and its precision.
The vocabulary lives in ``data/time/expressions.toml``; calendar dates are read with
the one date grammar (``grammar.py``), which the clean stage reads datelines with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .grammar import (
    EXPRESSIONS,
    DateGrammar,
    WrittenDate,
    alternation,
    date_grammar,
    latest_date,
    nearest_date,
    safe_date,
    vocabulary,
)
from .normalise import (
    ANCHOR,
    EXPLICIT,
    FIRST_YEAR,
    KINDS,
    LAST_YEAR,
    MONTH_ONLY,
    OTHER,
    REFERENCE,
    RELATIVE,
    WEEKDAY,
    Anchoring,
)
from .rules import TimeRules, time_rules

__all__ = [
    "ANCHOR",
    "EXPLICIT",
    "EXPRESSIONS",
    "FIRST_YEAR",
    "KINDS",
    "LAST_YEAR",
    "MONTH_ONLY",
    "OTHER",
    "REFERENCE",
    "RELATIVE",
    "WEEKDAY",
    "CalendarDate",
    "DateGrammar",
    "Timex",
    "WrittenDate",
    "alternation",
    "calendar_date",
    "counted_from",
    "date_grammar",
    "find_timexes",
    "future_context",
    "latest_date",
    "nearest_date",
    "not_after",
    "resolve",
    "safe_date",
    "vocabulary",
]

COUNTED_OBJECT = " it"  # stands for what an expression counts from, when resolving it alone
COUNTED_PRECISIONS = {4: "year", 7: "month", 8: "week", 10: "day"}  # by the value's length
CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d){0,2}")  # YYYY, YYYY-MM, YYYY-MM-DD
RANGE_OPENING_CHARS = 10  # how far before a range's start its opening word may stand
CONTEXT_CHARS = 20  # how far before an expression the words that vouch for it may stand


@dataclass(frozen=True)
class Timex:
    """One normalised time expression, with its offsets in the text it was found in."""

    start: int
    end: int
    text: str
    value: str  # TIMEX3 value
    precision: str | None  # day week month quarter season year decade century; None: *_REF
    kind: str  # one of KINDS
    relative_to: str | None  # ANCHOR, REFERENCE, or None when absolute
    # "18 years after [Washington invaded]": the value of what is counted from (the
    # invasion), while ``value`` dates the clause the expression stands in
    counted_from: str | None = None


def resolve(
    text: str,
    anchor: date,
    *,
    reference: date | None = None,
    future: bool = False,
    counting: bool = False,
) -> Timex | None:
    """Normalise the expression in ``text`` (e.g. a gold TIMEX3 span), or None.

    ``anchor`` is the publication date; ``reference`` the story's reference time
    (defaults to ``anchor``); ``future`` says the expression points forward
    ("will meet on Sunday"); ``counting`` that what it counts from follows it in its
    sentence ("18 years after" + "the invasion").
    """
    probe = f"{text}{COUNTED_OBJECT}" if counting else text
    rules = time_rules()
    at = _anchoring(rules, anchor, reference, future)
    found = [t for t in _matches(rules, probe, at, scanning=False) if t.end <= len(text)]
    return max(found, key=lambda t: (t.end - t.start, -t.start), default=None)


def counted_from(timex: Timex) -> Timex | None:
    """The time of what "N years after/since/before X" counts from (X), or None."""
    if timex.counted_from is None:
        return None
    precision = COUNTED_PRECISIONS[len(timex.counted_from)]
    return replace(timex, value=timex.counted_from, precision=precision, counted_from=None)


def find_timexes(
    text: str,
    anchor: date,
    *,
    reference: date | None = None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Timex]:
    """Every time expression in ``text`` (or only in its ``within`` stretches, as character
    offsets: the sentences that need dating), left to right, without overlaps.

    The end of a range ("from Monday to Wednesday") is dropped: the range's
    start dates what happens in it.
    """
    rules = time_rules()
    at = _anchoring(rules, anchor, reference, False)
    found = _matches(rules, text, at, scanning=True, within=within)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Timex] = []
    for timex in found:
        if kept and timex.start < kept[-1].end:
            continue
        if kept and _ends_range(rules, text, kept[-1], timex):
            continue
        kept.append(timex)
    return kept


def future_context(text: str) -> bool:
    """Whether the words before an expression in its clause point forward.

    "will visit on", "is due to open on", "until", "to run through" ...
    """
    return bool(time_rules().contexts.future_clause.search(text))


@dataclass(frozen=True)
class CalendarDate:
    """An event date as written in records: "YYYY-MM-DD", "YYYY-MM" or "YYYY", and
    its precision ("day", "month" or "year")."""

    value: str
    precision: str


def calendar_date(timex: Timex) -> CalendarDate | None:
    """The event date of ``timex``, or None.

    A week is dated by the month holding its Thursday (the ISO rule for which
    month or year a week belongs to); quarters and seasons by their year.
    """
    if timex.precision in ("day", "month", "year"):
        return CalendarDate(timex.value, timex.precision)
    if timex.precision == "week":
        year, week = timex.value[:4], timex.value[6:8]
        thursday = date.fromisocalendar(int(year), int(week), 4)
        return CalendarDate(thursday.strftime("%Y-%m"), "month")
    if timex.precision in ("quarter", "season"):
        return CalendarDate(timex.value[:4], "year")
    return None


def not_after(timex: Timex, latest: date) -> Timex:
    """``timex`` moved back by whole years until it no longer starts after ``latest``:
    "Feb 26" read nearest to a December anchor is next February; against a year that
    nobody wrote (a file's time, the user's year) it is this one."""
    if not CALENDAR_VALUE.fullmatch(timex.value):
        return timex  # weeks, quarters, seasons, *_REF: left as resolved
    year, rest = int(timex.value[:4]), timex.value[4:]
    bound = latest.isoformat()[: len(timex.value)]
    while year > FIRST_YEAR and (f"{year:04d}{rest}" > bound or not _exists(year, rest)):
        year -= 1
    return replace(timex, value=f"{year:04d}{rest}")


def _anchoring(rules: TimeRules, anchor: date, reference: date | None, future: bool) -> Anchoring:
    return Anchoring(anchor, reference or anchor, future, rules.words, rules.dates)


def _matches(
    rules: TimeRules,
    text: str,
    at: Anchoring,
    scanning: bool,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Timex]:
    found = []
    stretches = [(0, len(text))] if within is None else within
    for rule in rules.rules:
        matches = (m for start, end in stretches for m in rule.pattern.finditer(text, start, end))
        for match in matches:
            if scanning and rule.needs_context and not match.groupdict().get("shift"):
                before = text[max(0, match.start() - CONTEXT_CHARS) : match.start()]
                if not rule.needs_context.search(before):
                    continue
            value = rule.normalise(match, at)
            if value is None:
                continue
            found.append(
                Timex(
                    match.start(),
                    match.end(),
                    match.group(0),
                    value.value,
                    value.precision,
                    rule.kind,
                    value.relative_to,
                    value.counted_from,
                )
            )
    return found


def _ends_range(rules: TimeRules, text: str, first: Timex, second: Timex) -> bool:
    between = text[first.end : second.start]
    before = text[max(0, first.start - RANGE_OPENING_CHARS) : first.start]
    contexts = rules.contexts
    return bool(contexts.range_join.match(between)) and bool(contexts.range_open.search(before))


def _exists(year: int, rest: str) -> bool:
    """Whether ``YYYY`` + ``rest`` ("-02-29", "-03", "") names a real date in ``year``."""
    parts = [int(part) for part in rest.split("-")[1:]]
    return len(parts) < 2 or safe_date(year, *parts) is not None
