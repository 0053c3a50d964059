"""Small readings of spaCy's dependency parse shared by the events stage's modules."""

from __future__ import annotations

from enum import StrEnum

OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # "a strike on Monday": a date is no argument


class RoleSpec(StrEnum):
    """The role specs a pattern's ``source:``/``target:`` lists may name besides a
    preposition (events/roles.py ROLE_TABLE says what each finds). Pattern files spell
    them as these values; code names them by member."""

    NSUBJ = "nsubj"
    AGENT = "agent"
    SURFACE_SUBJECT = "surface-subject"
    DOBJ = "dobj"
    POSS = "poss"
    VERB = "verb"
    COMPOUND = "compound"
    VERB_PLACE = "verb-place"
    CCOMP = "ccomp"
    XCOMP = "xcomp"
    CUSTODY = "custody"
    UNDERGOER = "undergoer"
    CONDITION = "condition"


def dependent(token, deps: set[str]):
    """The first word hanging on ``token`` by one of ``deps``, else None."""
    return next((c for c in token.children if c.dep_ in deps), None)


def is_passive(verb) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
