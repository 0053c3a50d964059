"""User input and stored text never reach a page unescaped; the server cannot write."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from conftest import INJECTION
from dateline.store import open_db
from dateline.web import create_app


@pytest.fixture(scope="module")
def client(injection_db):
    with TestClient(create_app(injection_db)) as client:
        yield client


def _assert_escaped(page: str) -> None:
    assert "<script>window.pwned" not in page
    assert "<img src=x" not in page
    assert "javascript:" not in page


def test_stored_markup_is_shown_as_text_on_every_page(client, injection_db):
    with open_db(injection_db, read_only=True) as store:
        event_id = store.events()[0]["id"]
    detail = client.get(f"/events/{event_id}").text
    _assert_escaped(detail)
    assert str(escape(INJECTION)) in detail  # shown, as text
    for path in ("/", "/map", "/events", "/dyad"):
        response = client.get(path)
        assert response.status_code == 200
        _assert_escaped(response.text)


def test_filters_in_the_url_are_never_reflected_into_html(client):
    for path in ("/events", "/map", "/dyad"):
        page = client.get(path, params={"source": INJECTION, "place": INJECTION}).text
        _assert_escaped(page)


def test_an_injected_path_gets_an_escaped_error_page(client):
    response = client.get("/events/<script>window.pwned=2</script>")
    assert response.status_code in (404, 422)
    _assert_escaped(response.text)


def test_the_api_returns_stored_markup_as_json_strings(client):
    body = client.get("/api/events", params={"source": "onerror"}).json()
    assert body["total"] == 1
    assert body["events"][0]["source"]["name"] == INJECTION
    assert client.get("/api/events", params={"source": INJECTION}).json()["total"] == 1


def test_pages_forbid_inline_scripts_and_outside_sources(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_a_read_only_open_refuses_an_unmigrated_or_missing_file(tmp_path):
    from dateline.errors import StoreError

    with pytest.raises(StoreError, match="cannot open"):
        open_db(tmp_path / "missing.duckdb", read_only=True)
    import duckdb

    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(StoreError, match="schema version 0"):
        open_db(tmp_path / "other.duckdb", read_only=True)


def test_no_page_loads_scripts_from_elsewhere(client):
    # FastAPI's Swagger page would load from a CDN: it is off, the description is served
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Dateline"
