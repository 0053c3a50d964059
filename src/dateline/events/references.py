"""Document-level reference for nominal events: "the accusations", "the attack".

"Saudi Arabia accused Qatar of ... . Qatar rejected the accusations." The rejection names
no target, but its object points back to an event of the document: the nearest earlier
event of a root the noun can name (data/patterns/words.yaml, ``reference_nouns``). The
reaction then targets that event's doer ("condemned the attack": the attacker), or its
target when the doer is the reacting actor itself ("Iran defended the decision").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import ConfigError
from ..model import ActorRef, Document, Event, Modality
from .mentions import mention_of
from .modality import shipped_cues
from .yaml_files import PATTERN_DIR, read_yaml

ANY_ROOT = "any"
STATEMENT_ROOT = "01"  # "the claim", "the statement": what was said, by whom it was reported
# where a reaction names what it reacts to: "rejected the accusations", "apologised for
# the attack", "protested against the decision"
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
REFERENCE_PREPOSITIONS = frozenset({"for", "over", "of", "about", "against", "on", "to"})


@dataclass(frozen=True)
class ReferenceWords:
    roots: dict[str, frozenset[str]]  # noun lemma -> CAMEO roots it may refer to
    determiners: frozenset[str]

    def fits(self, noun: str, root: str) -> bool:
        roots = self.roots.get(noun, frozenset())
        return ANY_ROOT in roots or root in roots


@dataclass(frozen=True)
class Reference:
    """A reaction's pointer to an earlier event: the words and the event they name."""

    words: str
    event: Event


def load_reference_words() -> ReferenceWords:
    path = PATTERN_DIR / "words.yaml"
    data = read_yaml(path)
    try:
        roots = {
            str(noun).lower(): frozenset(str(r) for r in found)
            for noun, found in data["reference_nouns"].items()
        }
        determiners = frozenset(str(w).lower() for w in data["reference_determiners"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: reference_nouns: {exc}") from exc
    return ReferenceWords(roots, determiners)


def resolve_references(doc: Document, words: ReferenceWords) -> list[Event]:
    """The document's events, each reaction with no target given the target of the event
    its object refers back to, else (a statement noun: "denied the claim") the one who
    reported the nearest earlier reported event ("Armenia said troops opened fire")."""
    resolved: list[Event] = []
    for event in doc.events:
        noun = _referring_noun(doc, event, words)
        reference = _referred_event(noun, event, resolved, words) if noun is not None else None
        if reference is not None:
            event = _retargeted(event, reference)
        elif noun is not None and words.fits(noun.lemma_.lower(), STATEMENT_ROOT):
            event = _aimed_at_reporter(doc, event, resolved)
        resolved.append(event)
    return resolved


def _aimed_at_reporter(doc: Document, event: Event, earlier: list[Event]) -> Event:
    """ "Armenia said Azerbaijani troops opened fire. Baku denied the claim": the claim is
    the report, so the denial targets whoever reported the nearest earlier act."""
    for candidate in reversed(earlier):
        if candidate.modality != Modality.REPORTED or candidate.token is None:
            continue
        reporter = _reporter(doc, doc.parsed[candidate.token])
        if reporter is None or (event.source and reporter.name == event.source.name):
            return event
        note = f"target: who reported {candidate.cameo.code} (sentence {candidate.sentence})"
        return replace(event, target=reporter, explanation=f"{event.explanation}; {note}")
    return event


def _reporter(doc: Document, trigger) -> ActorRef | None:
    """The actor that is the subject of the reporting verb the trigger's clause hangs on."""
    verbs = shipped_cues().reporting_verbs
    for verb in trigger.ancestors:
        if verb.lemma_.lower() in verbs:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            mention = mention_of(doc, subject) if subject is not None else None
            return mention.actor_ref(doc) if mention is not None else None
    return None


def _referring_noun(doc: Document, event: Event, words: ReferenceWords):
    """ "rejected the accusations": the trigger's definite object that names an event kind
    and no actor, or None."""
    if event.target is not None or event.token is None or doc.parsed is None:
        return None
    trigger = doc.parsed[event.token]
    candidates = [c for c in trigger.children if c.dep_ in OBJECT_DEPS]
    candidates += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in REFERENCE_PREPOSITIONS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for noun in candidates:
        determiner = next((c for c in noun.children if c.dep_ in {"det", "poss"}), None)
        if (
            noun.lemma_.lower() in words.roots
            and determiner is not None
            and determiner.lower_ in words.determiners
            and doc.mention_at(noun.idx, noun.idx + len(noun)) is None
        ):
            return noun
    return None


def _referred_event(noun, event: Event, earlier: list[Event], words: ReferenceWords):
    """The nearest earlier event of a root the noun may name (not the reaction itself)."""
    lemma = noun.lemma_.lower()
    for candidate in reversed(earlier):
        earlier_in_text = candidate.token is not None and candidate.token < event.token
        if earlier_in_text and words.fits(lemma, candidate.cameo.root):
            return Reference(noun.doc[noun.left_edge.i : noun.i + 1].text, candidate)
    return None


def _retargeted(event: Event, reference: Reference) -> Event:
    target = _reacted_to(event.source, reference.event)
    if target is None:
        return event
    referred = reference.event
    dyad = f"{_name(referred.source)} -> {_name(referred.target)}"
    note = (
        f"target from the event referred to as {reference.words!r}: "
        f"{referred.cameo.code} {dyad} (sentence {referred.sentence})"
    )
    return replace(event, target=target, explanation=f"{event.explanation}; {note}")


def _reacted_to(source: ActorRef | None, referred: Event) -> ActorRef | None:
    """Whom a reaction to ``referred`` targets: its doer, else (when the doer is the one
    reacting) its target; nobody when the referred event names no doer."""
    if referred.source is None:
        return None
    if source is None or referred.source.name != source.name:
        return referred.source
    if referred.target is not None and referred.target.name != source.name:
        return referred.target
    return None


def _name(actor: ActorRef | None) -> str:
    return actor.name if actor is not None else "-"
