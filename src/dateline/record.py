"""The event record: the stable, documented shape of one coded event (see README), and
the document record, the shape of one cleaned document.

This module is the one definition of both: the event record's field list, the record
made from a coded ``Document``, the record made from a stored row, and its flat form
(nested keys joined by ``_``), which is also the column list of the ``events`` table, of
the csv and parquet exports and of ``dateline events --format csv``; the document
record's field list and the record made from a ``Document`` (``dateline clean`` prints
it; ``Store.document`` and the web API add its sentence spans and event ids).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .model import Document, Event

ACTOR_PARTS = ("text", "name", "country", "sector")  # model.ActorRef without its actor index,
# which points into the document's actors that the record does not carry
PLACE_PARTS = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
COUNT_FIELDS = ("fatalities", "injured", "arrested")  # each a count and its text
COUNT_PARTS = ("count", "text")

RECORD_FIELDS = (
    "id",
    "doc_id",
    "doc_path",
    "published",
    "date",
    "date_precision",
    "source",
    "target",
    "plover",
    "cameo",
    "modality",
    "confidence",
    "place",
    "sentence",
    "span",
    "trigger",
    "explanation",
    "coder",
    *COUNT_FIELDS,
)
# The parts of the nested fields; flat, ``source`` is ``source_text``, ``source_name`` …
# A nested field whose parts are all null is null. ``span`` is a list: [start, end].
NESTED_PARTS = {
    "source": ACTOR_PARTS,
    "target": ACTOR_PARTS,
    "plover": ("type", "mode"),
    "cameo": ("code", "root", "goldstein", "quad_class"),
    "place": PLACE_PARTS,
    "span": ("start", "end"),
    **dict.fromkeys(COUNT_FIELDS, COUNT_PARTS),
}
LIST_FIELDS = frozenset({"span"})
_NESTED_COLUMNS = {
    name: tuple(f"{name}_{part}" for part in parts) for name, parts in NESTED_PARTS.items()
}
# The nested fields that are Event attributes, and the model attributes their parts are
# read from (a Count's ``count`` is its ``number``); ``span`` is the sentence's.
_EVENT_PARTS = tuple(name for name in NESTED_PARTS if name not in LIST_FIELDS)
_MODEL_ATTRIBUTES = {**NESTED_PARTS, **dict.fromkeys(COUNT_FIELDS, ("number", "text"))}
FLAT_COLUMNS = tuple(
    f"{name}_{part}" if part else name
    for name in RECORD_FIELDS
    for part in NESTED_PARTS.get(name, (None,))
)
# What a merged event's record adds (one record per real event, merged across articles).
MERGED_FIELDS = ("sources", "mentions", "event_ids", "doc_ids")
CONFIDENCE_DIGITS = 3  # records round the confidence; the store keeps it whole

DOCUMENT_FIELDS = (
    "doc_id",
    "doc_path",
    "url",
    "title",
    "author",
    "source",
    "published",
    "published_from",
    "dateline",
    "language",
    "duplicate_of",
    "skipped",
    "text",
)
DATELINE_FIELDS = ("place", "agency", "year_from")  # the record's part of model.Dateline


def event_record(doc: Document, event: Event) -> dict[str, Any]:
    """The JSON-ready record of ``event`` as coded in ``doc``."""
    return _presented(_nested(flat_fields(doc, event)))


def document_records(doc: Document) -> list[dict[str, Any]]:
    return [event_record(doc, event) for event in doc.events]


def document_record(doc: Document) -> dict[str, Any]:
    """The JSON-ready record of a cleaned document (``DOCUMENT_FIELDS``)."""
    return {
        "doc_id": doc.doc_id,
        "doc_path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "author": doc.author,
        "source": doc.source,
        "published": doc.published.isoformat() if doc.published else None,
        "published_from": doc.published_from,
        "dateline": _parts(doc.dateline, DATELINE_FIELDS),
        "language": doc.language,
        "duplicate_of": doc.duplicate_of,
        "skipped": doc.skipped,
        "text": doc.text,
    }


def flat_fields(doc: Document, event: Event) -> dict[str, Any]:
    """The record's flat columns with their values as coded: ``published`` a date, the
    confidence unrounded (the store's events row; ``event_record`` nests and presents
    them)."""
    sentence = doc.sentences[event.sentence]
    flat = {
        "id": event.key(doc.doc_id),
        "doc_id": doc.doc_id,
        "doc_path": doc.path,
        "published": doc.published,
        "date": event.date,
        "date_precision": event.date_precision,
        "modality": event.modality,
        "confidence": float(event.confidence),
        "sentence": sentence.text,
        "span_start": sentence.start,
        "span_end": sentence.end,
        "trigger": event.trigger,
        "explanation": event.explanation,
        "coder": event.coder,
    }
    for name in _EVENT_PARTS:
        value = getattr(event, name)
        columns = _NESTED_COLUMNS[name]
        if value is None:
            flat.update(dict.fromkeys(columns))
        else:
            attributes = _MODEL_ATTRIBUTES[name]
            flat.update(zip(columns, [getattr(value, a) for a in attributes], strict=True))
    flat["cameo_goldstein"] = float(flat["cameo_goldstein"])  # as the DOUBLE column reads
    return flat


def record_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The event record of one ``events`` (or ``merged_events``) row; a merged event's
    id is its ``merged_id`` and it carries the ``MERGED_FIELDS``."""
    record = _presented(_nested(row))
    if "merged_id" in row:
        record["id"] = row["merged_id"]
        record["sources"] = row["sources"]
        record["mentions"] = row["mentions"]
        record["event_ids"] = list(row["event_ids"])
        record["doc_ids"] = list(row["doc_ids"])
    return record


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's flat form: every nested field as its ``FLAT_COLUMNS`` (null parts when
    the field is null); other lists (a merged event's ids) as JSON text."""
    flat: dict[str, Any] = {}
    for name, value in record.items():
        columns = _NESTED_COLUMNS.get(name)
        if columns is None:
            flat[name] = json.dumps(value) if isinstance(value, list) else value
        elif value is None:
            flat.update(dict.fromkeys(columns))
        elif name in LIST_FIELDS:
            flat.update(zip(columns, value, strict=True))
        else:
            flat.update(zip(columns, map(value.get, NESTED_PARTS[name]), strict=True))
    return flat


def _nested(row: Mapping[str, Any]) -> dict[str, Any]:
    """The record's fields from its flat columns (the inverse of ``flatten``)."""
    fields: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        columns = _NESTED_COLUMNS.get(name)
        if columns is None:
            fields[name] = row[name]
            continue
        values = [row[column] for column in columns]
        if name in LIST_FIELDS:
            fields[name] = values
        elif any(value is not None for value in values):
            fields[name] = dict(zip(NESTED_PARTS[name], values, strict=True))
        else:
            fields[name] = None
    return fields


def _presented(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as the record shows them: ISO dates, the confidence rounded."""
    published = fields["published"]
    fields["published"] = published.isoformat() if published else None
    fields["confidence"] = round(fields["confidence"], CONFIDENCE_DIGITS)
    return fields


def _parts(value: object | None, parts: Sequence[str]) -> dict[str, Any] | None:
    return {part: getattr(value, part) for part in parts} if value is not None else None
