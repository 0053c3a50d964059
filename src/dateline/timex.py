"""Time expressions: find them in a text and normalise them against an anchor date.

A pure module (no spaCy, no document): ``find_timexes`` scans a text, ``resolve``
normalises one expression. Relative expressions are anchored to the publication
date ("yesterday", "on Sunday", "last week"), or to the story's reference time
("two days earlier", "later that day"), which the caller supplies. Values follow
TIMEX3: ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY-SU``, ``YYYY``,
``PAST_REF`` ...; ``calendar_date`` turns one into an event date and its precision.
The vocabulary lives in ``data/time/expressions.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

EXPLICIT = "explicit"
WEEKDAY = "weekday"
RELATIVE = "relative"
MONTH_ONLY = "month-only"
OTHER = "other"
KINDS = (EXPLICIT, WEEKDAY, RELATIVE, MONTH_ONLY, OTHER)

ANCHOR = "anchor"  # relative to the publication date
REFERENCE = "reference"  # relative to the story's current reference time

FIRST_YEAR, LAST_YEAR = 1, 9999  # the years a calendar date can have
COUNTED_OBJECT = " it"  # stands for what an expression counts from, when resolving it alone
COUNTED_PRECISIONS = {4: "year", 7: "month", 8: "week", 10: "day"}  # by the value's length
CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d){0,2}")  # YYYY, YYYY-MM, YYYY-MM-DD


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


@dataclass(frozen=True)
class _Value:
    value: str
    precision: str | None
    relative_to: str | None = None
    counted_from: str | None = None


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern
    normalise: Callable[[re.Match, date, date, bool], _Value | None]
    needs_context: re.Pattern | None = None  # when scanning free text only


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict]:
    """The shipped time-expression vocabulary (months, weekdays, offsets ...)."""
    text = resources.files("dateline").joinpath("data/time/expressions.toml").read_text("utf-8")
    return tomllib.loads(text)


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
    found = [
        t
        for t in _matches(probe, anchor, reference or anchor, future, scanning=False)
        if t.end <= len(text)
    ]
    return max(found, key=lambda t: (t.end - t.start, -t.start), default=None)


def counted_from(timex: Timex) -> Timex | None:
    """The time of what "N years after/since/before X" counts from (X), or None."""
    if timex.counted_from is None:
        return None
    precision = COUNTED_PRECISIONS[len(timex.counted_from)]
    return replace(timex, value=timex.counted_from, precision=precision, counted_from=None)


def find_timexes(text: str, anchor: date, *, reference: date | None = None) -> list[Timex]:
    """Every time expression in ``text``, left to right, without overlaps.

    The end of a range ("from Monday to Wednesday") is dropped: the range's
    start dates what happens in it.
    """
    found = _matches(text, anchor, reference or anchor, False, scanning=True)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Timex] = []
    for timex in found:
        if kept and timex.start < kept[-1].end:
            continue
        if kept and _ends_range(text, kept[-1], timex):
            continue
        kept.append(timex)
    return kept


def future_context(text: str) -> bool:
    """Whether the words before an expression in its clause point forward.

    "will visit on", "is due to open on", "until", "to run through" ...
    """
    return bool(_contexts().future_clause.search(text))


def calendar_date(timex: Timex) -> tuple[str, str] | None:
    """The event date ("YYYY-MM-DD", "YYYY-MM" or "YYYY") and its precision, or None.

    A week is dated by the month holding its Thursday (the ISO rule for which
    month or year a week belongs to); quarters and seasons by their year.
    """
    if timex.precision in ("day", "month", "year"):
        return timex.value, timex.precision
    if timex.precision == "week":
        year, week = timex.value[:4], timex.value[6:8]
        thursday = date.fromisocalendar(int(year), int(week), 4)
        return thursday.strftime("%Y-%m"), "month"
    if timex.precision in ("quarter", "season"):
        return timex.value[:4], "year"
    return None


def _matches(text: str, anchor: date, reference: date, future: bool, scanning: bool):
    found = []
    for rule in _rules():
        for match in rule.pattern.finditer(text):
            if scanning and rule.needs_context and not match.groupdict().get("shift"):
                if not rule.needs_context.search(text[max(0, match.start() - 20) : match.start()]):
                    continue
            value = rule.normalise(match, anchor, reference, future)
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


def _ends_range(text: str, first: Timex, second: Timex) -> bool:
    between = text[first.end : second.start]
    before = text[max(0, first.start - 10) : first.start]
    contexts = _contexts()
    return bool(contexts.range_join.match(between)) and bool(contexts.range_open.search(before))


# --- the grammar -------------------------------------------------------------


@dataclass(frozen=True)
class _Contexts:
    """Patterns over the words around an expression, built from the vocabulary."""

    future_clause: re.Pattern  # words in a clause that make its expressions point forward
    year: re.Pattern  # what may stand before a bare year: "in 1998", not "1998 troops"
    month: re.Pattern  # what may stand before a bare month: "in May", not "Theresa May"
    range_join: re.Pattern  # between the two ends of a range: "from Monday to Wednesday"
    range_open: re.Pattern  # before the start of a range


@lru_cache(maxsize=1)
def _contexts() -> _Contexts:
    v = vocabulary()
    future, year, month, ranges = (
        v["future_clause"],
        v["year_context"],
        v["month_context"],
        v["ranges"],
    )

    def compiled(pattern: str) -> re.Pattern:
        return re.compile(pattern, re.IGNORECASE)

    return _Contexts(
        future_clause=compiled(
            rf"\b{alternation(future['words'])}\b|{alternation(future['suffixes'])}\b"
            rf"|\b{alternation(future['ending'])}\s*$"
        ),
        year=compiled(rf"(?:\b{alternation(year['words'])}|{alternation(year['marks'])})\s*$"),
        month=compiled(rf"\b{alternation(month['words'])}\s*$|{alternation(month['marks'])}$"),
        range_join=compiled(rf"^\s*{alternation(ranges['joining'])}\s*$"),
        range_open=compiled(rf"\b{alternation(ranges['opening'])}\s*$"),
    )


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first so "this coming" beats "this".

    A space in a phrase matches any run of white space.
    """
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")"


