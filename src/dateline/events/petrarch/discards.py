"""PETRARCH discard lists: phrases whose sentence, or whole story, codes no event."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import dictionary_lines


@dataclass(frozen=True)
class Discards:
    """Phrases whose sentence (or, for story discards, whose document) codes no event."""

    sentence: re.Pattern | None = None
    story: re.Pattern | None = None

    def __bool__(self) -> bool:
        return self.sentence is not None or self.story is not None

    def discards_sentence(self, sentence: str) -> bool:
        return self.sentence is not None and self.sentence.search(sentence) is not None

    def discards_story(self, document: str) -> bool:
        return self.story is not None and self.story.search(document) is not None

    def merged(self, other: Discards) -> Discards:
        return Discards(_union(self.sentence, other.sentence), _union(self.story, other.story))


def read_discards(path: Path) -> Discards:
    sentence: list[str] = []
    story: list[str] = []
    for entry in dictionary_lines(path):
        phrase = " ".join(entry.text.replace("_", " ").split())
        if phrase.startswith("+"):
            story.append(phrase[1:].strip())
        elif phrase:
            sentence.append(phrase)
    return Discards(_phrase_regex(sentence), _phrase_regex(story))


def _phrase_regex(phrases: list[str]) -> re.Pattern | None:
    words = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _union(a: re.Pattern | None, b: re.Pattern | None) -> re.Pattern | None:
    if a is None or b is None:
        return a or b
    return re.compile(f"{a.pattern}|{b.pattern}", re.IGNORECASE)
