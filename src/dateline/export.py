"""Exports of the stored events: flat csv/parquet, nested jsonl, GeoJSON, GDELT 1.0-style,
POLECAT-style.

Every format takes the same filters as ``Store.events`` (``merged=True`` for one row
per real event). ``gdelt`` rows are always merged events: GDELT counts mentions,
sources and articles per event. docs/schema.md lists the columns side by side.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pycountry

from .errors import StoreError
from .record import RECORD_FIELDS
from .store import (
    ACTOR_PARTS,
    EVENT_RELATIONS,
    PLACE_PARTS,
    Store,
    limit_clause,
    order_clause,
)

log = logging.getLogger(__name__)

FORMATS = ("csv", "parquet", "jsonl", "geojson", "gdelt", "polecat")

# The flattened event record: nested keys joined by "_" (as in the events table).
NESTED_PARTS = {
    "source": ACTOR_PARTS,
    "target": ACTOR_PARTS,
    "plover": ("type", "mode"),
    "cameo": ("code", "root", "goldstein", "quad_class"),
    "place": PLACE_PARTS,
    "span": ("start", "end"),
}
FLAT_COLUMNS = tuple(
    f"{field}_{part}" if part else field
    for field in RECORD_FIELDS
    for part in NESTED_PARTS.get(field, (None,))
)
MERGED_COLUMNS = ("merged_id", "sources", "mentions")

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
ROOT_PARAGRAPHS = 1  # GDELT's IsRootEvent: coded in the lead (title and first paragraph)


def export(store: Store, fmt: str, path: str | Path, **filters: Any) -> int:
    """Write the events matching ``filters`` to ``path`` in format ``fmt``; returns the rows."""
    writers = {
        "csv": _write_csv,
        "parquet": _write_parquet,
        "jsonl": _write_jsonl,
        "geojson": _write_geojson,
        "gdelt": _write_gdelt,
        "polecat": _write_polecat,
    }
    if fmt not in writers:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = writers[fmt](store, Path(path), filters)
    log.info("exported %d rows as %s to %s", count, fmt, path)
    return count


def _flat_table(store: Store, filters: dict[str, Any]):
    merged = bool(filters.pop("merged", False))
    page = _page(filters)
    columns = (MERGED_COLUMNS if merged else ()) + FLAT_COLUMNS
    where, params = store.event_filter(**filters)
    query = f"SELECT {', '.join(columns)} FROM {EVENT_RELATIONS[merged]} WHERE {where} {page}"
    return store.table(query, params)


def _page(filters: dict[str, Any]) -> str:
    """ORDER BY, LIMIT and OFFSET from the ``sort``, ``limit`` and ``offset`` keywords of
    ``Store.events`` (taken out of ``filters``)."""
    order = order_clause(filters.pop("sort", None))
    return (
        f"ORDER BY {order}{limit_clause(filters.pop('limit', None), filters.pop('offset', None))}"
    )


def _write_csv(store: Store, path: Path, filters: dict[str, Any]) -> int:
    table = _flat_table(store, filters)
    pa_csv.write_csv(table, path)
    return table.num_rows


def _write_parquet(store: Store, path: Path, filters: dict[str, Any]) -> int:
    table = _flat_table(store, filters)
    pq.write_table(table, path)
    return table.num_rows


def _write_jsonl(store: Store, path: Path, filters: dict[str, Any]) -> int:
    records = store.events(**filters)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def _write_geojson(store: Store, path: Path, filters: dict[str, Any]) -> int:
    """A FeatureCollection: one Point per event at its place (null geometry when it has
    none), the flat columns as properties."""
    rows = _flat_table(store, filters).to_pylist()
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for number, row in enumerate(rows):
            out.write(",\n" if number else "")
            out.write(json.dumps(_feature(row), ensure_ascii=False, default=str))
        out.write("\n]}\n")
    return len(rows)


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    located = row["place_lat"] is not None and row["place_lon"] is not None
    geometry = {"type": "Point", "coordinates": [row["place_lon"], row["place_lat"]]}
    return {"type": "Feature", "geometry": geometry if located else None, "properties": row}


def _write_gdelt(store: Store, path: Path, filters: dict[str, Any]) -> int:
    """Tab-separated, one row per merged event, with a header line (GDELT's files have none)."""
    filters.pop("merged", None)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        count = 0
        for row in _gdelt_rows(store, filters):
            writer.writerow(row)
            count += 1
    return count


def _gdelt_rows(store: Store, filters: dict[str, Any]) -> Iterator[list[Any]]:
    page = _page(filters)
    where, params = store.event_filter(**filters)
    query = f"""
        SELECT m.*, d.url, d.coded_at, s.paragraph,
            (SELECT count(DISTINCT coalesce(o.source, o.doc_id)) FROM documents o
             WHERE list_contains(m.doc_ids, o.doc_id)) AS outlets,
            (SELECT count(*) FROM documents c
             WHERE list_contains(m.doc_ids, c.duplicate_of)) AS copies
        FROM merged_events m
        LEFT JOIN documents d ON d.doc_id = m.doc_id
        LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_index
        WHERE {where}
        {page}
    """
    for row in store.rows(query, params):
        yield _gdelt_row(row)


def _gdelt_row(row: dict[str, Any]) -> list[Any]:
    start, paragraph, coded_at = row["date_start"], row["paragraph"], row["coded_at"]
    return [
        int(row["merged_id"][:13], 16),  # stable: a 52-bit prefix of the merged event id
        start.strftime("%Y%m%d") if start else "",
        (row["source_name"] or "").upper(),
        row["source_country"],
        row["source_sector"],
        (row["target_name"] or "").upper(),
        row["target_country"],
        row["target_sector"],
        int(paragraph is not None and paragraph <= ROOT_PARAGRAPHS),
        row["cameo_code"],
        row["cameo_code"][:3],
        row["cameo_root"],
        row["cameo_quad_class"],
        row["cameo_goldstein"],
        row["mentions"],
        row["outlets"],
        row["sources"] + row["copies"],
        _place_full_name(row),
        row["place_country"],
        row["place_lat"],
        row["place_lon"],
        row["place_geonameid"],
        coded_at.strftime("%Y%m%d") if coded_at else "",
        row["url"] or row["doc_path"],
    ]


def _place_full_name(row: dict[str, Any]) -> str:
    """GDELT style "City, Region, Country", the country spelled out."""
    if row["place_name"] is None:
        return ""
    country = row["place_country"]
    found = pycountry.countries.get(alpha_3=country) if country else None
    parts = [row["place_name"], row["place_admin1"], found.name if found else country]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _write_polecat(store: Store, path: Path, filters: dict[str, Any]) -> int:
    """JSON Lines, one POLECAT/PLOVER-style object per event."""
    records = store.events(**filters)
    titles = _document_fields(store, {r["doc_id"] for r in records})
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            event = polecat_event(record, titles.get(record["doc_id"], {}))
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    return len(records)


def polecat_event(record: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """The POLECAT/PLOVER-style object of one event record and its document's fields."""
    source, target = record["source"] or {}, record["target"] or {}
    plover = record["plover"] or {}
    place = record["place"]
    return {
        "event_id": record["id"],
        "event_type": plover.get("type"),
        "mode": plover.get("mode"),
        "context": [],  # PLOVER contexts are not coded yet
        "source_actor": source.get("name"),
        "source_country": source.get("country"),
        "source_sector": source.get("sector"),
        "target_actor": target.get("name"),
        "target_country": target.get("country"),
        "target_sector": target.get("sector"),
        "date": record["date"],
        "date_precision": record["date_precision"],
        "location": _polecat_location(place),
        "cameo": record["cameo"]["code"],
        "goldstein": record["cameo"]["goldstein"],
        "modality": record["modality"],
        "confidence": record["confidence"],
        "story_id": record["doc_id"],
        "story_date": record["published"],
        "headline": document.get("title"),
        "publisher": document.get("source"),
        "url": document.get("url") or record["doc_path"],
        "sentence": record["sentence"],
        "sources": record.get("sources", 1),
    }


def _polecat_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place["name"],
        "country": place["country"],
        "admin1": place["admin1"],
        "lat": place["lat"],
        "lon": place["lon"],
        "geonameid": place["geonameid"],
        "feature_precision": place["precision"],
    }


def _document_fields(store: Store, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    rows = store.rows(
        "SELECT doc_id, title, source, url FROM documents WHERE list_contains(?, doc_id)",
        [sorted(doc_ids)],
    )
    return {row["doc_id"]: row for row in rows}
