"""Writes: a batch's rows in one transaction, re-coded documents' contents replaced,
and the cross-document merges of the events they touch refreshed."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from .. import __version__
from ..model import INGEST_STAGE, DocStatus, Document
from ..record import PLACE_PARTS
from .connection import insert, now, registered, transaction
from .merge import MergeCandidate, cluster, links
from .rows import CONTENT_TABLES, BatchRows, batch_rows, coder_version
from .schema import Severity

log = logging.getLogger(__name__)

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


def save_rows(con: duckdb.DuckDBPyConnection, rows: BatchRows, tolerance_days: int) -> list[str]:
    """Write ``rows`` in one transaction, but for the documents already stored; returns
    the ids of the documents it stored."""
    with transaction(con):
        fresh = rows.without(_stored_ids(con, rows.documents))
        insert(con, "documents", fresh.documents)
        _insert_contents(con, fresh, tolerance_days)
        problems = [(f.path, f.stage, f.reason, Severity.ERROR) for f in fresh.failures]
        problems += [
            (row["path"], INGEST_STAGE, warning, Severity.WARNING)
            for row in fresh.documents
            for warning in row["warnings"] or ()
        ]
        _record_problems(con, problems)
    log.info("stored %d documents, %d failures", len(fresh.documents), len(fresh.failures))
    return [row["doc_id"] for row in fresh.documents]


def replace_events(
    con: duckdb.DuckDBPyConnection, docs: list[Document], tolerance_days: int
) -> None:
    """Replace the sentences, actors, mentions and events of re-coded documents."""
    ids = [doc.doc_id for doc in docs]
    with transaction(con):
        partners = _merge_partners(con, ids)
        _delete_contents(con, ids)
        _insert_contents(con, batch_rows(docs, []), tolerance_days, partners=partners)
        for doc in docs:
            con.execute(
                "UPDATE documents SET coded_at = ?, coder_version = ?, dateline_version = ?, "
                "skipped = ? WHERE doc_id = ?",
                [now(), coder_version(doc), __version__, doc.skipped, doc.doc_id],
            )


def remerge(con: duckdb.DuckDBPyConnection, tolerance_days: int) -> int:
    """Re-cluster every stored event; returns the number of merged events."""
    with transaction(con):
        con.execute("DELETE FROM merged_links")
        ids = con.execute("SELECT id FROM events").fetchall()
        _refresh_merged(con, (event_id for (event_id,) in ids), tolerance_days)
    return con.execute("SELECT count(*) FROM merged_events").fetchone()[0]


def _delete_contents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """The sentences, actors, mentions, events and merge links of documents ``ids``."""
    con.execute(
        "DELETE FROM merged_links WHERE event_id IN "
        "(SELECT id FROM events WHERE list_contains(?, doc_id))",
        [ids],
    )
    for table in (*CONTENT_TABLES, "events"):
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [ids])


def _stored_ids(con: duckdb.DuckDBPyConnection, documents: Sequence[dict[str, Any]]) -> set[str]:
    """The ids of ``documents`` already stored. A stored document whose coding failed
    does not count: its old rows are deleted to make room for the new coding."""
    ids = [row["doc_id"] for row in documents]
    rows = con.execute(
        "SELECT doc_id, status = ? FROM documents WHERE list_contains(?, doc_id)",
        [DocStatus.FAILED, ids],
    ).fetchall()
    failed = [doc_id for doc_id, failed in rows if failed]
    if failed:
        _delete_contents(con, failed)
        # the failure being retried is no longer an error of the database
        con.execute(
            "DELETE FROM errors WHERE severity = ? AND path IN "
            "(SELECT path FROM documents WHERE list_contains(?, doc_id))",
            [Severity.ERROR, failed],
        )
        con.execute("DELETE FROM documents WHERE list_contains(?, doc_id)", [failed])
    return {doc_id for doc_id, failed in rows if not failed}


def _insert_contents(
    con: duckdb.DuckDBPyConnection,
    rows: BatchRows,
    tolerance_days: int,
    partners: Iterable[str] = (),
) -> None:
    for table in CONTENT_TABLES:
        insert(con, table, getattr(rows, table))
    _insert_places(con, rows.events)
    insert(con, "events", rows.events)
    _refresh_merged(con, [row["id"] for row in rows.events] + list(partners), tolerance_days)


def _insert_places(con: duckdb.DuckDBPyConnection, events: Sequence[dict[str, Any]]) -> None:
    """The places of ``events`` (event rows) that the places table lacks."""
    places = {
        row["place_id"]: {part: row[f"place_{part}"] for part in PLACE_PARTS}
        for row in events
        if row["place_id"] is not None
    }
    if not places:
        return
    stored = con.execute(
        "SELECT place_id FROM places WHERE list_contains(?, place_id)", [list(places)]
    ).fetchall()
    for (place_id,) in stored:
        places.pop(place_id)
    insert(con, "places", [{"place_id": key, **place} for key, place in places.items()])


def _record_problems(
    con: duckdb.DuckDBPyConnection, problems: Sequence[tuple[str, str, str, str]]
) -> None:
    """One row per (path, stage, reason, severity); seeing it again updates
    ``last_seen``."""
    seen_at = now()
    for key in dict.fromkeys(problems):
        updated = con.execute(
            "UPDATE errors SET last_seen = ?, times = times + 1 "
            "WHERE path = ? AND stage = ? AND reason = ? AND severity = ? RETURNING 1",
            [seen_at, *key],
        ).fetchall()
        if not updated:
            con.execute(
                "INSERT INTO errors (path, stage, reason, severity, first_seen, last_seen, "
                "times) VALUES (?, ?, ?, ?, ?, ?, 1)",
                [*key, seen_at, seen_at],
            )


def _merge_partners(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """Events of other documents merged with events of ``doc_ids``: their merges change
    when those documents' events are replaced."""
    rows = con.execute(
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


def _refresh_merged(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str], tolerance_days: int
) -> None:
    """Re-cluster the events that could merge with ``event_ids``.

    Only the "islands" of those events are re-clustered: the events of one merge key
    whose day dates follow each other with gaps within the tolerance (coarser dates:
    the same date; undated: the event alone). No cluster crosses an island.
    """
    ids = list(event_ids)
    if not ids:
        return
    with registered(con, "touched", ids):
        scope = con.execute(ISLANDS_QUERY, [tolerance_days]).fetchall()
    with registered(con, "touched", [row[0] for row in scope]):
        con.execute("DELETE FROM merged_links WHERE event_id IN (SELECT id FROM touched)")
    groups = cluster((MergeCandidate(*row) for row in scope), tolerance_days)
    insert(con, "merged_links", [link for group in groups for link in links(group)])