def _names(words) -> str:
    """Month or weekday names; abbreviations ("Jan.", "Tues.") may end with a dot."""
    words = list(words)
    abbreviations = {w for w in words if any(o != w and o.startswith(w) for o in words)}
    longest_first = sorted(words, key=len, reverse=True)
    forms = [rf"{w}\.?" if w in abbreviations else w for w in longest_first]
    return "(?:" + "|".join(forms) + ")"


@lru_cache(maxsize=1)
def _rules() -> list[_Rule]:
    v = vocabulary()
    month = rf"(?P<month>{_names(v['months'])})"
    weekday = rf"(?P<weekday>{_names(v['weekdays'])})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    count = rf"(?P<count>{alternation(v['numbers'])}|\d+)"
    unit = rf"(?P<unit>day|week|month|year|{alternation(v['long_units'])})s?"
    direction = alternation({**v["offset_directions"], **v["counted_from"]})
    counted = r"(?P<counted>(?=\s+[^\W\d_]))?"  # a word follows: "after [the war]"
    shift = rf"(?P<shift>{alternation(v['unit_shifts'])})"
    weekday_shift = rf"(?:(?P<wshift>{alternation(v['weekday_shifts'])})\s+)?"
    opt_weekday = rf"(?:{weekday},?\s+)?"
    part_of_day = rf"(?:\s+{alternation(v['parts_of_day']['words'])})?"
    prefix = rf"(?:(?P<shift>{alternation(v['month_shifts']['words'])})\s*)?"
    year_kind = rf"(?:{alternation(v['year_kinds']['words'])}\s+)?"
    contexts = _contexts()

    def rule(kind, pattern, normalise, needs_context=None):
        return _Rule(kind, re.compile(pattern, re.IGNORECASE), normalise, needs_context)

    return [
        rule(EXPLICIT, r"\b(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)\b", _numeric_date),
        rule(
            EXPLICIT, r"\b(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)\b", _numeric_date
        ),
        rule(EXPLICIT, rf"\b{opt_weekday}{month}\s+{day}\b(?:,?\s+{year}\b)?", _month_day),
        rule(
            EXPLICIT,
            rf"\b{opt_weekday}{day}\s+(?:of\s+)?{month}(?!\w)(?:,?\s+{year}\b)?",
            _month_day,
        ),
        rule(EXPLICIT, rf"\b{prefix}{month},?\s+(?:of\s+)?{year}\b", _month_year),
        rule(WEEKDAY, rf"\b{weekday_shift}{weekday}(?!\w){part_of_day}", _weekday),
        rule(RELATIVE, rf"\b{alternation(v['day_words'])}\b", _day_word),
        rule(RELATIVE, rf"\b{alternation(v['reference_day_words'])}\b", _reference_day_word),
        rule(
            RELATIVE,
            rf"\b{count}\s+{unit}\s+(?P<dir>{direction})\b{counted}",
            _offset,
        ),
        rule(
            RELATIVE,
            rf"\b(?:the\s+)?{shift}\s+{year_kind}(?P<unit>week(?:end)?|month|year)\b",
            _unit_shift,
        ),
        rule(OTHER, r"\bthe\s+weekend\b", _weekend),
        rule(
            RELATIVE,
            rf"\b{month}\s+(?:of\s+)?(?P<shift>last|this|next)\s+year\b",
            _month_of_shifted_year,
        ),
        rule(
            OTHER,
            rf"\b(?:the\s+)?(?:{shift}\s+|(?P<ord>{alternation(v['quarters'])})[\s-]+)"
            rf"quarter\b(?:\s+(?:of\s+)?{year})?",
            _quarter,
        ),
        rule(MONTH_ONLY, rf"\b{prefix}{month}(?!\w)(?!\s*,?\s*\d)", _month_only, contexts.month),
        rule(
            OTHER,
            rf"\b(?:(?P<shift>{alternation(v['season_shifts'])})\s+)?"
            rf"(?P<season>{alternation(v['seasons'])})\b(?:\s+(?:of\s+)?{year})?",
            _season,
        ),
        rule(EXPLICIT, rf"\b{year_kind}{year}\b(?!\s*%)", _year, contexts.year),
        rule(OTHER, r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d)0'?s\b", _decade),
        rule(OTHER, r"\b(?:the\s+)?(?P<century>[12]?\d)(?:st|nd|rd|th)[\s-]+century\b", _century),
        rule(OTHER, rf"\b{alternation(v['references'])}\b", _reference_word),
    ]


