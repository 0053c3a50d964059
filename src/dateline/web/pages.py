"""The dashboard pages: HTML rendered by Jinja2 (autoescaped), their data fetched by
static/dashboard.js from the API. Pages never run a query the API does not offer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from ..events import PLOVER_TYPES
from ..model import MODALITIES
from ..store import Store
from ..use.analysis import QUAD_CLASSES
from ..use.export import FORMATS as EXPORT_FORMATS
from . import api
from .highlight import ROLES, phrases, segments

TEMPLATE_DIR = Path(__file__).parent / "templates"
QUAD_NAMES = {quad: name.replace("_", " ") for quad, name in QUAD_CLASSES.items()}
NAVIGATION = (("/", "Overview"), ("/map", "Map"), ("/events", "Events"), ("/dyad", "Dyads"))

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context |= {
        "navigation": NAVIGATION,
        "plover_types": PLOVER_TYPES,
        "modalities": MODALITIES,
        "quad_names": QUAD_NAMES,
        "export_formats": EXPORT_FORMATS,
    }
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status)


def templates() -> Jinja2Templates:
    """The pages' templates (autoescaped HTML), one set per app."""
    return Jinja2Templates(directory=TEMPLATE_DIR)


def error_page(request: Request, status: int, message: str) -> Response:
    return _render(request, "error.html", status, title=f"Error {status}", message=message)


@router.get("/")
def overview(request: Request):
    stats = request.app.state.database.run(Store.stats)
    return _render(request, "overview.html", title="Overview", page="overview", stats=stats)


@router.get("/map")
def map_page(request: Request):
    return _render(request, "map.html", title="Map", page="map")


@router.get("/events")
def events_page(request: Request):
    return _render(request, "events.html", title="Events", page="events")


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: api.StoredId):
    record = api.event_detail(request.app.state.database, event_id)
    document = record["document"] or {}
    text = document.get("text") or ""
    start, end = record["span"]
    return _render(
        request,
        "event.html",
        title="Event",
        page="event",
        event=record,
        document=document,
        sentence=segments(record["sentence"], phrases(record)),
        roles=ROLES,
        before=text[:start],
        after=text[end:],
    )


@router.get("/dyad")
def dyad_page(request: Request):
    return _render(request, "dyad.html", title="Dyads", page="dyad")
