"""One-link role readers: the phrase head a role names next to the trigger.

Each reader looks one grammatical link away from a word (its object, possessor, modifier,
prepositional object, by-phrase ...) and says where it looked; roles.py's table chooses
among them and walks further (subjects inherited, support verbs, complements).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..kb.spatial import locating_prepositions
from .syntax import OBJECTS, TIME_ENTITIES, dependent, is_passive

BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
# the prepositions of an event noun's own arguments, whose objects may hold its further
# roles: "a visit by the minister to Lima", "a suspension of air links with Peru"
NOUN_ARGUMENT_PREPOSITIONS = frozenset({"by", "of"})


@dataclass(frozen=True)
class RoleHead:
    """Where an actor was found: the head token of its phrase and the parse path to it.
    ``inherited``: found through another word's role (a governing verb's subject, an
    unnamed object's phrase) or implied, not on the trigger itself: a coding less sure."""

    token: object  # spaCy Token
    path: str
    inherited: bool = False


def by_its_doer(role: RoleHead) -> RoleHead | None:
    """ "rejected recent calls by Belarus's rulers": an unnamed object's by-phrase; or
    the by-phrase of a participle on it ("rockets fired by Hezbollah")."""
    found = _phrase_on(role, {"by"})
    if found is not None:
        return found
    for participle in role.token.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            agent = dependent(participle, {"agent"})
            by = _phrase_on(RoleHead(participle, role.path), {"by"})
            if agent is not None and (pobj := dependent(agent, {"pobj"})) is not None:
                return RoleHead(pobj, f"{role.path}~{participle.lower_}~by", inherited=True)
            if by is not None:
                return by
    return None


def located(role: RoleHead) -> RoleHead | None:
    """ "deployed warships to the waters near Taiwan", "moved troops to its border with
    Finland": a place phrase on an unnamed object, or the other side of a border."""
    border = role.token.lemma_.lower() in BORDER_NOUNS
    return _phrase_on(role, locating_prepositions() | ({"with"} if border else set()))


def _phrase_on(role: RoleHead, prepositions: frozenset[str] | set[str]) -> RoleHead | None:
    for child in role.token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            pobj = dependent(child, {"pobj"})
            if pobj is not None:
                return RoleHead(pobj, f"{role.path}~{child.lower_}", inherited=True)
    return None


def object_of(trigger) -> RoleHead | None:
    deps = {"nsubjpass"} if is_passive(trigger) else OBJECTS | {"dative"}
    token = dependent(trigger, deps)
    if token is None and _passive_participle(trigger):
        # "government forces attacked by rebels": the noun the participle qualifies
        return RoleHead(trigger.head, f"{trigger.lemma_.lower()}<-acl")
    return RoleHead(token, f"{trigger.lemma_.lower()}->{token.dep_}") if token is not None else None


