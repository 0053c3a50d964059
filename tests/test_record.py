"""The one definition of the event and document records: every form agrees with it."""

from __future__ import annotations

from dataclasses import replace

from dateline.model import Count
from dateline.record import (
    DOCUMENT_FIELDS,
    FLAT_COLUMNS,
    RECORD_FIELDS,
    document_record,
    event_record,
    flatten,
    record_from_row,
)
from dateline.store import open_db
from dateline.store.rows import EVENT_EXTRA_COLUMNS, event_row
from stored_events import make_doc, make_event


def _doc():
    counted = replace(make_event(1, "ASSAULT"), fatalities=Count(9, "nine people"))
    bare = make_event(2, None, source=None, target=None, place=None, when=None)
    return make_doc("rec", [make_event(0), counted, bare])


def test_a_flat_record_has_every_flat_column_whatever_is_null():
    doc = _doc()
    for event in doc.events:
        flat = flatten(event_record(doc, event))
        assert tuple(flat) == FLAT_COLUMNS
    bare = flatten(event_record(doc, doc.events[2]))
    assert bare["source_name"] is None and bare["place_lat"] is None
    assert bare["span_start"] == doc.sentences[2].start


def test_a_record_made_back_from_its_row_is_the_record():
    doc = _doc()
    for ordinal, event in enumerate(doc.events):
        row = event_row(doc, event, ordinal)
        assert set(row) == set(FLAT_COLUMNS) | set(EVENT_EXTRA_COLUMNS)
        assert record_from_row(row) == event_record(doc, event)
        assert tuple(record_from_row(row)) == RECORD_FIELDS


def test_the_stored_document_record_is_the_cleaned_one():
    doc = _doc()
    with open_db(":memory:") as store:
        store.save_batch([doc], [])
        stored = store.document(doc.doc_id)
    assert tuple(document_record(doc)) == DOCUMENT_FIELDS
    assert {key: stored[key] for key in DOCUMENT_FIELDS} == document_record(doc)
    assert stored["dateline"] == {"place": "Nairobi", "agency": "Test Wire", "year_from": None}
    assert len(stored["sentences"]) == 3 and len(stored["event_ids"]) == 3
