"""Mention look-up for the events stage: which actor the words of the parse name.

The actors stage marks the mentions; the events stage only reads them off the document,
as ``ActorWords``: it never makes a mention of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import ActorRef, Document, Mention, MentionRule

# the actors stage's rules of a group it only described: "gunmen", "the men"
DESCRIBED_RULES = frozenset({MentionRule.ROLE, MentionRule.COREF_DESCRIPTION})


@dataclass(frozen=True)
class ActorWords:
    """Words of the text naming an actor: a mention the actors stage made, or a proper
    noun it left unmarked that stands for the actor of one of its mentions elsewhere."""

    mention: Mention  # the actors stage's mention of the actor
    start: int
    end: int
    text: str
    # a proper noun the actors stage left unmarked, read as the mention's actor ("in US
    # custody" after "US commanders"): the mention's rule says nothing of these words
    surface: bool = False

    @classmethod
    def of(cls, mention: Mention) -> ActorWords:
        return cls(mention, mention.start, mention.end, mention.text)

    @property
    def locative(self) -> bool:
        """A place after a preposition, which events take only as a place-like target."""
        return not self.surface and self.mention.rule == MentionRule.LOCATIVE

    @property
    def described(self) -> bool:
        """A group the actors stage only described ("gunmen"), not one it named."""
        return not self.surface and self.mention.rule in DESCRIBED_RULES

    @property
    def actor(self) -> int:
        """The actor's index in ``Document.actors``."""
        return self.mention.actor

    def actor_ref(self, doc: Document) -> ActorRef:
        """The actor as it takes part in an event, written as these words."""
        return replace(doc.actor_ref(self.mention), text=self.text)


def without_locatives(doc: Document) -> Document:
    """The document as the role finders see it: places named after a preposition are
    where an event happened, not who took part in it."""
    return replace(doc, mentions=[m for m in doc.mentions if m.rule != MentionRule.LOCATIVE])


def mention_of(doc: Document, token) -> ActorWords | None:
    """The actor named at a phrase head: on the head word itself, else inside its left
    side, appositions and of-phrase ("Iranian officials", "the president of Armenia")."""
    end = token.idx + len(token)
    mention = doc.mention_at(token.idx, end)
    if mention is not None:
        return ActorWords.of(mention)
    elsewhere = _mention_elsewhere(doc, token)
    if elsewhere is not None:
        return elsewhere
    start = token.left_edge.idx
    for child in token.rights:
        # "his envoy, Ali Larijani", "the president of Armenia"
        if child.dep_ in {"appos", "compound"} or (child.dep_ == "prep" and child.lower_ == "of"):
            end = child.right_edge.idx + len(child.right_edge)
    mention = doc.mention_at(start, end)
    return ActorWords.of(mention) if mention is not None else None


def _mention_elsewhere(doc: Document, token) -> ActorWords | None:
    """A word the actors stage left unmarked ("in US custody") that names an actor marked
    elsewhere in the document ("US commanders"): that actor, read as coreference."""
    if token.pos_ != "PROPN":
        return None
    word = token.text
    for mention in doc.mentions:
        words = mention.text.split()
        if words and words[0] == word and doc.actors[mention.actor].country:
            return ActorWords(mention, token.idx, token.idx + len(token), word, surface=True)
    return None


def actor_mentions(doc: Document, head) -> list[ActorWords]:
    """The actors named by a role's phrase head (a spaCy token, or None when the role was
    not found), one per conjoined actor: "Iran and Syria condemned ..." gives two."""
    if head is None:
        return []
    found: list[ActorWords] = []
    for token in _listed(head):
        for each in _sharing_the_span(doc, mention_of(doc, token)):
            if all(m.actor != each.actor for m in found):
                found.append(each)
    for modifier in head.children:
        # "Hungarian and Romanian officials": conjoined modifiers name distinct actors, and
        # so do "the army and M23 rebels" read as one phrase (actors/phrases.py _folded)
        if modifier.dep_ in {"amod", "compound", "nmod"} and modifier.conjuncts:
            for token in [modifier, *modifier.conjuncts]:
                mention = _mention_from(doc, token)
                if mention is not None and all(m.actor != mention.actor for m in found):
                    found.append(ActorWords.of(mention))
    return found


def _listed(head) -> list:
    """The head and its conjuncts; "Saudi Arabia, the UAE, Bahrain and Egypt" is often
    parsed as an apposition holding the rest of the list, whose members count too."""
    members = [head, *head.conjuncts]
    for child in head.children:
        if child.dep_ == "appos" and child.conjuncts:
            members += [child, *child.conjuncts]
    return members + _stranded_conjuncts(head)


def _stranded_conjuncts(head) -> list:
    """ "sanctions on North Korea's trading company and two Chinese banks": the parser
    often hangs the second object of the preposition on the noun before it, as a conjunct
    of "sanctions"; such a conjunct with no preposition of its own is the object's too."""
    preposition = head.head
    if head.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.pos_ != "NOUN":
        return []
    return [
        c
        for c in preposition.head.conjuncts
        if c.i > head.i
        and c.pos_ in {"NOUN", "PROPN"}
        and not any(g.dep_ == "prep" for g in c.children)
    ]


def _mention_from(doc: Document, token) -> Mention | None:
    """The mention that starts at the token ("Belarusian banks" in "Russian and Belarusian
    banks"), else the longest one over it."""
    starting = [m for m in doc.mentions if m.start == token.idx]
    if starting:
        return max(starting, key=lambda m: m.end - m.start)
    return doc.mention_at(token.idx, token.idx + len(token))


def _sharing_the_span(doc: Document, words: ActorWords | None) -> list[ActorWords]:
    """``words`` and the other mentions on exactly them: "both governments" stands for
    each of the governments named before it."""
    if words is None:
        return []
    others = [
        ActorWords.of(m)
        for m in doc.mentions
        if (m.start, m.end) == (words.start, words.end) and m is not words.mention
    ]
    return [words, *others]
