"""Modality: is the event asserted, reported, alleged, intended, hypothetical, negated or
cancelled? Decided from the trigger and the clauses that govern it, with cue words read
from data/patterns/modality.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Modality
from ..resources import cached
from .yaml_files import PATTERN_DIR, parse_yaml

# dependency labels through which a clause or a noun hangs under a governing word
CLAUSE_LINKS = frozenset(
    {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep"}
)
NOUN_LINKS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "appos"})


@dataclass(frozen=True)
class ModalityCues:
    reporting_verbs: frozenset[str]
    allege_verbs: frozenset[str]
    alleged_adverbs: frozenset[str]
    intent_words: frozenset[str]
    intent_auxiliaries: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    negating_verbs: frozenset[str]
    negation_words: frozenset[str]
    cancel_verbs: frozenset[str]
    cancel_phrasals: frozenset[str]
    hypothetical_markers: frozenset[str]
    forecast_words: frozenset[str]
    pending_adverbs: frozenset[str]


def shipped_cues() -> ModalityCues:
    path = PATTERN_DIR / "modality.yaml"
    return cached(path, "modality cues", lambda text: _cues(parse_yaml(path, text)))


def _cues(data: dict) -> ModalityCues:
    return ModalityCues(**{name: frozenset(words) for name, words in data.items()})


def governors(trigger) -> list:
    """The trigger, then each word whose clause it sits in, up to the sentence root."""
    chain = [trigger]
    token = trigger
    while token.dep_ in CLAUSE_LINKS | NOUN_LINKS and token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def is_forecast(trigger, cues: ModalityCues | None = None) -> bool:
    """ "Iran is unlikely to agree", "the talks are likely to collapse": an act a forecast
    word governs is someone's guess, no event (modality.yaml's ``forecast_words``); so is
    one still awaited ("has yet to deploy", ``pending_adverbs``)."""
    cues = cues or shipped_cues()
    if any(g.lemma_.lower() in cues.forecast_words for g in governors(trigger)[1:]):
        return True
    # "has yet to deploy": an act still awaited
    awaited = trigger.head if trigger.dep_ == "xcomp" else None
    return awaited is not None and any(
        c.dep_ == "advmod" and c.lower_ in cues.pending_adverbs for c in awaited.children
    )


def modality_of(trigger, cues: ModalityCues | None = None) -> Modality:
    """The modality of the event triggered by ``trigger`` (a spaCy Token)."""
    cues = cues or shipped_cues()
    chain = governors(trigger)
    governing = chain[1:]
    if _cancelled(trigger, cues):
        return Modality.CANCELLED
    if _negated(trigger, governing, cues):
        return Modality.NEGATED
    if _hypothetical(chain, cues):
        return Modality.HYPOTHETICAL
    if _alleged(chain, cues):
        return Modality.ALLEGED
    if _intended(chain, cues):
        return Modality.INTENDED
    if _reported(trigger, governing, cues):
        return Modality.REPORTED
    return Modality.ASSERTED


def _phrasal(token) -> str:
    particles = [c.lemma_.lower() for c in token.children if c.dep_ == "prt"]
    return " ".join([token.lemma_.lower(), *particles])


def _is_cancel(token, cues: ModalityCues) -> bool:
    return token.lemma_.lower() in cues.cancel_verbs or _phrasal(token) in cues.cancel_phrasals


def _cancelled(trigger, cues: ModalityCues) -> bool:
    """ "The visit was cancelled", "called off the talks", "cancelled plans to visit"."""
    token = trigger
    for _ in range(3):
        if token.dep_ not in NOUN_LINKS | {"xcomp", "acl"} or token.head.i == token.i:
            return False
        token = token.head
        if _is_cancel(token, cues):
            return True
    return False


def _has_negation(token, cues: ModalityCues) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children
    ) or (token.lower_ in cues.negation_words)


def _negated(trigger, governing: list, cues: ModalityCues) -> bool:
    if _has_negation(trigger, cues):
        return True
    # "did not agree to attack", "refused to criticise", "denied attacking"
    token = trigger
    for head in governing:
        if token.dep_ not in {"xcomp", "pcomp", "pobj", "prep", "dobj", "ccomp"}:
            break
        if head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() in cues.negating_verbs:
                return True
            if token.dep_ == "xcomp" and _has_negation(head, cues):
                return True
        token = head
    return False


def _hypothetical(chain: list, cues: ModalityCues) -> bool:
    for token in chain:
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in cues.hypothetical_markers:
                return True
    return any(
        c.dep_ == "aux" and c.lower_ in cues.hypothetical_auxiliaries for c in chain[0].children
    )


def _alleged(chain: list, cues: ModalityCues) -> bool:
    for token in chain:
        if any(c.lower_ in cues.alleged_adverbs for c in token.children if c.dep_ == "advmod"):
            return True
    return any(token.lemma_.lower() in cues.allege_verbs for token in chain[1:])


def _intended(chain: list, cues: ModalityCues) -> bool:
    # the auxiliaries of the trigger and of the verbs it is the complement of
    token = chain[0]
    for head in [token, *chain[1:]]:
        auxiliaries = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
        if auxiliaries & cues.intent_auxiliaries:
            return True
        if head.i != token.i and head.lemma_.lower() in cues.intent_words:
            return True
        # "have sworn to fight": an infinitive hung as an adverbial clause is a complement
        infinitive = head.dep_ == "advcl" and is_infinitive(head)
        if head.dep_ not in {"xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "acl"} and not (
            infinitive
        ):
            break
    return False


def is_infinitive(verb) -> bool:
    """ "to fight", "a rally to protest the law": a verb with its infinitive "to", whatever
    relation the parser gave it."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _reported(trigger, governing: list, cues: ModalityCues) -> bool:
    if any(t.lemma_.lower() in cues.reporting_verbs for t in governing):
        return True
    sentence = trigger.sent
    # "..., state television reported": the reporting verb is a sibling, not a governor
    root = sentence.root
    if root.i != trigger.i and root.lemma_.lower() in cues.reporting_verbs:
        return True
    words = [t.lower_ for t in sentence]
    return any(a == "according" and b == "to" for a, b in zip(words, words[1:], strict=False))
