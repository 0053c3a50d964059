"""The event database (DuckDB; tables in docs/schema.md).

``open_db`` and ``Store`` (database.py) are the entry points; beside them the schema and
its migrations (schema.py), connections and the read-only guard (connection.py), the
rows of the data model (rows.py), batch writes (writer.py), the cross-document merge
(merge.py) and the event queries (queries.py: filters, order, pages), which
``dateline.use`` and the web API build on.
"""

from .connection import IN_MEMORY, READ_ONLY_CONFIG, check_read_only_sql
from .database import MERGE_TOLERANCE_DAYS, SqlResult, Store, open_db
from .queries import SORT_KEYS, event_filter, event_relation, page_clause
from .rows import ROW_TABLES, BatchRows, batch_rows, documents_of, records_of
from .schema import MIGRATIONS, Migration, Severity

__all__ = [
    "IN_MEMORY",
    "MERGE_TOLERANCE_DAYS",
    "MIGRATIONS",
    "READ_ONLY_CONFIG",
    "ROW_TABLES",
    "SORT_KEYS",
    "BatchRows",
    "Migration",
    "Severity",
    "SqlResult",
    "Store",
    "batch_rows",
    "check_read_only_sql",
    "documents_of",
    "event_filter",
    "event_relation",
    "open_db",
    "page_clause",
    "records_of",
]
