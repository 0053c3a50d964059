"""Components: the assembled pipeline is checked, a user's coder plugs in by entry point,
pipelines are cached within bounds, and the API's injection points reach the stages."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dateline.api import code_paths, code_text
from dateline.errors import PipelineError
from dateline.ingest.fetch import Fetched
from dateline.pipeline import runner
from dateline.pipeline.components import Factory, Registry, check
from dateline.pipeline.runner import pipeline_for
from dateline.pipeline.stages import Pipeline
from dateline.settings import Settings

STORY = (
    "ROME, May 2, 2022 (ANSA) - Italian police arrested three Albanian smugglers in Bari, "
    "officials said.\n"
)


def test_a_stage_whose_requirements_no_earlier_stage_assigns_fails_at_assembly():
    with pytest.raises(PipelineError, match=r"'events' requires doc.actors, doc.mentions"):
        Pipeline(Settings(stages=("events", "when")))


def test_an_unknown_or_repeated_stage_fails_at_assembly_naming_the_known_ones():
    with pytest.raises(PipelineError, match=r"no stage named 'coder' \(known: actors, "):
        Pipeline(Settings(stages=("actors", "coder")))
    with pytest.raises(PipelineError, match="classifier is on, but the stages"):
        Pipeline(Settings(stages=("actors", "events"), classifier=True))
    registry = Registry()
    with pytest.raises(PipelineError, match="'actors' is given twice"):
        check([registry.get("actors"), registry.get("actors")])


PLUGIN = '''
class Certain:
    """Sets every event's confidence to 1: a user's stage after the shipped coders."""

    name = "{name}"
    version = "certain.v1"
    assigns = ("event.confidence",)
    requires = ("doc.events",)

    def build(self, settings):
        return self.stage

    @staticmethod
    def stage(doc):
        for event in doc.events:
            event.confidence = 1.0
        return doc


component = Certain()
'''


def install_plugin(folder, monkeypatch, *, entry="certain", name="certain"):
    """A package installed the way pip installs one: its module and its dist-info."""
    module = f"dateline_plugin_{entry}_{name}"
    (folder / f"{module}.py").write_text(PLUGIN.format(name=name))
    info = folder / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[dateline.components]\n{entry} = {module}:component\n")
    monkeypatch.syspath_prepend(str(folder))


def test_a_users_stage_plugs_in_through_an_entry_point(tmp_path, monkeypatch):
    install_plugin(tmp_path, monkeypatch)
    stages = ("actors", "events", "casualties", "when", "where", "certain")
    settings = Settings(stages=stages)
    pipeline = Pipeline(settings)
    assert pipeline.versions["certain"] == "certain.v1"
    assert pipeline.parser.sentence_filter is not None  # it codes no events: filter kept
    doc = code_text(STORY, settings=settings)
    assert doc.events and {event.confidence for event in doc.events} == {1.0}
    assert "certain" not in Registry(plugins=()).names()


def test_an_entry_point_must_name_its_component_and_not_a_shipped_stage(tmp_path, monkeypatch):
    install_plugin(tmp_path, monkeypatch, entry="sure", name="certain")
    with pytest.raises(PipelineError, match="entry point 'sure' .* named 'certain'"):
        Registry().get("sure")
    install_plugin(tmp_path, monkeypatch, entry="when", name="when")
    with pytest.raises(PipelineError, match=r"reuse the names of shipped stages: \['when'\]"):
        Registry()


def test_another_event_coder_turns_the_sentence_filter_off():
    def make(settings):
        return lambda doc: doc

    coder = Factory("rules", "rules.v1", ("doc.events",), ("doc.mentions",), make)
    settings = Settings(stages=("actors", "events", "rules", "when"))
    pipeline = Pipeline(settings, registry=Registry().replacing(coder))
    assert [stage.name for stage in pipeline.stages] == ["actors", "events", "rules", "when"]
    assert pipeline.parser.sentence_filter is None


def test_a_users_actors_stage_under_the_shipped_name_turns_the_sentence_filter_off():
    # the filter asks the shipped actors stage for its cue words; another one has none
    actors = Factory(
        "actors", "mine.v1", ("doc.actors", "doc.mentions"), ("doc.parsed",), lambda s: _same
    )
    pipeline = Pipeline(Settings(), registry=Registry().replacing(actors))
    assert pipeline.versions["actors"] == "mine.v1"
    assert pipeline.parser.sentence_filter is None


def _same(doc):
    return doc


def test_pipelines_are_cached_by_settings_and_user_files_within_a_bound(tmp_path, monkeypatch):
    actors = tmp_path / "actors.csv"
    actors.write_text("name,country,sector\nZorblat Vunn,ITA,GOV\n")
    settings = Settings(stages=("actors",), actor_files=(actors,))
    first = pipeline_for(settings)
    assert pipeline_for(settings) is first
    actors.write_text("name,country,sector\nZorblat Vunn,FRA,GOV\nQ Ratter,ITA,REB\n")
    edited = pipeline_for(settings)
    assert edited is not first
    monkeypatch.setattr(runner, "PIPELINES_KEPT", 2)
    for size in (7, 8):
        pipeline_for(replace(settings, batch_size=size))
    assert pipeline_for(settings) is not edited  # pushed out by the two since


class FixedEmbedder:
    """The same vector for every sentence; remembers what it was asked to embed."""

    def __init__(self, vector):
        self.vector = np.asarray(vector, dtype=np.float32)
        self.seen: list[str] = []

    def encode(self, sentences):
        self.seen.extend(sentences)
        return np.tile(self.vector, (len(sentences), 1))


QUIET = STORY + "The Italian government was quiet about the matter on Tuesday.\n"


def test_an_injected_classifier_codes_the_sentences_the_patterns_left():
    from dateline.events.classifier import EventTypeClassifier, LinearModel

    model = LinearModel(("NONE", "PROTEST"), np.array([[0.0, 0.0], [0.0, 9.0]]), np.zeros(2))
    embedder = FixedEmbedder([0.0, 1.0])
    classifier = EventTypeClassifier(embedder=embedder, model=model)
    doc = code_text(QUIET, settings=Settings(classifier=True), classifier=classifier)
    assert any(s.startswith("The Italian government was quiet") for s in embedder.seen)
    guessed = [e for e in doc.events if e.coder == "classifier.v1"]
    assert guessed and {e.plover.type for e in guessed} == {"PROTEST"}


def test_an_injected_embedder_reaches_the_shipped_classifier():
    from dateline.events.classifier import LinearModel

    dimensions = LinearModel.load().weights.shape[0]
    embedder = FixedEmbedder(np.eye(dimensions)[0])
    code_text(QUIET, settings=Settings(classifier=True), embedder=embedder)
    assert any(s.startswith("The Italian government was quiet") for s in embedder.seen)
    with pytest.raises(PipelineError, match="workers 1"):
        list(code_paths(["x.txt"], settings=Settings(workers=2), embedder=embedder))


class PageFetcher:
    """Serves one page for every URL, with no network."""

    def __init__(self, page: bytes):
        self.page = page
        self.asked: list[str] = []

    def fetch(self, url):
        self.asked.append(url)
        return Fetched(url, self.page, "text/html; charset=utf-8")


def test_code_paths_takes_a_fetcher():
    page = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()
    fetcher = PageFetcher(page)
    url = "https://news.example.org/bari"
    batches = list(code_paths([url], settings=Settings(), fetcher=fetcher))
    assert fetcher.asked == [url]
    assert [doc.url for batch in batches for doc in batch.documents] == [url]
    assert sum(len(batch.records) for batch in batches) > 0
