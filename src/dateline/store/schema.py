"""The schema: named, ordered migrations and the code that applies them.

Tables (documented in docs/schema.md, checked by tests/store/test_schema_doc.py):
``documents``, ``sentences``, ``actors``, ``mentions``, ``events`` (every field of the
event record flattened to columns), ``places``, ``errors``, ``merged_links`` (which events
are one real event), the view ``merged_events`` and ``migrations``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

import duckdb

from .connection import now, transaction

log = logging.getLogger(__name__)


class Severity(StrEnum):
    """The ``errors`` table's ``severity``: not coded, or coded but read with a problem."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Migration:
    """A named step of the schema: its SQL statements run once, in one transaction."""

    name: str
    statements: str


# Named, ordered migrations: each runs once, in its own transaction, and is recorded
# in the ``migrations`` table. Never edit a shipped migration; append a new one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
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
    Migration(
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
    Migration(
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
    Migration(
        "0004_dateline_year_from",
        """
        -- where a yearless dateline's year came from (metadata, page, settings, file, body)
        ALTER TABLE documents ADD COLUMN dateline_year_from VARCHAR;
        """,
    ),
    Migration(
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
    Migration(
        "0006_warnings",
        """
        -- A document read with a problem (bytes replaced) keeps it; the errors table
        -- tells such warnings from the failures of inputs that were not coded.
        ALTER TABLE documents ADD COLUMN warnings VARCHAR[];
        ALTER TABLE errors ADD COLUMN severity VARCHAR DEFAULT 'error';
        """,
    ),
    Migration(
        "0007_dateline_version",
        """
        -- coder_version held Dateline's package version: it moves to dateline_version,
        -- and coder_version names the coders (name.version) that coded the events.
        ALTER TABLE documents ADD COLUMN dateline_version VARCHAR;
        UPDATE documents SET dateline_version = coder_version, coder_version = NULL;
        """,
    ),
    Migration(
        "0008_dateline_offsets",
        """
        -- where the dateline stands in the text ([start, end); the clean stage cuts it
        -- from the head, so 0 and 0); null for rows stored before
        ALTER TABLE documents ADD COLUMN dateline_start INTEGER;
        ALTER TABLE documents ADD COLUMN dateline_end INTEGER;
        """,
    ),
    Migration(
        "0009_event_actor_indexes",
        """
        -- which stored actors (actors.idx) an event's source and target are: events
        -- join their actors
        ALTER TABLE events ADD COLUMN source_actor INTEGER;
        ALTER TABLE events ADD COLUMN target_actor INTEGER;
        DROP VIEW merged_events;
        CREATE VIEW merged_events AS
        SELECT l.merged_id, l.mentions, l.sources, l.event_ids, l.doc_ids, e.*
        FROM merged_links l JOIN events e ON e.id = l.event_id
        WHERE l.representative;
        """,
    ),
    Migration(
        "0010_document_status",
        """
        -- what became of a document (model.DocStatus): queries read it, never the wording
        -- of skipped; rows stored before are given theirs from duplicate_of and skipped
        ALTER TABLE documents ADD COLUMN status VARCHAR;
        UPDATE documents SET status = CASE
            WHEN duplicate_of IS NOT NULL THEN 'duplicate'
            WHEN skipped IS NULL THEN 'coded'
            WHEN starts_with(skipped, 'coding failed') THEN 'failed'
            ELSE 'skipped' END;
        """,
    ),
)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the migrations ``con``'s database lacks, each in its own transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM migrations").fetchall()}
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        with transaction(con):
            con.execute(migration.statements)
            con.execute("INSERT INTO migrations VALUES (?, ?)", [migration.name, now()])
        log.info("applied migration %s", migration.name)


def applied_migrations(con: duckdb.DuckDBPyConnection) -> int:
    """How many migrations ``con``'s database has applied (0: not a Dateline database)."""
    try:
        return con.execute("SELECT count(*) FROM migrations").fetchone()[0]
    except duckdb.CatalogException:  # no migrations table: not created by Dateline yet
        return 0
