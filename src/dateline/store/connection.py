"""DuckDB connections: opening one, transactions, running a query, the read-only guard."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError

IN_MEMORY = ":memory:"
# A read-only connection can touch nothing but the database: no files, no network, no
# extension downloads, and no statement can switch these back on.
READ_ONLY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


def connect(path: str, *, read_only: bool, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc


def lock_read_only(con: duckdb.DuckDBPyConnection) -> None:
    """Switch on ``READ_ONLY_CONFIG`` on an open connection (locked: for good)."""
    for name, value in READ_ONLY_CONFIG.items():
        con.execute(f"SET {name} = {str(value).lower()}")


def evict_cache(con: duckdb.DuckDBPyConnection, megabytes: int) -> None:
    """Evict DuckDB's cached blocks down to ``megabytes`` beyond its loaded indexes, then
    give it back its own memory limit. Its buffer manager keeps every block it wrote or read
    until that limit (80% of the RAM), so a writer's memory would grow with the database;
    lowering the limit is how DuckDB evicts. Restored at once, the lower limit never meets
    a later allocation; where pinned memory (an open result) exceeds it, DuckDB refuses it
    and nothing is evicted."""
    indexes = con.execute(
        "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag = 'ART_INDEX'"
    ).fetchone()[0]
    try:
        con.execute(f"SET memory_limit = '{indexes // 2**20 + megabytes}MiB'")
    except duckdb.OutOfMemoryException:
        pass  # too much is pinned now: the cache stays until the next batch
    finally:
        con.execute("RESET memory_limit")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK when the block raises (a killed process commits
    nothing: DuckDB only makes a transaction durable at COMMIT)."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, ids: list[str]) -> Iterator[None]:
    """Make a list of ids queryable as the one-column table ``name`` (column ``id``)."""
    con.register(name, pa.table({"id": pa.array(ids, pa.string())}))
    try:
        yield
    finally:
        con.unregister(name)


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert through Arrow: one statement per table and batch."""
    if not rows:
        return
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    con.register("incoming", pa.table(columns))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


def dict_rows(
    con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    """Run a query; one dict per row, Python values; DuckDB's errors as StoreError."""
    try:
        cursor = con.execute(query, list(params))
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {first_line(exc)}") from exc
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


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
        raise StoreError(f"cannot parse query: {first_line(exc)}") from exc
    if len(statements) != 1:
        raise StoreError("give exactly one SQL statement")
    return statements[0]


def first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n", 1)[0]


def now() -> datetime:
    """The current UTC time, naive (DuckDB's TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)
