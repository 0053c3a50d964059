"""Event database speed: ingest rate through ``Store.save_batch`` and series-query latency.

    .venv/bin/python benchmarks/store.py [--docs 20000] [--events-per-doc 5] [--rows 1000000]

1. Ingest: synthetic coded documents (sentences, actors, mentions, events with
   places) saved batch by batch, one transaction each, cross-document merging
   included; prints documents/s, event rows/s and all rows/s.
2. Query: the database is grown to ``--rows`` event rows with the same value
   mix (generated inside DuckDB), merged, and the monthly dyad series (the
   standard aggregate) is timed against a plain ``COUNT(*)`` scan of the events,
   the in-process baseline.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dateline.model import (
    Actor,
    ActorRef,
    Cameo,
    Document,
    Event,
    Mention,
    Place,
    Plover,
    Sentence,
)
from dateline.store import open_db
from dateline.use.analysis import network, series

COUNTRIES = ["IRN", "IRQ", "USA", "SYR", "TUR", "SAU", "ISR", "LBN", "JOR", "EGY"]
SECTORS = ["GOV", "MIL", "REB", "CVL", "COP"]
TYPES = [  # (PLOVER type, CAMEO code, Goldstein, QuadClass): a coded-news mix
    ("CONSULT", "042", 1.9, 1),
    ("CONSULT", "040", 1.0, 1),
    ("AGREE", "030", 4.0, 1),
    ("AID", "070", 7.0, 2),
    ("ACCUSE", "112", -2.0, 3),
    ("THREATEN", "130", -4.4, 3),
    ("COERCE", "173", -5.0, 4),
    ("ASSAULT", "190", -10.0, 4),
]
PLACES = [
    Place("Baghdad", "IRQ", "Baghdad", 33.34, 44.40, 98182, "city"),
    Place("Tehran", "IRN", "Tehran", 35.69, 51.42, 112931, "city"),
    Place("Damascus", "SYR", "Dimashq", 33.51, 36.29, 170654, "city"),
]
START = date(2005, 1, 1)
DAYS = 365 * 5


def synthetic_document(rng: random.Random, number: int, events: int) -> Document:
    sentences = [
        f"Sentence {i} of synthetic story {number} tells of an event." for i in range(events)
    ]
    text = " ".join(sentences)
    spans, offset = [], 0
    for i, sentence in enumerate(sentences):
        spans.append(Sentence(i, offset, offset + len(sentence), sentence, i // 3))
        offset += len(sentence) + 1
    published = START + timedelta(days=rng.randrange(DAYS))
    doc = Document(
        doc_id=f"bench-{number}",
        path=f"bench/{number}.txt",
        text=text,
        title=f"Story {number}",
        source=rng.choice(["AFP", "Reuters", "AP"]),
        published=published,
        language="en",
        content_hash=f"{number:016x}",
        sentences=spans,
    )
    doc.actors = [Actor(c, c, c, "GOV", "bench") for c in COUNTRIES]
    doc.mentions = [Mention(s.start, s.start + 8, "Sentence", s.index, 0, "ner") for s in spans]
    doc.events = [synthetic_event(rng, i, published) for i in range(events)]
    return doc


def synthetic_event(rng: random.Random, index: int, published: date) -> Event:
    plover, code, goldstein, quad = rng.choice(TYPES)
    source, target = rng.sample(COUNTRIES, 2)
    when = published - timedelta(days=rng.randrange(3))
    return Event(
        sentence=index,
        trigger=f"verb{index}",
        cameo=Cameo(code, code[:2], goldstein, quad),
        plover=Plover(plover),
        source=ActorRef(source, source, source, rng.choice(SECTORS)),
        target=ActorRef(target, target, target, rng.choice(SECTORS)),
        modality=rng.choice(["asserted"] * 6 + ["reported"] * 3 + ["alleged"]),
        confidence=rng.random(),
        coder="bench",
        date=when.isoformat(),
        date_precision="day",
        place=rng.choice([*PLACES, None]),
    )


def bench_ingest(path: Path, docs: int, per_doc: int, batch: int) -> tuple[float, int]:
    rng = random.Random(7)
    documents = [synthetic_document(rng, n, per_doc) for n in range(docs)]
    with open_db(path) as store:
        started = time.perf_counter()
        for first in range(0, docs, batch):
            store.save_batch(documents[first : first + batch], [])
        elapsed = time.perf_counter() - started
        rows = store.sql(
            "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM sentences) + "
            "(SELECT count(*) FROM actors) + (SELECT count(*) FROM mentions) + "
            "(SELECT count(*) FROM events) + (SELECT count(*) FROM merged_links)"
        ).rows[0][0]
    events = docs * per_doc
    print(f"ingest: {docs} documents, {events} events in {elapsed:.2f} s (batches of {batch})")
    print(f"  {docs / elapsed:,.0f} documents/s, {events / elapsed:,.0f} event rows/s")
    print(f"  {rows / elapsed:,.0f} rows/s over all tables ({rows:,} rows)")
    return elapsed, events


def grow(path: Path, rows: int) -> None:
    """Copy the ingested events with shifted ids and dates until the table holds ``rows``."""
    with open_db(path) as store:
        have = store.sql("SELECT count(*) FROM events").rows[0][0]
        copies = -(-rows // have) - 1
        store.con.execute(
            f"""
            INSERT INTO events
            SELECT events.* REPLACE (
                id || '-' || c AS id, doc_id || '-' || c AS doc_id,
                date_start + CAST(c % 7 AS INTEGER) AS date_start,
                date_end + CAST(c % 7 AS INTEGER) AS date_end,
                CAST(date_start + CAST(c % 7 AS INTEGER) AS VARCHAR) AS date)
            FROM events, range(1, {copies + 1}) AS t(c)
            LIMIT {rows - have}
            """
        )
        started = time.perf_counter()
        merged = store.remerge()
        elapsed = time.perf_counter() - started
        print(f"remerge of {rows:,} events into {merged:,} merged events: {elapsed:.2f} s")


def timed(function, repeat: int = 5) -> float:
    """Median wall time of ``repeat`` runs, after one warm-up run."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_queries(path: Path) -> None:
    with open_db(path) as store:
        rows = store.sql("SELECT count(*) FROM events").rows[0][0]
        merged = store.sql("SELECT count(*) FROM merged_events").rows[0][0]
        print(f"query: {rows:,} event rows, {merged:,} merged events")
        baseline = timed(lambda: store.sql("SELECT count(*) FROM events WHERE confidence >= 0"))
        figures = {
            "series IRN->IRQ by month, per article": lambda: series(
                store, source="IRN", target="IRQ", merged=False
            ),
            "series IRN->IRQ by month, merged": lambda: series(store, source="IRN", target="IRQ"),
            "series all events by week, per article": lambda: series(
                store, by="week", merged=False
            ),
            "network by country, per article": lambda: network(store, merged=False),
            "events --source IRN --type ASSAULT --limit 100": lambda: store.events(
                source="IRN", type="ASSAULT", limit=100
            ),
        }
        print(f"  baseline COUNT(*) scan: {baseline * 1000:.1f} ms")
        for name, function in figures.items():
            latency = timed(function)
            print(f"  {name}: {latency * 1000:.1f} ms ({latency / baseline:.1f}x the scan)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--events-per-doc", type=int, default=5)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        bench_ingest(path, args.docs, args.events_per_doc, args.batch)
        grow(path, args.rows)
        bench_queries(path)


if __name__ == "__main__":
    main()
