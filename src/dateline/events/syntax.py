"""Small readings of spaCy's dependency parse shared by the events stage's modules."""

from __future__ import annotations

OBJECTS = {"dobj", "obj", "attr", "oprd"}
TIME_ENTITIES = {"DATE", "TIME"}  # "a strike on Monday": a date is no argument


def dependent(token, deps: set[str]):
    """The first word hanging on ``token`` by one of ``deps``, else None."""
    return next((c for c in token.children if c.dep_ in deps), None)


def is_passive(verb) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