# --- normalisers: (match, anchor, reference, future) -> _Value ------------------


def _numeric_date(m, anchor, reference, future):
    year = int(m["year"])
    if year < 100:
        year += 1900 if year > (anchor.year % 100) + 1 else 2000
    try:
        return _Value(date(year, int(m["mon"]), int(m["day"])).isoformat(), "day")
    except ValueError:
        return None


def _month_day(m, anchor, reference, future):
    if not _is_name(m["month"]):
        return None
    month = _lookup("months", m["month"])
    day = int(m["day"])
    if m["year"]:
        found = safe_date(int(m["year"]), month, day)
    else:
        found = nearest_date(month, day, anchor)
    if found is None:
        return None
    return _Value(found.isoformat(), "day", None if m["year"] else ANCHOR)


def _month_year(m, anchor, reference, future):
    if not _is_name(m["month"]):
        return None
    return _Value(f"{int(m['year']):04d}-{_lookup('months', m['month']):02d}", "month")


def _weekday(m, anchor, reference, future):
    if not _is_name(m["weekday"]):
        return None
    target = _lookup("weekdays", m["weekday"])
    shift = " ".join((m["wshift"] or "").lower().split())
    direction = vocabulary()["weekday_shifts"].get(shift)
    if direction == "future" or (future and direction != "past"):
        delta = (target - anchor.weekday()) % 7
        if shift == "next" and delta == 0:
            delta = 7
    else:
        delta = -((anchor.weekday() - target) % 7)
        if direction == "past" and delta == 0:
            delta = -7
    return _days_after(anchor, delta, ANCHOR)


def _day_word(m, anchor, reference, future):
    return _days_after(anchor, _lookup("day_words", m.group(0)), ANCHOR)


def _reference_day_word(m, anchor, reference, future):
    return _days_after(reference, _lookup("reference_day_words", m.group(0)), REFERENCE)


def _offset(m, anchor, reference, future):
    count = _count(m["count"])
    unit = m["unit"].lower().rstrip("s")
    if unit in vocabulary()["long_units"]:
        unit, count = "year", count * _lookup("long_units", unit)
    word = " ".join(m["dir"].lower().split())
    if m["counted"] is not None and word in vocabulary()["counted_from"]:
        # "18 years after the invasion": this clause at the reference, the invasion before
        here = _days_after(reference, 0, REFERENCE)
        origin = _shifted(reference, unit, count * _lookup("counted_from", word), REFERENCE)
        return here and origin and replace(here, counted_from=origin.value)
    if word not in vocabulary()["offset_directions"]:
        return None  # "five years since." names no date
    direction = _lookup("offset_directions", word)
    from_anchor = word in vocabulary()["anchor_offsets"]["words"]
    relative_to = ANCHOR if from_anchor else REFERENCE
    base = anchor if relative_to == ANCHOR else reference
    return _shifted(base, unit, count * direction, relative_to)


def _unit_shift(m, anchor, reference, future):
    step = _lookup("unit_shifts", m["shift"])
    unit = m["unit"].lower()
    if unit == "weekend":
        week = _shifted(anchor, "week", step, ANCHOR)
        return week and _Value(week.value + "-WE", "week", ANCHOR)
    return _shifted(anchor, unit, step, ANCHOR)


