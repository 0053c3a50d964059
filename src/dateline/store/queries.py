"""Reading events: the filters of ``Store.events`` as SQL, the stable order and pages,
and the queries behind the Store's reads (events, one event, a document, stats).

``dateline.use`` (export, analysis) and the web API build their queries with
``event_filter``, ``event_relation`` and ``page_clause`` and run them through ``Store``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..errors import UsageError
from ..record import document_record, record_from_row
from .connection import dict_rows
from .rows import date_period, document_from_row
from .schema import Severity

EVENT_RELATIONS = {False: "events", True: "merged_events"}
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


@dataclass(frozen=True)
class Condition:
    """A SQL condition on the events columns and the parameters of its ``?`` marks."""

    sql: str
    params: list[Any]


def event_relation(merged: bool) -> str:
    """The relation events are read from: ``events``, or ``merged_events`` (one row per
    real event)."""
    return EVENT_RELATIONS[bool(merged)]


def event_filter(**filters: Any) -> Condition:
    """The condition on the ``events`` (and ``merged_events``) columns of the filters
    of ``Store.events``; unset ones (None) are ignored."""
    unknown = set(filters) - set(FILTER_CLAUSES)
    if unknown:
        raise UsageError(f"unknown event filters: {', '.join(sorted(unknown))}")
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    for name, value in filters.items():
        if value in (None, "", (), []):
            continue
        clause, values = FILTER_CLAUSES[name](value)
        clauses.append(clause)
        params += values
    return Condition(" AND ".join(clauses), params)


def page_clause(
    sort: str | None = None, limit: int | None = None, offset: int | None = None
) -> str:
    """``ORDER BY`` (``sort``, then the stable order), ``LIMIT`` and ``OFFSET``."""
    return f"ORDER BY {order_clause(sort)}{limit_clause(limit, offset)}"


def select_events(
    con: duckdb.DuckDBPyConnection,
    filters: dict[str, Any],
    *,
    merged: bool = False,
    sort: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The event records of ``Store.events``."""
    condition = event_filter(**filters)
    where, params = condition.sql, condition.params
    relation = event_relation(merged)
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
    return [record_from_row(row) for row in dict_rows(con, query, params)]


def count_events(con: duckdb.DuckDBPyConnection, filters: dict[str, Any], merged: bool) -> int:
    condition = event_filter(**filters)
    query = f"SELECT count(*) AS n FROM {event_relation(merged)} WHERE {condition.sql}"
    return dict_rows(con, query, condition.params)[0]["n"]


def event_records(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The stored events of ``doc_ids`` (in that order), as records."""
    if not doc_ids:
        return []
    rows = dict_rows(
        con,
        "SELECT * FROM events WHERE list_contains(?, doc_id) ORDER BY doc_id, ordinal",
        [list(doc_ids)],
    )
    order = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    rows.sort(key=lambda row: order[row["doc_id"]])
    return [record_from_row(row) for row in rows]


def one_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The record of ``Store.event``, with ``date_expression`` and ``reports``."""
    # Two plain lookups: an OR over both ids would scan every row with the subquery.
    rows = dict_rows(con, "SELECT * FROM events WHERE id = ?", [event_id])
    if not rows:
        rows = dict_rows(
            con,
            "SELECT * FROM events WHERE id = (SELECT event_id FROM merged_links "
            "WHERE merged_id = ? AND representative)",
            [event_id],
        )
    if not rows:
        return None
    record = record_from_row(rows[0])
    record["date_expression"] = rows[0]["date_expression"]
    record["reports"] = dict_rows(
        con,
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


def one_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """The document record of ``Store.document``, with its sentence spans and event ids."""
    rows = dict_rows(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    document = document_record(document_from_row(rows[0]))
    document["sentences"] = dict_rows(
        con,
        'SELECT idx AS "index", start, "end", paragraph FROM sentences '
        "WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )
    events = dict_rows(con, "SELECT id FROM events WHERE doc_id = ? ORDER BY ordinal", [doc_id])
    document["event_ids"] = [row["id"] for row in events]
    return document


def stats(con: duckdb.DuckDBPyConnection, top: int) -> dict[str, Any]:
    """The figures of ``Store.stats``."""

    def one(query: str, params: Sequence[Any] = ()) -> Any:
        return con.execute(query, list(params)).fetchone()[0]

    events = one("SELECT count(*) FROM events")
    merged = one("SELECT count(*) FROM merged_events")
    first, last = con.execute("SELECT min(date_start), max(date_end) FROM events").fetchone()
    problems = "SELECT count(*) FROM errors WHERE severity = ?"
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        "skipped": one("SELECT count(*) FROM documents WHERE skipped IS NOT NULL"),
        "events": events,
        "events_by_type": _counts(con, "coalesce(plover_type, 'none')"),
        "events_by_modality": _counts(con, "modality"),
        "top_dyads": _top_dyads(con, top),
        "events_without_actors": one(
            "SELECT count(*) FROM events WHERE source_name IS NULL AND target_name IS NULL"
        ),
        "date_range": [_iso(first), _iso(last)],
        "merged_events": merged,
        "merged_duplicates": events - merged,
        "errors": one(problems, [Severity.ERROR]),
        "warnings": one(problems, [Severity.WARNING]),
    }


def _counts(con: duckdb.DuckDBPyConnection, expression: str) -> dict[str, int]:
    rows = con.execute(
        f"SELECT {expression} AS k, count(*) AS n FROM events GROUP BY k ORDER BY n DESC, k"
    ).fetchall()
    return dict(rows)


def _top_dyads(con: duckdb.DuckDBPyConnection, top: int) -> list[dict[str, Any]]:
    rows = con.execute(
        "SELECT coalesce(source_country, source_name, '-') AS s, "
        "coalesce(target_country, target_name, '-') AS t, count(*) AS n "
        "FROM events WHERE source_name IS NOT NULL OR target_name IS NOT NULL "
        "GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
        [top],
    ).fetchall()
    return [{"source": s, "target": t, "events": n} for s, t, n in rows]


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
        raise UsageError(f"min_confidence must be a number from 0 to 1, not {value!r}")
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


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _as_ints(value: int | str | Sequence[int | str]) -> list[int]:
    values = [value] if isinstance(value, int | str) else list(value)
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise UsageError(f"not a whole number: {value!r}") from exc


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
        raise UsageError(f"unknown sort key {key!r}; choose one of {', '.join(SORT_KEYS)}")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_KEYS[key]} {direction} NULLS LAST, {STABLE_ORDER}"


def _as_date(value: str | date, *, end: bool) -> str:
    """A full ISO date: "2007" is 2007-01-01 as a start and 2007-12-31 as an end."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        period = date_period(str(value))
    except ValueError as exc:
        raise UsageError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from exc
    return (period.last if end else period.first).isoformat()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
