"""PETRARCH2's unit-test records, coded by Dateline with that suite's own dictionaries.

Reads ../shared/eval/petrarch2/PETR.UnitTest.records.xml (MIT; one sentence a record,
identical texts coded once, the record's date as the publication date) and codes each
text from raw words (the records' Treebank parses are not used) with the suite's
dictionaries loaded as a user would: PETR.Validate.verbs.txt and .discards.txt as
pattern files, PETR.Validate.actors.txt and .agents.txt as actor files. Then, by the
XML's categories and in all:

- root: every expected event has a coded event with its CAMEO root;
- root+dyad: ... with its root, and its source and target actors right (country code, or
  the actor type for a stateless actor: the first three letters of the expected code; a
  bare ``---``, PETRARCH's null actor, is right for no actor or one of no known country);
- exact: ... with its full code and dyad;
- false alarms: records expecting no event (``noevents``, a discard, or an error PETRARCH
  reports on broken input) that got one; and leaving out the broken-input records (an
  unbalanced Treebank parse, an unreadable dateline: raw text has neither);
- and, over all expected events, the share coded with their root and dyad.

The same figures with only the suite's actor files loaded (the verb file left out) are
printed first, as the baseline run in the same process.

    .venv/bin/python benchmarks/petrarch_suite.py [--misses]

``--misses`` also prints each record that missed its root and dyad, and each false alarm.
"""

from __future__ import annotations

import html
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.clean import clean_document
from dateline.kb.lexicon import data_rows, load_lexicon
from dateline.model import ActorRef, Document, RawDocument
from dateline.pipeline.stages import Pipeline
from dateline.settings import Settings

# CAMEO actor types that stand in a code's country place ("IGOUNO"): no country
STATELESS = {row["code"] for row in data_rows("cameo_types.csv") if row["stateless"] == "yes"}
SUITE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "petrarch2"
RECORDS = SUITE / "PETR.UnitTest.records.xml"
SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
CODING = re.compile(r"<EventCoding\b([^>]*)>")
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
INPUT_ERRORS = {"bad_input_parse", "dateline"}  # not the discard errors: those code nothing


@dataclass(frozen=True)
class Expected:
    source: str
    target: str
    code: str


@dataclass(frozen=True)
class Record:
    id: str
    category: str
    date: str
    text: str
    events: tuple[Expected, ...]  # empty: the record expects no event
    error: str = ""  # the error PETRARCH is to report instead ("bad_input_parse")

    @property
    def tests_broken_input(self) -> bool:
        """A record for PETRARCH's errors on broken input (an unbalanced Treebank parse, a
        dateline it cannot read): it claims no event is in the text."""
        return self.error in INPUT_ERRORS


def read_records(path: Path = RECORDS) -> list[Record]:
    records = []
    for attributes, body in SENTENCE.findall(COMMENT.sub("", path.read_text(encoding="utf-8"))):
        attrs = dict(ATTRIBUTE.findall(attributes))
        text = TEXT.search(body)
        if text is None:
            continue
        events, error = [], ""
        for coding in CODING.findall(body):
            fields = dict(ATTRIBUTE.findall(coding))
            error = fields.get("error", error)
            if "eventcode" in fields:
                events.append(
                    Expected(
                        fields.get("sourcecode", ""),
                        fields.get("targetcode", ""),
                        fields["eventcode"],
                    )
                )
        date = attrs.get("date", "")
        records.append(
            Record(
                attrs.get("id", ""),
                attrs.get("category", "?"),
                f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else "",
                " ".join(html.unescape(text.group(1)).split()),
                tuple(events),
                error,
            )
        )
    return records


def code_records(records: list[Record], settings: Settings) -> dict[str, Document]:
    """Text -> its coded document; identical texts are coded once."""
    pipeline = Pipeline(settings)
    docs: dict[str, Document] = {}
    for record in records:
        if record.text not in docs:
            raw = RawDocument(record.id, record.text, "text", published=record.date or None)
            docs[record.text] = clean_document(raw, settings)
    batch = list(docs.values())
    for start in range(0, len(batch), 32):
        pipeline.code(batch[start : start + 32])
    return docs


NO_ACTOR = "-"
UNKNOWN_COUNTRY = "---"  # PETRARCH's code for an actor of no known country ("---GOV")


def actor_key(code: str, iso: dict[str, str]) -> str:
    """The part of a PETRARCH actor code Dateline can be held to: its country (CAMEO codes
    mapped to ISO), else its actor type (``IGO``, ``NGO``), else ``---`` for an actor of
    no known country; no code is no actor."""
    head = code[:3]
    return iso.get(head, head) if head else NO_ACTOR


