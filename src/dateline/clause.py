"""The clause an event trigger stands in, from the dependency parse.

Shared by the stages that look for an event's own circumstances (its date, its
place) before falling back on the sentence: an expression belongs to the event
when it sits in the trigger's clause, not in a clause embedded in it.
"""

from __future__ import annotations

# Dependency labels that open a clause of their own below the sentence root.
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "csubj", "pcomp"}
)


def clause_head(token):
    """The head of the clause ``token`` is in: up the tree to a clause-opening label."""
    while not opens_clause(token) and token.head.i != token.i:
        token = token.head
    return token


def opens_clause(token) -> bool:
    """A clause label, or a verb coordinated with another ("arrived and opened talks")."""
    return token.dep_ in CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def clause_tokens(trigger) -> set[int]:
    """Token indices of the trigger's clause, without the clauses embedded in it."""
    head = clause_head(trigger)
    tokens = set()
    stack = [head]
    while stack:
        token = stack.pop()
        tokens.add(token.i)
        stack.extend(child for child in token.children if not opens_clause(child))
    return tokens


def trigger_token(doc, event):
    """The event's trigger token in ``doc.parsed``, or None when it is not known."""
    if event.token is None or doc.parsed is None or not 0 <= event.token < len(doc.parsed):
        return None
    return doc.parsed[event.token]
