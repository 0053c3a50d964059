"""PETRARCH's argument rule, for events coded by PETRARCH-format patterns.

PETRARCH2 reads a verb's arguments off its phrase tree: the source is the first actor in
the noun phrase before the verb, the target the first actor anywhere in the verb phrase
after it, however deep ("condemned an attack by Valdorian soldiers", "the reopening of
guest houses in Kestria", "an anti-Kestria parade"). Dateline's role rules look in named
grammatical places first; where they find no actor for a pattern read from a PETRARCH
verb dictionary (``Pattern.phrase_arguments``), this rule is the fallback:

- target: the first actor named (not a pronoun) in a passive verb's subject, else among
  the words the verb governs after it, places included, never the event's source;
  coordinated, parenthetical and relative clauses on the verb, and phrases of time or
  circumstance ("after a clash in X": words.yaml's circumstance_prepositions), are not
  its phrase;
- source: the first actor named in the subject phrase of the verb, or of the verb it
  complements ("Valdoria was seen to break into ...": the passive's subject controls
  the complement).

Either rule also replaces a role the role rules read off the words around a head that
names no actor: "welcomed a resumption of ties between X and Y" targets X and Y, "the
leaders of X, Y and Z met" has three sources (the first actor and its conjuncts).
"""

from __future__ import annotations

from ..model import Document, Mention
from .doers import DESCRIBED_RULES
from .patterns import PatternSet
from .role_words import RoleHead
from .roles import EventRoles

# a verb's dependents that are not its phrase: another clause, a parenthesis, a relative
# clause (and an adverbial clause with a conjunction: see _verb_phrase)
OUTSIDE_THE_PHRASE = {"conj", "cc", "parataxis", "punct", "relcl", "appos"}
# how a complement hangs on the verb whose subject it shares
CONTROLLED = {"xcomp", "advcl", "conj"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
MAX_CONTROL_DEPTH = 3


def phrase_roles(
    trigger, people: Document, doc: Document, patterns: PatternSet, roles: EventRoles
) -> EventRoles:
    """``roles`` with PETRARCH's rule filling a role the role rules left empty. ``people``
    holds the actor mentions (places left out), ``doc`` all of them: a source is an actor,
    a target may be a place, as in PETRARCH."""
    source_role, target_role = roles.source, roles.target
    if source_role is None or _loose(source_role.token, people, set()):
        subject = _subject_phrase(trigger)
        token = _first_named(subject, people, excluded=set()) if subject is not None else None
        if token is not None:
            source_role = RoleHead(token, "phrase:subject")
    excluded = _actors_of(source_role.token, people) if source_role is not None else set()
    if target_role is None or _loose(target_role.token, doc, excluded):
        words = _passive_subject(trigger) + _verb_phrase(trigger, patterns)
        token = _first_named(words, doc, excluded)
        if token is not None:
            target_role = RoleHead(token, "phrase:first-actor")
    return EventRoles(source_role, target_role)


def _loose(token, doc: Document, excluded: set[int]) -> bool:
    """A role whose head word names no actor, read off the words around it ("welcomed a
    resumption of ties between X and Y", "the leaders of X, Y and Z met"): the first actor
    named in the phrase, with its conjuncts, is the better reading there. So is a role
    that is the source again or a pronoun's ("X arrived in Y on his first visit", "X
    warned their people about Y")."""
    mention = _mention_over(doc, token)
    return mention is None or mention.actor in excluded or _pronoun(mention, token)


def _verb_phrase(verb, patterns: PatternSet) -> list:
    """The words the verb governs after it, in order, other clauses on it and phrases of
    time or circumstance left out: "delayed the talks after a clash in X", "after X was
    seen"; "signed an accord to supply X" keeps its purpose clause."""
    cut = {t.i for c in verb.rights if _outside(c, patterns) for t in c.subtree}
    return [t for t in verb.subtree if t.i > verb.i and t.i not in cut]


def _outside(dependent, patterns: PatternSet) -> bool:
    if dependent.dep_ in OUTSIDE_THE_PHRASE:
        return True
    if dependent.dep_ == "advcl":
        return any(c.dep_ == "mark" for c in dependent.children)
    return dependent.lower_ in patterns.words.circumstance_prepositions


def _passive_subject(verb) -> list:
    """A passive verb's subject phrase: what the act was done to ("X was opposed by Y")."""
    return [t for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree]


def _subject_phrase(verb) -> list | None:
    """The words of the verb's subject phrase; for a complement with none, those of the
    subject of the verb it complements. A passive verb's own subject is what the act
    was done to, never its source."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    token = verb
    for _ in range(MAX_CONTROL_DEPTH):
        # the parser may give a verb two subjects: "Old foes Gondor and Arnor have met"
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects:
            return [t for subject in subjects for t in subject.subtree]
        if token.dep_ not in CONTROLLED or token.head.i == token.i:
            return None
        token = token.head
    return None


def _first_named(tokens: list, doc: Document, excluded: set[int]):
    """The first token naming an actor (by a mention over it) not in ``excluded``; a
    pronoun's mention ("their schools") and a described group ("prisoners", whose country
    the actors stage guessed from the sentence) name nobody here."""
    for token in tokens:
        mention = _mention_over(doc, token)
        if mention is None or mention.actor in excluded or mention.rule in DESCRIBED_RULES:
            continue
        if not _pronoun(mention, token):
            return token
    return None


def _pronoun(mention: Mention, token) -> bool:
    words = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return words is None or words[0].pos_ == "PRON"


def _actors_of(token, doc: Document) -> set[int]:
    """The actors named in a role's phrase and its conjuncts: never the target too."""
    words = [t for head in (token, *token.conjuncts) for t in head.subtree]
    return {m.actor for t in words if (m := _mention_over(doc, t)) is not None}


def _mention_over(doc: Document, token) -> Mention | None:
    return doc.mention_at(token.idx, token.idx + len(token))
