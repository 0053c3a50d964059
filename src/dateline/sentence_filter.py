"""The pre-parse sentence filter: most sentences of a news archive hold no event, so only
those that could yield one are parsed.

A sentence is *eventful* when one of its words may be a trigger (a lemma of the loaded
patterns, with the words that pattern needs beside it) and it holds an actor candidate
(a capitalised word that is not a stop word, or a cue word of the actor vocabularies).
The actors stage also needs the sentences that name whom an eventful sentence refers
back to, so these are kept as context: for each eventful sentence, the first earlier
sentence naming each of its capitalised words that no one-word dictionary name codes
(where "Larijani" is "Iran's negotiator Ali Larijani"; "Iran" is coded wherever it
stands), and, when it holds a pronoun or a definite description, the sentences of the
coreference window before it that name someone.

The filter sees tokens only (no tagger, no parser), so a word's lemma is any lemma the
model's lemmatizer could give it: the filter errs towards keeping. One exception: a month
or weekday name written in title case inside a sentence ("on March 3") is a date, never a
trigger ("march") nor an actor's name; news copy is full of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .events import Trigger
from .kb.lexicon import token_key
from .kb.timex import vocabulary


@dataclass(frozen=True)
class ActorCues:
    """What an actor candidate looks like before the parse."""

    words: frozenset[str]  # lower-case words that may be a mention ("police", "he")
    referring: frozenset[str]  # pronouns and descriptions: they need an earlier sentence
    window: int  # sentences back a pronoun or description may reach
    names: frozenset[str] = frozenset()  # one-word dictionary names, as lookup keys


@dataclass
class _Words:
    """One sentence as the filter sees it."""

    forms: set[str]  # its words in lower case
    lemmas: set[str]  # every lemma they may have (the forms among them)
    names: set[str]  # capitalised words that are names, in lower case
    refers: bool = False  # it holds a pronoun or a definite description


@dataclass(frozen=True)
class _Word:
    """One written word as the filter sees it."""

    form: str  # in lower case
    lemmas: frozenset[str]  # every lemma it may have
    capitalised: bool  # written as a name would be
    common: bool  # a common word: capitalised at a sentence's start it is no name
    referring: bool  # a pronoun or definite description
    calendar: bool  # a month or weekday name in title case: a date, not a name


WORD_MEMO = 20_000  # spellings whose reading is kept (as GUESS_CACHE in nlp)


class SentenceFilter:
    """``keep(sentences)``: for each tokenized sentence, whether it is parsed."""

    def __init__(
        self,
        triggers: Mapping[str, tuple[Trigger, ...]],
        cues: ActorCues,
        lemmas: Callable[[str], frozenset[str]],
        common_words: frozenset[str],
    ):
        self.needs = {lemma: _word_needs(rules) for lemma, rules in triggers.items()}
        self.cues = cues
        self.lemmas = lemmas
        self.common_words = common_words  # a capitalised one opening a sentence is no name
        words = vocabulary()
        self.calendar_names = frozenset(words["months"]) | frozenset(words["weekdays"])
        self._memo: dict[str, _Word] = {}

    def keep(self, sentences: Sequence[Span]) -> list[bool]:
        seen = [self._words(sentence) for sentence in sentences]
        keep = [False] * len(seen)
        first_naming: dict[str, int] = {}
        for i, words in enumerate(seen):
            if self._eventful(words):
                keep[i] = True
                self._keep_context(keep, i, seen, first_naming)
            for name in words.names:
                first_naming.setdefault(name, i)
        return keep

    def _keep_context(
        self, keep: list[bool], i: int, seen: list[_Words], first_naming: dict[str, int]
    ) -> None:
        """Mark the sentences naming whom sentence ``i`` may refer back to."""
        for name in seen[i].names:
            if name in first_naming and token_key(name) not in self.cues.names:
                keep[first_naming[name]] = True
        if seen[i].refers:
            for j in range(max(0, i - self.cues.window), i):
                keep[j] = keep[j] or self._has_actor(seen[j])

    def _words(self, sentence: Span) -> _Words:
        words = _Words(set(), set(), set())
        for token in sentence:
            word = self._word(token)
            if word.calendar and token.i > sentence.start:
                continue
            words.forms.add(word.form)
            words.lemmas.update(word.lemmas)
            words.refers = words.refers or word.referring
            if word.capitalised and not (token.i == sentence.start and word.common):
                words.names.add(word.form)
        return words

    def _word(self, token) -> _Word:
        """What the filter reads of a written word, worked out once per spelling (news
        reuses a small core of words; the memo is bounded for an archive's long tail)."""
        word = self._memo.get(token.text)
        if word is None:
            if len(self._memo) >= WORD_MEMO:
                self._memo.clear()
            form = token.lower_
            lemmas = self.lemmas(form)
            word = _Word(
                form,
                lemmas,
                capitalised=_capitalised(token),
                common=bool(lemmas & self.common_words),
                referring=form in self.cues.referring,
                calendar=form in self.calendar_names and token.text.istitle(),
            )
            self._memo[token.text] = word
        return word

    def _has_actor(self, words: _Words) -> bool:
        # the lemmas hold the forms: "soldiers" is the cue word "soldier"
        return bool(words.names or words.lemmas & self.cues.words)

    def _eventful(self, words: _Words) -> bool:
        if not self._has_actor(words):
            return False
        needed = words.lemmas | words.forms  # word slots name forms ("taxes"), the rest lemmas
        return any(
            all(any(entry <= needed for entry in need) for need in needs)
            for lemma in words.lemmas & self.needs.keys()
            for needs in self.needs[lemma]
        )


WordNeeds = tuple[frozenset[str], ...]  # one need: its entries, each as the words it holds


def _word_needs(rules: tuple[Trigger, ...]) -> frozenset[tuple[WordNeeds, ...]]:
    """What each of a lemma's triggers needs, as word sets ("take part": both words); a
    trigger needing nothing stands for all (the lemma alone is enough)."""
    compiled = frozenset(
        tuple(tuple(frozenset(entry.split()) for entry in need) for need in rule.needs)
        for rule in rules
    )
    return frozenset({()}) if () in compiled else compiled


def _capitalised(token) -> bool:
    """ "Iran", "Larijani", "NATO", "U.S.", not a capitalised stop word ("The", "He")."""
    return token.text[:1].isupper() and token.text.replace(".", "").isalpha() and not token.is_stop
