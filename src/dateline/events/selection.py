"""Which of a sentence's coded events it keeps: one per act, and a fallback when no event
found its actors.

A sentence often names one act twice ("met for talks", "condemned the attack and blamed
Ukraine for it"); its events with no actor found are kept only when it has no other.
"""

from __future__ import annotations

from ..model import ActorRef, Document, Event

WHEN_MARKERS = frozenset({"when", "as"})  # "were killed when a drone struck": one act
SEQUENCE_MARKERS = frozenset({"after", "before"})  # "were wounded after rebels attacked"


def fallbacks(
    partial: list[Event], complete: list[Event], doc: Document, violent: frozenset[str]
) -> list[Event]:
    """Events whose actor was not found, kept when the sentence has no event with an actor:
    at most one, the one whose trigger is nearest the sentence root (the main clause says
    what happened), so a sentence stays at a few events ("three soldiers were killed" is
    an attack even with no attacker named). A violent act beside a coded violent act is
    that act told again ("five were killed and 20 wounded in a strike")."""
    if any(e.source for e in complete):
        return []
    roots = {e.cameo.root for e in complete}
    violence = bool(roots & violent)
    fresh = [
        e
        for e in partial
        if e.cameo.root not in roots and not (violence and e.cameo.root in violent)
    ]
    return sorted(fresh, key=lambda e: (_depth(doc.parsed[e.token]), -e.confidence))[:1]


def told_by_a_when_clause(
    coded: dict[int, list[Event]], doc: Document, violent: frozenset[str]
) -> set[int]:
    """ "two people were killed when a drone struck a car near Tyre": the harm and the act
    in its when-clause are one act, and the clause tells who did it and what it hit. The
    ids of the harm's events, dropped when the clause's events all have a target and the
    harm names no other doer."""
    told = set()
    for i, harm in coded.items():
        clauses = (c for c in doc.parsed[i].children if c.dep_ == "advcl" and _when(c))
        acts = [coded.get(c.i, []) for c in clauses]
        if any(_tells(act, harm, violent) for act in acts):
            told.update(id(e) for e in harm)
    return told


def told_by_its_subject(
    coded: dict[int, list[Event]], doc: Document, violent: frozenset[str]
) -> set[int]:
    """ "fighting between the army and rebels killed 12 people": a harm with no doer whose
    subject is a coded violent act with its doers is that act's toll, not a second act;
    the ids of the harm's events."""
    told = set()
    for i, harm in coded.items():
        if not harm or any(e.source for e in harm) or harm[0].cameo.root not in violent:
            continue
        subjects = (c for c in doc.parsed[i].children if c.dep_ in {"nsubj", "csubj"})
        acts = [coded.get(c.i, []) for c in subjects]
        if any(act and all(e.source and e.cameo.root in violent for e in act) for act in acts):
            told.update(id(e) for e in harm)
    return told


def _when(clause) -> bool:
    return any(c.dep_ in {"advmod", "mark"} and c.lower_ in WHEN_MARKERS for c in clause.children)


def _tells(act: list[Event], harm: list[Event], violent: frozenset[str]) -> bool:
    if not act or not all(e.target and e.cameo.root in violent for e in act):
        return False
    doers = {_name(e.source) for e in act}
    return all(e.cameo.root in violent and _name(e.source) in doers | {None} for e in harm)


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def distinct(events: list[Event], span=None) -> list[Event]:
    """One event per (root, source, target) in a sentence: a verb and its noun
    ("met for talks") do not count twice. The most specific code is kept ("pledged to
    send aid": 0333 over 030), then the most confident."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.cameo.root,
            event.source.name if event.source else None,
            event.target.name if event.target else None,
        )
        if key not in best or _specificity(event) > _specificity(best[key]):
            best[key] = event
    kept = [
        e
        for e in best.values()
        if not (
            _said_with_its_target(e, best.values()) or _told_with_its_doer(e, best.values(), span)
        )
    ]
    return sorted(kept, key=lambda e: e.token or 0)


def _said_with_its_target(event: Event, events) -> bool:
    """ "condemned the attack and blamed Ukraine for it": an act with no target beside the
    same act by the same actor with one is that act again, told in two verbs. Violence is
    one act whatever its verbs' roots ("killed 17 villagers and set fire to homes")."""
    return event.target is None and any(
        other.target is not None
        and (other.cameo.root == event.cameo.root or _violence(other) and _violence(event))
        and other.plover.type == event.plover.type  # "dispersed ... arresting 12": two acts
        and _name(other.source) == _name(event.source)
        for other in events
    )


def _told_with_its_doer(event: Event, events, span=None) -> bool:
    """ "attacked government positions ..., and 14 fighters were killed": violence with no
    doer beside a violent act with its doer on the same country's side is that act's toll;
    violence on another side stays ("bombed Lebanon after rockets were fired at Israel"),
    and so do the fighting before a seizure ("retook the village after fierce fighting
    with guerrillas": the PLOVER gold standard codes the fighting too) and a harm told
    before the act it followed ("two soldiers were wounded after rebels attacked")."""
    if event.source is not None or event.target is None or not _violence(event):
        return False
    return any(
        other.source is not None
        and other.target is not None
        and _violence(other)
        and other.target.country == event.target.country
        and not _followed(event, other, span)
        for other in events
    )


def _followed(harm: Event, act: Event, span) -> bool:
    """The act is in a clause of the harm marked "after" or "before": told as another event."""
    if span is None or harm.token is None or act.token is None:
        return False
    clause = span.doc[act.token]
    while clause.head.i != clause.i and clause.i != harm.token:
        marked = any(c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKERS for c in clause.children)
        if marked and clause.dep_ == "advcl" and clause.head.i == harm.token:
            return True
        clause = clause.head
    return False


def _violence(event: Event) -> bool:
    return event.plover is not None and event.plover.type == "ASSAULT"


def _name(actor: ActorRef | None) -> str | None:
    return actor.name if actor is not None else None


def _specificity(event: Event) -> tuple:
    code = event.cameo.code
    return (len(code), not code.endswith("0"), event.confidence)
