"""The casualties stage: how many people an event killed, injured or arrested.

A stage after the coders: for each event of a conflict code (``event_codes`` in
data/casualties.toml), the counts its sentence gives are read from the parse ("at
least 106 protesters have been killed", "killing three and wounding 12", "the death
toll rose to 12", "police detained 40 people"); of each kind the count nearest the
trigger is kept as ``Event.fatalities``, ``Event.injured`` or ``Event.arrested``, with
the words that gave it. A sentence that gives no number ("dozens were killed") gives
no count: nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clause import trigger_token
from .model import Count, Document, Event
from .resources import data_path, toml_table
from .settings import Settings

KINDS = ("fatalities", "injured", "arrested")  # named as the Event fields they fill
ARGUMENTS = ("nsubjpass", "nsubj", "dobj")  # "106 protesters were killed", "killing three"
PREDICATES = ("oprd", "acomp", "xcomp")  # "leaving five people dead": the verb's object
TOLL_ARGUMENTS = ("pobj", "attr", "dobj")  # "rose to 12", "is 12", "reached 12"
VOCABULARY_FILE = "casualties.toml"  # under data/
MAX_COUNT = 1_000_000  # larger numbers are sums of money or populations, not people


@dataclass(frozen=True)
class _Kind:
    words: frozenset[str]  # lemmas that say it: kill, die, dead ...
    tolls: frozenset[str]  # nouns whose verb gives the number: "the death toll rose to 12"


@dataclass(frozen=True)
class _Vocabulary:
    event_codes: tuple[str, ...]
    numbers: dict[str, int]
    not_people: frozenset[str]  # "60 percent", "12 km": no count of people
    kinds: dict[str, _Kind]


def _vocabulary() -> _Vocabulary:
    data = toml_table(data_path(VOCABULARY_FILE))
    kinds = {
        name: _Kind(
            frozenset(data["kinds"][name]["words"]), frozenset(data["kinds"][name]["tolls"])
        )
        for name in KINDS
    }
    return _Vocabulary(
        tuple(data["event_codes"]), dict(data["numbers"]), frozenset(data["not_people"]), kinds
    )


class CasualtyCounter:
    """Sets ``fatalities``, ``injured`` and ``arrested`` on the events that have them."""

    def __init__(self, settings: Settings):
        self.vocabulary = _vocabulary()

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        for event in doc.events:
            if event.cameo.code.startswith(self.vocabulary.event_codes):
                self._count(doc, event)
        return doc

    def _count(self, doc: Document, event: Event) -> None:
        sentence = doc.sentences[event.sentence]
        span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
        trigger = trigger_token(doc, event)
        if span is None:
            return
        at = trigger.i if trigger is not None else span.start
        for name, kind in self.vocabulary.kinds.items():
            found = [c for token in span for c in self._counts(token, kind)]
            nearest = min(found, key=lambda c: (abs(c[0].i - at), c[0].i), default=None)
            if nearest is not None:
                setattr(event, name, _as_count(doc, *nearest))

    def _counts(self, token, kind: _Kind):
        """(word, number token, value) for each count that ``token`` says."""
        if token.lemma_.lower() in kind.words:
            holders = [token]
            if token.dep_ in PREDICATES:
                holders.append(token.head)  # "leaving [five people] dead"
            for holder in holders:
                for number in self._numbers(holder, ARGUMENTS):
                    yield token, *number
        elif token.lemma_.lower() in kind.tolls:
            verb = token.head  # "the death toll rose to 12"
            places = [verb, *(c for c in verb.children if c.dep_ == "prep")]
            for place in places:
                for number in self._numbers(place, TOLL_ARGUMENTS, own=False):
                    yield token, *number

    def _numbers(self, head, dependencies, own: bool = True):
        """Numbers counting ``head`` ("three fatalities") or its arguments."""
        arguments = [c for c in head.children if c.dep_ in dependencies]
        for candidate in ([head] if own else []) + arguments:
            for number in [candidate, *(c for c in candidate.children if c.dep_ == "nummod")]:
                value = self._value(number)
                if value is not None:
                    yield number, value

    def _value(self, token) -> int | None:
        if token.pos_ != "NUM" and not token.like_num:
            return None
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if following in self.vocabulary.not_people:
            return None
        written = token.text.replace(",", "")
        value = int(written) if written.isdigit() else self.vocabulary.numbers.get(token.lower_)
        return value if value is not None and 0 < value < MAX_COUNT else None


def _as_count(doc: Document, word, number, value: int) -> Count:
    """The count with its words: from the number's qualifiers to the word that says it,
    and the people it counts ("arrested 40 protesters")."""
    counted = number.head.i if number.dep_ == "nummod" else number.i
    start = min(number.left_edge.i, word.i)
    end = max(counted, word.i) + 1
    return Count(value, doc.parsed[start:end].text)