def _passive_participle(verb) -> bool:
    """A past participle qualifying a noun, with no object of its own."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in {"NOUN", "PROPN"}
        and dependent(verb, OBJECTS) is None
    )


def possessor(noun) -> RoleHead | None:
    token = dependent(noun, {"poss"})
    return RoleHead(token, f"poss<-{noun.lemma_.lower()}") if token is not None else None


def surface_subject(word) -> RoleHead | None:
    """ "Israel is opposed to": the grammatical subject whatever the voice, found on the
    word or on its auxiliary (the parser may hang it on "is")."""
    holders = [word, *(c for c in word.children if c.dep_ in {"aux", "auxpass"})]
    subjects = (c for h in holders for c in h.children if c.dep_ in {"nsubj", "nsubjpass"})
    token = next(subjects, None)
    return RoleHead(token, f"{token.dep_}<-{word.lemma_.lower()}") if token is not None else None


def through_partitive(role: RoleHead | None, partitives: frozenset[str]) -> RoleHead | None:
    """ "thousands of Kenyan students", "a group of rebels": the actor is in the of-phrase."""
    if role is None or not (role.token.pos_ == "NUM" or role.token.lemma_.lower() in partitives):
        return role
    for child in role.token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = dependent(child, {"pobj"})
            if pobj is not None:
                return RoleHead(pobj, f"{role.path}~of", inherited=True)
    return role


def clause_subject(verb) -> RoleHead | None:
    """ "allege that Iranian agents fund ...": the subject of the reported clause."""
    clause = dependent(verb, {"ccomp"} if verb.pos_ != "NOUN" else {"ccomp", "acl"})
    if clause is None:
        return None
    subject = dependent(clause, {"nsubj"})
    if subject is None and clause.pos_ in {"NOUN", "PROPN"}:
        # "allege that Iranian agents fund ...", with "agents fund" misparsed as one noun
        subject = clause
    if subject is None:
        return None
    return RoleHead(subject, f"{verb.lemma_.lower()}->ccomp->nsubj")


def undergoer(noun) -> RoleHead | None:
    """ "a prisoner died of torture", "civilians suffered from shelling": the subject of
    the verb whose cause the event noun is, as the noun's target."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ not in {"of", "from"}:
        return None
    verb = preposition.head
    subject = dependent(verb, {"nsubj"}) if verb.pos_ == "VERB" else None
    return (
        RoleHead(subject, f"nsubj<-{verb.lemma_.lower()}<-{noun.lemma_.lower()}")
        if subject
        else None
    )


def modifier(noun) -> RoleHead | None:
    """ "the US strikes", "Iranian shelling": an actor named before the event noun."""
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "nmod"}:
            return RoleHead(child, f"{child.dep_}<-{noun.lemma_.lower()}")
    return None


def prepositional(word, preposition: str) -> RoleHead | None:
    """The object of ``preposition`` on the word, or on its object ("cut ties with X")."""
    lemma = word.lemma_.lower()
    holders = [word] + [c for c in word.children if c.dep_ in OBJECTS]
    if word.pos_ == "NOUN":
        # "a visit by the minister to Lima": the phrase may hang on the noun's by-object
        # or its of-object ("a suspension of air links with Peru"); not on a place ("a
        # sit-in outside the office of the agency": the agency is the office's)
        holders += [
            g
            for c in word.children
            if c.dep_ in {"prep", "agent"} and c.lower_ in NOUN_ARGUMENT_PREPOSITIONS
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if word.dep_ == "compound":
            holders.append(word.head)  # "a mediation effort between X and Y"
    elif preposition == "from":
        # "retook the village in the Zaporizhzhia region from Russian forces": the parser
        # hangs "from" on the place phrase before it
        holders += [
            g
            for h in list(holders)
            for c in h.children
            if c.dep_ == "prep"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "dative", "prt"} and child.lower_ == preposition:
                pobj = dependent(child, {"pobj"}) or _participle_object(child)
                if pobj is not None and pobj.ent_type_ not in TIME_ENTITIES:
                    # "launched strikes on Kyiv on Monday": a date is no argument
                    return RoleHead(pobj, f"{lemma}->{preposition}")
    return None


def _participle_object(preposition):
    """ "shooting at fleeing villagers": the parser reads the participle before the noun
    as a gerund the preposition governs, and the noun as its object."""
    gerund = dependent(preposition, {"pcomp"})
    if gerund is None or gerund.tag_ != "VBG" or gerund.i + 1 >= len(gerund.doc):
        return None
    noun = gerund.doc[gerund.i + 1]
    return noun if noun.dep_ == "dobj" and noun.head.i == gerund.i else None


CONDITION_MARKERS = frozenset({"if", "unless"})


def condition_subject(trigger) -> RoleHead | None:
    """ "threatened to close the strait if the United States imposed sanctions": who the
    condition is on is whom a threat or a warning is aimed at."""
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "xcomp")):
        for clause in (c for c in verb.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS for m in clause.children):
                subject = dependent(clause, {"nsubj"})
                if subject is not None and subject.pos_ != "PRON":
                    return RoleHead(subject, f"{trigger.lemma_.lower()}~if")
    return None
