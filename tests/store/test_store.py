"""The event database: schema, idempotent batch writes, interruption, merging, queries.

Documents are built by hand (tests/stored_events.py), so these tests need no other
stage.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dateline.api import code_text
from dateline.errors import StoreError, UsageError
from dateline.model import (
    Failure,
)
from dateline.record import document_records, event_record
from dateline.store import MIGRATIONS, open_db
from stored_events import make_doc, make_event

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"


@pytest.fixture
def store():
    with open_db(":memory:") as db:
        yield db


def test_schema_is_migrated_once_and_tracked(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_db(path) as db:
        assert db.schema_version == len(MIGRATIONS)
    with open_db(path) as db:
        names = db.sql("SELECT name FROM migrations ORDER BY name").rows
    assert [n for (n,) in names] == [migration.name for migration in MIGRATIONS]


def test_event_records_round_trip_exactly(store):
    doc = make_doc(
        "a",
        [
            make_event(0, "CONSULT", confidence=0.87654),
            make_event(1, None, "ETH", None, when="2007-04", place=None, trigger="said"),
            make_event(2, "ASSAULT", "SOM", "UGA", when=None, modality="alleged"),
        ],
    )
    store.save_batch([doc], [])
    assert store.event_records([doc.doc_id]) == [event_record(doc, e) for e in doc.events]


CODED_ARTICLE = """Ethiopia and Kenya hold border talks

ADDIS ABABA, June 12, 2018 (AFP) - Ethiopian Foreign Minister Workneh Gebeyehu met Kenyan \
officials in Addis Ababa on Monday, the ministry said.

Kenyan police arrested two Ethiopian traders in Moyale last week, officials said.

Ethiopia accused Kenya of harbouring rebels.
"""


def test_a_coded_article_round_trips(settings):
    """The whole pipeline's output, stored and read back, gives the same records."""
    doc = code_text(CODED_ARTICLE, settings=settings)
    assert doc.events, "the pipeline coded no event: nothing would be checked"
    with open_db(":memory:") as store:
        store.save_batch([doc], [])
        assert store.event_records([doc.doc_id]) == document_records(doc)
        (rebuilt,) = store.stored_documents()
    assert (rebuilt.text, rebuilt.published, rebuilt.dateline) == (
        doc.text,
        doc.published,
        doc.dateline,
    )


def test_event_records_follow_the_order_of_the_ids_asked(store):
    first = make_doc("first", [make_event(0)])
    second = make_doc("second", [make_event(0, "AID")])
    store.save_batch([first, second], [])
    records = store.event_records([second.doc_id, first.doc_id])
    assert [r["doc_id"] for r in records] == [second.doc_id, first.doc_id]
    assert store.event_records([]) == []


def test_saving_again_adds_nothing(store):
    doc = make_doc("a", [make_event(0), make_event(1, "AID")])
    store.save_batch([doc], [])
    store.save_batch([doc, doc], [])
    counts = store.sql(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM sentences), (SELECT count(*) FROM actors), "
        "(SELECT count(*) FROM places)"
    ).rows[0]
    assert counts == (1, 2, 3, 4, 1)
    assert store.has_document(doc.doc_id)
    assert not store.has_document("doc-unknown")


def test_an_event_coded_twice_in_one_sentence_is_stored_once(store):
    store.save_batch([make_doc("a", [make_event(0), make_event(0)])], [])
    assert store.stats()["events"] == 1


def test_failed_batch_is_rolled_back(store):
    good = make_doc("good", [make_event(0)])
    broken = make_doc("broken", [make_event(7)])  # no sentence 7: building its row fails
    with pytest.raises(IndexError):
        store.save_batch([good, broken], [])
    assert not store.has_document(good.doc_id)
    assert store.stats()["events"] == 0


def test_failures_are_stored_once_per_input_and_reason(store):
    failure = Failure("/news/empty.txt", "clean", "no text")
    store.save_batch([], [failure, failure])
    store.save_batch([], [failure, Failure("/news/bin.dat", "ingest", "binary file")])
    rows = store.sql("SELECT path, times, first_seen <= last_seen FROM errors ORDER BY path").rows
    assert rows == [("/news/bin.dat", 1, True), ("/news/empty.txt", 2, True)]


