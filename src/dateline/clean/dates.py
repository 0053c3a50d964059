"""Dates the clean stage reads: page date lines, metadata dates, a full date in the body.

Written dates ("Tuesday, July 16, 2024", "16 July 2024", "27-MAR-1987", "2024-07-16")
are read with the one date grammar of ``kb.timex``, the one the time expressions use.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable
from datetime import date

from ..kb.timex import safe_date
from .vocabulary import Vocabulary

TIME_OF_DAY = re.compile(
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?"
    r"\s*(?:[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?:T\d{2}:\d{2}.*)",
    re.IGNORECASE,
)
PAGE_DATE_TRIM = " ,|-"  # what may stand between a page date line's date and its time


def written_date(match: re.Match, vocab: Vocabulary, reference: date | None) -> date | None:
    """The date of a written-date match; without its year, the one nearest ``reference``."""
    return vocab.dates.read(match).near(reference)


def page_date_line(line: str, vocab: Vocabulary) -> date | None:
    """``Tuesday, July 16, 2024`` or ``Updated: 16 July 2024 10:31``: a line that is only a date."""
    stripped = vocab.date_label.sub("", line)
    written = vocab.dates.written.match(stripped)
    found = written or vocab.dates.iso.match(stripped)
    if not found or not found.group(0):
        return None
    remainder = stripped[found.end() :].strip(PAGE_DATE_TRIM)
    if remainder and not TIME_OF_DAY.fullmatch(remainder):
        return None
    return written_date(found, vocab, None) if written else _iso_date(found)


def parse_date(value: str | None, vocab: Vocabulary) -> date | None:
    """A metadata date as written (ISO, RFC 822, "April 29, 2007", "29-APR-2007 ...")."""
    if not value:
        return None
    value = value.strip()
    iso = vocab.dates.iso.match(value)
    if iso:
        return _iso_date(iso)
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = vocab.dates.written.search(value)
    if found and found["year"]:
        return written_date(found, vocab, None)
    return _dateparser_date(value)


def year_in(paragraphs: Iterable[str], vocab: Vocabulary) -> date | None:
    """A full date written anywhere in the body: the last resort for a yearless dateline."""
    for paragraph in paragraphs:
        for found in vocab.dates.written.finditer(paragraph):
            if found["year"]:
                return written_date(found, vocab, None)
    return None


def _iso_date(match: re.Match) -> date | None:
    return safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


def _dateparser_date(value: str) -> date | None:
    import dateparser  # slow to import; only the odd metadata format needs it

    parsed = dateparser.parse(value, languages=["en"])
    return parsed.date() if parsed else None