def same_actor(coded: str, expected: str) -> bool:
    """A bare ``---`` is PETRARCH's null actor, written where it coded no actor ("crowds
    burned down its embassy": ``222 CAL>---``): no actor, or one of no known country or
    type, agrees with it."""
    if expected == UNKNOWN_COUNTRY:
        return coded in {NO_ACTOR, UNKNOWN_COUNTRY}
    return coded == expected


def coded_key(actor: ActorRef | None) -> str:
    if actor is None:
        return NO_ACTOR
    if actor.country:
        return actor.country
    return actor.sector if actor.sector in STATELESS else UNKNOWN_COUNTRY


def agreement(record: Record, doc: Document, iso: dict[str, str]) -> dict[str, int]:
    coded = [
        (e.cameo.code, e.cameo.root, coded_key(e.source), coded_key(e.target)) for e in doc.events
    ]

    def found(expected: Expected, *, dyad: bool, exact: bool) -> bool:
        source, target = actor_key(expected.source, iso), actor_key(expected.target, iso)
        for code, root, s, t in coded:
            if (code if exact else root) != (expected.code if exact else expected.code[:2]):
                continue
            if not dyad or (same_actor(s, source) and same_actor(t, target)):
                return True
        return False

    return {
        "root": all(found(e, dyad=False, exact=False) for e in record.events),
        "root+dyad": all(found(e, dyad=True, exact=False) for e in record.events),
        "exact": all(found(e, dyad=True, exact=True) for e in record.events),
        "events found": sum(found(e, dyad=True, exact=False) for e in record.events),
    }


def report(label: str, records: list[Record], docs: dict[str, Document], misses: bool) -> None:
    iso = load_lexicon().cameo_to_iso
    by_category: dict[str, list[dict[str, int]]] = defaultdict(list)
    alarms = quiet = input_alarms = input_errors = 0
    for record in records:
        doc = docs[record.text]
        if not record.events:
            quiet += 1
            alarms += bool(doc.events)
            input_errors += record.tests_broken_input
            input_alarms += record.tests_broken_input and bool(doc.events)
            if misses and doc.events:
                got = [
                    f"{e.cameo.code} {coded_key(e.source)}>{coded_key(e.target)}"
                    for e in doc.events
                ]
                print(f"  false alarm {record.id}: got {got}\n    {record.text}")
            continue
        scores = agreement(record, doc, iso)
        by_category[record.category].append(scores)
        by_category["ALL"].append(scores)
        if misses and not scores["root+dyad"]:
            got = [
                f"{e.cameo.code} {coded_key(e.source)}>{coded_key(e.target)}" for e in doc.events
            ]
            want = [f"{e.code} {e.source}>{e.target}" for e in record.events]
            print(f"  miss {record.id}: want {want} got {got}\n    {record.text}")
    print(f"\n{label}")
    print(f"  {'category':<10} {'records':>7} {'root':>6} {'root+dyad':>9} {'exact':>6}")
    for category in sorted(by_category, key=lambda c: (c == "ALL", c)):
        rows = by_category[category]
        shares = [sum(r[k] for r in rows) / len(rows) for k in ("root", "root+dyad", "exact")]
        print(
            f"  {category:<10} {len(rows):>7} {shares[0]:>6.2f} {shares[1]:>9.2f} {shares[2]:>6.2f}"
        )
    expected = sum(len(r.events) for r in records)
    found = sum(row["events found"] for row in by_category["ALL"])
    print(
        f"  expected events coded with root and dyad: {found}/{expected} = {found / expected:.2f}"
    )
    if quiet:
        print(f"  false alarms on noevents records: {alarms}/{quiet} = {alarms / quiet:.2f}")
        # the suite tests other dictionaries with some texts: coded once, they cannot agree
        with_events = {r.text for r in records if r.events}
        shared = sum(1 for r in records if not r.events and r.text in with_events)
        print(
            f"    of the noevents records, {shared} share their text with a record expecting events"
        )
        clean, clean_alarms = quiet - input_errors, alarms - input_alarms
        print(
            f"  false alarms leaving out the {input_errors} records of broken-input errors: "
            f"{clean_alarms}/{clean} = {clean_alarms / clean:.2f}"
        )


def main() -> int:
    if not RECORDS.exists():
        print(f"skipped: {RECORDS} is not available")
        return 0
    misses = "--misses" in sys.argv
    records = read_records()
    actors = (SUITE / "PETR.Validate.actors.txt", SUITE / "PETR.Validate.agents.txt")
    verbs = (SUITE / "PETR.Validate.verbs.txt", SUITE / "PETR.Validate.discards.txt")
    texts = len({r.text for r in records})
    print(f"records: {len(records)} ({texts} distinct texts), from {RECORDS.name}")
    baseline = replace(Settings(), actor_files=actors)
    report("baseline: --actors only", records, code_records(records, baseline), False)
    full = replace(baseline, pattern_files=verbs)
    report(
        "--patterns verbs+discards --actors actors+agents",
        records,
        code_records(records, full),
        misses,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
