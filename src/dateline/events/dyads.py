"""Who did what to whom, pair by pair: the (source, target) pairs of one trigger's event.

"X and Y met" pairs X with Y and Y with X (a reciprocal pattern); "Armenia and Azerbaijan
accused each other" does so whatever the pattern, the object saying it; otherwise each
conjoined source acts on each conjoined target ("A and B cut ties with C and D": four).
"""

from __future__ import annotations

from .mentions import ActorWords
from .patterns import Pattern

# "each other", "one another": the conjoined doers are each other's targets
MUTUAL_PHRASES = (frozenset({"each", "other"}), frozenset({"one", "another"}))


def dyads(
    sources: list[ActorWords], targets: list[ActorWords], pattern: Pattern, trigger=None
) -> list[tuple]:
    """(source, target) pairs: one per conjoined actor; "X and Y met" pairs X with Y."""
    # "talks between X and Y": the same phrase read as sources and targets meets itself
    among_themselves = {t.actor for t in targets} <= {s.actor for s in sources}
    mutual = trigger is not None and not targets and _each_other(trigger)
    if among_themselves and (pattern.reciprocal or mutual) and len(sources) > 1:
        return [(s, t) for s in sources for t in sources if s.actor != t.actor]
    if not targets and pattern.needs_target:
        return []
    pairs = []
    for source in sources or [None]:
        for target in targets or [None]:
            same = source is not None and target is not None and source.actor == target.actor
            pairs.append((source, None if same else target))
    return pairs


def _each_other(trigger) -> bool:
    """ "accused each other of", "blamed one another for", "clashed with each other": the
    verb's object or prepositional object is a reciprocal pronoun."""
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
    objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    for head in objects:
        words = {head.lower_} | {c.lower_ for c in head.children if c.dep_ in {"det", "nummod"}}
        if any(phrase <= words for phrase in MUTUAL_PHRASES):
            return True
    return False
