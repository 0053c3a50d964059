"""The quality gate: the gold corpus (tests/gold/corpus.yaml) coded through the full pipeline
must score at least the floors pinned in tests/gold/baseline.json. Floors only rise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import dateline
from dateline.events.scoring import Score, Triple, triple

GOLD = Path(__file__).resolve().parent / "gold"


def load_gold():
    return yaml.safe_load((GOLD / "corpus.yaml").read_text(encoding="utf-8"))["stories"]


def gold_triples(story) -> list[Triple]:
    return [
        Triple(e["type"], e.get("source"), e.get("target"), e.get("modality"))
        for e in story.get("events", [])
    ]


@pytest.fixture(scope="module")
def coded(settings):
    return [(story, dateline.code_text(story["text"], settings=settings)) for story in load_gold()]


def test_gold_corpus_is_well_formed():
    stories = load_gold()
    assert len(stories) >= 30
    assert sum(bool(s.get("none")) for s in stories) >= 5
    for story in stories:
        assert story.get("none") or story["events"], story["text"]


def test_scoring_counts_hits_and_misses():
    score = Score()
    gold = [Triple("ACCUSE", "FRA", "RUS", "asserted"), Triple("AID", "ITA", None, "intended")]
    coded = [
        Triple("ACCUSE", "FRA", "RUS", "reported"),
        Triple("AID", "ITA", "LBY", "intended"),
        Triple("ASSAULT", "RUS", "UKR", "asserted"),
    ]
    score.add(gold, coded)
    assert (score.gold_hit, score.coded_hit, score.coded) == (2, 2, 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert score.modality_accuracy == 0.5


def test_gold_scores_stay_above_the_floors(coded):
    floors = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))
    score = Score()
    silent = 0
    for story, doc in coded:
        triples = [triple(e) for e in doc.events]
        score.add(gold_triples(story), triples)
        silent += bool(story.get("none")) and not triples
    figures = score.figures()
    figures["no_event_accuracy"] = round(silent / sum(bool(s.get("none")) for s, _ in coded), 3)
    for name, floor in floors["floors"].items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell below its floor {floor}"