def test_deduplication_is_seeded_with_the_latest_originals_in_the_order_stored(store):
    for name in ("zulu", "alpha", "mike"):  # ids in another order than they are stored
        doc = make_doc(name)
        doc.fingerprint = name.encode()
        store.save_batch([doc], [])
    seeded = list(store.fingerprints(2, signed=1))
    assert [stored.doc_id for stored in seeded] == ["doc-alpha", "doc-mike"]
    assert [stored.fingerprint for stored in seeded] == [None, b"mike"]


def test_syndicated_copy_is_stored_as_a_duplicate_and_not_fingerprinted(store):
    original = make_doc("orig", [make_event(0)])
    copy = make_doc("copy", duplicate_of=original.doc_id)
    store.save_batch([original, copy], [])
    assert [stored.doc_id for stored in store.fingerprints(10, 10)] == [original.doc_id]
    assert list(store.fingerprints(10, 10))[0].fingerprint == original.fingerprint
    stats = store.stats()
    assert (stats["documents"], stats["duplicates"], stats["events"]) == (2, 1, 1)


def test_stored_documents_rebuild_documents_for_recoding(store):
    doc = make_doc("a", [make_event(0)])
    store.save_batch([doc, make_doc("copy", duplicate_of=doc.doc_id)], [])
    (rebuilt,) = store.stored_documents()
    for name in ("doc_id", "path", "text", "title", "url", "source", "published", "dateline"):
        assert getattr(rebuilt, name) == getattr(doc, name), name
    assert rebuilt.events == [] and rebuilt.fingerprint == doc.fingerprint


def test_replace_events_swaps_a_documents_events(store):
    doc = make_doc("a", [make_event(0), make_event(1, "AID")])
    store.save_batch([doc], [])
    doc.events = [make_event(2, "ACCUSE")]
    store.replace_events([doc])
    records = store.event_records([doc.doc_id])
    assert [r["plover"]["type"] for r in records] == ["ACCUSE"]
    assert store.stats()["merged_events"] == 1


def test_interrupted_run_resumes_without_loss_or_duplicates(tmp_path):
    """A process killed inside a batch transaction leaves whole documents only."""
    db = tmp_path / "events.duckdb"
    script = tmp_path / "ingest.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys, time
            sys.path[:0] = [{str(SRC)!r}, {str(TESTS)!r}]
            import dateline.store.rows as store_module
            from stored_events import make_doc, make_event
            from dateline.store import open_db

            slow = len(sys.argv) > 1
            original_rows = store_module._event_rows

            def rows_then_wait(doc):
                # Stall inside the transaction of the second batch, after its documents
                # rows are written: the parent kills us here.
                if slow and doc.doc_id == "doc-b2-0":
                    print("in-transaction", flush=True)
                    time.sleep(60)
                return original_rows(doc)

            store_module._event_rows = rows_then_wait
            with open_db({str(db)!r}) as store:
                for b in range(3):
                    docs = [make_doc(f"b{{b}}-{{i}}", [make_event(0), make_event(1, "AID")])
                            for i in range(4)]
                    store.save_batch([d for d in docs if not store.has_document(d.doc_id)], [])
                    print(f"saved {{b}}", flush=True)
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    seen = []
    with subprocess.Popen(
        [sys.executable, str(script), "slow"], stdout=subprocess.PIPE, text=True, env=env
    ) as proc:
        for line in proc.stdout:
            seen.append(line.strip())
            if line.startswith("in-transaction"):
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert seen == ["saved 0", "saved 1", "in-transaction"]

    with open_db(db) as store:
        docs, events = store.sql(
            "SELECT count(*), (SELECT count(*) FROM events) FROM documents"
        ).rows[0]
    assert (docs, events) == (8, 16)  # batches 0 and 1 whole, nothing of batch 2

    subprocess.run([sys.executable, str(script)], check=True, env=env, capture_output=True)
    with open_db(db) as store:
        stats = store.stats()
        distinct = store.sql("SELECT count(DISTINCT id) FROM events").rows[0][0]
    assert (stats["documents"], stats["events"], distinct) == (12, 24, 24)


