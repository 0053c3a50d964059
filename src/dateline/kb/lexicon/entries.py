"""What a dictionary phrase names (``Entry``), role nouns, and the lookup keys of phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("person", "group", "state", "organisation")


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: what a phrase names, and where that knowledge came from."""

    name: str
    country: str | None
    sector: str | None
    kind: str  # person | group | state | organisation | capital | demonym | region
    source: str  # file (and line) the entry came from: the evidence
    valid_from: date | None = None
    valid_to: date | None = None
    priority: int = 0  # shipped 0; user files 1, 2 ... in the order given

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    @property
    def span_days(self) -> int:
        """How long the entry holds (an open end reaches the calendar's end)."""
        return ((self.valid_to or date.max) - (self.valid_from or date.min)).days


@dataclass(frozen=True)
class Role:
    """A role noun ("minister", "riot police") and the sector it codes."""

    sector: str
    kind: str  # what the singular names: person | organisation
    words: str


def phrase_key(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: lower-case words, periods and hyphens ignored."""
    text = re.sub(r"(\w)['’]s\b", r"\1 's", text)  # spaCy splits the possessive off
    return tuple(w for w in (token_key(t) for t in re.split(r"[\s_\-]+", text)) if w)


def token_key(text: str) -> str:
    """The lookup form of one token: ``U.S.`` -> ``us``, ``Iran’s`` -> ``iran's``."""
    return re.sub(r"[^\w']", "", text.lower().replace("’", "'").replace(".", ""))
