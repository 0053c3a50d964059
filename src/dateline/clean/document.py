"""The clean stage: a RawDocument becomes a Document with its body, title, dateline and dates.

The dateline's date is the publication date; page metadata, a page date line, the
user's date and the file's time only stand in for it, in that order of trust.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from ..errors import InputError
from ..model import (
    GUESSED_YEAR_FROM,
    Dateline,
    DateSource,
    Document,
    RawDocument,
    content_hash,
)
from ..settings import Settings
from .body import Body, clean_text, collapse_repeats, take_dateline
from .dateline import SourcedDate
from .dates import parse_date, year_in
from .extract import extract_page
from .language import identify_language, reads_as
from .vocabulary import Vocabulary, load_vocabulary

# Who is trusted first for a story's date (a yearless dateline's year skips the first)
TRUST_ORDER = (
    DateSource.DATELINE,
    DateSource.METADATA,
    DateSource.PAGE,
    DateSource.SETTINGS,
    DateSource.FILE,
)

log = logging.getLogger(__name__)


def clean_document(raw: RawDocument, settings: Settings) -> Document:
    """The cleaned Document of ``raw``; InputError when no text remains."""
    vocab = load_vocabulary(settings.residue_files, settings.agency_files, settings.teaser_files)
    page = extract_page(raw)
    body = clean_text(page.text, vocab, title=page.title, wrapped=page.wrapped)
    metadata_date = parse_date(page.date, vocab)
    given = settings.reference_date
    file_date = None if given else _file_date(raw)  # the user's year beats the file's
    reference = _reference(body, vocab, metadata_date, given, file_date)
    dateline = take_dateline(body, vocab, reference)
    if dateline is not None and dateline.year_from in GUESSED_YEAR_FROM:
        log.info("%s: the dateline has no year; took it from the %s", raw.path, dateline.year_from)
    collapse_repeats(body, vocab)
    text = "\n\n".join(body.paragraphs).strip()
    log.debug("%s: %d residue paragraphs dropped", raw.path, len(body.residue))
    if not text:
        raise InputError(raw.path, "no text left after cleaning")
    published = _published(dateline, metadata_date, body.page_date, settings.published, file_date)
    chash = content_hash(text)
    doc = Document(
        doc_id=hashlib.sha1(f"{raw.identity or raw.path}\x1f{chash}".encode()).hexdigest()[:16],
        path=raw.path,
        text=text,
        title=body.title,
        url=raw.url,
        author=page.author or body.author,
        source=page.source,
        published=published.day if published else None,
        published_from=published.source if published else None,
        dateline=dateline,
        content_hash=chash,
        warnings=list(raw.warnings),
    )
    guess = identify_language(text)
    doc.language = guess.language
    wanted = settings.languages
    if doc.language not in wanted and guess.sure and not reads_as(text, wanted):
        doc.skipped = f"language: {doc.language}"
    return doc


def _reference(
    body: Body,
    vocab: Vocabulary,
    metadata: date | None,
    given: date | None,
    file: date | None,
) -> SourcedDate | None:
    """What a dateline written without its year is read against, in the order of trust;
    last, a full date written in the body (looked for only when nothing else gave one)."""
    found = {
        DateSource.METADATA: metadata,
        DateSource.PAGE: body.page_date,
        DateSource.SETTINGS: given,
        DateSource.FILE: file,
    }
    trusted = _most_trusted(found)
    if trusted:
        return trusted
    day = year_in(body.paragraphs, vocab)
    return SourcedDate(day, DateSource.BODY) if day else None


def _file_date(raw: RawDocument) -> date | None:
    """The file's time, or the time a URL was fetched: no story was published after it."""
    when = raw.file_time or raw.fetched_at
    return when.date() if when else None


def _published(
    dateline: Dateline | None,
    metadata: date | None,
    page: date | None,
    given: date | None,
    file: date | None,
) -> SourcedDate | None:
    """The publication date and the rule that gave it, in the order of trust."""
    found = {
        DateSource.DATELINE: dateline.date if dateline else None,
        DateSource.METADATA: metadata,
        DateSource.PAGE: page,
        DateSource.SETTINGS: given,
        DateSource.FILE: file,
    }
    return _most_trusted(found)


def _most_trusted(found: dict[DateSource, date | None]) -> SourcedDate | None:
    """The known date of the most trusted source in ``found`` (``TRUST_ORDER``)."""
    ranked = ((found.get(source), source) for source in TRUST_ORDER)
    return next((SourcedDate(day, source) for day, source in ranked if day), None)
