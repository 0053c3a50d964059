"""The pattern coder: trigger words in the dependency parse -> coded events with roles.

For every verb or event noun whose lemma has a pattern, the first pattern whose
constraints hold (object, particle, preposition) gives the CAMEO code; its role lists
say where the source and the target are found in the parse. Actors are read from the
mentions the actors stage left on the document, never guessed from raw words.

This module is the sentence loop: which triggers a sentence has is matching.py's job, where
their roles are roles.py's, which actor a word names mentions.py's, how sure confidence.py's.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..model import PATTERNS_CODER, ActorRef, Document, Event
from ..settings import Settings
from .business import between_businesses
from .claims import credit_claims
from .confidence import confidence, explanation
from .crowds import (
    armed_violence_code,
    code_note,
    crowd_members,
    default_target,
    foreign_target,
    people_of_the_place,
    riot_code,
)
from .doers import Doer, DoerKind, find_doer, load_non_event_words
from .dyads import dyads
from .matching import TriggerMatcher
from .means import doer_of_the_means
from .mentions import ActorWords, actor_mentions, without_locatives
from .modality import Modality, governors, is_forecast, is_infinitive, modality_of, shipped_cues
from .patterns import Pattern, PatternSet, load_patterns
from .phrase_args import phrase_roles
from .place_targets import place_of, place_of_unnamed_victims, place_roles, placed
from .references import load_reference_words, resolve_references
from .role_words import RoleHead
from .roles import ROLE_RULES, EventRoles, find_role, subject_of
from .selection import distinct, fallbacks, told_by_a_when_clause, told_by_its_subject
from .syntax import OBJECTS, RoleSpec

log = logging.getLogger(__name__)

MAX_EVENTS_PER_TRIGGER = 12  # "A, B, C and D welcomed ties between E and F": 8 events
POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
SUBJECT_SPECS = frozenset({RoleSpec.NSUBJ, RoleSpec.SURFACE_SUBJECT})  # roles of the subject
MANNER_PREPOSITIONS = frozenset({"in", "during", "with", "by", "through"})  # "seized in a raid"


class EventCoder:
    """``coder(doc) -> doc``: fills ``doc.events`` from the parse and the actor mentions."""

    version = PATTERNS_CODER

    def __init__(self, settings: Settings):
        self.patterns: PatternSet = load_patterns(tuple(settings.pattern_files))
        self.cues = shipped_cues()
        self.non_events = load_non_event_words(user_files=tuple(settings.doer_files))
        self.references = load_reference_words()
        self.matcher = TriggerMatcher(self.patterns, self.non_events)
        log.debug("event patterns loaded: %d trigger lemmas", len(self.patterns.by_lemma))

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        if self.patterns.discards.discards_story(doc.text):
            # the whole text, not the parse: the pre-parse filter may blank the phrase's sentence
            doc.events = []
            return doc
        events: list[Event] = []
        people = without_locatives(doc)
        for index, sentence in enumerate(doc.sentences):
            span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                events.extend(distinct(self._code_sentence(people, doc, index, span), span))
        doc.events = credit_claims(doc, events)  # "JNIM claimed the attack": its doer
        doc.events = resolve_references(doc, self.references)  # "rejected the accusations"
        return doc

    def _code_sentence(self, people: Document, doc: Document, index: int, span) -> list[Event]:
        matches = self.matcher.matches(span, doc)
        complete: list[Event] = []
        partial: list[Event] = []
        coded: dict[int, list[Event]] = {}
        means: dict[int, list[Event]] = {}  # "clashes between X and Y killed 27": X's, Y's
        for i, pattern in matches.items():
            token = doc.parsed[i]
            if self._means_of(token, pattern, matches):
                if token.pos_ == "NOUN":
                    means[i] = self._events(people, doc, index, token, pattern)[0]
                continue
            if not self.matcher.reports_nothing(token, pattern, matches):
                events, has_roles = self._events(people, doc, index, token, pattern)
                if not any(e.source for e in events) and (
                    _restates(token, matches) or _background(token)
                ):
                    continue  # an actorless mention of an event the sentence does not report
                if self._consequence(token, events, coded):
                    continue
                coded[i] = events
                (complete if has_roles else partial).extend(_kept(events, pattern, has_roles))
                complete.extend(self._paired(events, pattern) if has_roles else [])
        violent = self.non_events.violent_roots
        for i, events in means.items():  # the means names the doers its harm lacks
            harm = coded.get(doc.parsed[i].head.i, [])
            if any(e.source for e in events) and not any(e.source for e in harm):
                coded[i] = events
                complete.extend(events)
        told = told_by_a_when_clause(coded, doc, violent) | told_by_its_subject(coded, doc, violent)
        complete = [e for e in complete if id(e) not in told]
        partial = [e for e in partial if id(e) not in told]
        return complete + fallbacks(partial, complete, doc, self.non_events.violent_roots)

    def _means_of(self, noun, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """ "an explosion at a checkpoint killed three soldiers", "a grenade attack wounded
        15": a violent event noun that is the subject of a violent verb is how that verb's
        act was done, one event, coded on the verb. So is a violent participle on that
        subject ("rockets fired by Hezbollah hit a kibbutz", "a car bomb targeting a base
        killed seven soldiers")."""
        means = noun.head if noun.dep_ == "acl" and noun.pos_ == "VERB" else noun
        if means.pos_ not in {"NOUN", "PROPN"} or means.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        if means is noun and noun.pos_ != "NOUN":
            return False
        act = matches.get(means.head.i)
        violent = self.non_events.violent_roots
        return act is not None and pattern.code[:2] in violent and act.code[:2] in violent

    def _consequence(self, token, events: list[Event], coded: dict[int, list[Event]]) -> bool:
        """ "launched strikes on Kyiv, killing 11 people": a violent act in a participle
        clause of a coded violent act by the same doer is its result, one event; it stays
        when it names a target the act did not ("a bomb exploded, killing five people")."""
        if token.dep_ != "advcl" or token.tag_ != "VBG":
            return False
        cause = coded.get(token.head.i, [])
        violent = self.non_events.violent_roots
        if not cause or not all(e.cameo.root in violent for e in cause + events):
            return False
        doers = {e.source.name for e in cause if e.source}
        same_doer = all(e.source is None or e.source.name in doers for e in events)
        return same_doer and all(e.target is not None for e in cause)

    def _crowd(self, trigger, pattern: Pattern, doc: Document) -> ActorRef | None:
        """ "a peaceful protest took place in Tbilisi", "hundreds of women protested in
        Kabul", "a demonstration by taxi drivers brought Lagos to a standstill": nobody
        named, the protesters are the people of the place (written as no text, since the
        sentence does not name them)."""
        if not pattern.default_target:
            return None
        occurs = self.non_events.occurs(trigger)
        return people_of_the_place(trigger, occurs, doc, self.patterns)

    def _doer_of_the_means(self, trigger, doc: Document):
        return doer_of_the_means(trigger, doc, self.patterns, self.non_events.violent_roots)

    def _no_act(self, doer: Doer, pattern: Pattern, trigger) -> bool:
        """ "two rockets landed in southern Israel": a weapon arrives, it pays no visit;
        "Iran is unlikely to agree": a forecast tells of no act. The trigger's own word is
        no weapon there ("a general strike was held": a strike by workers, not by jets)."""
        weapon = doer.kind is DoerKind.IMPLIED and doer.words != trigger.text
        weapon_visit = weapon and pattern.code[:2] not in self.non_events.violent_roots
        return weapon_visit or is_forecast(trigger, self.cues)

    def _doer(self, trigger, doer_word, sources: list[ActorWords], doc) -> Doer:
        """Who did the act: the source found, else the word the grammar puts there."""
        source = sources[0] if sources else None
        named = source is not None and doc.actors[source.actor].country is not None
        return find_doer(trigger, doer_word, source, named, self.non_events)

    def _held_out(self, trigger, modality: Modality, code_id: str) -> bool:
        """ "the EU may halt mediation if ...": a hostile act its actor says it may do is a
        threat (13x); "if Serbia attacks" (no modal on the act) stays a hypothetical attack."""
        if modality != Modality.HYPOTHETICAL or self.patterns.intent_code(code_id)[:2] != "13":
            return False
        modals = self.cues.hypothetical_auxiliaries
        return any(c.dep_ == "aux" and c.lower_ in modals for c in trigger.children)

    def _paired(self, events: list[Event], pattern: Pattern) -> list[Event]:
        """A paired code ([032:033]): each dyad's second event, target -> source."""
        if pattern.paired_code is None:
            return []
        code = self.patterns.codebook[pattern.paired_code]
        return [
            replace(
                e,
                source=e.target,
                target=e.source,
                cameo=code.cameo(),
                plover=code.plover(),
                explanation=f"{e.explanation}; paired code {code.code}, target -> source",
            )
            for e in events
            if e.source and e.target
        ]

    def _events(
        self, people: Document, doc: Document, index: int, trigger, pattern: Pattern
    ) -> tuple[list[Event], bool]:
        """The events of one trigger, and whether the roles its pattern needs were found.
        A trigger whose actor was not found still gives its event (the type informs), at a
        lower confidence, kept only as a fallback for the sentence (see ``fallbacks``).

        ``people`` is the document without its locative mentions ("in Baghdad"): places
        are never a source; they are a target only when no actor is, in a prepositional
        role ("withdrew from Lebanon"), in any role of a movement ("arrived in Baghdad"),
        or as the place of an act on a place ("troops attacked in Lebanon")."""
        source_role = find_role(trigger, pattern.source, people, self.patterns)
        # an actor in any target role beats a place; a place may fill a prepositional role
        # ("expelled from Uganda") or, for a movement, any role ("arrived in Baghdad")
        target_role = find_role(trigger, pattern.target, people, self.patterns) or find_role(
            trigger, place_roles(pattern), doc, self.patterns
        )
        if self.non_events.occurs(trigger):  # "fighting broke out between X and Y"
            source_role = source_role or _on_the_occurrence(trigger, pattern.source, people, self)
            target_role = target_role or _on_the_occurrence(trigger, pattern.target, people, self)
        if pattern.phrase_arguments:  # PETRARCH's rule where the role rules found no actor
            roles = EventRoles(source_role, target_role)
            found = phrase_roles(trigger, people, doc, self.patterns, roles)
            source_role, target_role = found.source, found.target
        sources = actor_mentions(people, _head(source_role))
        violent_act = pattern.code[:2] in self.non_events.violent_roots
        means = None if sources or not violent_act else self._doer_of_the_means(trigger, doc)
        if means is not None:  # "were killed in Israeli strikes"
            sources, source_role = means
        doer_word = _doer_word(trigger, source_role, doc, pattern)
        doer = self._doer(trigger, doer_word, sources, doc)
        if not doer.is_political or self._no_act(doer, pattern, trigger):
            return [], False  # "an earthquake killed eight": nobody did it
        targets = [
            t
            for t in actor_mentions(doc, _head(target_role))
            if not _own_belonging(doc, t, sources)
        ]
        each_other = pattern.reciprocal and len(sources) > 1  # "clashes between X and Y"
        if (
            not (placed(targets, doc) or each_other)  # "killed al-Qaida militants in Yemen"
            and pattern.code[:2] in self.patterns.words.place_target_roots
        ):
            violent = pattern.code[:2] in self.non_events.violent_roots
            target_role = place_of(trigger, doc, skip_origin=violent) or target_role
            targets = actor_mentions(doc, _head(target_role))
        elif targets and pattern.code[:2] in self.non_events.violent_roots:
            hit = place_of_unnamed_victims(trigger, doc, sources, targets)
            target_role, targets = hit or (target_role, targets)
        if between_businesses(sources, targets, doc, pattern.code, self.patterns.words):
            return [], False  # "Shell agreed to sell its stake": company news
        crowd = None if sources else self._crowd(trigger, pattern, doc)
        # an event with no actor at all, or without the actor its pattern needs, still
        # tells its type: it is kept as the sentence's fallback, not as a full event
        has_roles = bool(sources or crowd) or (bool(targets) and not pattern.needs_source)
        if not (
            sources or targets or crowd or trigger.pos_ == "VERB" or self.non_events.occurs(trigger)
        ):
            return [], False  # "the attack was terrible": a bare event noun is no event
        pairs = dyads(sources, targets, pattern, trigger) if has_roles else [(None, None)]
        if not pairs:
            return [], False
        modality = modality_of(trigger, self.cues)
        riot = riot_code(doer_word, pattern.code, self.patterns.words)
        armed = armed_violence_code(sources, pattern.code, doc, self.patterns.words)
        code_id = riot or armed or pattern.code  # "protesters clashed with police": a riot
        if pattern.from_user_verb_dictionary:
            code_id = pattern.code  # a user's PETRARCH dictionary codes modals in its patterns
        elif modality == Modality.INTENDED or self._held_out(trigger, modality, code_id):
            code_id = self.patterns.intent_code(code_id)
        elif modality == Modality.NEGATED:
            code_id = self.patterns.refusal_code(code_id)
        code = self.patterns.codebook[code_id]
        if riot:  # "clashes between protesters and police": the protesters riot
            rioters = crowd_members(sources, doc, self.patterns.words) or sources or [None]
            pairs = [(s, foreign_target(s, targets, doc)) for s in rioters]
        events = []
        for source, target in pairs:
            source_ref = source.actor_ref(doc) if source else crowd
            target_ref = target.actor_ref(doc) if target else None
            if target_ref is None and source_ref and (pattern.default_target and not armed or riot):
                target_ref = default_target(source_ref, None if riot else pattern.default_target)
            events.append(
                Event(
                    sentence=index,
                    trigger=_trigger_text(trigger, pattern),
                    cameo=code.cameo(),
                    plover=code.plover(),
                    source=source_ref,
                    target=target_ref,
                    modality=modality,
                    confidence=confidence(
                        pattern,
                        trigger,
                        EventRoles(source_role, target_role),
                        has_source=source_ref is not None,
                        has_target=target_ref is not None,
                        has_roles=has_roles,
                        modality=modality,
                    ),
                    explanation=explanation(
                        pattern,
                        trigger,
                        EventRoles(source_role, target_role if target else None),
                        has_roles=has_roles,
                        doer=doer if pattern.code[:2] in self.non_events.violent_roots else None,
                    )
                    + code_note(riot, armed),
                    coder=self.version,
                    token=trigger.i,
                )
            )
        return events[:MAX_EVENTS_PER_TRIGGER], has_roles


def _on_the_occurrence(noun, specs: tuple[str, ...], people: Document, coder: EventCoder):
    """The prepositional roles of an event noun found on the verb saying it happened: the
    parser hangs "between X and Y" on "broke out" in "fighting broke out between X and Y"."""
    prepositions = tuple(spec for spec in specs if spec not in ROLE_RULES)
    return find_role(noun.head, prepositions, people, coder.patterns)


def _doer_word(trigger, source_role: RoleHead | None, doc: Document, pattern: Pattern):
    """The word that did the act: the source role's, else the verb's grammatical subject,
    unless the pattern says its subject did not act ("their vehicle hit a landmine")."""
    if source_role is not None:
        return source_role.token
    if trigger.pos_ != "VERB" or not SUBJECT_SPECS & set(pattern.source):
        return None
    found = subject_of(trigger, doc)
    return found.token if found is not None else None


def _head(role: RoleHead | None):
    """The head word of a role found, else None."""
    return role.token if role is not None else None


def _background(trigger) -> bool:
    """An event named only as the setting of the reported one: in a relative clause
    ("Serbia, where 28 people were killed in riots") or as the modifier of another noun
    ("invasion forces"). "after fierce fighting" stays: it reports the fighting."""
    if trigger.dep_ == "compound":
        return True
    return any(t.dep_ == "relcl" and not is_infinitive(t) for t in governors(trigger))


def _restates(noun, matches: dict[int, Pattern]) -> bool:
    """ "was seized in a raid", "were killed during an attack": an event noun that says how
    a coded verb's event was done is that event again, not a second one."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
        return False
    preposition = noun.head
    return preposition.lower_ in MANNER_PREPOSITIONS and preposition.head.i in matches


def _own_belonging(doc: Document, target: ActorWords, sources: list[ActorWords]) -> bool:
    """ "Israel withdrew its troops": the source's own troops are not the event's target."""
    first = target.text.split()[0].lower() if target.text.split() else ""
    countries = {doc.actors[s.actor].country for s in sources}
    return first in POSSESSIVES and doc.actors[target.actor].country in countries


def _kept(events: list[Event], pattern: Pattern, has_roles: bool) -> list[Event]:
    """A converted pattern's event needs the actors its roles name: with no actor found it
    is no fallback ("heavy snow closed roads"), unlike a hand-written pattern's."""
    return events if has_roles or not pattern.converted else []


def _trigger_text(trigger, pattern: Pattern) -> str:
    """The trigger as written, with its particle or constraining object when short."""
    parts = [trigger]
    for child in trigger.children:
        if (child.dep_ == "prt" and pattern.particle) or (child.dep_ in OBJECTS and pattern.object):
            parts.append(child)
    first, last = min(t.i for t in parts), max(t.i for t in parts)
    if last - first > 4:
        return trigger.text
    return trigger.doc[first : last + 1].text
