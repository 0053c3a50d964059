"""The event database: DuckDB schema and migrations, transactional batch writes, queries.

Tables (documented in docs/schema.md): ``documents``, ``sentences``, ``actors``,
``mentions``, ``events`` (every field of the event record flattened to columns),
``places``, ``errors``, ``merged_links`` (which events are one real event) and the
view ``merged_events``. Each batch is written in one transaction, so a killed run
leaves whole documents only, and a document whose id is stored is never written twice.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from . import __version__
from .errors import StoreError
from .merge import Candidate, Cluster, cluster, merge_key
from .model import CODING_FAILED, Dateline, Document, Event, Failure, Place

log = logging.getLogger(__name__)

MERGE_TOLERANCE_DAYS = 1

# Named, ordered migrations: each runs once, in its own transaction, and is recorded
# in the ``migrations`` table. Never edit a shipped migration; append a new one.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, path VARCHAR, url VARCHAR, title VARCHAR,
            author VARCHAR, source VARCHAR, text VARCHAR, published DATE,
            published_from VARCHAR, dateline_text VARCHAR, dateline_place VARCHAR,
            dateline_agency VARCHAR, dateline_date DATE, language VARCHAR,
            content_hash VARCHAR, duplicate_of VARCHAR, skipped VARCHAR, fingerprint BLOB,
            coded_at TIMESTAMP, coder_version VARCHAR);
        CREATE TABLE sentences (
            doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
            paragraph INTEGER);
        CREATE TABLE actors (
            doc_id VARCHAR, idx INTEGER, name VARCHAR, country VARCHAR, sector VARCHAR,
            kind VARCHAR, evidence VARCHAR);
        CREATE TABLE mentions (
            doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
            sentence INTEGER, actor INTEGER, rule VARCHAR);
        CREATE TABLE errors (
            path VARCHAR, stage VARCHAR, reason VARCHAR, first_seen TIMESTAMP,
            last_seen TIMESTAMP, times INTEGER);
        """,
    ),
    (
        "0002_events",
        """
        CREATE TABLE places (
            place_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, admin1 VARCHAR,
            lat DOUBLE, lon DOUBLE, geonameid BIGINT, precision VARCHAR);
        CREATE TABLE events (
            id VARCHAR, doc_id VARCHAR, ordinal INTEGER, doc_path VARCHAR, published DATE,
            date VARCHAR, date_precision VARCHAR, date_expression VARCHAR,
            date_start DATE, date_end DATE,
            source_text VARCHAR, source_name VARCHAR, source_country VARCHAR,
            source_sector VARCHAR,
            target_text VARCHAR, target_name VARCHAR, target_country VARCHAR,
            target_sector VARCHAR,
            plover_type VARCHAR, plover_mode VARCHAR,
            cameo_code VARCHAR, cameo_root VARCHAR, cameo_goldstein DOUBLE,
            cameo_quad_class INTEGER,
            modality VARCHAR, confidence DOUBLE,
            place_id VARCHAR, place_name VARCHAR, place_country VARCHAR, place_admin1 VARCHAR,
            place_lat DOUBLE, place_lon DOUBLE, place_geonameid BIGINT, place_precision VARCHAR,
            sentence_index INTEGER, sentence VARCHAR, span_start INTEGER, span_end INTEGER,
            trigger VARCHAR, explanation VARCHAR, coder VARCHAR, merge_key VARCHAR);
        """,
    ),
    (
        "0003_merged_events",
        """
        -- The representative's row also carries the merged event's counts and members,
        -- so that reading merged events is one join.
        CREATE TABLE merged_links (
            merged_id VARCHAR, event_id VARCHAR, merge_key VARCHAR, representative BOOLEAN,
            mentions INTEGER, sources INTEGER, event_ids VARCHAR[], doc_ids VARCHAR[]);
        CREATE VIEW merged_events AS
        SELECT l.merged_id, l.mentions, l.sources, l.event_ids, l.doc_ids, e.*
        FROM merged_links l JOIN events e ON e.id = l.event_id
        WHERE l.representative;
        """,
    ),
    (
        "0004_dateline_year_from",
        """
        -- where a yearless dateline's year came from (metadata, page, settings, file, body)
        ALTER TABLE documents ADD COLUMN dateline_year_from VARCHAR;
        """,
    ),
    (
        "0005_casualty_counts",
        """
        -- people killed, injured and arrested as the event's sentence counts them
        ALTER TABLE events ADD COLUMN fatalities_count INTEGER;
        ALTER TABLE events ADD COLUMN fatalities_text VARCHAR;
        ALTER TABLE events ADD COLUMN injured_count INTEGER;
        ALTER TABLE events ADD COLUMN injured_text VARCHAR;
        ALTER TABLE events ADD COLUMN arrested_count INTEGER;
        ALTER TABLE events ADD COLUMN arrested_text VARCHAR;
        -- the view's e.* is bound when it is created: create it again to see them
        DROP VIEW merged_events;
        CREATE VIEW merged_events AS
        SELECT l.merged_id, l.mentions, l.sources, l.event_ids, l.doc_ids, e.*
        FROM merged_links l JOIN events e ON e.id = l.event_id
        WHERE l.representative;
        """,
    ),
    (
        "0006_warnings",
        """
        -- A document read with a problem (bytes replaced) keeps it; the errors table
        -- tells such warnings from the failures of inputs that were not coded.
        ALTER TABLE documents ADD COLUMN warnings VARCHAR[];
        ALTER TABLE errors ADD COLUMN severity VARCHAR DEFAULT 'error';
        """,
    ),
)
SEVERITY_ERROR, SEVERITY_WARNING = "error", "warning"  # the errors table's severity values

