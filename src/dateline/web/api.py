"""The JSON API under /api: each route is a thin shell over one ``Store``, ``analysis``
or ``export`` call, its parameters those of the call (see models.py)."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..store import Store
from ..use import analysis
from ..use.export import export
from .models import (
    ERROR_RESPONSES,
    MAX_EDGES,
    MAX_PAGE,
    MAX_PLACES,
    NOT_FOUND,
    DocumentOut,
    EventDetail,
    EventFilters,
    EventPage,
    ExportFormat,
    Network,
    NodeKind,
    Period,
    Places,
    Series,
    SortKey,
    Stats,
    TableFormat,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)

# How each file format is sent: media type and file name suffix.
FILE_TYPES = {
    "csv": ("text/csv", "csv"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "gdelt": ("text/tab-separated-values", "gdelt.tsv"),
    "polecat": ("application/x-ndjson", "polecat.jsonl"),
    "acled": ("text/csv", "acled.csv"),
}
EVENT_ID = r"^[0-9A-Za-z_.:-]{1,128}$"
MAX_OFFSET = 100_000_000
Filters = Annotated[EventFilters, Query()]
StoredId = Annotated[str, PathParam(pattern=EVENT_ID, description="an id as stored")]


def _database(request: Request):
    return request.app.state.database


Database = Annotated[Any, Depends(_database)]


FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array"}},
}


def _file_content(*formats: str) -> dict[int | str, dict[str, Any]]:
    content = {
        FILE_TYPES[f][0]: {"schema": FEATURE_COLLECTION if f == "geojson" else {"type": "string"}}
        for f in formats
    }
    return {200: {"content": content, "description": "the events, or a file of them"}}


@router.get(
    "/events",
    response_model=EventPage,
    responses=_file_content("csv", "geojson", "parquet"),
    summary="Events matching the filters, a page at a time",
)
def events(
    database: Database,
    filters: Filters,
    sort: Annotated[SortKey | None, Query(description="sort key, '-' first: descending")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    format: Annotated[TableFormat, Query(description="json, or a file")] = "json",
):
    """Oldest first (or by ``sort``, ties in the same stable order); ``offset`` and
    ``limit`` page through them; ``next_offset`` is null on the last page."""
    chosen = filters.store_filters()
    if format != "json":
        return _file(database, format, sort=sort, offset=offset, limit=limit, **chosen)
    total = database.run(Store.count_events, **chosen)
    records = database.run(Store.events, sort=sort, offset=offset, limit=limit, **chosen)
    following = offset + len(records)
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "next_offset": following if following < total else None,
        "events": records,
    }


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses=NOT_FOUND,
    summary="One event with its reports and its document",
)
def event(database: Database, event_id: StoredId):
    """The full record (by event id or merged-event id), the date expression, every
    article reporting the same event, and the document's cleaned text."""
    return event_detail(database, event_id)


def event_detail(database, event_id: str) -> dict[str, Any]:
    """The event record with its reports and document, or a 404."""
    record = _found(database.run(Store.event, event_id), f"no event {event_id}")
    record["document"] = database.run(Store.document, record["doc_id"])
    return record


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentOut,
    responses=NOT_FOUND,
    summary="One document: fields, cleaned text, sentence spans, event ids",
)
def document(database: Database, doc_id: StoredId):
    return _found(database.run(Store.document, doc_id), f"no document {doc_id}")


@router.get("/series", response_model=Series, summary="Events per period and QuadClass")
def series(database: Database, filters: Filters, by: Period = "month"):
    """Per period: events per QuadClass, all events, Goldstein sum and mean (as
    ``dateline series``; every modality unless ``modality`` is given)."""
    frame = database.run(analysis.series, by=by, **filters.store_filters())
    frame["period"] = frame["period"].dt.strftime("%Y-%m-%d")
    return {"by": by, "periods": _records(frame)}


@router.get("/network", response_model=Network, summary="Actor network edges")
def network(
    database: Database,
    filters: Filters,
    by: NodeKind = "country",
    limit: Annotated[int, Query(ge=1, le=MAX_EDGES)] = 100,
):
    """Directed edges weighted by events, heaviest first (as ``dateline plot network``)."""
    frame = database.run(analysis.network, by=by, **filters.store_filters())
    return {"by": by, "edges": _records(frame.head(limit))}


@router.get("/places", response_model=Places, summary="Events per place, for the map")
def places(
    database: Database,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PLACES)] = 2000,
):
    """Places with their event counts per QuadClass and most frequent PLOVER type."""
    frame = database.run(analysis.places, limit=limit, **filters.store_filters())
    return {"places": _records(frame)}


@router.get("/stats", response_model=Stats, summary="Counts that describe the database")
def stats(database: Database):
    return database.run(Store.stats)


@router.get(
    "/export",
    responses=_file_content(*FILE_TYPES),
    summary="Download the events matching the filters",
)
def download(
    database: Database,
    filters: Filters,
    format: ExportFormat = "csv",
    sort: SortKey | None = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
):
    """Every matching event (or the first ``limit``) as csv, parquet, jsonl, geojson,
    gdelt (GDELT 1.0-style, merged events) or polecat (POLECAT-style JSON Lines)."""
    return _file(database, format, sort=sort, limit=limit, **filters.store_filters())


def _file(database, fmt: str, **filters: Any) -> FileResponse:
    """``export`` into a temporary file, sent and then removed."""
    folder = tempfile.TemporaryDirectory(prefix="dateline-web-")
    media_type, suffix = FILE_TYPES[fmt]
    path = Path(folder.name) / f"dateline-events.{suffix}"
    try:
        database.run(export, fmt, path, **filters)
    except BaseException:
        folder.cleanup()
        raise
    return FileResponse(
        path, media_type=media_type, filename=path.name, background=BackgroundTask(folder.cleanup)
    )


def _found(value: dict[str, Any] | None, message: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, message)
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Frame rows as dicts, NaN as None (JSON has no NaN)."""
    return [
        {key: None if isinstance(v, float) and math.isnan(v) else v for key, v in row.items()}
        for row in frame.to_dict("records")
    ]
