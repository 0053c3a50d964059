"""The pre-parse sentence filter: most sentences of a news archive hold no event, so only
those that could yield one are parsed.

A sentence is *eventful* when one of its words may be a trigger (a lemma of the loaded
patterns, with the words that pattern needs beside it) and it holds an actor candidate
(a capitalised word that is not a stop word, or a cue word of the actor vocabularies).
The actors stage also needs the sentences that name whom an eventful sentence refers
back to, so these are kept as context: for each eventful sentence, the first earlier
sentence naming each of its capitalised words (where "Larijani" is "Iran's negotiator
Ali Larijani"), and, when it holds a pronoun or a definite description, the sentences
of the coreference window before it that name someone.

The filter sees tokens only (no tagger, no parser), so a word's lemma is any lemma the
model's lemmatizer could give it: the filter errs towards keeping.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .events.coder import Trigger


@dataclass(frozen=True)
class ActorCues:
    """What an actor candidate looks like before the parse."""

    words: frozenset[str]  # lower-case words that may start a mention ("police", "he")
    referring: frozenset[str]  # pronouns and descriptions: they need an earlier sentence
    window: int  # sentences back a pronoun or description may reach


class SentenceFilter:
    """``keep(sentences)``: for each tokenized sentence, whether it is parsed."""

    def __init__(
        self,
        triggers: Mapping[str, tuple[Trigger, ...]],
        cues: ActorCues,
        lemmas: Callable[[str], frozenset[str]],
    ):
        self.triggers = triggers
        self.cues = cues
        self.lemmas = lemmas

    def keep(self, sentences: Sequence[Span]) -> list[bool]:
        words = [self._words(sentence) for sentence in sentences]
        names = [_names(sentence) for sentence in sentences]
        keep = [False] * len(sentences)
        first_naming: dict[str, int] = {}
        for i in range(len(sentences)):
            if self._eventful(words[i], names[i]):
                keep[i] = True
                self._keep_context(keep, i, words, names, first_naming)
            for name in names[i]:
                first_naming.setdefault(name, i)
        return keep

    def _keep_context(
        self,
        keep: list[bool],
        i: int,
        words: list[set[str]],
        names: list[set[str]],
        first_naming: dict[str, int],
    ) -> None:
        """Mark the sentences naming whom sentence ``i`` may refer back to."""
        for name in names[i]:
            if name in first_naming:
                keep[first_naming[name]] = True
        if words[i] & self.cues.referring:
            for j in range(max(0, i - self.cues.window), i):
                keep[j] = keep[j] or bool(names[j] or words[j] & self.cues.words)

    def _words(self, sentence: Span) -> set[str]:
        """Every form and possible lemma of the sentence's words, in lower case."""
        words: set[str] = set()
        for token in sentence:
            words.add(token.lower_)
            words.update(self.lemmas(token.lower_))
        return words

    def _eventful(self, words: set[str], names: set[str]) -> bool:
        if not (names or words & self.cues.words):
            return False
        return any(
            _needs_met(trigger, words)
            for word in words
            for trigger in self.triggers.get(word, ())
        )


def _needs_met(trigger: Trigger, words: set[str]) -> bool:
    return all(
        any(all(part in words for part in entry.split()) for entry in need)
        for need in trigger.needs
    )


def _names(sentence: Span) -> set[str]:
    """Capitalised words that are not stop words: "Iran", "Larijani", "NATO"."""
    return {
        token.lower_
        for token in sentence
        if token.text[:1].isupper() and token.text.replace(".", "").isalpha() and not token.is_stop
    }
