"""``dateline code`` end to end: storing, printing, re-running, bad input, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kenya-somalia.txt"

STORY = (
    "ANKARA, June 3, 2021 (AFP) - Turkey's Foreign Minister Kemal Aydin met Greek Prime "
    "Minister Nikos Pappas in Athens on Thursday.\n\n"
    "Turkish police arrested four Syrian smugglers in Izmir on Wednesday.\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_help_explains_every_option():
    result = run("code", "--help")
    assert result.exit_code == 0
    for option in ("--db", "--format", "--out", "--no-db", "--actors", "--patterns", "--model"):
        assert option in result.output


def test_codes_stores_and_prints_records(story, tmp_path):
    db = tmp_path / "events.duckdb"
    result = run("code", str(story), "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = jsonl(result)
    assert records
    assert all(r["doc_path"] == str(story) and r["published"] == "2021-06-03" for r in records)
    stored = duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored == len(records)


def test_rerun_adds_nothing_but_still_prints_the_events(story, tmp_path):
    db = tmp_path / "events.duckdb"
    first = jsonl(run("code", str(story), "--db", str(db), "--format", "jsonl"))
    second_run = run("code", str(story), "--db", str(db), "--format", "jsonl")
    assert second_run.exit_code == 0
    assert [r["id"] for r in jsonl(second_run)] == [r["id"] for r in first]
    assert "1 already stored" in second_run.stderr
    stored = duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored == len(first)


def test_bad_inputs_are_named_and_the_batch_goes_on(story, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    result = run(
        "code", str(empty), str(binary), str(missing), str(story),
        "--db", str(tmp_path / "e.duckdb"), "--format", "jsonl",
    )  # fmt: skip
    assert result.exit_code == 1
    for bad in (empty, binary, missing):
        assert f"error: {bad}" in result.stderr
    assert {r["doc_path"] for r in jsonl(result)} == {str(story)}
    assert "3 failed" in result.stderr


def test_stdin_and_csv_output(tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        main, ["code", "-", "--no-db", "--format", "csv", "--out", str(out)], input=STORY
    )
    assert result.exit_code == 0, result.output
    header = out.read_text().splitlines()[0].split(",")
    assert {"id", "source_country", "cameo_code", "plover_type", "sentence"} <= set(header)


def test_example_article_table(tmp_path):
    result = run("code", str(EXAMPLE), "--db", str(tmp_path / "e.duckdb"), "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "source", "event", "target", "place", "modality"]
    assert any("KEN" in line and "CONSULT" in line for line in lines)


def test_recode_replaces_stored_events_without_duplicates(story, tmp_path):
    db = tmp_path / "events.duckdb"
    first = jsonl(run("code", str(story), "--db", str(db), "--format", "jsonl"))
    recoded = run("code", "--recode", "--db", str(db), "--format", "jsonl")
    assert recoded.exit_code == 0, recoded.output
    assert sorted(r["id"] for r in jsonl(recoded)) == sorted(r["id"] for r in first)
    stored = duckdb.connect(str(db)).execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored == len(first)


def test_recode_with_paths_prints_each_event_once(story, tmp_path):
    db = tmp_path / "events.duckdb"
    first = jsonl(run("code", str(story), "--db", str(db), "--format", "jsonl"))
    recoded = run("code", str(story), "--recode", "--db", str(db), "--format", "jsonl")
    assert recoded.exit_code == 0, recoded.output
    assert sorted(r["id"] for r in jsonl(recoded)) == sorted(r["id"] for r in first)


def test_a_file_given_relative_and_absolute_is_stored_once(story, tmp_path, monkeypatch):
    monkeypatch.chdir(story.parent)
    db = tmp_path / "events.duckdb"
    result = run("code", story.name, str(story), "--db", str(db))
    assert result.exit_code == 0 and "1 given twice" in result.stderr
    again = run("code", str(story), "--db", str(db))
    assert "1 already stored" in again.stderr
    stored = duckdb.connect(str(db)).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert stored == 1


def test_damaged_bytes_are_a_stored_warning_not_a_failure(tmp_path):
    story = tmp_path / "damaged.txt"
    story.write_bytes(STORY.replace(" - ", " – ").encode() + b" It was \xff agreed.")
    db = tmp_path / "events.duckdb"
    result = run("code", str(story), "--db", str(db))
    assert result.exit_code == 0 and "1 coded" in result.stderr and "1 warning;" in result.stderr
    assert f"warning: {story}: 1 bytes that are not valid" in result.stderr
    con = duckdb.connect(str(db))
    assert con.execute("SELECT severity, stage FROM errors").fetchall() == [("warning", "ingest")]
    assert con.execute("SELECT warnings FROM documents").fetchone()[0][0].startswith("1 bytes")


def test_recode_refuses_no_db():
    result = run("code", "--recode", "--no-db")
    assert result.exit_code == 2
    assert "--no-db" in result.output


@pytest.mark.parametrize(
    "options, message",
    [
        (["--db", "/no/such/folder/events.duckdb"], "cannot open database"),
        (["--no-db", "--model", "no_such_spacy_model"], "is not installed"),
    ],
)
def test_a_run_that_cannot_start_says_why_in_one_line(story, options, message):
    result = run("code", str(story), *options)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_copy_at_another_path_prints_its_originals_events(story, tmp_path):
    db = tmp_path / "events.duckdb"
    first = jsonl(run("code", str(story), "--db", str(db), "--format", "jsonl"))
    copy = tmp_path / "copy.txt"
    copy.write_text(STORY, encoding="utf-8")
    second = run("code", str(copy), "--db", str(db), "--format", "jsonl")
    assert second.exit_code == 0
    assert "1 duplicate" in second.stderr
    assert [r["id"] for r in jsonl(second)] == [r["id"] for r in first]
    both = run(
        "code", str(story), str(copy), "--db", str(tmp_path / "b.duckdb"), "--format", "jsonl"
    )
    assert len(jsonl(both)) == len(first)  # given together, the events are printed once


def test_the_hidden_modalities_note_follows_the_table(tmp_path):
    result = run("code", str(EXAMPLE), "--db", str(tmp_path / "e.duckdb"), "--format", "table")
    assert result.output.index("date  ") < result.output.index("other modalities not shown")
    assert "1 event with other modalities" in result.stderr


def test_a_stored_run_that_prints_nothing_keeps_no_records(story, tmp_path):
    from dateline.cli.code import _run
    from dateline.settings import Settings

    db = tmp_path / "events.duckdb"
    first, records = _run([str(story)], Settings(), db, False, printing=False)
    assert first.events > 0 and records == []  # an archive run holds none of its events
    again, records = _run([str(story)], Settings(), db, False, printing=True)
    assert again.already_stored == 1 and len(records) == first.events
