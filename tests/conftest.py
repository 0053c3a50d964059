"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.model import Document, content_hash
from dateline.nlp import Parser
from dateline.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def parser(settings) -> Parser:
    return Parser(settings.model, settings.batch_size)


@pytest.fixture
def parsed(parser):
    """Build a parsed Document from a text, as the nlp stage leaves it (no actors, no events)."""

    def make(text: str, published=None) -> Document:
        doc = Document(doc_id=content_hash(text), path="<test>", text=text, published=published)
        parser.parse([doc])
        return doc

    return make


def shared_path(*parts: str) -> Path:
    """A file under ../shared; tests that need it skip when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


WEB_ARTICLES = Path(__file__).resolve().parent / "web_articles"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, settings) -> Path:
    """A database coded once from the articles in tests/web_articles (written for these
    tests): two reports of one meeting in Addis Ababa, and a day of unrest in Kampala."""
    from dateline.api import code_paths
    from dateline.store import open_db

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    here = Path.cwd()
    os.chdir(WEB_ARTICLES.parent)  # paths as a user gives them: web_articles/…
    try:
        with open_db(path) as store:
            for batch in code_paths([WEB_ARTICLES.name], settings=settings, store=store):
                assert not batch.failures, batch.failures
    finally:
        os.chdir(here)
    return path


# Markup and SQL in every text field a page shows: pages must show it as text.
INJECTION = (
    """<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"""
    "'; DROP TABLE events; --"
)


@pytest.fixture(scope="session")
def injection_db(tmp_path_factory) -> Path:
    """A hand-made database whose actor, place, trigger and title carry ``INJECTION``."""
    from dataclasses import replace

    from dateline.model import ActorRef
    from dateline.store import open_db
    from stored_events import make_doc, make_event

    event = make_event(0, "ACCUSE", when="2021-05-04")
    event = replace(
        event,
        source=ActorRef(INJECTION, INJECTION, None, "GOV"),
        trigger=INJECTION,
        place=replace(event.place, name=INJECTION),
        explanation=INJECTION,
    )
    doc = make_doc("evil", [event])
    doc.title = INJECTION
    doc.url = "javascript:window.pwned=3"
    path = tmp_path_factory.mktemp("injection") / "injection.duckdb"
    with open_db(path) as store:
        store.save_batch([doc], [])
    return path
