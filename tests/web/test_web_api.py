"""The HTTP API through the ASGI test client, on a database coded from tests/web_articles."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from dateline.record import RECORD_FIELDS
from dateline.store import open_db
from dateline.use.analysis import network, places, series
from dateline.use.export import FORMATS as EXPORT_FORMATS
from dateline.web import create_app
from dateline.web.api import FILE_TYPES
from dateline.web.models import EventRecord


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db)) as client:
        yield client


@pytest.fixture(scope="module")
def store(web_db):
    with open_db(web_db, read_only=True) as store:
        yield store


def events(client, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_stats_are_the_stores(client, store):
    assert client.get("/api/stats").json() == json.loads(json.dumps(store.stats()))


def test_pages_of_events_cover_every_event_once_in_a_stable_order(client, store):
    total = store.count_events()
    seen, offset = [], 0
    while offset is not None:
        page = events(client, limit=3, offset=offset)
        assert page["total"] == total and len(page["events"]) <= 3
        seen += [e["id"] for e in page["events"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == total
    assert seen == [e["id"] for e in store.events()]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"source": "KEN"}, lambda e: e["source"]["country"] == "KEN"),
        ({"target": "ERI"}, lambda e: e["target"]["country"] == "ERI"),
        ({"source": "mwangi"}, lambda e: "Mwangi" in e["source"]["name"]),
        (
            {"actor": "ETH"},
            lambda e: (
                "ETH" in {(e["source"] or {}).get("country"), (e["target"] or {}).get("country")}
            ),
        ),
        ({"type": "COERCE"}, lambda e: e["plover"]["type"] == "COERCE"),
        ({"type": ["ACCUSE", "THREATEN"]}, lambda e: e["plover"]["type"] in {"ACCUSE", "THREATEN"}),
        ({"cameo": "04"}, lambda e: e["cameo"]["code"].startswith("04")),
        ({"quad_class": [3, 4]}, lambda e: e["cameo"]["quad_class"] in {3, 4}),
        ({"since": "2021-08"}, lambda e: e["date"] >= "2021-08"),
        ({"until": "2021-06-10"}, lambda e: e["date"] <= "2021-06-10"),
        ({"place": "Kampala"}, lambda e: e["place"]["name"] == "Kampala"),
        ({"modality": "asserted"}, lambda e: e["modality"] == "asserted"),
        ({"min_confidence": 0.8}, lambda e: e["confidence"] >= 0.8),
    ],
)
def test_each_filter_narrows_the_events_to_those_it_names(client, params, check):
    everything = events(client, limit=1000)["total"]
    found = events(client, limit=1000, **params)
    assert 0 < found["total"] < everything
    assert len(found["events"]) == found["total"]
    assert all(check(e) for e in found["events"])


def test_merged_events_count_the_two_reports_of_the_meeting_once(client, store):
    merged = events(client, merged="true", limit=1000)
    assert merged["total"] == store.stats()["merged_events"] == events(client)["total"] - 1
    meeting = [e for e in merged["events"] if e["cameo"]["code"] == "040"]
    assert [e["sources"] for e in meeting] == [2]


def test_sort_orders_by_the_key_and_minus_reverses_it(client):
    ascending = [e["confidence"] for e in events(client, sort="confidence")["events"]]
    descending = [e["confidence"] for e in events(client, sort="-confidence")["events"]]
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"type": "PARTY"}, 422, "type"),
        ({"since": "yesterday"}, 422, "since"),
        ({"since": "2021-02-30"}, 400, "not a date"),
        ({"until": "2021-13"}, 422, "until"),
        ({"limit": -1}, 422, "limit"),
        ({"limit": 10**9}, 422, "limit"),
        ({"offset": -5}, 422, "offset"),
        ({"sort": "id; DROP TABLE events"}, 422, "sort"),
        ({"quad_class": 5}, 422, "quad_class"),
        ({"min_confidence": "high"}, 422, "min_confidence"),
        ({"format": "xlsx"}, 422, "format"),
    ],
)
def test_bad_parameters_are_json_errors_with_a_4xx_status(client, params, status, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert words in response.json()["error"]


@pytest.mark.parametrize(
    "name",
    [
        "'; DROP TABLE events; --",
        "<script>alert(1)</script>",
        "%' OR '1'='1",
        "Robert'); SELECT * FROM read_csv('/etc/passwd'); --",
    ],
)
def test_injection_attempts_in_names_are_plain_text_that_matches_nothing(client, store, name):
    for key in ("source", "target", "actor", "place"):
        assert events(client, **{key: name})["total"] == 0
    assert client.get("/api/stats").json()["events"] == store.count_events() > 0


def test_an_event_comes_with_its_reports_and_its_document(client, store):
    meeting = store.events(cameo="040")[0]
    detail = client.get(f"/api/events/{meeting['id']}").json()
    start, end = detail["span"]
    assert detail["document"]["text"][start:end] == detail["sentence"]
    assert detail["date_expression"] == "Thursday"
    assert len(detail["reports"]) == 2
    assert {r["title"] for r in detail["reports"]} == {
        "Ethiopia and Kenya agree to reopen border crossing",
        "Kenyan leader visits Ethiopia for border talks",
    }
    merged = store.events(cameo="040", merged=True)[0]
    assert client.get(f"/api/events/{merged['id']}").json()["reports"] == detail["reports"]


def test_unknown_ids_are_404_and_odd_ids_are_refused(client):
    assert client.get("/api/events/0000000000000000").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/events/a%20b").status_code == 422
    assert "error" in client.get("/api/events/0000000000000000").json()


def test_a_document_has_its_text_sentences_and_events(client, store):
    event = store.events(place="Kampala")[0]
    document = client.get(f"/api/documents/{event['doc_id']}").json()
    assert document["title"] == "Police fire tear gas at Kampala protest"
    assert event["id"] in document["event_ids"]
    first = document["sentences"][0]
    assert document["text"][first["start"] : first["end"]].strip()


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_series_is_analysis_series(client, store, by):
    body = client.get("/api/series", params={"by": by, "source": "UGA"}).json()
    frame = series(store, by=by, source="UGA", modality=None, merged=False)
    assert [p["events"] for p in body["periods"]] == frame["events"].tolist()
    assert body["periods"][0]["period"] == frame["period"][0].strftime("%Y-%m-%d")


def test_network_and_places_are_the_analysis_frames(client, store):
    edges = client.get("/api/network", params={"limit": 2}).json()["edges"]
    frame = network(store, modality=None, merged=False).head(2)
    assert [(e["source"], e["target"], e["events"]) for e in edges] == list(
        frame[["source", "target", "events"]].itertuples(index=False, name=None)
    )
    shown = client.get("/api/places").json()["places"]
    assert [(p["name"], p["events"]) for p in shown] == list(
        places(store)[["name", "events"]].itertuples(index=False, name=None)
    )
    addis = next(p for p in shown if p["name"] == "Addis Ababa")
    assert addis["events"] == 2 and addis["top_type"] == "CONSULT"
    merged = client.get("/api/places", params={"merged": "true", "place": "addis ababa"}).json()
    assert [p["events"] for p in merged["places"]] == [1]


def test_every_export_format_can_be_downloaded():
    assert set(FILE_TYPES) == set(EXPORT_FORMATS)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "gdelt", "polecat", "parquet"])
def test_export_returns_the_filtered_rows_in_each_format(client, store, fmt):
    response = client.get("/api/export", params={"format": fmt, "source": "UGA"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    expected = store.count_events(source="UGA")
    body = response.content
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(body.decode())))
        assert {r["source_country"] for r in rows} == {"UGA"}
    elif fmt == "gdelt":
        rows = body.decode().splitlines()[1:]
        expected = store.count_events(source="UGA", merged=True)
    elif fmt == "geojson":
        rows = json.loads(body)["features"]
        assert any(f["geometry"] for f in rows)
    elif fmt == "parquet":
        rows = pq.read_table(io.BytesIO(body)).to_pylist()
    else:
        rows = body.decode().splitlines()
    assert len(rows) == expected > 0


def test_events_as_a_csv_page(client):
    response = client.get("/api/events", params={"format": "csv", "limit": 2, "sort": "-date"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.headers["content-type"].startswith("text/csv")
    assert len(rows) == 2 and rows[0]["date"] >= rows[1]["date"]


def test_the_database_is_read_only_and_nothing_writes(client, web_db):
    database = client.app.state.database
    before = web_db.stat().st_mtime_ns
    with pytest.raises(Exception, match="read-only"):
        database.store.con.execute("CREATE TABLE notes (x INTEGER)")
    with pytest.raises(Exception, match="disabled"):
        database.store.con.execute("SELECT * FROM read_csv('/etc/passwd')")
    for path in ("/api/events", "/api/stats", "/api/export"):
        assert client.post(path).status_code == 405
        assert client.delete(path).status_code == 405
    assert web_db.stat().st_mtime_ns == before


def test_the_api_record_has_every_field_of_the_event_record():
    assert set(RECORD_FIELDS) <= set(EventRecord.model_fields)


def test_the_openapi_description_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents/{doc_id}",
        "/api/series",
        "/api/network",
        "/api/places",
        "/api/stats",
        "/api/export",
    }
    assert all(set(item) == {"get"} for item in paths.values())