# -- cross-document merging ---------------------------------------------------------------


def test_the_same_event_from_several_articles_is_merged(store):
    store.save_batch(
        [
            make_doc("a", [make_event(0, when="2007-04-29")]),
            make_doc("b", [make_event(1, when="2007-04-30", trigger="held talks")]),
            make_doc("c", [make_event(0, when="2007-04-29", place=None)]),
            make_doc("d", [make_event(0, when="2007-05-03")]),  # too late: another meeting
            make_doc("e", [make_event(0, when="2007-04-29", place="Addis Ababa")]),  # elsewhere
        ],
        [],
    )
    merged = store.events(merged=True)
    assert sorted(r["sources"] for r in merged) == [1, 1, 3]
    (big,) = [r for r in merged if r["sources"] == 3]
    assert sorted(big["doc_ids"]) == ["doc-a", "doc-b", "doc-c"]
    assert len(big["event_ids"]) == big["mentions"] == 3
    assert big["date"] == "2007-04-29" and big["place"]["name"] == "Nairobi"
    assert len(store.events()) == 5  # raw per-article events stay queryable
    assert store.stats()["merged_duplicates"] == 2


def test_merging_keeps_apart_other_dyads_types_modalities_and_undated(store):
    store.save_batch(
        [
            make_doc("a", [make_event(0)]),
            make_doc("b", [make_event(0, target="SOM")]),
            make_doc("c", [make_event(0, "AID")]),
            make_doc("d", [make_event(0, modality="negated")]),
            make_doc("e", [make_event(0, when=None)]),
            make_doc("f", [make_event(0, when=None)]),
        ],
        [],
    )
    assert [r["sources"] for r in store.events(merged=True)] == [1] * 6


def test_merge_is_refreshed_when_a_later_batch_brings_another_report(store):
    store.save_batch([make_doc("a", [make_event(0)])], [])
    store.save_batch([make_doc("b", [make_event(0, when="2007-04-28")])], [])
    (merged,) = store.events(merged=True)
    assert merged["sources"] == 2 and merged["date"] == "2007-04-28"


# -- queries --------------------------------------------------------------------------------


@pytest.fixture
def filled(store):
    store.save_batch(
        [
            make_doc(
                "a",
                [
                    make_event(0, "CONSULT", "KEN", "ETH", when="2007-04-29"),
                    make_event(1, "ACCUSE", "ETH", "SOM", when="2007-05-02", place=None),
                ],
            ),
            make_doc(
                "b",
                [
                    make_event(0, "ASSAULT", "SOM", "UGA", when="2007-06", modality="alleged"),
                    make_event(1, "AID", "UGA", "SOM", when="2008", place="Addis Ababa"),
                    make_event(2, "CONSULT", "KEN", "ETH", when="2007-04-30", confidence=0.3),
                ],
            ),
        ],
        [],
    )
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["CONSULT", "CONSULT", "ACCUSE", "ASSAULT", "AID"]),
        ({"source": "ken"}, ["CONSULT", "CONSULT"]),
        ({"source": "shabaab"}, ["ASSAULT"]),  # part of an actor name
        ({"target": "SOM"}, ["ACCUSE", "AID"]),
        ({"type": "accuse"}, ["ACCUSE"]),
        ({"type": ["AID", "ASSAULT"]}, ["ASSAULT", "AID"]),
        ({"cameo": "1"}, ["ACCUSE", "ASSAULT"]),
        ({"cameo": "04"}, ["CONSULT", "CONSULT"]),
        ({"since": "2007-05-01"}, ["ACCUSE", "ASSAULT", "AID"]),
        ({"since": "2008-06-01"}, ["AID"]),  # a year-precision event covers the whole year
        ({"until": "2007-04-29"}, ["CONSULT"]),
        ({"until": "2007-06"}, ["CONSULT", "CONSULT", "ACCUSE", "ASSAULT"]),
        ({"since": date(2007, 5, 1), "until": date(2007, 12, 31)}, ["ACCUSE", "ASSAULT"]),
        ({"place": "addis ababa"}, ["AID"]),
        ({"place": "ken"}, ["CONSULT", "CONSULT", "ASSAULT"]),
        ({"modality": "alleged"}, ["ASSAULT"]),
        ({"modality": ["asserted", "reported"]}, ["CONSULT", "CONSULT", "ACCUSE", "AID"]),
        ({"min_confidence": 0.5}, ["CONSULT", "ACCUSE", "ASSAULT", "AID"]),
        ({"limit": 2}, ["CONSULT", "CONSULT"]),
        ({"merged": True}, ["CONSULT", "ACCUSE", "ASSAULT", "AID"]),
    ],
)
def test_event_filters(filled, filters, expected):
    assert [r["plover"]["type"] for r in filled.events(**filters)] == expected


