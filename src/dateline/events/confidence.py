"""How sure the pattern coder is of an event, and why it coded it, as the event record says.

The score is a hand-set sum (explicit roles and constrained patterns make a coding surer)
checked on the PLOVER gold standard by benchmarks/events.py, which prints the precision
of the events scored at 0.7 or more against the others.
"""

from __future__ import annotations

from .doers import Doer
from .modality import Modality
from .patterns import Pattern
from .roles import EventRoles

PARTIAL_DISCOUNT = 0.6  # confidence factor of an event whose needed actor was not found
# the act may not exist at all
UNSURE_MODALITIES = {Modality.HYPOTHETICAL, Modality.NEGATED, Modality.CANCELLED}
UNSURE_MODALITY_DISCOUNT = 0.85


def confidence(
    pattern: Pattern,
    trigger,
    roles: EventRoles,
    *,
    has_source: bool,
    has_target: bool,
    has_roles: bool,
    modality: Modality,
) -> float:
    """A score in [0, 1]: explicit roles and constrained patterns make a coding surer; an
    event whose needed actor was not found is much less sure; so is one with no target
    (on the PLOVER gold standard, 4 in 10 of these were right against 7 in 10 with one)
    and one whose act is conditional, denied or called off. ``has_source``/``has_target``:
    whether the event has an actor on that side (found in ``roles`` or implied)."""
    score = 0.25
    score += 0.25 if has_source else 0.0
    score += 0.25 if has_target else 0.0
    score += 0.1 if pattern.specificity else 0.0
    score += 0.05 if trigger.pos_ == "VERB" else 0.0
    source_role = roles.source
    inherited = source_role is not None and (
        "~" in source_role.path or "implicit" in source_role.path
    )
    score -= 0.1 if inherited else 0.0
    score *= 1.0 if has_roles else PARTIAL_DISCOUNT
    score *= UNSURE_MODALITY_DISCOUNT if modality in UNSURE_MODALITIES else 1.0
    return round(min(max(score, 0.05), 0.95), 3)


def explanation(
    pattern: Pattern, trigger, roles: EventRoles, *, has_roles: bool, doer: Doer | None
) -> str:
    """Why the event was coded: its pattern, the parse path to its roles and, for a
    violent or coercive act, who did it ("doer: described group 'gunmen'")."""
    path = trigger.lemma_.lower()
    if roles.source is not None:
        path = f"{roles.source.path} | {path}"
    if roles.target is not None:
        path = f"{path} | {roles.target.path}"
    text = f"pattern {pattern.id} ({pattern.code}); trigger {trigger.text!r}; path {path}"
    if doer is not None:
        text = f"{text}; {doer.reason()}"
    return text if has_roles else f"{text}; no actor found for its roles (fallback)"
