"""What a dictionary phrase names (``Entry``), role nouns, the phrases found in a text
(``DictionaryMatch``), and the lookup keys of phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from ...model import ActorKind


class EntryKind(StrEnum):
    """What a dictionary entry names (``Entry.kind``): an actor's kind, or a place or
    people that stands for a country."""

    PERSON = ActorKind.PERSON.value
    GROUP = ActorKind.GROUP.value
    STATE = ActorKind.STATE.value
    ORGANISATION = ActorKind.ORGANISATION.value
    CAPITAL = "capital"  # a capital standing for its government: "Washington says"
    DEMONYM = "demonym"  # "Iranian", "the Iranians"
    REGION = "region"  # a region standing for a country: "Kurdistan"


# the kinds a user's dictionary may give (the rest the shipped country tables give)
KINDS = (EntryKind.PERSON, EntryKind.GROUP, EntryKind.STATE, EntryKind.ORGANISATION)
# the kinds that name a country: a misspelling may stand for them, and a phrase's country
# comes from them
COUNTRY_KINDS = frozenset({EntryKind.STATE, EntryKind.CAPITAL, EntryKind.DEMONYM, EntryKind.REGION})


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: what a phrase names, and where that knowledge came from."""

    name: str
    country: str | None
    sector: str | None
    kind: EntryKind
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
    kind: ActorKind  # what the singular names: a person or an organisation
    words: str


@dataclass(frozen=True)
class DictionaryMatch:
    """A dictionary phrase found in a word sequence: its span [start, end) and its entry."""

    start: int
    end: int
    entry: Entry


def phrase_key(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: lower-case words, periods and hyphens ignored."""
    text = re.sub(r"(\w)['’]s\b", r"\1 's", text)  # spaCy splits the possessive off
    return tuple(w for w in (token_key(t) for t in re.split(r"[\s_\-]+", text)) if w)


@lru_cache(maxsize=20_000)  # called for every token of every parsed sentence
def token_key(text: str) -> str:
    """The lookup form of one token: ``U.S.`` -> ``us``, ``Iran’s`` -> ``iran's``."""
    return re.sub(r"[^\w']", "", text.lower().replace("’", "'").replace(".", ""))
