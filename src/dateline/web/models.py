"""The HTTP API's query parameters and response bodies, as pydantic models: FastAPI
checks every request against them and publishes them in the OpenAPI description."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from ..events import PLOVER_TYPES
from ..model import MODALITIES
from ..store import SORT_KEYS
from ..use.analysis import NODE_KEYS, PERIODS
from ..use.export import FORMATS as EXPORT_FORMATS

PloverType = Literal[tuple(PLOVER_TYPES)]
Modality = Literal[tuple(MODALITIES)]
SortKey = Literal[tuple(SORT_KEYS) + tuple(f"-{key}" for key in SORT_KEYS)]
Period = Literal[tuple(PERIODS)]
NodeKind = Literal[tuple(NODE_KEYS)]
ExportFormat = Literal[tuple(EXPORT_FORMATS)]
TableFormat = Literal["json", "csv", "geojson", "parquet"]
QuadClass = Annotated[int, Field(ge=1, le=4)]

# YYYY, YYYY-MM or YYYY-MM-DD; a day the month lacks (02-30) passes and is a 400.
ISO_DATE = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
MAX_TEXT = 200  # longer than any actor or place name; keeps filters cheap
MAX_PAGE = 1000  # most events one /api/events page returns
MAX_PLACES = 10_000
MAX_EDGES = 1000


class EventFilters(BaseModel):
    """The filters of ``Store.events`` (and ``dateline events``), as query parameters."""

    source: str | None = Field(
        None, max_length=MAX_TEXT, description="ISO alpha-3 country or part of an actor name"
    )
    target: str | None = Field(None, max_length=MAX_TEXT, description="as source")
    actor: str | None = Field(None, max_length=MAX_TEXT, description="source or target")
    type: list[PloverType] | None = Field(None, description="PLOVER types; repeat the key")
    cameo: str | None = Field(None, pattern=r"^[0-9]{2,4}$", description="CAMEO code prefix")
    quad_class: list[QuadClass] | None = Field(None, description="QuadClasses 1-4")
    since: str | None = Field(None, pattern=ISO_DATE, description="YYYY[-MM[-DD]]")
    until: str | None = Field(None, pattern=ISO_DATE, description="YYYY[-MM[-DD]]")
    place: str | None = Field(
        None, max_length=MAX_TEXT, description="place name, admin1 name or country code"
    )
    modality: list[Modality] | None = Field(None, description="modalities; repeat the key")
    min_confidence: float | None = Field(None, ge=0, le=1)
    merged: bool = Field(False, description="one event per real event (merged articles)")

    def store_filters(self) -> dict[str, Any]:
        """The keyword arguments of ``Store.events`` (and the aggregates) these stand for."""
        return self.model_dump()


class ActorOut(BaseModel):
    text: str | None
    name: str
    country: str | None
    sector: str | None


class PloverOut(BaseModel):
    type: str
    mode: str | None


class CameoOut(BaseModel):
    code: str
    root: str
    goldstein: float
    quad_class: int


class PlaceOut(BaseModel):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str | None


class CountOut(BaseModel):
    count: int = Field(description="people killed, injured or arrested, as the text says")
    text: str = Field(description="the words that gave it")


class EventRecord(BaseModel):
    """The event record (README: "The event record"); merged events add the last four."""

    id: str
    doc_id: str
    doc_path: str | None
    published: str | None
    date: str | None
    date_precision: str | None
    source: ActorOut | None
    target: ActorOut | None
    plover: PloverOut | None
    cameo: CameoOut
    modality: str
    confidence: float
    place: PlaceOut | None
    sentence: str
    span: list[int]
    trigger: str | None
    explanation: str | None
    coder: str | None
    fatalities: CountOut | None = None
    injured: CountOut | None = None
    arrested: CountOut | None = None
    sources: int | None = None
    mentions: int | None = None
    event_ids: list[str] | None = None
    doc_ids: list[str] | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    offset: int
    limit: int
    next_offset: int | None = Field(description="the offset of the next page, if any")
    events: list[EventRecord]


class Report(BaseModel):
    """One article's report of an event (an event merged with others, or alone)."""

    id: str
    doc_id: str
    doc_path: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    sentence: str
    trigger: str | None


class SentenceSpan(BaseModel):
    index: int
    start: int
    end: int
    paragraph: int | None


class DatelineOut(BaseModel):
    place: str | None
    agency: str | None
    year_from: str | None


class DocumentOut(BaseModel):
    """The document record (``dateline.record.DOCUMENT_FIELDS``), its sentence spans and
    the ids of its events."""

    doc_id: str
    doc_path: str | None
    url: str | None
    title: str | None
    author: str | None
    source: str | None
    published: str | None
    published_from: str | None
    dateline: DatelineOut | None
    language: str | None
    duplicate_of: str | None
    skipped: str | None
    text: str | None
    sentences: list[SentenceSpan]
    event_ids: list[str]


class EventDetail(EventRecord):
    date_expression: str | None
    reports: list[Report]
    document: DocumentOut | None


class SeriesPoint(BaseModel):
    period: str
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    events: int
    goldstein: float
    goldstein_mean: float | None


class Series(BaseModel):
    by: str
    periods: list[SeriesPoint]


class Edge(BaseModel):
    source: str
    target: str
    events: int
    goldstein_mean: float
    goldstein_sum: float


class Network(BaseModel):
    by: str
    edges: list[Edge]


class PlaceCount(BaseModel):
    place_id: str
    name: str | None
    admin1: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    top_type: str | None
    goldstein_mean: float | None


class Places(BaseModel):
    places: list[PlaceCount]


class Dyad(BaseModel):
    source: str
    target: str
    events: int


class Stats(BaseModel):
    documents: int
    duplicates: int
    skipped: int
    events: int
    events_by_type: dict[str, int]
    events_by_modality: dict[str, int]
    top_dyads: list[Dyad]
    events_without_actors: int
    date_range: list[str | None]
    merged_events: int
    merged_duplicates: int
    errors: int
    warnings: int = Field(description="inputs coded with a warning (e.g. damaged bytes replaced)")


class ErrorOut(BaseModel):
    error: str = Field(description="what was wrong with the request")
    detail: list[dict[str, Any]] | None = Field(None, description="each invalid parameter")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a filter the database refuses (e.g. a bad date)"},
    422: {"model": ErrorOut, "description": "a parameter of the wrong type or out of range"},
}
NOT_FOUND = {404: {"model": ErrorOut, "description": "no such id"}}
