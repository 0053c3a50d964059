"""The event record: the stable, documented shape of one coded event (see README)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import ActorRef, Count, Document, Event

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
    "fatalities",
    "injured",
    "arrested",
)


def event_record(doc: Document, event: Event) -> dict[str, Any]:
    """The JSON-ready record of ``event`` as coded in ``doc``."""
    sentence = doc.sentences[event.sentence]
    return {
        "id": event.key(doc.doc_id),
        "doc_id": doc.doc_id,
        "doc_path": doc.path,
        "published": doc.published.isoformat() if doc.published else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "source": _actor(event.source),
        "target": _actor(event.target),
        "plover": asdict(event.plover) if event.plover else None,
        "cameo": asdict(event.cameo),
        "modality": event.modality,
        "confidence": round(event.confidence, 3),
        "place": _place(event),
        "sentence": sentence.text,
        "span": [sentence.start, sentence.end],
        "trigger": event.trigger,
        "explanation": event.explanation,
        "coder": event.coder,
        "fatalities": _count(event.fatalities),
        "injured": _count(event.injured),
        "arrested": _count(event.arrested),
    }


def document_records(doc: Document) -> list[dict[str, Any]]:
    return [event_record(doc, event) for event in doc.events]


def _actor(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    # the actor's index points into the document's actors, which the record does not carry
    return {"text": ref.text, "name": ref.name, "country": ref.country, "sector": ref.sector}


def _count(count: Count | None) -> dict[str, Any] | None:
    return {"count": count.number, "text": count.text} if count else None


def _place(event: Event) -> dict[str, Any] | None:
    if event.place is None:
        return None
    place = asdict(event.place)
    place.pop("precision")
    place["precision"] = event.place.precision
    return place
