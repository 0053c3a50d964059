"""The event database: ``open_db`` and the ``Store``, a thin shell whose methods call
the schema, writer and queries modules with its connection.

Each batch is written in one transaction, so a killed run leaves whole documents only,
and a document whose id is stored is never written twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import StoreError
from ..model import DocStatus, Document, Failure, StoredFingerprint
from . import queries, writer
from .connection import (
    IN_MEMORY,
    READ_ONLY_CONFIG,
    check_read_only_sql,
    connect,
    dict_rows,
    evict_cache,
    first_line,
    lock_read_only,
)
from .rows import BatchRows, batch_rows, document_from_row
from .schema import MIGRATIONS, applied_migrations, migrate

MERGE_TOLERANCE_DAYS = 1


@dataclass(frozen=True)
class SqlResult:
    """What a read-only statement gave: its column names and its rows."""

    columns: list[str]
    rows: list[tuple]


def open_db(
    path: str | Path = "dateline.duckdb",
    *,
    read_only: bool = False,
    merge_tolerance_days: int = MERGE_TOLERANCE_DAYS,
    writer_cache_mb: int = 0,
) -> Store:
    """Open (or create) the database at ``path`` (":memory:" for a throwaway one).

    ``read_only=True`` (the query commands, the SQL command, the dashboard): the file
    must exist, nothing can be written, and DuckDB may read no other file, reach no
    network and load no extension (``READ_ONLY_CONFIG``, locked).
    ``writer_cache_mb`` (a coding run): after each write, DuckDB's cache is evicted down
    to that much memory beyond its indexes (``connection.evict_cache``); 0: it is kept.
    """
    return Store(
        path,
        read_only=read_only,
        merge_tolerance_days=merge_tolerance_days,
        writer_cache_mb=writer_cache_mb,
    )


class Store:
    """A Dateline event database. Use as a context manager or call ``close()``."""

    def __init__(
        self,
        path: str | Path = IN_MEMORY,
        *,
        read_only: bool = False,
        merge_tolerance_days: int = MERGE_TOLERANCE_DAYS,
        writer_cache_mb: int = 0,
    ):
        self.path = str(path)
        self.read_only = read_only
        self.merge_tolerance_days = merge_tolerance_days
        self.writer_cache_mb = writer_cache_mb
        if read_only and self.path != IN_MEMORY:
            self._upgrade_if_needed()
            self.con = connect(self.path, read_only=True, config=READ_ONLY_CONFIG)
            return
        self.con = connect(self.path, read_only=False, config={})
        migrate(self.con)
        if read_only:  # a throwaway database: the schema is made, then the guards locked
            lock_read_only(self.con)

    def _upgrade_if_needed(self) -> None:
        """Apply pending migrations to a database written by an older version (the one
        write a read-only open may cause; the file's data are left as they are)."""
        if not Path(self.path).is_file():
            raise StoreError(f"cannot open database {self.path}: no such file")
        with connect(self.path, read_only=True, config=READ_ONLY_CONFIG) as con:
            applied = applied_migrations(con)
        if applied >= len(MIGRATIONS):
            return
        if applied == 0:  # not a Dateline database: a read-only open never creates one
            raise StoreError(
                f"database {self.path} has schema version 0: not a Dateline database "
                "(code into it first, e.g. `dateline code … --db FILE`)"
            )
        with connect(self.path, read_only=False, config={}) as con:
            migrate(con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def schema_version(self) -> int:
        """How many migrations this database has applied."""
        return applied_migrations(self.con)

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
        stored = writer.save_rows(self.con, rows, self.merge_tolerance_days)
        self._evict_cache()
        return stored

    def replace_events(self, docs: list[Document]) -> None:
        """Replace the sentences, actors, mentions and events of re-coded documents."""
        writer.replace_events(self.con, docs, self.merge_tolerance_days)
        self._evict_cache()

    def _evict_cache(self) -> None:
        if self.writer_cache_mb > 0 and self.path != IN_MEMORY:  # in memory: nothing to evict to
            evict_cache(self.con, self.writer_cache_mb)

    def remerge(self) -> int:
        """Re-cluster every stored event (after changing ``merge_tolerance_days``); returns
        the number of merged events."""
        return writer.remerge(self.con, self.merge_tolerance_days)

    # -- reads for the runner ------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def has_coded(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is stored and its coding did not fail (a failed one is retried)."""
        return bool(self.coded_among([doc_id]))

    def coded_among(self, doc_ids: Sequence[str]) -> set[str]:
        """Those of ``doc_ids`` that ``has_coded``: one query for a batch (a query a
        document cost more than the rest of the runner's work)."""
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?)) AND status <> ?",
            [list(doc_ids), DocStatus.FAILED],
        ).fetchall()
        return {doc_id for (doc_id,) in rows}

    def coded_ids(self, files: Sequence[str]) -> list[str]:
        """The ids of the documents read from ``files`` (the file itself, or its records
        ``file#n``) that are stored and whose coding did not fail."""
        rows = self.con.execute(
            "SELECT DISTINCT doc_id FROM documents, unnest(?) AS given(file) "
            "WHERE (path = file OR starts_with(path, file || '#')) "
            "AND status <> ? ORDER BY doc_id",
            [list(files), DocStatus.FAILED],
        ).fetchall()
        return [doc_id for (doc_id,) in rows]

    def fingerprints(self, latest: int, signed: int) -> Iterator[StoredFingerprint]:
        """The ``latest`` stored originals (not duplicates) in the order they were stored,
        with their content hashes, and the fingerprints of the ``signed`` latest (None for
        the others: only their exact copies are sought)."""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT doc_id, content_hash, CASE WHEN recency <= ? THEN fingerprint END FROM "
            "(SELECT doc_id, content_hash, fingerprint, rowid AS stored, "
            "row_number() OVER (ORDER BY rowid DESC) AS recency FROM documents "
            "WHERE duplicate_of IS NULL) WHERE recency <= ? ORDER BY stored",
            [signed, latest],
        )
        while rows := cursor.fetchmany(1000):
            yield from (StoredFingerprint(*row) for row in rows)

    def event_records(self, doc_ids: list[str]) -> list[dict[str, Any]]:
        """The stored events of ``doc_ids``, as ``dateline.record.event_record`` shapes them."""
        return queries.event_records(self.con, doc_ids)

    def stored_documents(self) -> Iterator[Document]:
        """Stored original documents, rebuilt for re-coding (without their events)."""
        cursor = self.con.cursor()
        cursor.execute("SELECT * FROM documents WHERE duplicate_of IS NULL ORDER BY doc_id")
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(500):
            for values in rows:
                yield document_from_row(dict(zip(columns, values, strict=True)))

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
        filters = {
            name: value for name, value in locals().items() if name in queries.FILTER_CLAUSES
        }
        return queries.select_events(
            self.con, filters, merged=merged, sort=sort, offset=offset, limit=limit
        )

    def count_events(self, *, merged: bool = False, **filters: Any) -> int:
        """How many events ``Store.events`` would list with these filters (no limit)."""
        return queries.count_events(self.con, filters, merged)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record (by event id or merged-event id) with its ``date_expression``
        and ``reports``: every article's event merged with it, this one included."""
        return queries.one_event(self.con, event_id)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document's fields, cleaned text and sentence spans, and its event ids."""
        return queries.one_document(self.con, doc_id)

    def event_filter(self, **filters: Any) -> queries.Condition:
        """``dateline.store.queries.event_filter``: the SQL condition of ``filters``."""
        return queries.event_filter(**filters)

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts that describe the database: documents, events, dyads, dates, merges, errors."""
        return queries.stats(self.con, top)

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query built on the documented schema; one dict per row, Python values."""
        return dict_rows(self.con, query, params)

    def frame(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run a query built on the documented schema and return a pandas DataFrame."""
        try:
            return self.con.execute(query, list(params)).df()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {first_line(exc)}") from exc

    def table(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a query built on the documented schema and return a pyarrow Table."""
        try:
            # A cursor of its own: a result left pending by fetchone() makes sql() refuse.
            with self.con.cursor() as cursor:
                return cursor.sql(query, params=list(params)).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {first_line(exc)}") from exc

    def sql(self, query: str) -> SqlResult:
        """Run one read-only statement (SELECT, WITH … SELECT, EXPLAIN of a SELECT);
        refuse anything else (``check_read_only_sql``)."""
        check_read_only_sql(query)
        # Belt and braces: run inside a transaction that is always rolled back (and, on a
        # read-only store, on a connection that can neither write nor read other files).
        self.con.begin()
        try:
            cursor = self.con.execute(query)
            return SqlResult([d[0] for d in cursor.description], cursor.fetchall())
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {first_line(exc)}") from exc
        finally:
            self.con.rollback()