EVENT_RELATIONS = {False: "events", True: "merged_events"}
ACTOR_PARTS = ("text", "name", "country", "sector")
COUNT_FIELDS = ("fatalities", "injured", "arrested")  # each a count and its text
COUNT_PARTS = ("count", "text")
PLACE_PARTS = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")

# The events to re-cluster: every event of an "island" holding a touched event. The
# merge key's day-dated events form islands of dates no more than the tolerance ($1)
# apart; coarser dates are islands of their own date; an undated event is alone.
ISLANDS_QUERY = """
WITH keyed AS (
    SELECT id, doc_id, merge_key, date, date_start,
           coalesce(CAST(place_geonameid AS VARCHAR), place_id) AS place,
           CASE WHEN length(date) = 10 THEN 'day' ELSE coalesce(date, 'id:' || id) END AS part
    FROM events
    WHERE merge_key IN (SELECT merge_key FROM events WHERE id IN (SELECT id FROM touched))),
starts AS (
    SELECT *, CASE WHEN part = 'day' AND date_start - lag(date_start) OVER w <= $1
                   THEN 0 ELSE 1 END AS starts_island
    FROM keyed WINDOW w AS (PARTITION BY merge_key, part ORDER BY date_start, id)),
islands AS (
    SELECT *, sum(starts_island) OVER (PARTITION BY merge_key, part ORDER BY date_start, id
                                       ROWS UNBOUNDED PRECEDING) AS island
    FROM starts)
SELECT id, merge_key, date, place, doc_id FROM islands
JOIN (SELECT DISTINCT merge_key, part, island FROM islands WHERE id IN (SELECT id FROM touched))
USING (merge_key, part, island)
"""
# Event order: oldest first, then by article and position; ``id`` breaks the last ties.
STABLE_ORDER = "date_start NULLS LAST, doc_id, ordinal, id"
# From this offset on, a page is found by sorting the key columns only (on a million
# events: half the time of sorting whole rows at offset 50,000, twice the time for a
# first page; merged events always go this way: 1.0 s against 1.4 s for a first page).
LATE_ROWS_FROM = 10_000
SORT_KEYS = {  # the ``sort`` keys of ``Store.events`` and the columns they order by
    "date": "date_start",
    "source": "source_name",
    "target": "target_name",
    "type": "plover_type",
    "cameo": "cameo_code",
    "goldstein": "cameo_goldstein",
    "confidence": "confidence",
    "place": "place_name",
    "modality": "modality",
}


# A read-only connection can touch nothing but the database: no files, no network, no
# extension downloads, and no statement can switch these back on.
READ_ONLY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}
IN_MEMORY = ":memory:"


def open_db(
    path: str | Path = "dateline.duckdb",
    *,
    read_only: bool = False,
    merge_tolerance_days: int = MERGE_TOLERANCE_DAYS,
) -> Store:
    """Open (or create) the database at ``path`` (":memory:" for a throwaway one).

    ``read_only=True`` (the query commands, the SQL command, the dashboard): the file
    must exist, nothing can be written, and DuckDB may read no other file, reach no
    network and load no extension (``READ_ONLY_CONFIG``, locked).
    """
    return Store(path, read_only=read_only, merge_tolerance_days=merge_tolerance_days)