def test_sql_is_read_only(filled):
    result = filled.sql("SELECT plover_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1")
    assert result.columns == ["plover_type", "n"]
    assert result.rows[0] == ("ACCUSE", 1)
    for statement in (
        "DELETE FROM events",
        "DROP TABLE events",
        "INSERT INTO errors VALUES ('x', 'y', 'z', NULL, NULL, 1)",
        "UPDATE documents SET title = 'x'",
        "SELECT 1; DELETE FROM events",
        "CREATE TABLE x AS SELECT 1",
        "COPY events TO 'stolen.csv'",
        "ATTACH 'other.duckdb' AS other",
        "PRAGMA threads = 1",
    ):
        with pytest.raises(StoreError):
            filled.sql(statement)
    with pytest.raises(StoreError, match="query failed"):
        filled.sql("SELECT no_such_column FROM events")
    assert filled.sql("EXPLAIN SELECT count(*) FROM events").rows
    assert filled.stats()["events"] == 5


@pytest.mark.parametrize(
    "statement",
    [
        "EXPLAIN ANALYZE COPY (SELECT 'x' AS line) TO '{payload}' (HEADER false)",
        "explain analyze copy (select 'x' as line) to '{payload}'",
        "/* a */ EXPLAIN /* b */ ANALYZE COPY (SELECT 1) TO '{payload}'",
        "EXPLAIN (ANALYZE) COPY (SELECT 1) TO '{payload}'",
        "EXPLAIN COPY (SELECT 1) TO '{payload}'",
    ],
)
def test_explain_analyze_is_refused_and_writes_nothing(filled, tmp_path, statement):
    payload = tmp_path / "payload.sh"
    with pytest.raises(StoreError, match="EXPLAIN"):
        filled.sql(statement.format(payload=payload))
    assert not payload.exists()


@pytest.fixture
def read_only(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_db(path) as db:
        db.save_batch([make_doc("a", [make_event(0)])], [])
    with open_db(path, read_only=True) as db:
        yield db


def test_read_only_store_answers_queries(read_only):
    assert read_only.sql("SELECT count(*) FROM events").rows == [(1,)]
    assert read_only.events(source="KEN")[0]["target"]["country"] == "ETH"
    assert read_only.stats()["documents"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT content FROM read_text('{secret}')",
        "SELECT * FROM read_csv('{secret}')",
        "SELECT content FROM read_blob('{secret}')",
        "SELECT * FROM glob('{folder}/*')",
        "SELECT * FROM glob('/**')",
        "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
        "SELECT * FROM read_parquet('https://127.0.0.1:9/x.parquet')",
    ],
)
def test_read_only_store_reads_no_other_file_and_no_network(read_only, tmp_path, query):
    secret = tmp_path / "secret.csv"
    secret.write_text("user,password\nroot,hunter2\n")
    query = query.format(secret=secret, folder=tmp_path)
    with pytest.raises(StoreError, match="disabled"):
        read_only.sql(query)
    with pytest.raises(StoreError, match="disabled"):  # the guard is the connection's own
        read_only.rows(query)


def test_read_only_store_cannot_be_unlocked_or_written(read_only):
    for statement in ("INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true"):
        with pytest.raises(StoreError, match="refused"):
            read_only.sql(statement)
    with pytest.raises(StoreError, match="locked"):
        read_only.rows("SET enable_external_access = true")
    with pytest.raises(StoreError, match="read-only"):
        read_only.rows("DELETE FROM events")
    assert read_only.sql("SELECT count(*) FROM events").rows == [(1,)]


