"""The doer named on the means of a violent act: "killed in Israeli strikes".

"At least 30 people were killed in Israeli strikes", "three people died in a Ukrainian
drone attack": the act's doer is the country labelling the attack noun. The actors stage
reads such a phrase after "in" as a place of that country (a locative mention, as it reads
"in Iraqi territory"), so the role finders, which never take a place as a doer, miss it:
this reader takes the label of a violent event noun as its doer's country.
"""

from __future__ import annotations

from ..model import Document
from .mentions import ActorWords, mention_of
from .patterns import PatternSet
from .role_words import RoleHead
from .syntax import is_passive

MEANS_PREPOSITIONS = frozenset({"in", "during", "by"})  # "killed in strikes", "by shelling"


def doer_of_the_means(
    trigger, doc: Document, patterns: PatternSet, violent: frozenset[str]
) -> tuple[list[ActorWords], RoleHead] | None:
    """The labelled attack noun that is the trigger, or the means of a passive violent verb
    ("were killed in Israeli strikes"), as the doer: its mention and role; else None."""
    nouns = [trigger] if trigger.pos_ == "NOUN" else _means(trigger)
    for noun in nouns:
        if not _violent_noun(noun, patterns, violent):
            continue
        mention = mention_of(doc, noun)
        if mention is not None and mention.locative and _labelled(noun):
            return [mention], RoleHead(noun, f"label<-{noun.lemma_.lower()}", inherited=True)
    return None


def _means(verb) -> list:
    if verb.pos_ != "VERB" or not is_passive(verb):
        return []
    return [
        g
        for c in verb.children
        if c.dep_ in {"prep", "agent"} and c.lower_ in MEANS_PREPOSITIONS
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _violent_noun(noun, patterns: PatternSet, violent: frozenset[str]) -> bool:
    candidates = patterns.candidates("noun", patterns.lemma(noun.lemma_.lower()))
    return any(p.code[:2] in violent for p in candidates)


def _labelled(noun) -> bool:
    """A national label before the noun: "Israeli strikes", "a Ukrainian drone attack"."""
    return any(c.dep_ in {"amod", "compound", "nmod"} and c.i < noun.i for c in noun.children)
