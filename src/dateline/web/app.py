"""The ASGI app: one read-only ``Store`` shared by the API routes and the pages."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import DatelineError
from ..store import Store, open_db
from . import api, pages

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
T = TypeVar("T")

# Scripts and styles come from the app only; Leaflet positions its layers with inline
# styles, and the basemap is drawn as SVG, so nothing else is needed.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Database:
    """The read-only store, opened by the app's lifespan (and once when the app is built,
    so that a bad file fails at once), and the lock that makes its one DuckDB connection
    safe to use from the server's worker threads."""

    def __init__(self, path: str | Path):
        self.path = path
        self.lock = threading.Lock()
        self.store: Store | None = None

    def open(self) -> None:
        with self.lock:
            if self.store is None:
                self.store = open_db(self.path, read_only=True)

    def close(self) -> None:
        with self.lock:
            if self.store is not None:
                self.store.close()
                self.store = None

    def run(self, function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``function(store, *args, **kwargs)`` with the connection to itself."""
        self.open()
        with self.lock:
            return function(self.store, *args, **kwargs)


def build_app(db_path: str | Path) -> FastAPI:
    database = Database(db_path)
    database.open()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database.open()
        yield
        database.close()

    app = FastAPI(
        title="Dateline",
        version=__version__,
        description="Coded political events (CAMEO, PLOVER) from news articles: read-only.",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load Swagger UI from a CDN with inline scripts:
        # neither runs offline nor under the dashboard's script policy; /openapi.json stays
        docs_url=None,
        redoc_url=None,
    )
    app.state.database = database
    app.state.templates = pages.templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(DatelineError, _dateline_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.middleware("http")(_security_headers)
    log.info("serving %s read-only", db_path)
    return app


async def _security_headers(request: Request, call_next) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    return response


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        body = {"error": message, "detail": detail}
        return JSONResponse(jsonable_encoder(body), status_code=status)
    return pages.error_page(request, status, message)


async def _dateline_error(request: Request, exc: DatelineError) -> Response:
    return _error(request, 400, str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    summary = "; ".join(f"{'.'.join(map(str, p['loc'][1:]))}: {p['msg']}" for p in problems)
    return _error(request, 422, f"invalid parameters: {summary}", problems)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return _error(request, exc.status_code, str(exc.detail))