class Store:
    """A Dateline event database. Use as a context manager or call ``close()``."""

    def __init__(
        self,
        path: str | Path = IN_MEMORY,
        *,
        read_only: bool = False,
        merge_tolerance_days: int = MERGE_TOLERANCE_DAYS,
    ):
        self.path = str(path)
        self.read_only = read_only
        self.merge_tolerance_days = merge_tolerance_days
        if read_only and self.path != IN_MEMORY:
            self._upgrade_if_needed()
            self.con = _connect(self.path, read_only=True, config=READ_ONLY_CONFIG)
            return
        self.con = _connect(self.path, read_only=False, config={})
        self._migrate()
        if read_only:  # a throwaway database: the schema is made, then the guards locked
            for name, value in READ_ONLY_CONFIG.items():
                self.con.execute(f"SET {name} = {str(value).lower()}")

    def _upgrade_if_needed(self) -> None:
        """Apply pending migrations to a database written by an older version (the one
        write a read-only open may cause; the file's data are left as they are)."""
        if not Path(self.path).is_file():
            raise StoreError(f"cannot open database {self.path}: no such file")
        with _connect(self.path, read_only=True, config=READ_ONLY_CONFIG) as con:
            applied = _applied_migrations(con)
        if applied >= len(MIGRATIONS):
            return
        if applied == 0:  # not a Dateline database: a read-only open never creates one
            raise StoreError(
                f"database {self.path} has schema version 0: not a Dateline database "
                "(code into it first, e.g. `dateline code … --db FILE`)"
            )
        with _connect(self.path, read_only=False, config={}) as con:
            self.con = con
            self._migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema -------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.con.execute("SELECT name FROM migrations").fetchall()}
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self._transaction():
                self.con.execute(statements)
                self.con.execute("INSERT INTO migrations VALUES (?, ?)", [name, _now()])
            log.info("applied migration %s", name)

    @property
    def schema_version(self) -> int:
        """How many migrations this database has applied."""
        return self.con.execute("SELECT count(*) FROM migrations").fetchone()[0]

    # -- writes -------------------------------------------------------------------------

    def save_batch(self, docs: list[Document], failures: list[Failure]) -> None:
        """Write a batch of documents (with their sentences, actors, events) and failures.

        One transaction: either the whole batch is stored or none of it. Documents
        whose id is already stored are left as they are.
        """
        self.save_rows(batch_rows(docs, failures))

    def save_rows(self, rows: BatchRows) -> list[str]:
        """``save_batch`` for rows already made (``batch_rows``, or read back from Parquet
        parts); returns the ids of the documents it stored (those not stored before)."""
        with self._transaction():
            fresh = rows.without(self._stored_ids(rows.documents))
            self._insert("documents", fresh.documents)
            self._insert_contents(fresh)
            problems = [(f.path, f.stage, f.reason, SEVERITY_ERROR) for f in fresh.failures]
            problems += [
                (row["path"], "ingest", warning, SEVERITY_WARNING)
                for row in fresh.documents
                for warning in row["warnings"] or ()
            ]
            self._record_problems(problems)
        log.info("stored %d documents, %d failures", len(fresh.documents), len(fresh.failures))
        return [row["doc_id"] for row in fresh.documents]

    def replace_events(self, docs: list[Document]) -> None:
        """Replace the sentences, actors, mentions and events of re-coded documents."""
        ids = [doc.doc_id for doc in docs]
        with self._transaction():
            partners = self._merge_partners(ids)
            self._delete_contents(ids)
            self._insert_contents(batch_rows(docs, []), partners=partners)
            for doc in docs:
                self.con.execute(
                    "UPDATE documents SET coded_at = ?, coder_version = ?, skipped = ? "
                    "WHERE doc_id = ?",
                    [_now(), __version__, doc.skipped, doc.doc_id],
                )

    def remerge(self) -> int:
        """Re-cluster every stored event (after changing ``merge_tolerance_days``); returns
        the number of merged events."""
        with self._transaction():
            self.con.execute("DELETE FROM merged_links")
            ids = self.con.execute("SELECT id FROM events").fetchall()
            self._refresh_merged(event_id for (event_id,) in ids)
        return self.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]

    def _delete_contents(self, ids: list[str]) -> None:
        """The sentences, actors, mentions, events and merge links of documents ``ids``."""
        self.con.execute(
            "DELETE FROM merged_links WHERE event_id IN "
            "(SELECT id FROM events WHERE list_contains(?, doc_id))",
            [ids],
        )
        for table in ("sentences", "actors", "mentions", "events"):
            self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [ids])

    def _stored_ids(self, documents: Sequence[dict[str, Any]]) -> set[str]:
        """The ids of ``documents`` already stored. A stored document whose coding failed
        does not count: its old rows are deleted to make room for the new coding."""
        ids = [row["doc_id"] for row in documents]
        rows = self.con.execute(
            "SELECT doc_id, starts_with(coalesce(skipped, ''), ?) FROM documents "
            "WHERE list_contains(?, doc_id)",
            [CODING_FAILED, ids],
        ).fetchall()
        failed = [doc_id for doc_id, failed in rows if failed]
        if failed:
            self._delete_contents(failed)
            # the failure being retried is no longer an error of the database
            self.con.execute(
                "DELETE FROM errors WHERE severity = ? AND path IN "
                "(SELECT path FROM documents WHERE list_contains(?, doc_id))",
                [SEVERITY_ERROR, failed],
            )
            self.con.execute("DELETE FROM documents WHERE list_contains(?, doc_id)", [failed])
        return {doc_id for doc_id, failed in rows if not failed}

    def _insert_contents(self, rows: BatchRows, partners: Iterable[str] = ()) -> None:
        for table in CONTENT_TABLES:
            self._insert(table, getattr(rows, table))
        self._insert_places(rows.events)
        self._insert("events", rows.events)
        self._refresh_merged([row["id"] for row in rows.events] + list(partners))

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk insert through Arrow: one statement per table and batch."""
        if not rows:
            return
        columns = {name: [row[name] for row in rows] for name in rows[0]}
        self.con.register("incoming", pa.table(columns))
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            self.con.unregister("incoming")

    def _insert_places(self, events: Sequence[dict[str, Any]]) -> None:
        """The places of ``events`` (event rows) that the places table lacks."""
        places = {
            row["place_id"]: {part: row[f"place_{part}"] for part in PLACE_PARTS}
            for row in events
            if row["place_id"] is not None
        }
        for place_id, place in places.items():
            place["place_id"] = place_id
        if not places:
            return
        stored = self.con.execute(
            "SELECT place_id FROM places WHERE list_contains(?, place_id)", [list(places)]
        ).fetchall()
        for (place_id,) in stored:
            places.pop(place_id)
        self._insert("places", list(places.values()))

    def _record_problems(self, problems: Sequence[tuple[str, str, str, str]]) -> None:
        """One row per (path, stage, reason, severity); seeing it again updates
        ``last_seen``."""
        now = _now()
        for key in dict.fromkeys(problems):
            updated = self.con.execute(
                "UPDATE errors SET last_seen = ?, times = times + 1 "
                "WHERE path = ? AND stage = ? AND reason = ? AND severity = ? RETURNING 1",
                [now, *key],
            ).fetchall()
            if not updated:
                self.con.execute(
                    "INSERT INTO errors (path, stage, reason, severity, first_seen, last_seen, "
                    "times) VALUES (?, ?, ?, ?, ?, ?, 1)",
                    [*key, now, now],
                )

    def _merge_partners(self, doc_ids: list[str]) -> list[str]:
        """Events of other documents merged with events of ``doc_ids``: their merges change
        when those documents' events are replaced."""
        rows = self.con.execute(
            """
            SELECT DISTINCT l.event_id FROM merged_links l
            JOIN merged_links mine ON mine.merged_id = l.merged_id
            JOIN events e ON e.id = mine.event_id
            JOIN events partner ON partner.id = l.event_id
            WHERE list_contains(?, e.doc_id) AND NOT list_contains(?, partner.doc_id)
            """,
            [doc_ids, doc_ids],
        ).fetchall()
        return [row[0] for row in rows]

    def _refresh_merged(self, event_ids: Iterable[str]) -> None:
        """Re-cluster the events that could merge with ``event_ids``.

        Only the "islands" of those events are re-clustered: the events of one merge key
        whose day dates follow each other with gaps within the tolerance (coarser dates:
        the same date; undated: the event alone). No cluster crosses an island.
        """
        ids = list(event_ids)
        if not ids:
            return
        with self._registered("touched", ids):
            scope = self.con.execute(ISLANDS_QUERY, [self.merge_tolerance_days]).fetchall()
        with self._registered("touched", [row[0] for row in scope]):
            self.con.execute("DELETE FROM merged_links WHERE event_id IN (SELECT id FROM touched)")
        links = []
        for group in cluster((Candidate(*row) for row in scope), self.merge_tolerance_days):
            links.extend(_links(group))
        self._insert("merged_links", links)

    @contextmanager
    def _registered(self, name: str, ids: list[str]) -> Iterator[None]:
        """Make a list of ids queryable as the one-column table ``name`` (column ``id``)."""
        self.con.register(name, pa.table({"id": pa.array(ids, pa.string())}))
        try:
            yield
        finally:
            self.con.unregister(name)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT, or ROLLBACK when the block raises (a killed process commits
        nothing: DuckDB only makes a transaction durable at COMMIT)."""
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    # -- reads for the runner ------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def has_coded(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is stored and its coding did not fail (a failed one is retried)."""
        row = self.con.execute(
            "SELECT 1 FROM documents "
            "WHERE doc_id = ? AND NOT starts_with(coalesce(skipped, ''), ?)",
            [doc_id, CODING_FAILED],
        ).fetchone()
        return row is not None

    def coded_ids(self, files: Sequence[str]) -> list[str]:
        """The ids of the documents read from ``files`` (the file itself, or its records
        ``file#n``) that are stored and whose coding did not fail."""
        rows = self.con.execute(
            "SELECT DISTINCT doc_id FROM documents, unnest(?) AS given(file) "
            "WHERE (path = file OR starts_with(path, file || '#')) "
            "AND NOT starts_with(coalesce(skipped, ''), ?) ORDER BY doc_id",
            [list(files), CODING_FAILED],
        ).fetchall()
        return [doc_id for (doc_id,) in rows]

    def fingerprints(self) -> Iterator[tuple[str, str, bytes | None]]:
        """(doc_id, content_hash, fingerprint) of every stored original (not a duplicate)."""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT doc_id, content_hash, fingerprint FROM documents "
            "WHERE duplicate_of IS NULL ORDER BY doc_id"
        )
        while rows := cursor.fetchmany(1000):
            yield from rows

    def event_records(self, doc_ids: list[str]) -> list[dict[str, Any]]:
        """The stored events of ``doc_ids``, as ``dateline.record.event_record`` shapes them."""
        if not doc_ids:
            return []
        rows = self.rows(
            "SELECT * FROM events WHERE list_contains(?, doc_id) ORDER BY doc_id, ordinal",
            [list(doc_ids)],
        )
        order = {doc_id: i for i, doc_id in enumerate(doc_ids)}
        rows.sort(key=lambda row: order[row["doc_id"]])
        return [_record(row) for row in rows]

    def stored_documents(self) -> Iterator[Document]:
        """Stored original documents, rebuilt for re-coding (without their events)."""
        cursor = self.con.cursor()
        cursor.execute("SELECT * FROM documents WHERE duplicate_of IS NULL ORDER BY doc_id")
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(500):
            for values in rows:
                yield _document(dict(zip(columns, values, strict=True)))

    # -- queries -------------------------------------------------------------------------

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        type: str | Sequence[str] | None = None,
        cameo: str | None = None,
        quad_class: int | Sequence[int] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        place: str | None = None,
        modality: str | Sequence[str] | None = None,
        min_confidence: float | None = None,
        merged: bool = False,
        sort: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events as event records, oldest first, filtered like ``dateline events``.

        ``source``/``target``: an ISO alpha-3 country code or (part of) an actor name;
        ``actor``: the same, as source or as target;
        ``type``: PLOVER type(s); ``cameo``: a CAMEO code prefix ("04" matches 040-046);
        ``quad_class``: QuadClass(es) 1-4;
        ``since``/``until``: ISO dates, compared with the period the event date covers;
        ``place``: a place name, admin1 name or country code; ``modality``: one or more
        values; ``merged``: one record per real event (cross-document deduplication),
        with ``sources`` (articles), ``mentions`` and the ``event_ids`` it merges.
        ``sort``: one of ``SORT_KEYS``, ``-`` first for descending (ties keep the stable
        date order); ``offset`` and ``limit`` page through that order.
        """
        filters = {name: value for name, value in locals().items() if name in FILTER_CLAUSES}
        where, params = self.event_filter(**filters)
        relation = EVENT_RELATIONS[merged]
        order = order_clause(sort)
        page = limit_clause(limit, offset)
        if merged or offset >= LATE_ROWS_FROM:
            # Sort the key columns alone, then read the page's rows whole: faster for deep
            # pages, and for merged events, whose rows come from a join.
            query = (
                f"SELECT * FROM {relation} WHERE id IN "
                f"(SELECT id FROM {relation} WHERE {where} ORDER BY {order}{page}) "
                f"ORDER BY {order}"
            )
        else:
            query = f"SELECT * FROM {relation} WHERE {where} ORDER BY {order}{page}"
        return [_record(row) for row in self.rows(query, params)]

    def count_events(self, *, merged: bool = False, **filters: Any) -> int:
        """How many events ``Store.events`` would list with these filters (no limit)."""
        where, params = self.event_filter(**filters)
        query = f"SELECT count(*) AS n FROM {EVENT_RELATIONS[merged]} WHERE {where}"
        return self.rows(query, params)[0]["n"]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record (by event id or merged-event id) with its ``date_expression``
        and ``reports``: every article's event merged with it, this one included."""
        # Two plain lookups: an OR over both ids would scan every row with the subquery.
        rows = self.rows("SELECT * FROM events WHERE id = ?", [event_id])
        if not rows:
            rows = self.rows(
                "SELECT * FROM events WHERE id = (SELECT event_id FROM merged_links "
                "WHERE merged_id = ? AND representative)",
                [event_id],
            )
        if not rows:
            return None
        record = _record(rows[0])
        record["date_expression"] = rows[0]["date_expression"]
        record["reports"] = self.rows(
            """
            SELECT e.id, e.doc_id, e.doc_path, d.title, d.source, d.url,
                   CAST(e.published AS VARCHAR) AS published, e.sentence, e.trigger
            FROM merged_links mine
            JOIN merged_links l ON l.merged_id = mine.merged_id
            JOIN events e ON e.id = l.event_id
            LEFT JOIN documents d ON d.doc_id = e.doc_id
            WHERE mine.event_id = ?
            ORDER BY e.published, e.doc_id, e.ordinal
            """,
            [record["id"]],
        )
        return record

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document's fields, cleaned text and sentence spans, and its event ids."""
        rows = self.rows(
            "SELECT doc_id, path, url, title, author, source, text, "
            "CAST(published AS VARCHAR) AS published, published_from, dateline_text, "
            "language, duplicate_of, skipped FROM documents WHERE doc_id = ?",
            [doc_id],
        )
        if not rows:
            return None
        document = rows[0]
        document["sentences"] = self.rows(
            'SELECT idx AS "index", start, "end", paragraph FROM sentences '
            "WHERE doc_id = ? ORDER BY idx",
            [doc_id],
        )
        document["event_ids"] = [
            row["id"]
            for row in self.rows(
                "SELECT id FROM events WHERE doc_id = ? ORDER BY ordinal", [doc_id]
            )
        ]
        return document

    def event_filter(self, **filters: Any) -> tuple[str, list[Any]]:
        """A SQL condition on the ``events`` (and ``merged_events``) columns, and its
        parameters, from the filters of ``Store.events``; unset ones (None) are ignored."""
        unknown = set(filters) - set(FILTER_CLAUSES)
        if unknown:
            raise StoreError(f"unknown event filters: {', '.join(sorted(unknown))}")
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        for name, value in filters.items():
            if value in (None, "", (), []):
                continue
            clause, values = FILTER_CLAUSES[name](value)
            clauses.append(clause)
            params += values
        return " AND ".join(clauses), params

    def frame(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run a query built on the documented schema and return a pandas DataFrame."""
        try:
            return self.con.execute(query, list(params)).df()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from exc

    def table(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a query built on the documented schema and return a pyarrow Table."""
        try:
            # A cursor of its own: a result left pending by fetchone() makes sql() refuse.
            with self.con.cursor() as cursor:
                return cursor.sql(query, params=list(params)).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from exc

    def sql(self, query: str) -> tuple[list[str], list[tuple]]:
        """Run one read-only statement (SELECT, WITH … SELECT, EXPLAIN of a SELECT);
        refuse anything else (``check_read_only_sql``)."""
        check_read_only_sql(query)
        # Belt and braces: run inside a transaction that is always rolled back (and, on a
        # read-only store, on a connection that can neither write nor read other files).
        self.con.begin()
        try:
            cursor = self.con.execute(query)
            columns = [d[0] for d in cursor.description]
            return columns, cursor.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from exc
        finally:
            self.con.rollback()

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts that describe the database: documents, events, dyads, dates, merges, errors."""

        def one(query: str) -> Any:
            return self.con.execute(query).fetchone()[0]

        events = one("SELECT count(*) FROM events")
        merged = one("SELECT count(*) FROM merged_events")
        first, last = self.con.execute(
            "SELECT min(date_start), max(date_end) FROM events"
        ).fetchone()
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "skipped": one("SELECT count(*) FROM documents WHERE skipped IS NOT NULL"),
            "events": events,
            "events_by_type": self._counts("coalesce(plover_type, 'none')"),
            "events_by_modality": self._counts("modality"),
            "top_dyads": self._top_dyads(top),
            "events_without_actors": one(
                "SELECT count(*) FROM events WHERE source_name IS NULL AND target_name IS NULL"
            ),
            "date_range": [_iso(first), _iso(last)],
            "merged_events": merged,
            "merged_duplicates": events - merged,
            "errors": one(f"SELECT count(*) FROM errors WHERE severity = '{SEVERITY_ERROR}'"),
            "warnings": one(f"SELECT count(*) FROM errors WHERE severity = '{SEVERITY_WARNING}'"),
        }

    def _counts(self, expression: str) -> dict[str, int]:
        rows = self.con.execute(
            f"SELECT {expression} AS k, count(*) AS n FROM events GROUP BY k ORDER BY n DESC, k"
        ).fetchall()
        return dict(rows)

    def _top_dyads(self, top: int) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT coalesce(source_country, source_name, '-') AS s, "
            "coalesce(target_country, target_name, '-') AS t, count(*) AS n "
            "FROM events WHERE source_name IS NOT NULL OR target_name IS NOT NULL "
            "GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
            [top],
        ).fetchall()
        return [{"source": s, "target": t, "events": n} for s, t, n in rows]

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query built on the documented schema; one dict per row, Python values."""
        try:
            cursor = self.con.execute(query, list(params))
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from exc
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


def _connect(path: str, *, read_only: bool, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc


def _applied_migrations(con: duckdb.DuckDBPyConnection) -> int:
    try:
        return con.execute("SELECT count(*) FROM migrations").fetchone()[0]
    except duckdb.CatalogException:  # no migrations table: not created by Dateline yet
        return 0


def check_read_only_sql(query: str) -> None:
    """Refuse (StoreError) anything but one SELECT (or WITH … SELECT) statement, or an
    EXPLAIN of one; EXPLAIN ANALYZE runs its statement, so it is refused too."""
    with duckdb.connect(IN_MEMORY, config=READ_ONLY_CONFIG) as parser:
        statement = _one_statement(parser, query)
        kind = statement.type.name
        if kind == "SELECT" or (kind == "EXPLAIN" and _explains_select(parser, statement.query)):
            return
    if kind == "EXPLAIN":
        raise StoreError("read-only: only EXPLAIN SELECT is allowed (not EXPLAIN ANALYZE)")
    raise StoreError(f"read-only: {kind} statements are refused")


def _explains_select(parser: duckdb.DuckDBPyConnection, query: str) -> bool:
    explained = _LEADING_COMMENTS.sub("", query)[len("EXPLAIN") :]
    try:
        return _one_statement(parser, explained).type.name == "SELECT"
    except StoreError:  # "ANALYZE …", "(ANALYZE) …": not a plain statement
        return False


# Comments and white space before a statement's first keyword.
_LEADING_COMMENTS = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)


def _one_statement(parser: duckdb.DuckDBPyConnection, query: str) -> duckdb.Statement:
    try:
        statements = parser.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"cannot parse query: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise StoreError("give exactly one SQL statement")
    return statements[0]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n", 1)[0]


def _links(group: Cluster) -> Iterator[dict[str, Any]]:
    """The ``merged_links`` rows of one cluster; the first member represents it."""
    merged_id = group.merged_id
    members = sorted(group.members, key=lambda c: (c.date or "", c.event_id))
    summary = {
        "mentions": len(members),
        "sources": len({c.doc_id for c in members}),
        "event_ids": [c.event_id for c in members],
        "doc_ids": sorted({c.doc_id for c in members}),
    }
    for position, member in enumerate(group.members):
        representative = position == 0
        yield {
            "merged_id": merged_id,
            "event_id": member.event_id,
            "merge_key": member.merge_key,
            "representative": representative,
            **{key: (value if representative else None) for key, value in summary.items()},
        }


# -- rows from the data model ------------------------------------------------------------


CONTENT_TABLES = ("sentences", "actors", "mentions")  # named as the Document fields


@dataclass
class BatchRows:
    """A batch as the rows of the store's tables: what ``save_rows`` writes and what the
    Parquet parts of a distributed run hold (``dateline.parts``)."""

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


ROW_TABLES = ("documents", *CONTENT_TABLES, "events")


def documents_of(rows: BatchRows) -> list[Document]:
    """The documents of ``rows`` rebuilt (without their sentences, actors and events)."""
    return [_document(row) for row in rows.documents]


def records_of(rows: BatchRows) -> list[dict[str, Any]]:
    """The event records (``dateline.record`` shapes) of ``rows``."""
    return [_record(row) for row in rows.events]


def batch_rows(docs: Sequence[Document], failures: Sequence[Failure]) -> BatchRows:
    """The rows of ``docs`` (each document id once: the first wins) and ``failures``."""
    unique: dict[str, Document] = {}
    for doc in docs:
        unique.setdefault(doc.doc_id, doc)
    rows = BatchRows(failures=list(failures))
    for doc in unique.values():
        rows.documents.append(_document_row(doc))
        for table in CONTENT_TABLES:
            getattr(rows, table).extend(_part_rows(doc, getattr(doc, table)))
        rows.events.extend(_event_rows(doc))
    return rows


def _document_row(doc: Document) -> dict[str, Any]:
    dateline = doc.dateline
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "author": doc.author,
        "source": doc.source,
        "text": doc.text,
        "published": doc.published,
        "published_from": doc.published_from,
        "dateline_text": dateline.text if dateline else None,
        "dateline_place": dateline.place if dateline else None,
        "dateline_agency": dateline.agency if dateline else None,
        "dateline_date": dateline.date if dateline else None,
        "dateline_year_from": dateline.year_from if dateline else None,
        "language": doc.language,
        "content_hash": doc.content_hash,
        "duplicate_of": doc.duplicate_of,
        "skipped": doc.skipped,
        "fingerprint": doc.fingerprint,
        "warnings": doc.warnings or None,
        "coded_at": _now(),
        "coder_version": __version__,
    }


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
        yield _event_row(doc, event, event_id, ordinal)


