"""The rows of the store's tables made from the data model, and documents and event
records made back from rows. The event columns are the record's flat form
(``dateline.record``), plus the few the store adds for its queries."""

from __future__ import annotations

import calendar
import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import __version__
from ..model import Dateline, Document, Event, Failure, Place
from ..record import PLACE_PARTS, flat_fields, record_from_row
from .connection import now
from .merge import merge_key

log = logging.getLogger(__name__)

CONTENT_TABLES = ("sentences", "actors", "mentions")  # named as the Document fields
ROW_TABLES = ("documents", *CONTENT_TABLES, "events")
# The events columns that are not the record's: position, date bounds, joins, merging.
EVENT_EXTRA_COLUMNS = (
    "ordinal",
    "date_expression",
    "date_start",
    "date_end",
    "place_id",
    "sentence_index",
    "merge_key",
    "source_actor",
    "target_actor",
)
# The documents columns a Document's fields fill as they are (the rest: its dateline
# and the coding's own columns).
DOCUMENT_COLUMNS = (
    "doc_id",
    "path",
    "url",
    "title",
    "author",
    "source",
    "text",
    "published",
    "published_from",
    "language",
    "content_hash",
    "duplicate_of",
    "skipped",
    "fingerprint",
)
# the dateline_<part> columns: every field of model.Dateline
DATELINE_PARTS = ("text", "place", "agency", "date", "year_from", "start", "end")


@dataclass
class BatchRows:
    """A batch as the rows of the store's tables: what ``Store.save_rows`` writes and what
    the Parquet parts of a distributed run hold (``dateline.parts``)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def without(self, doc_ids: set[str]) -> BatchRows:
        """The rows of every document but ``doc_ids`` (the failures stay)."""
        kept = {
            table: [row for row in getattr(self, table) if row["doc_id"] not in doc_ids]
            for table in ROW_TABLES
        }
        return BatchRows(**kept, failures=self.failures)

    def extend(self, other: BatchRows) -> None:
        for table in ROW_TABLES:
            getattr(self, table).extend(getattr(other, table))
        self.failures.extend(other.failures)


def batch_rows(docs: Sequence[Document], failures: Sequence[Failure]) -> BatchRows:
    """The rows of ``docs`` (each document id once: the first wins) and ``failures``."""
    unique: dict[str, Document] = {}
    for doc in docs:
        unique.setdefault(doc.doc_id, doc)
    rows = BatchRows(failures=list(failures))
    for doc in unique.values():
        rows.documents.append(document_row(doc))
        for table in CONTENT_TABLES:
            getattr(rows, table).extend(_part_rows(doc, getattr(doc, table)))
        rows.events.extend(_event_rows(doc))
    return rows


def documents_of(rows: BatchRows) -> list[Document]:
    """The documents of ``rows`` rebuilt (without their sentences, actors and events)."""
    return [document_from_row(row) for row in rows.documents]


def records_of(rows: BatchRows) -> list[dict[str, Any]]:
    """The event records (``dateline.record`` shapes) of ``rows``."""
    return [record_from_row(row) for row in rows.events]


def coder_version(doc: Document) -> str | None:
    """The coders (``name.version``, e.g. ``patterns.v1``) that coded ``doc``'s events,
    comma-separated; None when it has no events."""
    return ",".join(sorted({event.coder for event in doc.events if event.coder})) or None


def document_row(doc: Document) -> dict[str, Any]:
    row = {column: getattr(doc, column) for column in DOCUMENT_COLUMNS}
    for part in DATELINE_PARTS:
        row[f"dateline_{part}"] = getattr(doc.dateline, part) if doc.dateline else None
    row["warnings"] = doc.warnings or None
    row["status"] = doc.status.value
    row["coded_at"] = now()
    row["coder_version"] = coder_version(doc)
    row["dateline_version"] = __version__
    return row


def document_from_row(row: Mapping[str, Any]) -> Document:
    """A stored document rebuilt (without its sentences, actors and events)."""
    dateline = None
    if row["dateline_text"] is not None:
        dateline = Dateline(**{part: row[f"dateline_{part}"] for part in DATELINE_PARTS})
    fields = {column: row[column] for column in DOCUMENT_COLUMNS}
    return Document(**fields, dateline=dateline, warnings=list(row["warnings"] or []))


def _part_rows(doc: Document, parts: Sequence[Any]) -> Iterator[dict[str, Any]]:
    """Rows of a document's sentences, actors or mentions, keyed by their position."""
    for position, part in enumerate(parts):
        row = dict(vars(part))  # flat dataclasses: no deep copy (asdict) needed
        row.pop("index", None)  # a sentence's own index is its position
        yield {"doc_id": doc.doc_id, "idx": position, **row}


def _event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per distinct event id (an event coded twice from one sentence is one row)."""
    seen = set()
    for ordinal, event in enumerate(doc.events):
        event_id = event.key(doc.doc_id)
        if event_id in seen:
            continue
        seen.add(event_id)
        yield event_row(doc, event, ordinal)


def event_row(doc: Document, event: Event, ordinal: int) -> dict[str, Any]:
    """The ``events`` row of ``event``: the record's flat columns and the store's own."""
    row = flat_fields(doc, event)
    try:
        period = date_period(event.date)
    except ValueError:  # an impossible date must not cost the batch: keep it unqueryable
        log.warning("%s: event %s has an impossible date %r", doc.path, row["id"], event.date)
        period = DatePeriod(None, None)
    extra = {
        "ordinal": ordinal,
        "date_expression": event.date_expression,
        "date_start": period.first,
        "date_end": period.last,
        "place_id": _place_id(event.place) if event.place else None,
        "sentence_index": event.sentence,
        "merge_key": merge_key(event),
        "source_actor": event.source.actor if event.source else None,
        "target_actor": event.target.actor if event.target else None,
    }
    return row | extra


def _place_id(place: Place) -> str:
    """Places are shared between events; every field takes part so none is lost."""
    parts = "\x1f".join(repr(getattr(place, part)) for part in PLACE_PARTS)
    return hashlib.sha1(parts.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class DatePeriod:
    """The first and last day an event date covers (both None for no date)."""

    first: date | None
    last: date | None


def date_period(value: str | None) -> DatePeriod:
    """The days that an event date (YYYY, YYYY-MM, YYYY-MM-DD) covers; ValueError for
    a date that does not exist."""
    if not value:
        return DatePeriod(None, None)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return DatePeriod(day, day)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return DatePeriod(date(parts[0], parts[1], 1), date(parts[0], parts[1], last))
    return DatePeriod(date(parts[0], 1, 1), date(parts[0], 12, 31))
