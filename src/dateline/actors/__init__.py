"""Actors stage: who takes part in the story, coded with a country and a sector.

Every noun phrase of the parse is a candidate (``phrases``), coded from the dictionaries,
titles, roles and demonyms it is written with (``coding``); a country or city in
locative position ("arrived in Baghdad") gets a mention with rule
``MentionRule.LOCATIVE`` of its country's government (``places``). A described group
("protesters", "gunmen") takes the country of its own place, clause or dateline before
the story's most named country (``setting``). Mentions of the same
entity are then chained (``coref``): repeated names, surnames, pronouns and definite
descriptions. Capitalised words the vocabularies miss may be misspelt country names
("Ethopia").
"""

from __future__ import annotations

from ..kb.gazetteer import load_gazetteer
from ..kb.lexicon import load_lexicon
from ..model import Document
from ..settings import Settings
from .coding import ActorVocabulary, Candidate, CodedActor
from .coref import COMPATIBLE, COREF_WINDOW, Chains
from .phrases import Phrases

__all__ = ["COMPATIBLE", "COREF_WINDOW", "ActorCoder", "ActorVocabulary", "Candidate", "CodedActor"]


class ActorCoder:
    """``coder(doc)`` fills ``doc.actors`` and ``doc.mentions`` from ``doc.parsed``."""

    def __init__(self, settings: Settings):
        self.lexicon = load_lexicon(settings.actor_files)
        self.words = ActorVocabulary.shipped()
        # the places stage's gazetteer (the user's place files too): "in Bree" is the
        # country of the user's Bree, for actors as for event places
        self.gazetteer = load_gazetteer(settings.min_city_population, settings.place_files)

    def cue_words(self) -> frozenset[str]:
        """Lower-case words that may be an actor mention (one-word names, role nouns,
        definite descriptions, pronouns): the pre-parse sentence filter's actor
        candidates beside capitalised words."""
        words = set(self.dictionary_names())
        words.update(key[-1] for key in self.lexicon.roles)  # "foreign minister": minister
        return frozenset(words | self.referring_words())

    def dictionary_names(self) -> frozenset[str]:
        """The one-word names of the dictionaries, as lookup keys ("iran", "us")."""
        return frozenset(key[0] for key in self.lexicon.phrases if len(key) == 1)

    def referring_words(self) -> frozenset[str]:
        """Pronouns and definite descriptions: they refer to an earlier sentence's actor."""
        return frozenset(set(self.lexicon.descriptions) | set(self.words.pronouns))

    def __call__(self, doc: Document) -> Document:
        if not doc.is_parsed:
            return doc
        chains = Chains(doc, self.words)
        chains.link(Phrases(doc, self.lexicon, self.words, self.gazetteer).candidates())
        doc.actors, doc.mentions = chains.actors, chains.mentions
        return doc
