"""Parquet parts: the store rows of one partition of a distributed run, as files.

A partition's parts are the folder ``<root>/<key>/`` with one Parquet file per table
that has rows (``documents``, ``sentences``, ``actors``, ``mentions``, ``events``,
``errors``; columns as the DuckDB tables, docs/schema.md). The folder is written under a
temporary name and renamed when complete, so a folder that exists holds a whole
partition and a worker killed while writing leaves only a ``.partial`` folder behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import StoreError
from .model import Failure
from .store import ROW_TABLES, BatchRows

PARTIAL = ".partial"


def write_parts(folder: Path, rows: BatchRows) -> Path:
    """Write ``rows`` as the parts of ``folder`` (replacing a partial earlier attempt)."""
    partial = folder.with_name(folder.name + PARTIAL)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    tables = {table: getattr(rows, table) for table in ROW_TABLES}
    tables["errors"] = [vars(failure) for failure in rows.failures]
    for table, table_rows in tables.items():
        if table_rows:
            pq.write_table(pa.Table.from_pylist(table_rows), partial / f"{table}.parquet")
    partial.rename(folder)
    return folder


def read_parts(folder: Path) -> BatchRows:
    """The rows of a partition's parts."""
    try:
        tables = {path.stem: pq.read_table(path).to_pylist() for path in folder.glob("*.parquet")}
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"{folder}: cannot read the Parquet parts: {exc}") from exc
    failures = [Failure(**row) for row in tables.pop("errors", [])]
    return BatchRows(**{t: tables.get(t, []) for t in ROW_TABLES}, failures=failures)


def is_complete(folder: Path) -> bool:
    return folder.is_dir()
