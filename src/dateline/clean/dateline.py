"""News datelines: ``BAGHDAD, Iraq, April 29, 2007 (AFP) -`` at the head of a story.

``parse_dateline`` reads one paragraph's opening; ``head_dateline`` finds the dateline
that opens a body, reads a date written without its year against a reference date, and
records where the dateline stands in the document's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..kb.timex import latest_date
from ..model import UPPER_BOUNDS, Dateline, DateSource
from .dates import written_date
from .vocabulary import Vocabulary

MAX_TITLE_WORDS = 25  # a longer paragraph before any dateline is prose: there is none
MAX_DATELINE_HEAD = 120  # characters before the dash of "CITY, date (AGENCY) -"
MAX_PLACE_WORDS = 4
HEAD_PARAGRAPHS = 3  # the head of the body, where title copies and the dateline sit
LOWER_PLACE_WORD = re.compile(r"[\w.'’/-]+$")  # "New york, March 2 -": when a date vouches
AGENCY_TAIL = re.compile(r"\(([^()]{1,40})\)\s*$")
# the dash after a dateline head: spaced hyphens, or a hyphen after "(AGENCY)", or en/em dashes
DATELINE_DASH = re.compile(r"\s+-{1,2}\s+|(?<=[)\d])\s*-{1,2}(?=\s)|\s*[–—]+\s*")
HEAD_JUNK = re.compile(r"^[^\w(]+")  # "****SANTO DOMINGO, ..." wire markers before the city
COLON_DASH = re.compile(r":\s+")


@dataclass(frozen=True)
class SourcedDate:
    """A date and what gave it: the reference a yearless dateline is read against, the
    publication date."""

    day: date
    source: DateSource


@dataclass(frozen=True)
class ParsedDateline:
    """A paragraph read as a dateline and the text after its dash."""

    dateline: Dateline
    rest: str


@dataclass(frozen=True)
class HeadDateline:
    """The dateline that opens a body: the paragraph it opens and what follows it there."""

    dateline: Dateline
    index: int  # the paragraph's index; the paragraphs before it are page residue
    rest: str


def head_dateline(
    paragraphs: Sequence[str], vocab: Vocabulary, reference: SourcedDate | None
) -> HeadDateline | None:
    """The dateline opening the first paragraphs, before any prose; None when there is none.

    A date without its year is read against ``reference``, which ``Dateline.year_from``
    records. The clean stage cuts the dateline from the text, which then starts where
    the dateline ended: its offsets in ``Document.text`` are (0, 0).
    """
    day = reference.day if reference else None
    for index, paragraph in enumerate(paragraphs[:HEAD_PARAGRAPHS]):
        parsed = parse_dateline(paragraph, vocab, day)
        if parsed is not None:
            dateline = replace(_with_year(parsed.dateline, vocab, reference), start=0, end=0)
            return HeadDateline(dateline, index, parsed.rest)
        if len(paragraph.split()) > MAX_TITLE_WORDS:
            return None  # prose came first: this story has no dateline at its head
    return None


def _with_year(dateline: Dateline, vocab: Vocabulary, reference: SourcedDate | None) -> Dateline:
    """A yearless date records where its year came from, and is never after an upper bound."""
    written = vocab.dates.written.search(dateline.text)
    if dateline.date is None or reference is None or (written and written["year"]):
        return dateline
    when = dateline.date
    if reference.source in UPPER_BOUNDS and when > reference.day:
        when = latest_date(when.month, when.day, reference.day)
    return replace(dateline, date=when, year_from=reference.source)


def parse_dateline(
    paragraph: str, vocab: Vocabulary, reference: date | None
) -> ParsedDateline | None:
    """``CITY, Month D, YYYY (AGENCY) - rest`` read as a dateline; None when it is none.

    A date without a year takes the year that puts it nearest ``reference``.
    """
    found = None
    for dash in (DATELINE_DASH, COLON_DASH):
        # the last dash that closes a valid head: "KANSAS CITY, Mo. - March 13 - ..."
        for match in dash.finditer(paragraph, 0, MAX_DATELINE_HEAD + 4):
            head = HEAD_JUNK.sub("", paragraph[: match.start()].strip())
            rest = paragraph[match.end() :].strip()
            if rest.isupper():
                continue  # "CORRECTED - GM TO IDLE PLANTS" is a headline, not a dateline
            dateline = _parse_head(head, vocab, reference, colon=dash is COLON_DASH)
            if dateline is not None:
                found = ParsedDateline(dateline, rest)
        if found:
            return found
    return None


def _parse_head(
    head: str, vocab: Vocabulary, reference: date | None, *, colon: bool
) -> Dateline | None:
    written = head
    agency = None
    tail = AGENCY_TAIL.search(head)
    if tail:
        agency = _agency(tail.group(1), vocab)
        if agency is None:
            return None
        head = head[: tail.start()].strip().rstrip(",")
    parts = _place_and_date(DATELINE_DASH.sub(", ", head), vocab, reference)
    if parts is None:
        return None
    place, when = parts.place, parts.date
    shouting = bool(place) and head.split(",")[0].strip().isupper()
    dated = when is not None or vocab.dates.written.search(head) is not None  # a year may follow
    if colon and not (shouting and agency is None):
        return None  # "NEW DELHI: ..." only; a colon after mixed case is prose
    if not (agency or dated or shouting):
        return None
    if not place and (agency is None or agency.lower() not in vocab.agencies):
        return None  # "(Reuters) -" alone is a dateline; "(CORRECTED) -" is not
    return Dateline(text=written, place=place, agency=agency, date=when)


def _agency(name: str, vocab: Vocabulary) -> str | None:
    """A known agency's recorded name; an unknown short capitalised name as written."""
    name = " ".join(name.split())
    known = vocab.agencies.get(name.lower())
    if known:
        return known
    words = name.split()
    if len(words) <= MAX_PLACE_WORDS and all(w[0].isupper() for w in words):
        return name
    return None


@dataclass(frozen=True)
class _HeadParts:
    place: str | None
    date: date | None


def _place_and_date(head: str, vocab: Vocabulary, reference: date | None) -> _HeadParts | None:
    """Split ``BAGHDAD, Iraq, April 29, 2007`` into place and date; None when not a head."""
    if not head:
        return _HeadParts(None, None)
    found = vocab.dates.written.search(head)
    when = None
    if found:
        when = written_date(found, vocab, reference)
        head = (head[: found.start()] + head[found.end() :]).strip(" ,")
    parts = [part.strip() for part in head.split(",") if part.strip()]
    parts = [part for part in parts if part.lower().rstrip(".") not in vocab.dates.weekdays]
    if not all(_is_place(part, vocab, loose=found is not None) for part in parts):
        return None
    place = ", ".join(_place_case(part) for part in parts) or None
    if found is None and place is None:
        return None
    return _HeadParts(place, when)


def _is_place(text: str, vocab: Vocabulary, *, loose: bool) -> bool:
    """A city or region name; with ``loose`` (a date follows) its later words may be lower case."""
    words = text.split()
    word = LOWER_PLACE_WORD if loose else vocab.place_word
    return (
        0 < len(words) <= MAX_PLACE_WORDS
        and words[0][0].isupper()
        and all(word.match(w) for w in words)
    )


def _place_case(text: str) -> str:
    """``NEW YORK`` -> ``New York``; mixed case is kept as written."""
    return text.title() if text.isupper() else text