def _quarter(m, anchor, reference, future):
    current = (anchor.month - 1) // 3 + 1
    if m["ord"]:
        quarter, year = _lookup("quarters", m["ord"]), anchor.year
    else:
        index = anchor.year * 4 + current - 1 + _lookup("unit_shifts", m["shift"])
        year, quarter = index // 4, index % 4 + 1
    if m["year"]:
        year = int(m["year"])
    return _Value(f"{year:04d}-Q{quarter}", "quarter", None if m["year"] else ANCHOR)


def _month_only(m, anchor, reference, future):
    if not _is_name(m["month"]):
        return None
    month = _lookup("months", m["month"])
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
    return _Value(f"{year:04d}-{month:02d}", "month", ANCHOR)


def _season(m, anchor, reference, future):
    code = _lookup("seasons", m["season"])
    shift = (m["shift"] or "").lower()
    if m["year"]:
        return _Value(f"{m['year']}-{code}", "season")
    if not shift:
        return None  # a bare "spring" or "fall" is too often a noun or a verb
    year = anchor.year + _lookup("season_shifts", shift)
    return _Value(f"{year:04d}-{code}", "season", ANCHOR)


def _year(m, anchor, reference, future):
    return _Value(m["year"], "year")


def _weekend(m, anchor, reference, future):
    """The weekend just past, or the coming one when the clause speaks of the future."""
    year, week, weekday = anchor.isocalendar()
    if future:
        return _Value(f"{year:04d}-W{week:02d}-WE", "week", ANCHOR)
    last = anchor if weekday >= 6 else anchor - timedelta(days=weekday)
    year, week, _ = last.isocalendar()
    return _Value(f"{year:04d}-W{week:02d}-WE", "week", ANCHOR)


def _month_of_shifted_year(m, anchor, reference, future):
    if not _is_name(m["month"]):
        return None
    year = anchor.year + _lookup("unit_shifts", m["shift"])
    return _Value(f"{year:04d}-{_lookup('months', m['month']):02d}", "month", ANCHOR)


def _century(m, anchor, reference, future):
    return _Value(f"{int(m['century']) - 1:02d}", "century")


def _decade(m, anchor, reference, future):
    return _Value(m["decade"], "decade")


def _reference_word(m, anchor, reference, future):
    return _Value(_lookup("references", m.group(0)), None)


# --- helpers -------------------------------------------------------------------


def _lookup(table: str, words: str):
    return vocabulary()[table][" ".join(words.lower().rstrip(".").split())]


def _count(words: str) -> int:
    return int(words) if words.isdigit() else _lookup("numbers", words)


def _is_name(word: str) -> bool:
    """Month and weekday names are capitalised: "may" and "march" are usually verbs."""
    return word[:1].isupper()


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


def _exists(year: int, rest: str) -> bool:
    """Whether ``YYYY`` + ``rest`` ("-02-29", "-03", "") names a real date in ``year``."""
    parts = [int(part) for part in rest.split("-")[1:]]
    return len(parts) < 2 or safe_date(year, *parts) is not None


def latest_date(month: int, day: int, reference: date) -> date | None:
    """A date written without its year, on or before ``reference``: a story's dateline
    is never later than the file, the fetch or the year it was read against."""
    candidates = [safe_date(reference.year + shift, month, day) for shift in (0, -1, -2)]
    return next((found for found in candidates if found and found <= reference), None)


def _days_after(base: date, days: int, relative_to: str | None) -> _Value | None:
    try:
        return _Value((base + timedelta(days=days)).isoformat(), "day", relative_to)
    except OverflowError:  # "3000000 days ago": before year 1
        return None


def _shifted(base: date, unit: str, steps: int, relative_to: str) -> _Value | None:
    """``base`` moved by ``steps`` units; None when that leaves the calendar (years 1-9999)."""
    if unit == "day":
        return _days_after(base, steps, relative_to)
    if unit == "week":
        try:
            year, week, _ = (base + timedelta(weeks=steps)).isocalendar()
        except OverflowError:
            return None
        return _Value(f"{year:04d}-W{week:02d}", "week", relative_to)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + steps
        year, month = index // 12, index % 12 + 1
        return _in_calendar(year, f"{year:04d}-{month:02d}", "month", relative_to)
    year = base.year + steps
    return _in_calendar(year, f"{year:04d}", "year", relative_to)


def _in_calendar(year: int, value: str, precision: str, relative_to: str) -> _Value | None:
    """A value only when its year is one a date can have: "5000 years ago" names no date."""
    return _Value(value, precision, relative_to) if FIRST_YEAR <= year <= LAST_YEAR else None
