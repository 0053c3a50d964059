"""Exports of the stored events: flat csv/parquet, nested jsonl, GeoJSON, GDELT 1.0-style,
POLECAT-style and ACLED-style.

Every format takes the same filters as ``Store.events`` (``merged=True`` for one row
per real event). ``gdelt`` and ``acled`` rows are always merged events (GDELT counts
mentions, sources and articles per event) of the asserted and reported modalities
unless a ``modality`` filter asks for others: neither format has a modality column.
docs/schema.md lists the columns side by side.
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

from ..errors import UsageError
from ..record import COUNT_FIELDS, FLAT_COLUMNS
from ..resources import data_path, toml_table
from ..store import Store, event_filter, event_relation, page_clause
from .analysis import FACTUAL_MODALITIES

log = logging.getLogger(__name__)

FORMATS = ("csv", "parquet", "jsonl", "geojson", "gdelt", "polecat", "acled")

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
    "Fatalities",  # Dateline's additions after GDELT's columns: the casualty counts
    "Injured",
    "Arrested",
)
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "timestamp",
)
# ACLED's time_precision (1 the day, 2 within a week, 3 within a month) and geo_precision
# (1 the town, 2 a nearby or wider area, 3 a province or the country) for Dateline's
ACLED_TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
ACLED_GEO_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
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
        "acled": _write_acled,
    }
    if fmt not in writers:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = writers[fmt](store, Path(path), filters)
    log.info("exported %d rows as %s to %s", count, fmt, path)
    return count


def _flat_table(store: Store, filters: dict[str, Any]):
    merged = bool(filters.pop("merged", False))
    page = _page(filters)
    columns = (MERGED_COLUMNS if merged else ()) + FLAT_COLUMNS
    condition = event_filter(**filters)
    query = (
        f"SELECT {', '.join(columns)} FROM {event_relation(merged)} WHERE {condition.sql} {page}"
    )
    return store.table(query, condition.params)


def _page(filters: dict[str, Any]) -> str:
    """ORDER BY, LIMIT and OFFSET from the ``sort``, ``limit`` and ``offset`` keywords of
    ``Store.events`` (taken out of ``filters``)."""
    return page_clause(
        filters.pop("sort", None), filters.pop("limit", None), filters.pop("offset", None)
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
    """Tab-separated, one row per merged event, with a header line (GDELT's files have none).

    GDELT has no modality column: a refused criticism or a cancelled visit would read
    as one that happened, so only asserted and reported events are written unless the
    ``modality`` filter asks for others."""
    rows = (_gdelt_row(row) for row in _merged_rows(store, _factual(filters)))
    return _write_table(path, GDELT_COLUMNS, rows, delimiter="\t")


def _write_table(path: Path, columns: tuple[str, ...], rows, *, delimiter: str) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(columns)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_acled(store: Store, path: Path, filters: dict[str, Any]) -> int:
    """CSV in ACLED's columns, one row per merged event of a code ACLED has a type for
    (data/acled.toml, an approximation); asserted and reported events unless asked."""
    table = acled_table()
    rows = (
        _acled_row(row, table)
        for row in _merged_rows(store, _factual(filters))
        if _acled_type(row["cameo_code"], table)
    )
    return _write_table(path, ACLED_COLUMNS, rows, delimiter=",")


def acled_table() -> dict[str, dict[str, Any]]:
    """The shipped CAMEO -> ACLED mapping (data/acled.toml, see its header)."""
    return toml_table(data_path("acled.toml"))


def _acled_type(code: str, table: dict[str, dict[str, Any]]) -> list[str] | None:
    """[event_type, sub_event_type] of the longest listed prefix of a CAMEO code."""
    prefixes = (code[:length] for length in range(len(code), 1, -1))
    return next((table["event_types"][p] for p in prefixes if p in table["event_types"]), None)


def _acled_row(row: dict[str, Any], table: dict[str, dict[str, Any]]) -> list[Any]:
    event_type, sub_event_type = _acled_type(row["cameo_code"], table)
    inter1 = table["first_actor_inter"].get(event_type) or _inter(row, "source", table)
    inter2 = _inter(row, "target", table)
    low, high = sorted((inter1, inter2)) if inter2 else (inter1, 0)
    start, country = row["date_start"], row["place_country"]
    found = pycountry.countries.get(alpha_3=country) if country else None
    return [
        row["merged_id"],
        start.isoformat() if start else "",
        start.year if start else "",
        ACLED_TIME_PRECISION.get(row["date_precision"], ""),
        table["disorder_types"][event_type],
        event_type,
        sub_event_type,
        row["source_name"] or "",
        inter1,
        row["target_name"] or "",
        inter2,
        f"{low}{high}",
        "Civilian targeting" if inter2 == table["inter"]["CVL"] else "",
        int(found.numeric) if found else "",
        found.name if found else country or "",
        row["place_admin1"] or "",
        row["place_name"] or "",
        row["place_lat"],
        row["place_lon"],
        ACLED_GEO_PRECISION.get(row["place_precision"], ""),
        row["outlet"] or row["url"] or row["doc_path"],
        row["sentence"],
        row["fatalities_count"] or 0,
        int(row["coded_at"].timestamp()) if row["coded_at"] else "",
    ]


def _inter(row: dict[str, Any], role: str, table: dict[str, dict[str, Any]]) -> int:
    """ACLED's actor type code of the event's ``role``: 0 without an actor, 8 by default."""
    if row[f"{role}_name"] is None:
        return 0
    return table["inter"].get(row[f"{role}_sector"] or "", 8)


def _factual(filters: dict[str, Any]) -> dict[str, Any]:
    """``filters`` for a format with no modality column: asserted and reported events
    unless a modality is asked for, one row per merged event."""
    filters.pop("merged", None)
    if not filters.get("modality"):
        filters["modality"] = FACTUAL_MODALITIES
    return filters


def _merged_rows(store: Store, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Merged events with their document's url, source, coding time and paragraph, and
    the outlets and copies behind them."""
    page = _page(filters)
    condition = event_filter(**filters)
    query = f"""
        SELECT m.*, d.url, d.source AS outlet, d.coded_at, s.paragraph,
            (SELECT count(DISTINCT coalesce(o.source, o.doc_id)) FROM documents o
             WHERE list_contains(m.doc_ids, o.doc_id)) AS outlets,
            (SELECT count(*) FROM documents c
             WHERE list_contains(m.doc_ids, c.duplicate_of)) AS copies
        FROM merged_events m
        LEFT JOIN documents d ON d.doc_id = m.doc_id
        LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_index
        WHERE {condition.sql}
        {page}
    """
    yield from store.rows(query, condition.params)


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
        *(row[f"{name}_count"] for name in COUNT_FIELDS),
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
        **{name: (record[name] or {}).get("count") for name in COUNT_FIELDS},
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