def _event_row(doc: Document, event: Event, event_id: str, ordinal: int) -> dict[str, Any]:
    sentence = doc.sentences[event.sentence]
    try:
        start, end = _date_bounds(event.date)
    except ValueError:  # an impossible date must not cost the batch: keep it unqueryable
        log.warning("%s: event %s has an impossible date %r", doc.path, event_id, event.date)
        start = end = None
    row = {
        "id": event_id,
        "doc_id": doc.doc_id,
        "ordinal": ordinal,
        "doc_path": doc.path,
        "published": doc.published,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_expression": event.date_expression,
        "date_start": start,
        "date_end": end,
        "plover_type": event.plover.type if event.plover else None,
        "plover_mode": event.plover.mode if event.plover else None,
        "cameo_code": event.cameo.code,
        "cameo_root": event.cameo.root,
        "cameo_goldstein": float(event.cameo.goldstein),
        "cameo_quad_class": event.cameo.quad_class,
        "modality": event.modality,
        "confidence": float(event.confidence),
        "place_id": _place_id(event.place) if event.place else None,
        "sentence_index": event.sentence,
        "sentence": sentence.text,
        "span_start": sentence.start,
        "span_end": sentence.end,
        "trigger": event.trigger,
        "explanation": event.explanation,
        "coder": event.coder,
        "merge_key": merge_key(event),
    }
    for role in ("source", "target"):
        ref = getattr(event, role)
        for part in ACTOR_PARTS:
            row[f"{role}_{part}"] = getattr(ref, part) if ref else None
    for part in PLACE_PARTS:
        row[f"place_{part}"] = getattr(event.place, part) if event.place else None
    for name in COUNT_FIELDS:
        count = getattr(event, name)
        row[f"{name}_count"] = count.number if count else None
        row[f"{name}_text"] = count.text if count else None
    return row


