"""Festivities: a march, a gathering or a blockade of traffic that is no protest.

"Bands marched down Fifth Avenue in the St Patrick's Day parade", "fans poured into the
streets to celebrate the victory, blocking traffic": a peaceful protest act (words.yaml's
``festive_codes``) in a clause holding a word of parades, festivals, races or celebrating
crowds (``festive_words``) reports no event. A riot stays a riot ("fans rioted").
"""

from __future__ import annotations

from .pattern_words import PatternWords
from .syntax import SUBJECTS

# the clauses of a verb that are not about its act: coordinated, parenthetical, reported
OTHER_CLAUSES = frozenset({"conj", "cc", "parataxis", "ccomp", "relcl"})
# the clauses that share their governing verb's subject, and so its circumstances
SHARED_SUBJECT = frozenset({"advcl", "xcomp", "conj"})


def is_festive(trigger, code: str, words: PatternWords) -> bool:
    """Whether the protest act ``code`` of ``trigger`` is a festivity's march or crowd."""
    if not any(code.startswith(prefix) for prefix in words.festive_codes):
        return False
    return any(_lemma(t) in words.festive_words for t in _clause(trigger))


def _clause(trigger) -> list:
    """The words of the trigger's own clause: the verb's subtree (of the verb an event noun
    is the subject or object of), less the other clauses on it."""
    verb = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"nsubj", "dobj", "nsubjpass"}:
        verb = trigger.head
    while verb.dep_ in SHARED_SUBJECT and not any(c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head  # "fans poured into the streets ..., blocking traffic"
    skipped = {t.i for c in verb.children if c.dep_ in OTHER_CLAUSES for t in c.subtree}
    return [t for t in verb.subtree if t.i not in skipped]


def _lemma(token) -> str:
    lemma = token.lemma_.lower()
    return lemma[:-1] if lemma.endswith("s") and token.tag_ == "NNPS" else lemma
