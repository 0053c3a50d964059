"""Claims of responsibility: the claimer is the doer of the attack claimed.

"A car bomb exploded near a military camp, killing 12 soldiers. JNIM claimed the attack on
Saturday." The bombing names no doer; the claim, often a sentence or two later, does. A
claim (``claim`` with ``responsibility``/``credit``, or with a definite event noun: "claimed
the attack", "claimed responsibility for the blast") gives its claimer as the source of the
nearest earlier violent event of the document whose doer is unnamed or only described
("a suicide bomber", "gunmen"), and the claimed noun codes no second event. A claim with
no earlier attack ("Houthi rebels claimed a drone attack on Saudi oil facilities") or of
an indefinite act keeps its own event. CAMEO codes the claim itself as 015 (acknowledge
responsibility), a statement with no PLOVER type, so the claim yields no event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Document, Event
from .mentions import DESCRIBED_RULES, ActorWords, mention_of
from .roles import CLAIMED_NOUNS

CLAIM_VERBS = frozenset({"claim"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
VIOLENT_TYPES = frozenset({"ASSAULT"})  # PLOVER types an armed group claims


@dataclass(frozen=True)
class Claim:
    verb: object  # the spaCy token of "claimed"
    claimer: ActorWords
    claimed: frozenset[int]  # token indices of the nouns it names as the act claimed


def credit_claims(doc: Document, events: list[Event]) -> list[Event]:
    """The document's events, each earlier unclaimed attack given its claimer's name, and
    the claimed nouns' restated events dropped."""
    if doc.parsed is None:
        return events
    claims = [c for t in doc.parsed if (c := _claim(t, doc)) is not None]
    for claim in claims:
        attack = _claimed_attack(claim, events, doc)
        if attack is None:
            continue
        source = claim.claimer.actor_ref(doc)
        note = (
            f"source from the claim {claim.claimer.text!r} {claim.verb.text} (token {claim.verb.i})"
        )
        credited = replace(attack, source=source, explanation=f"{attack.explanation}; {note}")
        events = [
            credited if e is attack else e
            for e in events
            if e is attack or e.token not in claim.claimed
        ]
    return events


def _claim(verb, doc: Document) -> Claim | None:
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    # "JNIM claimed the attack", "the attack was claimed by JNIM"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or next(
        (g for g in agents if g.dep_ == "pobj"), None
    )
    claimer = mention_of(doc, subject) if subject is not None else None
    if claimer is None or claimer.locative:
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    claimed: set[int] = set()
    for noun in objects:
        if noun.lemma_.lower() in CLAIMED_NOUNS:
            claimed.add(noun.i)  # "claimed responsibility (for the blast)"
            claimed.update(
                g.i
                for c in noun.children
                if c.dep_ == "prep"
                for g in c.children
                if g.dep_ == "pobj"
            )
        elif _definite(noun):
            claimed.add(noun.i)  # "claimed the attack"
        else:
            return None  # "claimed a drone attack on Saudi oil facilities": an act of its own
    if not objects:
        return None
    return Claim(verb, claimer, frozenset(claimed))


def _definite(noun) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in noun.children)


def _claimed_attack(claim: Claim, events: list[Event], doc: Document) -> Event | None:
    """The nearest earlier violent event, not the claim's own, whose doer is unnamed or
    only described."""
    earlier = [
        e
        for e in events
        if e.token is not None
        and e.token < claim.verb.i
        and e.token not in claim.claimed
        and e.plover is not None
        and e.plover.type in VIOLENT_TYPES
    ]
    if not earlier:
        return None
    attack = max(earlier, key=lambda e: e.token)
    return attack if _unnamed_doer(attack, doc) else None


def _unnamed_doer(event: Event, doc: Document) -> bool:
    source = event.source
    if source is None:
        return True
    return any(
        m.rule in DESCRIBED_RULES and m.actor == source.actor and m.text == source.text
        for m in doc.mentions
    )
