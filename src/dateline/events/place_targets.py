"""Places as targets: which target roles a place may fill, and where an act on a place was.

"withdrew from Lebanon", "arrived in Baghdad", "troops attacked in Lebanon": a place is a
target only when no actor is (coder.py decides when); these say where to look for it.
"""

from __future__ import annotations

from ..model import ActorKind, Document
from .mentions import ActorWords, mention_of
from .patterns import Pattern
from .role_words import RoleHead
from .roles import ROLE_RULES
from .syntax import OBJECTS, dependent

# a violent act's origin ("fired from Gaza"), but a withdrawal's target ("pulled out from X")
ORIGIN_PREPOSITIONS = frozenset({"from"})


def place_roles(pattern: Pattern) -> tuple[str, ...]:
    """The target roles a place may fill: all of a movement's, else the prepositional ones."""
    if pattern.place_target:
        return pattern.target
    return tuple(spec for spec in pattern.target if spec not in ROLE_RULES)


def place_of(trigger, doc: Document, *, skip_origin: bool) -> RoleHead | None:
    """The place an act happened in, as the target of an act on a place: a locative phrase
    on the trigger ("attacked in Lebanon"), on its object ("imposed a curfew in Basra"),
    else on the word governing it ("carried out raids in Lebanon")."""
    objects = [c for c in trigger.children if c.dep_ in OBJECTS]  # "imposed a curfew in X"
    holders = [trigger, *objects] + ([trigger.head] if trigger.head.i != trigger.i else [])
    # "killed three militants travelling in a car in Yemen's Shabwa province"
    holders += [c for o in objects for c in o.children if c.dep_ == "acl"]
    if trigger.dep_ == "acl" and trigger.head.head.i != trigger.head.i:
        holders.append(trigger.head.head)  # "rockets fired from Gaza landed in Israel"
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or (skip_origin and child.lower_ in ORIGIN_PREPOSITIONS):
                continue  # "rockets fired from Gaza": where they came from is not what they hit
            for pobj in _located_objects(child):
                mention = mention_of(doc, pobj)
                if mention is not None and _a_place(mention, pobj, doc):
                    return RoleHead(pobj, f"{holder.lemma_.lower()}->{child.lower_}:place")
    return None


def placed(targets: list[ActorWords], doc: Document) -> bool:
    """Some target has a country: "al-Qaida militants" has none, so the place hit tells it."""
    return any(doc.actors[t.actor].country is not None for t in targets)


def place_of_unnamed_victims(
    trigger, doc: Document, sources: list[ActorWords], targets: list[ActorWords]
) -> tuple[RoleHead, list[ActorWords]] | None:
    """ "Israeli air strikes killed 20 people in Gaza": victims the text only describes
    ("people", "civilians") get their country from the story, often the attacker's, but
    the place the act hit says whose they were: that place is the target (and its role)
    when its country is another than the attacker's."""
    attackers = {doc.actors[s.actor].country for s in sources}
    unnamed = all(t.described and doc.actors[t.actor].country in attackers for t in targets)
    if not sources or not unnamed:
        return None
    # "killed in Israeli strikes across Gaza", "a strike on a station in Kramatorsk killed"
    for token in trigger.subtree:
        place = mention_of(doc, token)
        if place is None or token.dep_ != "pobj":
            continue
        if not (place.locative or doc.actors[place.actor].kind == ActorKind.STATE):
            continue  # "on Kyiv": a state named after a preposition is a place hit too
        if doc.actors[place.actor].country not in attackers | {None}:
            return RoleHead(token, f"{trigger.lemma_.lower()}~{token.head.lower_}:place"), [place]
    return None


def _a_place(mention: ActorWords, pobj, doc: Document) -> bool:
    """A place after the preposition, or a country owning it: "in Nigeria's Benue state"."""
    if mention.locative:
        return True
    owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
    named = owner is not None and mention.start <= owner.idx < mention.end
    return named and doc.actors[mention.actor].kind == ActorKind.STATE


def _located_objects(preposition) -> list:
    """The object of a preposition, then the places in it: "outside a church in Benue"."""
    pobj = dependent(preposition, {"pobj"})
    if pobj is None:
        return []
    inner = [g for c in pobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [pobj, *inner]
