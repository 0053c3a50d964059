"""The standard event-data aggregates as data frames: dyad series, actor networks and
events per place (the map).

Both count merged events by default (one real event reported by five articles
counts once) and only events the text asserts or reports: an alleged, intended,
hypothetical, negated or cancelled event did not (yet) happen. Every filter of
``Store.events`` may be given. Frames are pandas; ``frame="polars"`` converts them
when polars is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..errors import MissingExtraError, UsageError
from ..model import FACTUAL_MODALITIES
from ..store import Store, event_filter, event_relation

PERIODS = {"day": "1 DAY", "week": "7 DAYS", "month": "1 MONTH", "year": "1 YEAR"}
# The shortest event date that falls inside one period: "2006" says nothing of its month.
DATE_LENGTHS = {"day": 10, "week": 10, "month": 7, "year": 4}
QUAD_CLASSES = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
NODE_KEYS = {  # how network nodes are named: by country (else name), or by actor name
    "country": "coalesce({role}_country, {role}_name)",
    "actor": "{role}_name",
}


def series(
    store: Store,
    *,
    source: str | None = None,
    target: str | None = None,
    by: str = "month",
    merged: bool = True,
    modality: str | Sequence[str] | None = FACTUAL_MODALITIES,
    skip_empty: bool = False,
    frame: str = "pandas",
    **filters: Any,
) -> pd.DataFrame:
    """Per period (``by``: day, week, month, year): events per QuadClass, all events, and
    the Goldstein sum and mean. Periods without events are present with zero counts
    (a regular series, as plots and models want) unless ``skip_empty``.

    Events dated less precisely than a period ("2006" in a monthly series) are left out
    rather than counted in the first period they could fall in.

    Columns: period (first day), verbal_cooperation, material_cooperation,
    verbal_conflict, material_conflict, events, goldstein, goldstein_mean.
    """
    if by not in PERIODS:
        raise UsageError(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
    condition = event_filter(source=source, target=target, modality=modality, **filters)
    counts = ", ".join(
        f"count(*) FILTER (WHERE cameo_quad_class = {q}) AS {name}"
        for q, name in QUAD_CLASSES.items()
    )
    query = f"""
        WITH picked AS (
            SELECT CAST(date_trunc('{by}', date_start) AS DATE) AS period,
                   cameo_quad_class, cameo_goldstein
            FROM {event_relation(merged)}
            WHERE {condition.sql} AND date_start IS NOT NULL
                AND length(date) >= {DATE_LENGTHS[by]}),
        periods AS (
            SELECT CAST(unnest(generate_series(min(period), max(period), INTERVAL {PERIODS[by]}))
                        AS DATE) AS period
            FROM picked)
        SELECT periods.period, {counts}, count(cameo_quad_class) AS events,
               coalesce(sum(cameo_goldstein), 0) AS goldstein,
               avg(cameo_goldstein) AS goldstein_mean
        FROM periods LEFT JOIN picked USING (period)
        GROUP BY periods.period ORDER BY periods.period
    """
    result = store.frame(query, condition.params)
    for name in (*QUAD_CLASSES.values(), "events"):
        result[name] = result[name].astype("int64")
    if skip_empty:
        result = result[result["events"] > 0].reset_index(drop=True)
    return _as_frame(result, frame)


def network(
    store: Store,
    *,
    by: str = "country",
    merged: bool = True,
    modality: str | Sequence[str] | None = FACTUAL_MODALITIES,
    frame: str = "pandas",
    **filters: Any,
) -> pd.DataFrame:
    """Directed edges between actors (``by``: country, or actor name) weighted by events.

    Columns: source, target, events, goldstein_mean, goldstein_sum; heaviest first.
    Events without a target make no edge.
    """
    if by not in NODE_KEYS:
        raise UsageError(f"unknown node kind {by!r}; choose one of {', '.join(NODE_KEYS)}")
    condition = event_filter(modality=modality, **filters)
    source_key = NODE_KEYS[by].format(role="source")
    target_key = NODE_KEYS[by].format(role="target")
    query = f"""
        SELECT {source_key} AS source, {target_key} AS target, count(*) AS events,
               avg(cameo_goldstein) AS goldstein_mean, sum(cameo_goldstein) AS goldstein_sum
        FROM {event_relation(merged)}
        WHERE {condition.sql} AND {source_key} IS NOT NULL AND {target_key} IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, source, target
    """
    result = store.frame(query, condition.params)
    result["events"] = result["events"].astype("int64")
    return _as_frame(result, frame)


def places(
    store: Store,
    *,
    merged: bool = False,
    limit: int | None = None,
    frame: str = "pandas",
    **filters: Any,
) -> pd.DataFrame:
    """Events aggregated per place, most events first: the map's markers.

    Every filter of ``Store.events`` may be given; events without coordinates are left
    out. Columns: place_id, name, admin1, country, lat, lon, events, the four QuadClass
    counts, top_type (the most frequent PLOVER type) and goldstein_mean.
    """
    condition = event_filter(**filters)
    counts = ", ".join(
        f"count(*) FILTER (WHERE cameo_quad_class = {q}) AS {name}"
        for q, name in QUAD_CLASSES.items()
    )
    query = f"""
        SELECT place_id, any_value(place_name) AS name, any_value(place_admin1) AS admin1,
               any_value(place_country) AS country, any_value(place_lat) AS lat,
               any_value(place_lon) AS lon, count(*) AS events, {counts},
               mode(plover_type) AS top_type, avg(cameo_goldstein) AS goldstein_mean
        FROM {event_relation(merged)}
        WHERE {condition.sql} AND place_lat IS NOT NULL AND place_lon IS NOT NULL
        GROUP BY place_id ORDER BY events DESC, name, place_id
    """
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    result = store.frame(query, condition.params)
    for name in (*QUAD_CLASSES.values(), "events"):
        result[name] = result[name].astype("int64")
    return _as_frame(result, frame)


def _as_frame(result: pd.DataFrame, frame: str):
    if frame == "pandas":
        return result
    if frame != "polars":
        raise UsageError(f"unknown frame kind {frame!r}; choose pandas or polars")
    try:
        import polars
    except ImportError as exc:
        raise MissingExtraError("polars frames", "polars") from exc
    return polars.from_pandas(result)