def _place_id(place: Place) -> str:
    """Places are shared between events; every field takes part so none is lost."""
    parts = "\x1f".join(repr(getattr(place, part)) for part in PLACE_PARTS)
    return hashlib.sha1(parts.encode()).hexdigest()[:16]


def _date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day that an event date (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    if not value:
        return None, None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


# -- records and documents from rows ----------------------------------------------------


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """The event record of one ``events`` (or ``merged_events``) row."""
    record = {
        "id": row.get("merged_id") or row["id"],
        "doc_id": row["doc_id"],
        "doc_path": row["doc_path"],
        "published": _iso(row["published"]),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "source": _actor_part(row, "source"),
        "target": _actor_part(row, "target"),
        "plover": (
            {"type": row["plover_type"], "mode": row["plover_mode"]} if row["plover_type"] else None
        ),
        "cameo": {
            "code": row["cameo_code"],
            "root": row["cameo_root"],
            "goldstein": row["cameo_goldstein"],
            "quad_class": row["cameo_quad_class"],
        },
        "modality": row["modality"],
        "confidence": round(row["confidence"], 3),
        "place": _place_part(row),
        "sentence": row["sentence"],
        "span": [row["span_start"], row["span_end"]],
        "trigger": row["trigger"],
        "explanation": row["explanation"],
        "coder": row["coder"],
        **{name: _count_part(row, name) for name in COUNT_FIELDS},
    }
    if "merged_id" in row:
        record["sources"] = row["sources"]
        record["mentions"] = row["mentions"]
        record["event_ids"] = list(row["event_ids"])
        record["doc_ids"] = list(row["doc_ids"])
    return record


def _actor_part(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row[f"{role}_name"] is None:
        return None
    return {part: row[f"{role}_{part}"] for part in ACTOR_PARTS}


def _count_part(row: dict[str, Any], name: str) -> dict[str, Any] | None:
    if row[f"{name}_count"] is None:
        return None
    return {part: row[f"{name}_{part}"] for part in COUNT_PARTS}


def _place_part(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["place_name"] is None:
        return None
    return {part: row[f"place_{part}"] for part in PLACE_PARTS}


def _document(row: dict[str, Any]) -> Document:
    dateline = None
    if row["dateline_text"] is not None:
        dateline = Dateline(
            text=row["dateline_text"],
            place=row["dateline_place"],
            agency=row["dateline_agency"],
            date=row["dateline_date"],
            year_from=row["dateline_year_from"],
        )
    return Document(
        doc_id=row["doc_id"],
        path=row["path"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        author=row["author"],
        source=row["source"],
        published=row["published"],
        published_from=row["published_from"],
        dateline=dateline,
        language=row["language"],
        content_hash=row["content_hash"],
        duplicate_of=row["duplicate_of"],
        skipped=row["skipped"],
        fingerprint=row["fingerprint"],
        warnings=list(row["warnings"] or []),
    )


def _actor_clause(role: str, value: str) -> tuple[str, list[Any]]:
    condition = f"({role}_country = upper(?) OR {role}_name ILIKE ? ESCAPE '\\')"
    return condition, [value, f"%{_like_literal(value)}%"]


def _place_clause(value: str) -> tuple[str, list[Any]]:
    literal = _like_literal(value)
    condition = (
        "(place_name ILIKE ? ESCAPE '\\' OR place_admin1 ILIKE ? ESCAPE '\\' "
        "OR place_country = upper(?))"
    )
    return condition, [literal, literal, value]


def _like_literal(value: str) -> str:
    """``value`` matched as written by ILIKE: its % and _ are not wildcards."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _confidence_clause(value: float) -> tuple[str, list[Any]]:
    threshold = float(value)
    if not 0 <= threshold <= 1:  # also NaN, which no confidence is ever >= to
        raise StoreError(f"min_confidence must be a number from 0 to 1, not {value!r}")
    return "confidence >= ?", [threshold]


def _either_actor_clause(value: str) -> tuple[str, list[Any]]:
    source, source_params = _actor_clause("source", value)
    target, target_params = _actor_clause("target", value)
    return f"({source} OR {target})", source_params + target_params


# How each filter of ``Store.events`` reads as SQL: (condition, its parameters).
FILTER_CLAUSES = {
    "source": lambda v: _actor_clause("source", v),
    "target": lambda v: _actor_clause("target", v),
    "actor": lambda v: _either_actor_clause(v),
    "type": lambda v: ("list_contains(?, plover_type)", [[t.upper() for t in _as_list(v)]]),
    "cameo": lambda v: ("starts_with(cameo_code, ?)", [v]),
    "quad_class": lambda v: ("list_contains(?, cameo_quad_class)", [_as_ints(v)]),
    "since": lambda v: ("date_end >= CAST(? AS DATE)", [_as_date(v, end=False)]),
    "until": lambda v: ("date_start <= CAST(? AS DATE)", [_as_date(v, end=True)]),
    "place": _place_clause,
    "modality": lambda v: ("list_contains(?, modality)", [_as_list(v)]),
    "min_confidence": _confidence_clause,
}


# -- small helpers ------------------------------------------------------------------------


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _as_ints(value: int | str | Sequence[int | str]) -> list[int]:
    values = [value] if isinstance(value, int | str) else list(value)
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise StoreError(f"not a whole number: {value!r}") from exc


def limit_clause(limit: int | None, offset: int | None) -> str:
    """`` LIMIT n OFFSET m`` (either part left out when unset)."""
    clause = f" LIMIT {int(limit)}" if limit is not None else ""
    return clause + (f" OFFSET {int(offset)}" if offset else "")


def order_clause(sort: str | None) -> str:
    """The ORDER BY of a ``sort`` key: its column first, then the stable date order."""
    if not sort:
        return STABLE_ORDER
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        raise StoreError(f"unknown sort key {key!r}; choose one of {', '.join(SORT_KEYS)}")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_KEYS[key]} {direction} NULLS LAST, {STABLE_ORDER}"


def _as_date(value: str | date, *, end: bool) -> str:
    """A full ISO date: "2007" is 2007-01-01 as a start and 2007-12-31 as an end."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        start, last = _date_bounds(str(value))
    except ValueError as exc:
        raise StoreError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from exc
    return (last if end else start).isoformat()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
