"""Acceptance: the worked example from ../shared, end to end through the CLI (skips when absent)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import shared_path
from dateline.cli import main


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory):
    seed = shared_path("examples", "seed-larijani.txt")
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = CliRunner().invoke(main, ["code", str(seed), "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _find(records, plover, **where):
    def matches(record):
        for path, wanted in where.items():
            value = record
            for key in path.split("__"):
                value = (value or {}).get(key)
            if callable(wanted) and not wanted(value):
                return False
            if not callable(wanted) and value != wanted:
                return False
        return True

    return [r for r in records if (r["plover"] or {}).get("type") == plover and matches(r)]


def test_published_from_dateline_not_scrape_date(seed_records):
    assert {r["published"] for r in seed_records} == {"2007-04-29"}


def test_larijani_visits_iraq_in_baghdad(seed_records):
    visits = _find(
        seed_records,
        "CONSULT",
        source__country="IRN",
        source__name=lambda name: "Larijani" in (name or ""),
        date="2007-04-29",
    )
    assert visits, seed_records
    assert any((v["place"] or {}).get("name") == "Baghdad" for v in visits)


def test_us_forces_detain_iranian_officials_in_erbil(seed_records):
    arrests = _find(
        seed_records, "COERCE", source__country="USA", target__country="IRN", date="2006-12"
    )
    assert arrests, seed_records
    assert arrests[0]["place"]["name"] in {"Erbil", "Arbil"}
    assert arrests[0]["place"]["country"] == "IRQ"


def test_us_accuses_iran(seed_records):
    assert _find(seed_records, "ACCUSE", source__country="USA", target__country="IRN")


def test_cancelled_visit_to_tehran(seed_records):
    cancelled = _find(seed_records, "CONSULT", source__country="IRQ", modality="cancelled")
    assert cancelled, seed_records


def test_repeated_lede_coded_once(seed_records):
    ids = [r["id"] for r in seed_records]
    assert len(ids) == len(set(ids))
    lede_events = [r for r in seed_records if "previously unannounced" in r["sentence"]]
    spans = {tuple(r["span"]) for r in lede_events}
    assert len(spans) == 1
