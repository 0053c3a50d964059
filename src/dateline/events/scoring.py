"""Scoring coded events against gold events: type + dyad precision, recall and F1.

A gold event is hit when a coded event of the same PLOVER type has the same source and
target countries; a gold role left empty (None) accepts any coded role. A gold story may
also rule events out: ``none: true`` (no event at all) or ``must_not`` (PLOVER types it
must not yield); such a story is a non-event story, and it is respected when no coded
event is ruled out. Used by the gold quality gate (tests/test_gold.py) and by
benchmarks/events.py; the gold file format is in tests/gold/corpus.yaml's header.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, InputError
from ..model import Event
from ..resources import read_text, yaml_data
from .ontology import PLOVER_TYPES

KINDS_FILE = "kinds.yaml"  # beside every gold file: the kinds a story may have

# a role's country: one country, a set of acceptable countries, or (gold only) any
RoleCountry = str | frozenset[str] | None


@dataclass(frozen=True)
class Triple:
    type: str | None
    source: RoleCountry
    target: RoleCountry
    modality: str | None = None

    def hits(self, coded: Triple) -> bool:
        return (
            self.type == coded.type
            and _accepts(self.source, coded.source)
            and _accepts(self.target, coded.target)
        )


def _accepts(gold: RoleCountry, coded: RoleCountry) -> bool:
    if gold is None:
        return True
    if isinstance(gold, frozenset):
        return coded in gold
    return gold == coded


def triple(event: Event) -> Triple:
    return Triple(
        event.plover.type if event.plover else None,
        event.source.country if event.source else None,
        event.target.country if event.target else None,
        event.modality,
    )


@dataclass
class Score:
    gold: int = 0
    coded: int = 0
    gold_hit: int = 0
    coded_hit: int = 0
    modality_right: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold type, coded type or "-")

    def add(self, gold: list[Triple], coded: list[Triple]) -> None:
        """One text: its gold events and the events coded from it."""
        self.gold += len(gold)
        self.coded += len(coded)
        used: set[int] = set()
        for wanted in gold:
            match = next((i for i, c in enumerate(coded) if i not in used and wanted.hits(c)), None)
            if match is not None:
                used.add(match)
                self.gold_hit += 1
                self.modality_right += wanted.modality in (None, coded[match].modality)
            types = [c.type for c in coded] or ["-"]
            coded_type = wanted.type if wanted.type in types else types[0]
            self.confusion[(wanted.type, coded_type)] += 1
        self.coded_hit += sum(any(g.hits(c) for g in gold) for c in coded)

    @property
    def precision(self) -> float:
        return self.coded_hit / self.coded if self.coded else 0.0

    @property
    def recall(self) -> float:
        return self.gold_hit / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def modality_accuracy(self) -> float:
        return self.modality_right / self.gold_hit if self.gold_hit else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "modality_accuracy": round(self.modality_accuracy, 3),
        }


@dataclass(frozen=True)
class GoldStory:
    text: str
    kind: str  # one of the gold file's ``kinds``: an ACLED kind, diplomacy, or a non-event kind
    events: tuple[Triple, ...]
    none: bool = False  # the story yields no event at all
    must_not: frozenset[str] = frozenset()  # PLOVER types the story must not yield

    @property
    def non_event(self) -> bool:
        return self.none or bool(self.must_not)

    def respected(self, coded: list[Triple]) -> bool:
        """No coded event is one the story rules out."""
        if self.none:
            return not coded
        return not any(c.type in self.must_not for c in coded)


@dataclass(frozen=True)
class GoldCorpus:
    kinds: dict[str, str]  # kind -> what it covers
    stories: tuple[GoldStory, ...]


def read_gold(path: Path) -> GoldCorpus:
    """A gold file's stories, checked against the ontology and the ``kinds.yaml`` beside it."""
    kinds = yaml_data(path.parent / KINDS_FILE)["kinds"]
    data = yaml_data(path)
    stories = tuple(_story(path, kinds, number, raw) for number, raw in enumerate(data["stories"]))
    return GoldCorpus(kinds, stories)


def _story(path: Path, kinds: dict[str, str], number: int, raw: dict) -> GoldStory:
    where = f"{path} story {number + 1}"
    events = tuple(
        Triple(e["type"], e.get("source"), e.get("target"), e.get("modality"))
        for e in raw.get("events") or []
    )
    story = GoldStory(
        _text(path, where, raw),
        raw.get("kind", ""),
        events,
        bool(raw.get("none")),
        frozenset(raw.get("must_not") or ()),
    )
    unknown = ({e.type for e in events} | story.must_not) - set(PLOVER_TYPES)
    if unknown:
        raise InputError(where, f"unknown PLOVER types {sorted(unknown)}")
    if story.kind not in kinds:
        raise InputError(where, f"kind {story.kind!r} is not one of {KINDS_FILE}")
    if story.none and events:
        raise InputError(where, "a story marked none: true has no events")
    if not (story.none or events or story.must_not):
        raise InputError(where, "a story needs events, none: true or must_not")
    return story


def _text(path: Path, where: str, raw: dict) -> str:
    """The story's ``text``, or the article its ``file`` names (relative to the gold file)."""
    if "text" in raw:
        return raw["text"]
    try:
        return read_text(path.parent / raw["file"])
    except (KeyError, ConfigError) as exc:
        raise InputError(where, f"no text and no readable file ({exc})") from exc


@dataclass
class GoldScore:
    """Type + dyad scores over gold stories, and how many non-event stories were respected."""

    score: Score = field(default_factory=Score)
    stories: int = 0
    non_event: int = 0
    respected: int = 0

    def add(self, story: GoldStory, coded: list[Triple]) -> None:
        self.stories += 1
        self.score.add(list(story.events), coded)
        if story.non_event:
            self.non_event += 1
            self.respected += story.respected(coded)

    @property
    def non_event_rate(self) -> float:
        """The share of non-event stories that yield no event they rule out."""
        return self.respected / self.non_event if self.non_event else 1.0

    def figures(self) -> dict[str, float]:
        return {**self.score.figures(), "non_event_rate": round(self.non_event_rate, 3)}
