"""``dateline clean``: cleaned documents printed as JSON Lines or text, failures on stderr."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli import main

STORY = (
    "Saturday, May 4, 2024\n\nFloods hit northern province\n\n"
    "PESHAWAR, May 2, 2024 (AP) — Floods killed at least nine people in northern Pakistan on "
    "Thursday, officials said.\n\nRescue teams reached the worst hit villages by boat.\n"
)


def test_clean_prints_jsonl_with_dateline_and_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["title"] == "Floods hit northern province"
    assert (first["published"], first["published_from"]) == ("2024-05-02", "dateline")
    assert first["dateline"] == {"place": "Peshawar", "agency": "AP", "year_from": None}
    assert first["language"] == "en" and first["duplicate_of"] is None
    assert first["text"].startswith("Floods killed") and "Saturday" not in first["text"]
    assert second["duplicate_of"] == first["doc_id"]
    assert second["doc_path"] == str(tmp_path / "b.txt")


def test_clean_text_format_and_failures(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(good), str(empty), "--format", "text"])
    assert result.exit_code == 1
    assert f"error: {empty}: empty input" in result.stderr
    assert "published_from: dateline" in result.stdout
    assert "dateline: Peshawar, AP" in result.stdout
    assert "Rescue teams reached" in result.stdout
