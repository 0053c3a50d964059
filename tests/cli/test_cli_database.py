"""The database commands, run through click on a small database written by hand."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click import Option
from click.testing import CliRunner

from dateline.cli import main
from dateline.cli.database import commands
from dateline.record import FLAT_COLUMNS
from dateline.store import open_db
from dateline.use.analysis import QUAD_CLASSES
from stored_events import make_doc, make_event


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_db(path) as store:
        store.save_batch(
            [
                make_doc(
                    "a",
                    [
                        make_event(0, "CONSULT", when="2007-04-29"),
                        make_event(1, "ACCUSE", "ETH", "SOM", when="2007-05-02", place=None),
                    ],
                ),
                make_doc(
                    "b",
                    [
                        make_event(0, "CONSULT", when="2007-04-29"),
                        make_event(1, "ASSAULT", "SOM", "UGA", when="2007-06", modality="alleged"),
                    ],
                ),
            ],
            [],
        )
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_and_option_is_documented():
    leaves = []
    for command in commands:
        leaves.extend(getattr(command, "commands", {}).values() or [command])
    assert len(leaves) == 7
    for command in leaves:
        assert command.help and command.help.strip(), command.name
        undocumented = [p.name for p in command.params if isinstance(p, Option) and not p.help]
        assert undocumented == [], command.name


def test_events_table_hides_alleged_events_by_default(db):
    result = run("events", "--db", db)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["date", "source", "event", "target", "place", "modality"]
    assert len(lines) == 4 and "ASSAULT" not in result.output
    alleged = run("events", "--db", db, "--modality", "alleged", "--format", "jsonl")
    assert [json.loads(line)["cameo"]["code"] for line in alleged.output.splitlines()] == ["190"]


def test_events_filters_and_jsonl(db):
    result = run(
        "events", "--db", db, "--format", "jsonl", "--source", "KEN", "--target", "ETH",
        "--type", "consult", "--cameo", "04", "--since", "2007-04", "--until", "2007-04-30",
        "--place", "Nairobi", "--min-confidence", "0.5",
    )  # fmt: skip
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["doc_id"] for r in records] == ["doc-a", "doc-b"]
    merged = run("events", "--db", db, "--format", "jsonl", "--merged", "--type", "CONSULT")
    (record,) = [json.loads(line) for line in merged.output.splitlines()]
    assert record["sources"] == 2


def test_events_csv_and_parquet(db, tmp_path):
    result = run("events", "--db", db, "--format", "csv", "--limit", "1")
    rows = list(csv.DictReader(result.output.splitlines()))
    assert len(rows) == 1 and rows[0]["cameo_code"] == "042"
    assert tuple(rows[0]) == FLAT_COLUMNS  # the columns of `dateline export --format csv`
    out = tmp_path / "events.parquet"
    assert run("events", "--db", db, "--format", "parquet", "--out", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == 4
    refused = CliRunner().invoke(main, ["events", "--db", db, "--format", "parquet"])
    assert refused.exit_code == 2 and "--out" in refused.output


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "gdelt", "polecat"])
def test_export_every_format(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--db", db, "--format", fmt, "--out", str(out), "--source", "KEN")
    assert result.exit_code == 0
    limited = run("export", "--db", db, "--format", fmt, "--out", str(out), "--limit", "1")
    assert "1 rows written" in limited.output
    expected = 1 if fmt == "gdelt" else 2  # gdelt rows are merged events
    assert f"{expected} rows written" in result.output


def test_sql_reads_and_refuses_writes(db):
    result = run("sql", "--db", db, "SELECT count(*) AS n FROM events", "--format", "csv")
    assert result.output.splitlines() == ["n", "4"]
    table = run("sql", "--db", db, "SELECT doc_id, title FROM documents ORDER BY 1")
    assert table.output.splitlines()[1].split() == ["doc-a", "Story", "a"]
    refused = CliRunner().invoke(main, ["sql", "--db", db, "DELETE FROM events"])
    assert refused.exit_code == 1
    assert refused.output.strip() == "Error: read-only: DELETE statements are refused"
    assert "4" in run("sql", "--db", db, "SELECT count(*) FROM events").output


@pytest.mark.parametrize(
    "query",
    [
        "EXPLAIN ANALYZE COPY (SELECT 'x' AS line) TO '{folder}/payload.sh' (HEADER false)",
        "SELECT content FROM read_text('{folder}/secret.txt')",
        "SELECT * FROM read_csv('{folder}/secret.txt')",
        "SELECT * FROM glob('{folder}/*')",
        "INSTALL httpfs",
    ],
)
def test_sql_touches_no_file_but_the_database(db, tmp_path, query):
    (tmp_path / "secret.txt").write_text("root:hunter2\n")
    result = CliRunner().invoke(main, ["sql", "--db", db, query.format(folder=tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "hunter2" not in result.output
    assert not (tmp_path / "payload.sh").exists()


def test_stats(db):
    result = run("stats", "--db", db)
    assert "documents: 2" in result.output and "merged duplicates: 1" in result.output
    stats = json.loads(run("stats", "--db", db, "--json").output)
    assert stats["events_by_modality"] == {"asserted": 3, "alleged": 1}


def test_series_table_and_csv(db, tmp_path):
    out = tmp_path / "series.csv"
    args = ["series", "--db", db, "--source", "KEN", "--target", "ETH", "--by", "month"]
    assert run(*args, "--format", "csv", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [(r["period"], r["verbal_cooperation"], r["events"]) for r in rows] == [
        ("2007-04-01", "1", "1")
    ]
    per_article = run(*args, "--per-article", "--format", "csv")
    assert list(csv.DictReader(per_article.output.splitlines()))[0]["events"] == "2"
    assert "2007-04-01" in run(*args).output


def test_series_with_no_rows_prints_an_empty_table(db):
    result = run("series", "--db", db, "--source", "XXX")
    assert result.exit_code == 0 and "Empty DataFrame" not in result.output
    assert result.output.split() == [
        "period",
        *QUAD_CLASSES.values(),
        "events",
        "goldstein",
        "goldstein_mean",
    ]


def test_plots(db, tmp_path):
    series_png = tmp_path / "series.png"
    network_svg = tmp_path / "network.svg"
    assert (
        run("plot", "series", "--db", db, "--source", "KEN", "--out", str(series_png)).exit_code
        == 0
    )
    assert series_png.read_bytes().startswith(b"\x89PNG")
    result = run("plot", "network", "--db", db, "--modality", "alleged", "--out", str(network_svg))
    assert result.exit_code == 0 and b"<svg" in network_svg.read_bytes()


def test_errors_are_one_line(db, tmp_path):
    missing = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no database at" in missing.output
    assert not (tmp_path / "none.duckdb").exists()
    empty = CliRunner().invoke(
        main, ["plot", "series", "--db", db, "--source", "XXX", "--out", str(tmp_path / "x.png")]
    )
    assert empty.exit_code == 1
    assert empty.output.strip() == "Error: no events match the filters: nothing to draw"
    no_day = CliRunner().invoke(main, ["events", "--db", db, "--since", "2007-02-30"])
    assert no_day.exit_code == 1
    assert no_day.output.strip() == (
        "Error: not a date: '2007-02-30' (use YYYY, YYYY-MM or YYYY-MM-DD)"
    )


def test_events_by_quad_class_and_either_actor(db):
    result = run(
        "events", "--db", db, "--quad-class", "3", "--quad-class", "4", "--format", "jsonl"
    )
    assert sorted(json.loads(line)["plover"]["type"] for line in result.output.splitlines()) == [
        "ACCUSE",
        "ASSAULT",
    ]
    result = run("events", "--db", db, "--actor", "SOM", "--format", "jsonl")
    assert len(result.output.splitlines()) == 2  # ETH -> SOM and SOM -> UGA
    assert run("events", "--db", db, "--quad-class", "5").exit_code == 2


def test_series_skip_empty(tmp_path):
    path = tmp_path / "e.duckdb"
    with open_db(path) as store:
        events = [make_event(0, when="2007-04-29"), make_event(1, when="2007-07-02")]
        store.save_batch([make_doc("a", events)], [])
    args = ["series", "--db", str(path), "--by", "month", "--format", "csv"]
    every = [r["period"] for r in csv.DictReader(run(*args).output.splitlines())]
    assert every == ["2007-04-01", "2007-05-01", "2007-06-01", "2007-07-01"]
    kept = [r["period"] for r in csv.DictReader(run(*args, "--skip-empty").output.splitlines())]
    assert kept == ["2007-04-01", "2007-07-01"]


def test_stats_shows_events_without_actors_apart(tmp_path):
    path = tmp_path / "e.duckdb"
    with open_db(path) as store:
        store.save_batch([make_doc("a", [make_event(0), make_event(1, "ACCUSE", None, None)])], [])
        stats = store.stats()
    assert stats["events_without_actors"] == 1
    assert all(d["source"] != "-" or d["target"] != "-" for d in stats["top_dyads"])
    output = run("stats", "--db", str(path)).output
    assert "-->-" not in output and "events without actors: 1" in output
