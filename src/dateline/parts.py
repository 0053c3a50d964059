"""Parquet parts: the store rows of one partition of a distributed run, as files.

A partition's parts are the folder ``<root>/<key>/`` with one Parquet file per table
that has rows (``documents``, ``sentences``, ``actors``, ``mentions``, ``events``,
``errors``; columns as the DuckDB tables, docs/schema.md), and ``stored`` (``doc_id``):
the partition's documents that were in the database already, so not coded. The folder
is written under a temporary name and renamed when complete, so a folder that exists
holds a whole partition and a worker killed while writing leaves only a ``.partial``
folder behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import StoreError
from .model import Failure
from .store import ROW_TABLES, BatchRows

PARTIAL = ".partial"
STORED = "stored"  # the table of the documents found in the database, not coded


@dataclass(frozen=True)
class Parts:
    """What a partition's folder holds."""

    rows: BatchRows
    stored: tuple[str, ...] = ()  # ids of its documents the database held already


def write_parts(folder: Path, rows: BatchRows, stored: Sequence[str] = ()) -> Path:
    """Write ``rows`` (and the ``stored`` ids) as the parts of ``folder``, replacing a
    partial earlier attempt."""
    partial = folder.with_name(folder.name + PARTIAL)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    tables = {table: getattr(rows, table) for table in ROW_TABLES}
    tables["errors"] = [vars(failure) for failure in rows.failures]
    tables[STORED] = [{"doc_id": doc_id} for doc_id in stored]
    for table, table_rows in tables.items():
        if table_rows:
            pq.write_table(pa.Table.from_pylist(table_rows), partial / f"{table}.parquet")
    partial.rename(folder)
    return folder


def read_parts(folder: Path) -> Parts:
    """The rows of a partition's parts, and the ids it found stored."""
    try:
        tables = {path.stem: pq.read_table(path).to_pylist() for path in folder.glob("*.parquet")}
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"{folder}: cannot read the Parquet parts: {exc}") from exc
    failures = [Failure(**row) for row in tables.pop("errors", [])]
    stored = tuple(row["doc_id"] for row in tables.pop(STORED, []))
    rows = BatchRows(**{t: tables.get(t, []) for t in ROW_TABLES}, failures=failures)
    return Parts(rows, stored)


def is_complete(folder: Path) -> bool:
    return folder.is_dir()
