"""Hand-made coded documents for the store, export, analysis, CLI and web tests.

Documents are built from the model's dataclasses, so the tests that use them need no
other stage. Not a test module: a helper importable from every test directory (it sits
beside conftest.py, whose folder pytest puts on ``sys.path``).
"""

from __future__ import annotations

from datetime import date

from dateline.model import (
    Actor,
    ActorRef,
    Cameo,
    Dateline,
    Document,
    Event,
    Mention,
    Place,
    Plover,
    Sentence,
    content_hash,
)

ACTORS = {
    "KEN": ("Kenyan minister Wanjiru Otieno", "Wanjiru Otieno", "KEN", "GOV"),
    "ETH": ("Ethiopian officials", "Ethiopia", "ETH", "GOV"),
    "SOM": ("Somali militants", "al-Shabaab", "SOM", "REB"),
    "UGA": ("Ugandan troops", "Uganda", "UGA", "MIL"),
}
PLACES = {
    "Nairobi": Place("Nairobi", "KEN", "Nairobi Area", -1.283, 36.817, 184745, "city"),
    "Addis Ababa": Place("Addis Ababa", "ETH", "Addis Ababa", 9.025, 38.747, 344979, "city"),
}
CODES = {  # PLOVER type -> (CAMEO code, Goldstein, QuadClass), values as in the codebook
    "CONSULT": ("042", 1.9, 1),
    "AID": ("070", 7.0, 2),
    "ACCUSE": ("112", -2.0, 3),
    "ASSAULT": ("190", -10.0, 4),
}


def make_event(
    sentence: int,
    plover: str | None = "CONSULT",
    source: str | None = "KEN",
    target: str | None = "ETH",
    *,
    when: str | None = "2007-04-29",
    place: str | None = "Nairobi",
    modality: str = "asserted",
    confidence: float = 0.8,
    trigger: str = "met",
    cameo: str | None = None,
) -> Event:
    code, goldstein, quad = CODES.get(plover or "", ("010", 0.0, 1))
    code = cameo or code
    return Event(
        sentence=sentence,
        trigger=trigger,
        cameo=Cameo(code, code[:2], goldstein, quad),
        plover=Plover(plover, "visit" if plover == "CONSULT" else None) if plover else None,
        source=ActorRef(*ACTORS[source]) if source else None,
        target=ActorRef(*ACTORS[target]) if target else None,
        modality=modality,
        confidence=confidence,
        explanation=f"test pattern {plover}",
        coder="test.v1",
        date=when,
        date_precision={10: "day", 7: "month", 4: "year"}[len(when)] if when else None,
        date_expression="on Sunday" if when else None,
        place=PLACES[place] if place else None,
    )


def make_doc(
    name: str,
    events: list[Event] = (),
    *,
    sentences: int = 3,
    duplicate_of: str | None = None,
    source: str | None = "Test Wire",
    published: date | None = date(2007, 4, 29),
) -> Document:
    """A document of ``sentences`` sentences about ``name``, with the given events."""
    lines = [f"Story {name} sentence {i} says something happened." for i in range(sentences)]
    text = " ".join(lines)
    spans, start = [], 0
    for i, line in enumerate(lines):
        spans.append(Sentence(i, start, start + len(line), line, paragraph=i // 2))
        start += len(line) + 1
    doc = Document(
        doc_id=f"doc-{name}",
        path=f"/news/{name}.txt",
        text=text,
        title=f"Story {name}",
        url=f"https://example.org/{name}",
        source=source,
        published=published,
        published_from="dateline",
        dateline=Dateline(f"NAIROBI, April 29, 2007 ({source}) -", "Nairobi", source, published),
        language="en",
        content_hash=content_hash(text),
        duplicate_of=duplicate_of,
        fingerprint=name.encode() * 4,
        sentences=spans,
        events=list(events),
    )
    doc.actors = [Actor(a[1], a[2], a[3], "person", "test dictionary") for a in ACTORS.values()]
    doc.mentions = [Mention(0, 5, "Story", 0, 0, "ner")]
    return doc
