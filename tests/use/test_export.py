"""Every export format, read back by its own reader (DuckDB, pyarrow, csv, json)."""

from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from dateline.errors import UsageError
from dateline.record import FLAT_COLUMNS
from dateline.store import open_db
from dateline.use.export import GDELT_COLUMNS, export
from stored_events import make_doc, make_event


@pytest.fixture
def store():
    with open_db(":memory:") as db:
        db.save_batch(
            [
                make_doc(
                    "a",
                    [make_event(0), make_event(4, "ACCUSE", "ETH", "SOM", place=None)],
                    sentences=5,  # sentence 4 is in paragraph 2: not the lead
                ),
                make_doc("b", [make_event(1, when="2007-04-30")], source="Other Wire"),
                make_doc("c", duplicate_of="doc-a"),
                make_doc("d", [make_event(0, "AID", "UGA", None, when="2008-01")]),
            ],
            [],
        )
        yield db


def test_csv_holds_the_flat_record_columns(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, "csv", path) == 4
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert [r["plover_type"] for r in rows] == ["CONSULT", "ACCUSE", "CONSULT", "AID"]
    assert rows[0]["cameo_goldstein"] == "1.9" and rows[0]["place_name"] == "Nairobi"
    read = duckdb.sql(f"SELECT count(*), count(target_name) FROM read_csv_auto('{path}')")
    assert read.fetchall() == [(4, 3)]


def test_parquet_is_read_back_with_filters_applied(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path, source="ETH") == 1
    table = pq.read_table(path)
    assert table.column_names == list(FLAT_COLUMNS)
    assert table.column("target_country").to_pylist() == ["SOM"]
    assert table.column("cameo_quad_class").to_pylist() == [3]


def test_parquet_of_merged_events_carries_source_counts(store, tmp_path):
    path = tmp_path / "merged.parquet"
    assert export(store, "parquet", path, merged=True) == 3
    rows = pq.read_table(path).to_pylist()
    assert [r["sources"] for r in rows] == [2, 1, 1]


def test_jsonl_holds_the_native_records(store, tmp_path):
    path = tmp_path / "events.jsonl"
    assert export(store, "jsonl", path, modality="asserted") == 4
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records == store.events()


def test_gdelt_rows_are_merged_events_with_counts(store, tmp_path):
    path = tmp_path / "events.tsv"
    assert export(store, "gdelt", path) == 3
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS
    meeting = rows[0]
    assert meeting["SQLDATE"] == "20070429"
    assert meeting["Actor1Name"] == "WANJIRU OTIENO" and meeting["Actor1CountryCode"] == "KEN"
    assert meeting["Actor2CountryCode"] == "ETH" and meeting["Actor1Type1Code"] == "GOV"
    assert (meeting["EventCode"], meeting["EventBaseCode"], meeting["EventRootCode"]) == (
        "042",
        "042",
        "04",
    )
    assert (meeting["QuadClass"], meeting["GoldsteinScale"]) == ("1", "1.9")
    # two outlets report it; doc-c is a syndicated copy of doc-a, an article more
    assert (meeting["NumMentions"], meeting["NumSources"], meeting["NumArticles"]) == (
        "2",
        "2",
        "3",
    )
    assert meeting["ActionGeo_FullName"] == "Nairobi, Nairobi Area, Kenya"
    assert meeting["ActionGeo_FeatureID"] == "184745" and meeting["ActionGeo_Lat"] == "-1.283"
    assert meeting["SOURCEURL"].startswith("https://example.org/")
    assert len(meeting["DATEADDED"]) == 8 and int(meeting["GLOBALEVENTID"]) > 0
    accuse = next(r for r in rows if r["EventRootCode"] == "11")
    assert accuse["IsRootEvent"] == "0" and accuse["ActionGeo_FullName"] == ""
    assert meeting["IsRootEvent"] == "1"
    aid = rows[-1]
    assert aid["SQLDATE"] == "20080101" and aid["Actor2Name"] == ""
    table = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\t', header=true)")
    assert len(table.fetchall()) == 3


def test_polecat_objects(store, tmp_path):
    path = tmp_path / "events.polecat.jsonl"
    assert export(store, "polecat", path, type="CONSULT") == 2
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    first = events[0]
    assert (first["event_type"], first["mode"]) == ("CONSULT", "visit")
    assert (first["source_country"], first["source_sector"]) == ("KEN", "GOV")
    assert first["target_actor"] == "Ethiopia" and first["date"] == "2007-04-29"
    assert first["location"]["geonameid"] == 184745
    assert first["headline"] == "Story a" and first["publisher"] == "Test Wire"
    assert first["sentence"].startswith("Story a sentence 0")
    assert {e["story_id"] for e in events} == {"doc-a", "doc-b"}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "gdelt", "polecat"])
def test_every_format_takes_a_limit(store, tmp_path, fmt):
    assert export(store, fmt, tmp_path / "out", limit=1) == 1


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(UsageError, match="unknown export format"):
        export(store, "xml", tmp_path / "x")


def test_gdelt_writes_asserted_and_reported_events_unless_asked(tmp_path):
    path = tmp_path / "events.tsv"
    with open_db(":memory:") as db:
        refused = make_event(1, "ACCUSE", "ETH", "SOM", modality="negated")
        cancelled = make_event(2, modality="cancelled", when="2007-05-02")
        db.save_batch([make_doc("a", [make_event(0), refused, cancelled])], [])
        assert export(db, "gdelt", path) == 1
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
        assert [r["EventCode"] for r in rows] == ["042"]
        assert export(db, "gdelt", path, modality=["asserted", "negated", "cancelled"]) == 3


def test_acled_rows_map_conflict_codes_and_carry_fatalities(tmp_path):
    from dateline.model import Count

    path = tmp_path / "acled.csv"
    with open_db(":memory:") as db:
        attack = make_event(1, "ASSAULT", "UGA", "SOM", when="2007-05-02")
        attack.fatalities = Count(5, "killing five militants")
        arrest = make_event(2, "ASSAULT", "KEN", "SOM", cameo="173", when="2007-05")
        db.save_batch([make_doc("a", [make_event(0), attack, arrest])], [])
        assert export(db, "acled", path) == 2  # the meeting (042) has no ACLED type
        csv_path, gdelt_path = tmp_path / "flat.csv", tmp_path / "g.tsv"
        export(db, "csv", csv_path)
        export(db, "gdelt", gdelt_path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert [(r["event_type"], r["sub_event_type"]) for r in rows] == [
        ("Strategic developments", "Arrests"),  # 2007-05 sorts first: its first day
        ("Battles", "Armed clash"),
    ]
    battle = rows[1]
    assert (battle["fatalities"], battle["event_date"], battle["time_precision"]) == (
        "5",
        "2007-05-02",
        "1",
    )
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == ("1", "2", "12")
    assert battle["disorder_type"] == "Political violence" and battle["iso"] == "404"
    assert rows[0]["fatalities"] == "0" and rows[0]["time_precision"] == "3"
    flat = list(csv.DictReader(csv_path.read_text(encoding="utf-8").splitlines()))
    assert [r["fatalities_count"] for r in flat] == ["", "", "5"]
    gdelt = list(
        csv.DictReader(gdelt_path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    )
    assert sorted(r["Fatalities"] for r in gdelt) == ["", "", "5"]
