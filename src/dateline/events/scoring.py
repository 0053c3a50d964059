"""Scoring coded events against gold events: type + dyad precision, recall and F1.

A gold event is hit when a coded event of the same PLOVER type has the same source and
target countries; a gold role left empty (None) accepts any coded role. Used by the gold
quality gate (tests/test_gold.py) and by benchmarks/events.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Event

Role = str | frozenset[str] | None  # a country, a set of acceptable countries, or any


@dataclass(frozen=True)
class Triple:
    type: str | None
    source: Role
    target: Role
    modality: str | None = None

    def hits(self, coded: Triple) -> bool:
        return (
            self.type == coded.type
            and _accepts(self.source, coded.source)
            and _accepts(self.target, coded.target)
        )


def _accepts(gold: Role, coded: Role) -> bool:
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
