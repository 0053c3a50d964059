"""Mention look-up for the events stage: which actor mention a word of the parse names.

The actors stage marks the mentions; the events stage only reads them off the document.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Mention

LOCATIVE_RULE = "locative"  # the actors stage's rule for a place after a preposition


def without_locatives(doc: Document) -> Document:
    """The document as the role finders see it: places named after a preposition are
    where an event happened, not who took part in it."""
    return replace(doc, mentions=[m for m in doc.mentions if m.rule != LOCATIVE_RULE])


def mention_of(doc: Document, token) -> Mention | None:
    """The mention at a phrase head: on the head word itself, else inside its left side,
    appositions and of-phrase ("Iranian officials", "the president of Armenia")."""
    end = token.idx + len(token)
    mention = doc.mention_at(token.idx, end) or _mention_elsewhere(doc, token)
    if mention is not None:
        return mention
    start = token.left_edge.idx
    for child in token.rights:
        # "his envoy, Ali Larijani", "the president of Armenia"
        if child.dep_ in {"appos", "compound"} or (child.dep_ == "prep" and child.lower_ == "of"):
            end = child.right_edge.idx + len(child.right_edge)
    return doc.mention_at(start, end)


def _mention_elsewhere(doc: Document, token) -> Mention | None:
    """A word the actors stage left unmarked ("in US custody") that names an actor marked
    elsewhere in the document ("US commanders"): that mention, read as coreference."""
    if token.pos_ != "PROPN":
        return None
    word = token.text
    for mention in doc.mentions:
        words = mention.text.split()
        if words and words[0] == word and doc.actors[mention.actor].country:
            end = token.idx + len(token)
            return Mention(token.idx, end, word, mention.sentence, mention.actor, "events:surface")
    return None


def actor_mentions(doc: Document, head) -> list[Mention]:
    """The mentions of a role's phrase head (a spaCy token, or None when the role was not
    found), one per conjoined actor: "Iran and Syria condemned ..." gives two."""
    if head is None:
        return []
    found: list[Mention] = []
    for token in [head, *head.conjuncts]:
        mention = mention_of(doc, token)
        for each in _sharing_the_span(doc, mention):
            if all(m.actor != each.actor for m in found):
                found.append(each)
    for modifier in head.children:
        # "Hungarian and Romanian officials": conjoined modifiers name distinct actors
        if modifier.dep_ in {"amod", "compound"} and modifier.conjuncts:
            for token in [modifier, *modifier.conjuncts]:
                mention = doc.mention_at(token.idx, token.idx + len(token))
                if mention is not None and all(m.actor != mention.actor for m in found):
                    found.append(mention)
    return found


def _sharing_the_span(doc: Document, mention: Mention | None) -> list[Mention]:
    """``mention`` and the others on exactly its words: "both governments" stands for each
    of the governments named before it."""
    if mention is None:
        return []
    others = [
        m
        for m in doc.mentions
        if (m.start, m.end) == (mention.start, mention.end) and m is not mention
    ]
    return [mention, *others]