def test_read_only_open_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        open_db(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_stats_describe_the_database(filled):
    filled.save_batch([make_doc("dup", duplicate_of="doc-a")], [Failure("/x", "ingest", "bad")])
    stats = filled.stats()
    assert stats["documents"] == 3 and stats["duplicates"] == 1 and stats["errors"] == 1
    assert stats["events_by_type"] == {"CONSULT": 2, "ACCUSE": 1, "AID": 1, "ASSAULT": 1}
    assert stats["events_by_modality"] == {"asserted": 4, "alleged": 1}
    assert stats["top_dyads"][0] == {"source": "KEN", "target": "ETH", "events": 2}
    assert stats["date_range"] == ["2007-04-29", "2008-12-31"]
    assert (stats["merged_events"], stats["merged_duplicates"]) == (4, 1)


def test_unopenable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        open_db(tmp_path / "missing-dir" / "x.duckdb")


def test_remerge_applies_a_new_tolerance(tmp_path):
    path = tmp_path / "events.duckdb"
    docs = [make_doc("a", [make_event(0)]), make_doc("b", [make_event(0, when="2007-05-01")])]
    with open_db(path) as store:
        store.save_batch(docs, [])
        assert store.stats()["merged_events"] == 2
    with open_db(path, merge_tolerance_days=3) as store:
        assert store.remerge() == 1
        assert store.events(merged=True)[0]["sources"] == 2


def test_replacing_events_releases_their_merge_partners(store):
    store.save_batch([make_doc("a", [make_event(0)]), make_doc("b", [make_event(0)])], [])
    assert [r["sources"] for r in store.events(merged=True)] == [2]
    recoded = make_doc("a", [make_event(0, "AID")])
    store.replace_events([recoded])
    merged = store.events(merged=True)
    assert sorted((r["plover"]["type"], r["sources"]) for r in merged) == [
        ("AID", 1),
        ("CONSULT", 1),
    ]


def test_merging_batch_by_batch_equals_merging_everything_at_once(store):
    days = ["2007-04-28", "2007-04-30", "2007-04-29", "2007-05-02", "2007-05-01", "2007-04-27"]
    for i, day in enumerate(days):
        store.save_batch([make_doc(f"d{i}", [make_event(0, when=day, place=None)])], [])
    incremental = sorted(sorted(r["doc_ids"]) for r in store.events(merged=True))
    store.remerge()
    assert sorted(sorted(r["doc_ids"]) for r in store.events(merged=True)) == incremental
    assert sum(len(group) for group in incremental) == len(days)
    assert all(len(group) <= 3 for group in incremental)  # ±1 day around an anchor


def test_recoding_while_iterating_stored_documents(tmp_path):
    with open_db(tmp_path / "events.duckdb") as store:
        store.save_batch([make_doc(n, [make_event(0)]) for n in "abc"], [])
        for doc in store.stored_documents():
            doc.sentences = make_doc("x").sentences
            doc.events = [make_event(1, "AID")]
            store.replace_events([doc])
        types = store.sql("SELECT DISTINCT plover_type FROM events").rows
        assert types == [("AID",)] and store.stats()["events"] == 3


def test_events_join_their_actors_and_documents_keep_the_dateline_offsets(store):
    event = make_event(0)
    event = replace(event, source=replace(event.source, actor=0), target=None)
    doc = make_doc("joined", [event])
    doc.dateline = replace(doc.dateline, start=0, end=12)
    store.save_batch([doc], [])
    joined = store.rows(
        "SELECT a.name, e.target_actor FROM events e "
        "JOIN actors a ON a.doc_id = e.doc_id AND a.idx = e.source_actor"
    )
    assert joined == [{"name": doc.actors[0].name, "target_actor": None}]
    (rebuilt,) = store.stored_documents()
    assert (rebuilt.dateline.start, rebuilt.dateline.end) == (0, 12)


def test_unknown_filters_are_refused(store):
    with pytest.raises(UsageError, match="unknown event filters: country"):
        store.event_filter(country="KEN")


def test_usage_mistakes_are_value_errors_not_store_errors(store):
    """A bad name or value is the caller's mistake, not the database refusing."""
    for call in (
        lambda: store.count_events(country="KEN"),
        lambda: store.events(sort="colour"),
        lambda: store.events(since="2007-13"),
        lambda: store.count_events(min_confidence=2),
    ):
        with pytest.raises(UsageError) as raised:
            call()
        assert isinstance(raised.value, ValueError)
        assert not isinstance(raised.value, StoreError)


def test_an_impossible_event_date_is_kept_but_does_not_cost_the_batch(store):
    doc = make_doc("odd", [make_event(0)])
    doc.events[0].date = "-2976"
    store.save_batch([doc], [])
    assert store.sql("SELECT date, date_start FROM events").rows == [("-2976", None)]


def test_a_bad_date_filter_is_a_store_error(store):
    with pytest.raises(UsageError, match="not a date"):
        store.events(since="2024-13")


@pytest.fixture
def two_reports(store):
    """The same meeting reported by documents a and b; an accusation and an assault in b."""
    store.save_batch(
        [
            make_doc("a", [make_event(0, "CONSULT")]),
            make_doc(
                "b",
                [
                    make_event(0, "CONSULT"),
                    make_event(1, "ACCUSE", "ETH", "SOM", when="2007-05-02", confidence=0.4),
                    make_event(2, "ASSAULT", "SOM", "UGA", when="2007-06-01", confidence=0.95),
                ],
            ),
        ],
        [],
    )
    return store


def test_sort_offset_and_limit_page_through_a_stable_order(two_reports):
    everything = [e["id"] for e in two_reports.events()]
    pages = [two_reports.events(offset=n, limit=2) for n in (0, 2)]
    assert [e["id"] for page in pages for e in page] == everything
    by_confidence = [e["confidence"] for e in two_reports.events(sort="-confidence")]
    assert by_confidence == sorted(by_confidence, reverse=True)
    with pytest.raises(UsageError, match="unknown sort key"):
        two_reports.events(sort="id; DROP TABLE events")


def test_quad_class_and_actor_filters(two_reports):
    assert [e["plover"]["type"] for e in two_reports.events(quad_class=[3, 4])] == [
        "ACCUSE",
        "ASSAULT",
    ]
    assert {e["plover"]["type"] for e in two_reports.events(actor="SOM")} == {"ACCUSE", "ASSAULT"}
    assert two_reports.count_events(actor="SOM") == 2
    assert two_reports.count_events(merged=True) == 3
    with pytest.raises(UsageError, match="whole number"):
        two_reports.events(quad_class="four")


def test_an_event_lists_every_report_of_it(two_reports):
    meeting = two_reports.events(type="CONSULT", merged=True)[0]
    detail = two_reports.event(meeting["id"])
    assert detail["date_expression"] == "on Sunday"
    assert [r["doc_id"] for r in detail["reports"]] == ["doc-a", "doc-b"]
    assert [r["title"] for r in detail["reports"]] == ["Story a", "Story b"]
    alone = two_reports.events(type="ASSAULT")[0]
    assert [r["id"] for r in two_reports.event(alone["id"])["reports"]] == [alone["id"]]
    assert two_reports.event("nothing") is None


def test_a_document_with_its_sentences_and_events(two_reports):
    document = two_reports.document("doc-b")
    assert document["title"] == "Story b" and document["published"] == "2007-04-29"
    assert [s["index"] for s in document["sentences"]] == [0, 1, 2]
    first = document["sentences"][0]
    assert (
        document["text"][first["start"] : first["end"]]
        == "Story b sentence 0 says something happened."
    )
    assert len(document["event_ids"]) == 3
    assert two_reports.document("doc-z") is None


def test_read_only_opening_refuses_writes_files_and_settings(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_db(path) as db:
        db.save_batch([make_doc("a", [make_event(0)])], [])
    with open_db(path, read_only=True) as db:
        assert db.count_events() == 1
        with pytest.raises(StoreError, match="read-only"):
            db.sql("DELETE FROM events")
        for statement in (
            "INSERT INTO errors VALUES ('x', 'y', 'z', NULL, NULL, 1)",
            "SET enable_external_access = true",
            "COPY events TO 'copy.csv'",
        ):
            with pytest.raises(Exception):  # noqa: B017 - DuckDB's own error kinds vary
                db.con.execute(statement)
    assert not (Path.cwd() / "copy.csv").exists()


def test_deep_pages_read_the_same_rows_as_shallow_ones(store, monkeypatch):
    import dateline.store.queries as store_module

    docs = [make_doc(f"d{n}", [make_event(0, when=f"2007-05-{n + 1:02d}")]) for n in range(6)]
    store.save_batch(docs, [])
    shallow = [e["id"] for e in store.events(sort="-date", offset=2, limit=3)]
    monkeypatch.setattr(store_module, "LATE_ROWS_FROM", 1)
    assert [e["id"] for e in store.events(sort="-date", offset=2, limit=3)] == shallow


def test_filter_values_are_literals_not_like_patterns(filled):
    assert filled.events(place="%") == [] and filled.events(place="_airob_") == []
    assert filled.events(source="_") == [] and filled.events(target="%") == []
    assert {e["place"]["name"] for e in filled.events(place="nairobi")} == {"Nairobi"}
    assert filled.events(source="KEN")


@pytest.mark.parametrize("value", [float("nan"), -0.1, 1.5])
def test_an_impossible_min_confidence_is_refused(filled, value):
    with pytest.raises(UsageError, match="min_confidence must be a number from 0 to 1"):
        filled.events(min_confidence=value)


def test_an_older_database_is_upgraded_then_opened_read_only(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:  # as the previous version left it
        con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        for migration in MIGRATIONS[:-1]:
            con.execute(migration.statements)
            con.execute("INSERT INTO migrations VALUES (?, now())", [migration.name])
    with open_db(path, read_only=True) as db:
        assert db.schema_version == len(MIGRATIONS)
        assert db.stats()["warnings"] == 0


def test_documents_stored_before_the_status_column_are_given_theirs(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        for migration in MIGRATIONS[:-1]:
            con.execute(migration.statements)
            con.execute("INSERT INTO migrations VALUES (?, now())", [migration.name])
        con.executemany(
            "INSERT INTO documents (doc_id, skipped, duplicate_of) VALUES (?, ?, ?)",
            [
                ("ok", None, None),
                ("copy", None, "ok"),
                ("french", "language: fr", None),
                ("broken", "coding failed in events: KeyError", None),
            ],
        )
    with open_db(path) as db:
        statuses = dict(db.sql("SELECT doc_id, status FROM documents").rows)
        assert statuses == {
            "ok": "coded",
            "copy": "duplicate",
            "french": "skipped",
            "broken": "failed",
        }
        assert db.coded_among(["ok", "copy", "french", "broken"]) == {"ok", "copy", "french"}


def test_a_failed_document_is_stored_failed_and_coded_again(store):
    doc = make_doc("broken", [make_event(0)])
    doc.fail("events", "KeyError: 'x'")
    store.save_batch([doc], [])
    assert store.sql("SELECT status FROM documents").rows == [("failed",)]
    assert not store.has_coded(doc.doc_id)


def test_only_events_of_the_same_code_and_dyad_merge(store):
    visit = make_event(0, cameo="042")
    meeting = make_event(1, cameo="040", trigger="talks")
    again = make_event(0, cameo="042")
    store.save_batch([make_doc("a", [visit, meeting]), make_doc("b", [again])], [])
    merged = store.events(merged=True)
    assert sorted((r["cameo"]["code"], r["sources"]) for r in merged) == [("040", 1), ("042", 2)]


def test_casualty_counts_round_trip_through_the_store(store):
    from dateline.model import Count
    from dateline.record import event_record

    attack = make_event(0, "ASSAULT", "SOM", "UGA")
    attack.fatalities = Count(5, "killing five soldiers")
    attack.arrested = Count(2, "two suspects were arrested")
    doc = make_doc("a", [attack])
    store.save_batch([doc], [])
    (record,) = store.events()
    assert record["fatalities"] == {"count": 5, "text": "killing five soldiers"}
    assert record["arrested"]["count"] == 2 and record["injured"] is None
    assert record == {**event_record(doc, attack), "confidence": record["confidence"]}
    assert store.events(merged=True)[0]["fatalities"]["count"] == 5
