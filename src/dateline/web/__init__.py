"""The HTTP API and the dashboard (``dateline serve``): a thin shell over ``Store``,
``analysis`` and ``export``. Needs the ``[web]`` extra (FastAPI, uvicorn, Jinja2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import MissingExtraError

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi import FastAPI


def create_app(db_path: str | Path) -> FastAPI:
    """The ASGI app serving the database at ``db_path`` read-only."""
    try:
        from .app import build_app
    except ImportError as exc:
        raise MissingExtraError("the dashboard and HTTP API", "web") from exc
    return build_app(db_path)
