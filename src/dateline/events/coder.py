"""The pattern coder: trigger words in the dependency parse -> coded events with roles.

For every verb or event noun whose lemma has a pattern, the first pattern whose
constraints hold (object, particle, preposition) gives the CAMEO code; its role lists
say where the source and the target are found in the parse. Actors are read from the
mentions the actors stage left on the document, never guessed from raw words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from ..kb.spatial import locating_prepositions
from ..model import ActorRef, Document, Event, Mention
from ..settings import Settings
from .doers import Doer, DoerKind, find_doer, load_non_event_words
from .modality import governors, is_infinitive, modality_of, shipped_cues
from .patterns import Pattern, PatternSet, load_patterns
from .phrase_args import phrase_roles
from .references import load_reference_words, resolve_references

log = logging.getLogger(__name__)

OBJECTS = {"dobj", "obj", "attr", "oprd"}
# words whose subject is the subject of the verb they complement
CONTROL_LINKS = {"xcomp", "advcl", "conj", "pcomp", "acomp"}
MODIFIERS = {"compound", "amod", "poss", "nmod", "npadvmod", "appos", "nummod"}
CUSTODY_NOUNS = {"custody", "detention", "captivity", "control", "hand"}
MAX_EVENTS_PER_TRIGGER = 4
PARTIAL_DISCOUNT = 0.6  # confidence factor of an event whose needed actor was not found
UNSURE_MODALITIES = {"hypothetical", "negated", "cancelled"}  # the act may not exist at all
UNSURE_MODALITY_DISCOUNT = 0.85
POSSESSIVES = {"its", "their", "his", "her", "our"}
REQUESTED_CLAUSES = {"ccomp", "xcomp"}  # how the act asked for hangs under the request
PURPOSE_CLAUSES = {"advcl", "xcomp"}  # "staged rallies to demand", "blocked roads demanding"
REJECT_ROOT = "12"  # CAMEO REJECT: what it refuses did not happen


@dataclass(frozen=True)
class RoleRule:
    """A row of the role table: a role a pattern names in ``source:``/``target:``, what it
    finds in the parse of the trigger, and the finder (trigger, document, patterns)."""

    spec: str
    finds: str
    finder: Callable[..., Role | None]


# The role table. A pattern's role list is tried in order; a spec not in this table is a
# preposition: its object on the trigger, on the trigger's object ("cut ties with X",
# "imposed sanctions on X") or, for a noun, on its by-phrase ("a visit by X to Lima").
# Each rule is tested in tests/test_roles.py.
ROLE_TABLE: tuple[RoleRule, ...] = (
    RoleRule(
        "nsubj",
        "the subject; a passive's by-agent (or the agent of the means: 'killed by a bomb "
        "planted by X'); the subject inherited through a complement ('X agreed to talk', "
        "'X is about to restore'); the owner of the noun a clause hangs on",
        lambda trigger, doc, patterns: (
            _subject(trigger, doc) or _noun_owner(trigger, doc, patterns)
        ),
    ),
    RoleRule("agent", "the by-phrase: 'was attacked by X'", lambda t, d, p: _agent(t)),
    RoleRule(
        "surface-subject",
        "the grammatical subject whatever the voice: 'X is opposed to'",
        lambda t, d, p: _surface_subject(t),
    ),
    RoleRule(
        "dobj",
        "the object (a passive's subject): 'attacked X', 'X was attacked'",
        lambda t, d, p: _object(t),
    ),
    RoleRule("poss", "the possessor of a noun: 'X's attack'", lambda t, d, p: _possessor(t)),
    RoleRule(
        "verb",
        "the subject of the support verb an event noun hangs on: 'X launched an attack'",
        lambda trigger, doc, patterns: _governing_subject(trigger, doc, patterns),
    ),
    RoleRule(
        "compound", "a modifier before the noun: 'Iranian shelling'", lambda t, d, p: _modifier(t)
    ),
    RoleRule(
        "verb-place",
        "the place the governing verb went to: 'arrived in X on a visit'",
        lambda trigger, doc, patterns: _governing_place(trigger, doc),
    ),
    RoleRule(
        "ccomp",
        "the subject of the reported clause: 'alleged that X funds'",
        lambda t, d, p: _clause_subject(t),
    ),
    RoleRule(
        "xcomp",
        "the target of the act committed to: 'agreed to withdraw from X'",
        lambda trigger, doc, patterns: _complement_target(trigger, doc, patterns),
    ),
    RoleRule(
        "custody",
        "the holder in the sentence: 'in X custody'",
        lambda trigger, doc, patterns: _implicit_agent(trigger, doc),
    ),
    RoleRule(
        "undergoer",
        "the subject of the verb the noun is the cause of: 'X died of torture'",
        lambda t, d, p: _undergoer(t),
    ),
)
ROLE_RULES = MappingProxyType({rule.spec: rule for rule in ROLE_TABLE})
LOCATIVE_RULE = "locative"  # the actors stage's rule for a place after a preposition
TOPIC_PREPOSITIONS = {"on", "about", "over", "regarding", "concerning"}
MANNER_PREPOSITIONS = {"in", "during", "with", "by", "through"}  # "seized in a raid"
TIME_ENTITIES = {"DATE", "TIME"}
# a violent act's origin ("fired from Gaza"), but a withdrawal's target ("pulled out from X")
ORIGIN_PREPOSITIONS = {"from"}
# clauses on a verb that a PETRARCH pattern's words never reach into
UNRELATED_CLAUSES = {"conj", "cc", "advcl", "parataxis", "punct", "relcl"}
COMPLEMENTS = {"xcomp", "ccomp", "acl", "advcl"}  # a clause that completes its head word


@dataclass(frozen=True)
class Role:
    """Where an actor was found: the head token of its phrase and the parse path to it."""

    token: object  # spaCy Token
    path: str


class EventCoder:
    """``coder(doc) -> doc``: fills ``doc.events`` from the parse and the actor mentions."""

    version = "patterns.v1"

    def __init__(self, settings: Settings):
        self.patterns: PatternSet = load_patterns(tuple(settings.pattern_files))
        self.cues = shipped_cues()
        self.non_events = load_non_event_words(user_files=tuple(settings.doer_files))
        self.references = load_reference_words()
        log.debug("event patterns loaded: %d trigger lemmas", len(self.patterns.by_lemma))

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        if self.patterns.discards.discards_story(doc.text):
            # the whole text, not the parse: the pre-parse filter may blank the phrase's sentence
            doc.events = []
            return doc
        events: list[Event] = []
        people = _without_locatives(doc)
        for index, sentence in enumerate(doc.sentences):
            span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                events.extend(_unique(self._code_sentence(people, doc, index, span)))
        doc.events = events
        doc.events = resolve_references(doc, self.references)  # "rejected the accusations"
        return doc

    def _code_sentence(self, people: Document, doc: Document, index: int, span) -> list[Event]:
        matches = {token.i: match for token in span if (match := self._match(token))}
        matches = _converted_as_fallback(matches)
        matches = self._without_occurrences(matches, doc.parsed)
        if any(
            (t.pos_ == "NOUN" and t.lemma_.lower() in self.patterns.discard_words) for t in span
        ) or self.non_events.has_score(span.text):
            # sport results: "beat", "attack", "strike" mean no event there, "jailed" still does
            sport = self.patterns.sport_senses
            matches = {i: p for i, p in matches.items() if self._lemma(doc.parsed[i]) not in sport}
        complete: list[Event] = []
        partial: list[Event] = []
        coded: dict[int, list[Event]] = {}
        for i, pattern in matches.items():
            token = doc.parsed[i]
            if not (
                _object_of_a_match(token, matches)
                or _deferred(token, pattern, matches)
                or self._requested(token, matches)
                or self._protest_aim(token, pattern, matches)
                or self._refused_thing(token, pattern, matches)
                or _habitual(token)
            ):
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
        return complete + _fallbacks(partial, complete, doc)

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

    def _without_occurrences(self, matches: dict[int, Pattern], parsed) -> dict[int, Pattern]:
        """ "a protest took place", "clashes broke out": the verb only says that the coded
        event noun, its subject, happened; the noun is the event."""
        return {
            i: pattern
            for i, pattern in matches.items()
            if not (
                self.non_events.says_it_happened(parsed[i])
                and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.i in matches for c in parsed[i].children
                )
            )
        }

    def _crowd(self, trigger, pattern: Pattern, doc: Document) -> ActorRef | None:
        """ "a peaceful protest took place in Tbilisi": nobody named, the protesters are the
        people of the place (written as no text, since the sentence does not name them)."""
        if not (pattern.default_target and self.non_events.occurs(trigger)):
            return None
        places = (doc.mention_at(t.idx, t.idx + len(t)) for t in trigger.head.subtree)
        place = next((m for m in places if m is not None and m.rule == LOCATIVE_RULE), None)
        country = doc.actors[place.actor].country if place is not None else None
        return ActorRef("", f"{country} civilians", country, "CVL") if country else None

    def _weapon_not_fighting(self, doer: Doer, pattern: Pattern) -> bool:
        """ "two rockets landed in southern Israel": a weapon arrives, it pays no visit."""
        return (
            doer.kind is DoerKind.IMPLIED and pattern.code[:2] not in self.non_events.violent_roots
        )

    def _doer(self, trigger, source_role: Role | None, sources: list[Mention], doc) -> Doer:
        """Who did the act: the source found, else the word the grammar puts there."""
        if source_role is not None:
            token = source_role.token
        else:
            found = _subject(trigger, doc) if trigger.pos_ == "VERB" else None
            token = found.token if found is not None else None
        source = sources[0] if sources else None
        named = source is not None and doc.actors[source.actor].country is not None
        return find_doer(trigger, token, source, named, self.non_events)

    def _held_out(self, trigger, modality: str, code_id: str) -> bool:
        """ "the EU may halt mediation if ...": a hostile act its actor says it may do is a
        threat (13x); "if Serbia attacks" (no modal on the act) stays a hypothetical attack."""
        if modality != "hypothetical" or self.patterns.intent_code(code_id)[:2] != "13":
            return False
        modals = self.cues.hypothetical_auxiliaries
        return any(c.dep_ == "aux" and c.lower_ in modals for c in trigger.children)

    def _requested(self, token, matches: dict[int, Pattern]) -> bool:
        """ "demanded that Belarus release the journalist", "urged Iran to free them": the
        act asked for is the content of the request, coded as the request, not as an act."""
        clause = token
        while clause.dep_ in REQUESTED_CLAUSES and clause.head.i != clause.i:
            clause = clause.head
            asked = matches.get(clause.i)
            if asked is not None:
                return asked.code[:2] in self.patterns.request_roots
        return False

    def _protest_aim(self, token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """ "staged rallies to demand reforms", "blocked roads demanding his return": what a
        protest asks for or complains of is the protest's aim, not a second event."""
        if pattern.code[:2] not in self.patterns.aim_roots:
            return False
        if not (is_infinitive(token) or token.tag_ == "VBG") or token.dep_ not in PURPOSE_CLAUSES:
            return False
        # the protest is the governing verb or, after a light verb, its object ("staged rallies")
        head = token.head
        doers = [head, *(c for c in head.children if c.dep_ in OBJECTS)]
        protests = (matches.get(t.i) for t in doers)
        return any(p is not None and p.code[:2] in self.patterns.protest_roots for p in protests)

    def _refused_thing(self, token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """ "rejected French mediation", "is opposed to talks": the cooperation refused is the
        object of the rejection (coded there), it did not happen."""
        if token.pos_ != "NOUN" or self.patterns.refusal_code(pattern.code) == pattern.code:
            return False
        head = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ not in OBJECTS | {"pobj"} or head.i == token.i:
            return False
        refusal = matches.get(head.i)
        return refusal is not None and refusal.code[:2] == REJECT_ROOT

    def _lemma(self, token) -> str:
        """The token's lemma, with the parser's known lemma mistakes corrected."""
        return self.patterns.lemma(token.lemma_.lower())

    def _match(self, token) -> Pattern | None:
        pos = {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective"}.get(token.pos_)
        if pos is None:
            return None
        candidates = self.patterns.candidates(pos, self._lemma(token))
        if pos == "verb" and token.tag_ == "VBN" and (_is_passive(token) or token.dep_ == "acomp"):
            # "Israel is opposed to ...": a participle that is an adjective pattern's word
            candidates = self.patterns.candidates("adjective", token.lower_) + candidates
        if candidates and self._discarded(token):
            return None
        words = _TriggerWords(token)
        for pattern in candidates:
            if _constraints_hold(token, pattern, words):
                if pattern.converted and self._complements_a_match(token):
                    return None
                # PETRARCH's null code: this construction is no event ("ran for office")
                return None if pattern.codes_nothing else pattern
        return None

    def _complements_a_match(self, token) -> bool:
        """ "threatened to stop talks", "the decision to close": a converted pattern leaves
        the act a coded word governs to that word's event, unless that word hands its act to
        its complement ("ready to contribute troops")."""
        head = token.head
        if token.dep_ not in COMPLEMENTS or head.i == token.i:
            return False
        governing = self._match(head)
        return governing is not None and not governing.defer_to_complement

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

    def _discarded(self, token) -> bool:
        """A sentence with a phrase of a PETRARCH discard list codes nothing."""
        discards = self.patterns.discards
        return discards.discards_sentence(token.sent.text)

    def _events(
        self, people: Document, doc: Document, index: int, trigger, pattern: Pattern
    ) -> tuple[list[Event], bool]:
        """The events of one trigger, and whether the roles its pattern needs were found.
        A trigger whose actor was not found still gives its event (the type informs), at a
        lower confidence, kept only as a fallback for the sentence (see ``_fallbacks``).

        ``people`` is the document without its locative mentions ("in Baghdad"): places
        are never a source; they are a target only when no actor is, in a prepositional
        role ("withdrew from Lebanon"), in any role of a movement ("arrived in Baghdad"),
        or as the place of an act on a place ("troops attacked in Lebanon")."""
        source_role = _find_role(trigger, pattern.source, people, self.patterns)
        # an actor in any target role beats a place; a place may fill a prepositional role
        # ("expelled from Uganda") or, for a movement, any role ("arrived in Baghdad")
        target_role = _find_role(trigger, pattern.target, people, self.patterns) or _find_role(
            trigger, _place_roles(pattern), doc, self.patterns
        )
        if pattern.phrase_arguments:  # PETRARCH's rule where the role rules found no actor
            roles = (source_role, target_role)
            source_role, target_role = phrase_roles(trigger, people, doc, self.patterns, roles)
        sources = _mentions(people, source_role)
        doer = self._doer(trigger, source_role, sources, doc)
        if not doer.is_political or self._weapon_not_fighting(doer, pattern):
            return [], False  # "an earthquake killed eight": nobody did it
        targets = [t for t in _mentions(doc, target_role) if not _own_belonging(doc, t, sources)]
        if not targets and pattern.code[:2] in self.patterns.place_target_roots:
            violent = pattern.code[:2] in self.non_events.violent_roots
            target_role = _place_of(trigger, doc, skip_origin=violent)
            targets = _mentions(doc, target_role)
        crowd = None if sources else self._crowd(trigger, pattern, doc)
        # an event with no actor at all, or without the actor its pattern needs, still
        # tells its type: it is kept as the sentence's fallback, not as a full event
        has_roles = bool(sources or crowd) or (bool(targets) and not pattern.needs_source)
        if not (sources or targets or trigger.pos_ == "VERB" or self.non_events.occurs(trigger)):
            return [], False  # "the attack was terrible": a bare event noun is no event
        pairs = _dyads(sources, targets, pattern) if has_roles else [(None, None)]
        if not pairs:
            return [], False
        modality = modality_of(trigger, self.cues)
        code_id = pattern.code
        if modality == "intended" or self._held_out(trigger, modality, code_id):
            code_id = self.patterns.intent_code(code_id)
        elif modality == "negated":
            code_id = self.patterns.refusal_code(code_id)
        code = self.patterns.codebook[code_id]
        events = []
        for source, target in pairs:
            source_ref = doc.actor_ref(source) if source else crowd
            target_ref = doc.actor_ref(target) if target else None
            if target_ref is None and source_ref is not None and pattern.default_target:
                target_ref = _own_government(source_ref)
            events.append(
                Event(
                    sentence=index,
                    trigger=_trigger_text(trigger, pattern),
                    cameo=code.cameo(),
                    plover=code.plover(),
                    source=source_ref,
                    target=target_ref,
                    modality=modality,
                    confidence=_confidence(
                        pattern, trigger, source_role, (source_ref, target_ref), has_roles, modality
                    ),
                    explanation=_explain(
                        pattern,
                        trigger,
                        (source_role, target_role if target else None),
                        has_roles,
                        doer if code.cameo().root in self.non_events.violent_roots else None,
                    ),
                    coder=self.version,
                    token=trigger.i,
                )
            )
        return events[:MAX_EVENTS_PER_TRIGGER], has_roles


def _fallbacks(partial: list[Event], complete: list[Event], doc: Document) -> list[Event]:
    """Events whose actor was not found, kept when the sentence has no event with an actor:
    at most one, the one whose trigger is nearest the sentence root (the main clause says
    what happened), so a sentence stays at a few events ("three soldiers were killed" is
    an attack even with no attacker named)."""
    if any(e.source for e in complete):
        return []
    roots = {e.cameo.root for e in complete}
    fresh = [e for e in partial if e.cameo.root not in roots]
    return sorted(fresh, key=lambda e: (_depth(doc.parsed[e.token]), -e.confidence))[:1]


def _background(trigger) -> bool:
    """An event named only as the setting of the reported one: in a relative clause
    ("Serbia, where 28 people were killed in riots") or as the modifier of another noun
    ("invasion forces"). "after fierce fighting" stays: it reports the fighting."""
    if trigger.dep_ == "compound":
        return True
    return any(t.dep_ == "relcl" and not is_infinitive(t) for t in governors(trigger))


def _habitual(trigger) -> bool:
    """ "the militias, including those which target Iraqi forces": a present-tense relative
    clause says what a group does, it reports no event."""
    if trigger.dep_ != "relcl" or trigger.tag_ not in {"VBZ", "VBP"}:
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in trigger.children)


def _restates(noun, matches: dict[int, Pattern]) -> bool:
    """ "was seized in a raid", "were killed during an attack": an event noun that says how
    a coded verb's event was done is that event again, not a second one."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
        return False
    preposition = noun.head
    return preposition.lower_ in MANNER_PREPOSITIONS and preposition.head.i in matches


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _without_locatives(doc: Document) -> Document:
    """The document as the role finders see it: places named after a preposition are
    where an event happened, not who took part in it."""
    return replace(doc, mentions=[m for m in doc.mentions if m.rule != LOCATIVE_RULE])


def _place_roles(pattern: Pattern) -> tuple[str, ...]:
    """The target roles a place may fill: all of a movement's, else the prepositional ones."""
    if pattern.place_target:
        return pattern.target
    return tuple(spec for spec in pattern.target if spec not in ROLE_RULES)


def _place_of(trigger, doc: Document, *, skip_origin: bool) -> Role | None:
    """The place an act happened in, as the target of an act on a place: a locative phrase
    on the trigger ("attacked in Lebanon"), on its object ("imposed a curfew in Basra"),
    else on the word governing it ("carried out raids in Lebanon")."""
    objects = [c for c in trigger.children if c.dep_ in OBJECTS]  # "imposed a curfew in X"
    holders = [trigger, *objects] + ([trigger.head] if trigger.head.i != trigger.i else [])
    if trigger.dep_ == "acl" and trigger.head.head.i != trigger.head.i:
        holders.append(trigger.head.head)  # "rockets fired from Gaza landed in Israel"
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or (skip_origin and child.lower_ in ORIGIN_PREPOSITIONS):
                continue  # "rockets fired from Gaza": where they came from is not what they hit
            for pobj in _located_objects(child):
                mention = _mention_of(doc, pobj)
                if mention is not None and mention.rule == LOCATIVE_RULE:
                    return Role(pobj, f"{holder.lemma_.lower()}->{child.lower_}:place")
    return None


def _located_objects(preposition) -> list:
    """The object of a preposition, then the places in it: "outside a church in Benue"."""
    pobj = _child(preposition, {"pobj"})
    if pobj is None:
        return []
    inner = [g for c in pobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [pobj, *inner]


def _dyads(sources: list[Mention], targets: list[Mention], pattern: Pattern) -> list[tuple]:
    """(source, target) pairs: one per conjoined actor; "X and Y met" pairs X with Y."""
    if not targets and pattern.reciprocal and len(sources) > 1:
        return [(s, t) for s in sources for t in sources if s.actor != t.actor]
    if not targets and pattern.needs_target:
        return []
    pairs = []
    for source in sources or [None]:
        for target in targets or [None]:
            same = source is not None and target is not None and source.actor == target.actor
            pairs.append((source, None if same else target))
    return pairs


def _own_belonging(doc: Document, target: Mention, sources: list[Mention]) -> bool:
    """ "Israel withdrew its troops": the source's own troops are not the event's target."""
    first = target.text.split()[0].lower() if target.text.split() else ""
    countries = {doc.actors[s.actor].country for s in sources}
    return first in POSSESSIVES and doc.actors[target.actor].country in countries


def _own_government(source: ActorRef) -> ActorRef | None:
    """CAMEO's convention for domestic protest: with no target named, the protesters'
    own government is the target (written as no text, since the sentence does not say it)."""
    if source.country is None:
        return None
    return ActorRef("", f"{source.country} government", source.country, "GOV")


def _deferred(token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
    """ "pledged to send aid": the intent is coded on the complement (send aid, intended)."""
    if not pattern.defer_to_complement:
        return False
    return any(c.dep_ == "xcomp" and c.i in matches for c in token.children)


def _object_of_a_match(token, matches: dict[int, Pattern]) -> bool:
    """ "lodged a protest with X": the noun a verb pattern required as its object is part
    of that event, not a second one."""
    head = matches.get(token.head.i) if token.head.i != token.i else None
    if head is None or not head.object:
        return False
    # "began a hunger strike": the constrained object's whole phrase belongs to the verb
    return token.lemma_.lower() in head.object or token.dep_ in OBJECTS


@dataclass(frozen=True)
class Trigger:
    """A lemma the coder may take as a trigger, and the words one of its patterns needs
    beside it in the sentence (its object, particle, preposition, clause auxiliary or
    complement constraints): a sentence lacking them cannot match that pattern."""

    lemma: str
    needs: tuple[frozenset[str], ...] = ()  # one entry of each set; "take part": both words


def triggers(patterns: PatternSet) -> dict[str, tuple[Trigger, ...]]:
    """Every lemma the coder matches (``by_lemma`` keys, adjective patterns as written, the
    parser's known wrong lemmas) -> what its patterns need: the pre-parse sentence filter
    reads it, so it follows the patterns whatever they become."""
    found: dict[str, set[Trigger]] = {}
    for (_, lemma), candidates in patterns.by_lemma.items():
        for pattern in candidates:
            constraints = (
                pattern.object,
                pattern.particle,
                pattern.prep,
                pattern.clause_aux,
                pattern.complement,
                # a PETRARCH word slot: one of the forms its phrases start with
                *(slot.firsts for slot in (*pattern.before, *pattern.after)),
            )
            found.setdefault(lemma, set()).add(Trigger(lemma, tuple(c for c in constraints if c)))
    for wrong, right in patterns.lemma_fixes.items():
        if right in found:
            found.setdefault(wrong, set()).update(found[right])
    # a pattern with no constraint makes the lemma enough: the others add nothing
    return {
        lemma: (Trigger(lemma),) if any(not t.needs for t in rules) else tuple(rules)
        for lemma, rules in found.items()
    }


def _constraints_hold(token, pattern: Pattern, words: _TriggerWords | None = None) -> bool:
    if pattern.object and not (_object_words(token) & pattern.object):
        return False
    if pattern.before or pattern.after:
        words = words or _TriggerWords(token)
        if not (_in_order(words.before, pattern.before) and _in_order(words.after, pattern.after)):
            return False
    # a particle before "of" is often parsed as a preposition: "forced X out of the country"
    particles = _child_words(token, {"prt", "advmod", "prep"})
    if pattern.particle and not (particles & pattern.particle):
        return False
    if pattern.prep and not (_argument_prepositions(token) & pattern.prep):
        return False
    if pattern.clause_aux and not (_clause_auxiliaries(token) & pattern.clause_aux):
        return False
    if pattern.complement and not (_complement_words(token) & pattern.complement):
        return False
    return True


def _kept(events: list[Event], pattern: Pattern, has_roles: bool) -> list[Event]:
    """A converted pattern's event needs the actors its roles name: with no actor found it
    is no fallback ("heavy snow closed roads"), unlike a hand-written pattern's."""
    return events if has_roles or not pattern.converted else []


def _converted_as_fallback(matches: dict[int, Pattern]) -> dict[int, Pattern]:
    """The patterns converted from PETRARCH's dictionary code a sentence only when no other
    pattern does: on the gold corpora, beside a hand-written event, they mostly coded a
    detail of it ("walked out to demand", "closed its borders because of fighting")."""
    if all(p.converted for p in matches.values()):
        return matches
    return {i: p for i, p in matches.items() if not p.converted}


class _TriggerWords:
    """The words a PETRARCH-style pattern may name around its verb, computed once per token:
    ``after``, what the verb governs after it (object phrase, particles, prepositional
    phrases; not its coordinated, adverbial or parenthetical clauses); ``before``, the words
    before it in its subject phrase, its auxiliaries and adverbs and the verbs governing it."""

    def __init__(self, token):
        self.token = token

    @cached_property
    def after(self) -> list[frozenset[str]]:
        cut = [c for c in self.token.rights if c.dep_ in UNRELATED_CLAUSES]
        skipped = {t.i for c in cut for t in c.subtree}
        tokens = [t for t in self.token.subtree if t.i > self.token.i and t.i not in skipped]
        return [_token_forms(t) for t in tokens]

    @cached_property
    def before(self) -> list[frozenset[str]]:
        token = self.token
        near = {t.i for c in token.lefts for t in c.subtree}
        for governor in token.ancestors:
            near.add(governor.i)
            near.update(c.i for c in governor.children if c.dep_ in {"aux", "neg", "advmod"})
        sentence_start = token.sent.start
        return [_token_forms(token.doc[i]) for i in sorted(near) if sentence_start <= i < token.i]


def _token_forms(token) -> frozenset[str]:
    return frozenset({token.lower_, token.lemma_.lower()})


def _in_order(tokens: list[frozenset[str]], slots) -> bool:
    """Each slot found after the previous one: one of its phrases on consecutive tokens."""
    at = 0
    for slot in slots:
        ends = (
            _phrase_end(tokens, phrase, start)
            for start in range(at, len(tokens))
            if tokens[start] & slot.firsts
            for phrase in slot.phrases
        )
        at = next((end for end in ends if end is not None), -1)
        if at < 0:
            return False
    return True


def _phrase_end(tokens: list[frozenset[str]], phrase, start: int) -> int | None:
    """The index after ``phrase`` when it is found at ``start``, else None."""
    end = start + len(phrase)
    if end > len(tokens):
        return None
    if all(tokens[start + k] & forms for k, forms in enumerate(phrase)):
        return end
    return None


def _complement_words(token) -> set[str]:
    """ "allowed X to take part", "let them return": the lemmas of the clause the trigger
    governs (an infinitive may be parsed as xcomp, ccomp or advcl)."""
    words = set()
    for clause in (c for c in token.children if c.dep_ in {"xcomp", "ccomp", "advcl"}):
        words.add(clause.lemma_.lower())
        words.update(
            f"{clause.lemma_.lower()} {o.lemma_.lower()}"
            for o in clause.children
            if o.dep_ in OBJECTS
        )
    return words


def _clause_auxiliaries(token) -> set[str]:
    """ "said Iraq must cooperate": the auxiliaries of the clause the trigger governs."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    return {a.lower_ for c in clauses for a in c.children if a.dep_ == "aux"}


def _argument_prepositions(token) -> set[str]:
    """The prepositions on a word, but not those of a date ("a strike on Monday")."""
    words = set()
    for child in token.children:
        if child.dep_ in {"prep", "prt", "dative"}:
            pobj = _child(child, {"pobj"})
            if pobj is None or pobj.ent_type_ not in {"DATE", "TIME"}:
                words.add(child.lemma_.lower())
    return words


def _child_words(token, deps: set[str]) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in deps}


def _object_words(token) -> set[str]:
    """Lemmas of the object phrase: "cut diplomatic ties", "declared a state of emergency"."""
    words = set()
    heads = [c for c in token.children if c.dep_ in OBJECTS | {"nsubjpass"}]
    if not heads:
        # "took part in talks", "went on hunger strike": the object of a preposition counts
        heads = [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
    for head in heads:
        words.add(head.lemma_.lower())
        for child in head.children:
            if child.dep_ in {"compound", "amod"}:
                words.add(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ == "of":
                # "declared a state of emergency"; not "held talks with leaders"
                words.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return words


def _is_passive(verb) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _find_role(trigger, specs: tuple[str, ...], doc: Document, patterns) -> Role | None:
    for spec in specs:
        role = _through_partitive(role_of(trigger, spec, doc, patterns), patterns.partitive_nouns)
        if role is not None and _mention_of(doc, role.token) is None:
            role = _located(role) or _by_its_doer(role)
        if role is not None and _mention_of(doc, role.token) is not None:
            return role
    return None


def _by_its_doer(role: Role) -> Role | None:
    """ "rejected recent calls by Belarus's rulers": an unnamed object's by-phrase."""
    for child in role.token.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = _child(child, {"pobj"})
            if pobj is not None:
                return Role(pobj, f"{role.path}~by")
    return None


def _located(role: Role) -> Role | None:
    """ "deployed warships to the waters near Taiwan": a place phrase on an unnamed object."""
    for child in role.token.children:
        if child.dep_ == "prep" and child.lower_ in locating_prepositions():
            pobj = _child(child, {"pobj"})
            if pobj is not None:
                return Role(pobj, f"{role.path}~{child.lower_}")
    return None


def role_of(trigger, spec: str, doc: Document, patterns: PatternSet) -> Role | None:
    """The phrase head ``spec`` names for ``trigger``, by the role table (a spec not in it
    is a preposition), whether or not it is an actor."""
    rule = ROLE_RULES.get(spec)
    if rule is None:
        return _prepositional(trigger, spec)
    return rule.finder(trigger, doc, patterns)


def _object(trigger) -> Role | None:
    deps = {"nsubjpass"} if _is_passive(trigger) else OBJECTS | {"dative"}
    token = _child(trigger, deps)
    return Role(token, f"{trigger.lemma_.lower()}->{token.dep_}") if token is not None else None


def _possessor(noun) -> Role | None:
    token = _child(noun, {"poss"})
    return Role(token, f"poss<-{noun.lemma_.lower()}") if token is not None else None


def _surface_subject(word) -> Role | None:
    """ "Israel is opposed to": the grammatical subject whatever the voice, found on the
    word or on its auxiliary (the parser may hang it on "is")."""
    holders = [word, *(c for c in word.children if c.dep_ in {"aux", "auxpass"})]
    subjects = (c for h in holders for c in h.children if c.dep_ in {"nsubj", "nsubjpass"})
    token = next(subjects, None)
    return Role(token, f"{token.dep_}<-{word.lemma_.lower()}") if token is not None else None


def _through_partitive(role: Role | None, partitives: frozenset[str]) -> Role | None:
    """ "thousands of Kenyan students", "a group of rebels": the actor is in the of-phrase."""
    if role is None or not (role.token.pos_ == "NUM" or role.token.lemma_.lower() in partitives):
        return role
    for child in role.token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = _child(child, {"pobj"})
            if pobj is not None:
                return Role(pobj, f"{role.path}~of")
    return role


def _child(token, deps: set[str]):
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject(verb, doc: Document, depth: int = 0) -> Role | None:
    """The actor of a verb: its subject, its passive agent, or the subject it inherits."""
    lemma = verb.lemma_.lower()
    if _is_passive(verb):
        return _agent(verb) or _implicit_agent(verb, doc)
    subject = _child(verb, {"nsubj", "csubj"})
    if subject is not None and subject.tag_ not in {"WDT", "WP"}:
        return Role(subject, f"nsubj<-{lemma}")
    if depth > 3 or verb.head.i == verb.i:
        return None
    head = verb.head
    controller = _object_controller(head) if verb.dep_ == "xcomp" else None
    if controller is not None and _can_act(controller, doc):
        return Role(controller, f"{head.lemma_.lower()}->obj~xcomp")
    if verb.dep_ in CONTROL_LINKS and head.pos_ in {"VERB", "AUX", "ADJ"}:  # "is about to"
        inherited = _subject(head, doc, depth + 1)
        if inherited is not None:
            return Role(inherited.token, f"{inherited.path}~{verb.dep_}")
    if verb.dep_ == "relcl" and subject is not None:
        # "the rebels who attacked": the relative pronoun stands for the head noun
        return Role(head, f"relcl<-{lemma}")
    if verb.dep_ == "acl" and _active_participle(verb):
        # "demonstrators protesting the results"; and "The president on Monday shortened
        # the curfew", misparsed as a noun phrase: the noun is the participle's subject
        return Role(head, f"nsubj?<-{lemma}")
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        # "Y's decision to recognise": the possessor of the governing noun
        owner = _child(head, {"poss"})
        if owner is not None:
            return Role(owner, f"poss<-{head.lemma_.lower()}<-acl")
    return None


def _active_participle(verb) -> bool:
    """A present participle, or a past one with its own object (so no passive)."""
    return verb.tag_ == "VBG" or (verb.tag_ == "VBN" and _child(verb, {"dobj"}) is not None)


def _can_act(token, doc: Document) -> bool:
    """ "urged Iran to release": an object that names an actor (or a pronoun for one) does
    the complement; "used tear gas to disperse": a thing cannot, the subject does."""
    return token.pos_ in {"PROPN", "PRON"} or _mention_of(doc, token) is not None


def _noun_owner(verb, doc: Document, patterns: PatternSet) -> Role | None:
    """ "X issued a declaration demanding ...": the issuer of the noun the clause hangs on."""
    if verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return None
    return _governing_subject(verb.head, doc, patterns)


def _object_controller(verb):
    """ "urged Iran to release", "called on Iran to release": the object does the xcomp."""
    token = _child(verb, {"dobj"})
    if token is not None:
        return token
    for child in verb.rights:  # after the verb: "On Monday, X offered to ..." is a date
        if child.dep_ in {"prep", "prt"} and child.lower_ in {"on", "upon"}:
            return _child(child, {"pobj"})
    return None


def _clause_subject(verb) -> Role | None:
    """ "allege that Iranian agents fund ...": the subject of the reported clause."""
    clause = _child(verb, {"ccomp"} if verb.pos_ != "NOUN" else {"ccomp", "acl"})
    if clause is None:
        return None
    subject = _child(clause, {"nsubj"})
    if subject is None and clause.pos_ in {"NOUN", "PROPN"}:
        # "allege that Iranian agents fund ...", with "agents fund" misparsed as one noun
        subject = clause
    if subject is None:
        return None
    return Role(subject, f"{verb.lemma_.lower()}->ccomp->nsubj")


def _complement_target(word, doc: Document, patterns: PatternSet) -> Role | None:
    """ "agreed to withdraw from Lebanon", "ready to help Iraq": the target of the action
    the trigger commits to."""
    complement = _child(word, {"xcomp"})
    if complement is None:
        return None
    for spec in ("dobj", "to", "from", "with", "on", "for"):
        role = role_of(complement, spec, doc, patterns)
        if role is not None and _mention_of(doc, role.token) is not None:
            return Role(role.token, f"xcomp:{role.path}")
    return None


def _agent(verb) -> Role | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            pobj = _child(child, {"pobj"})
            if pobj is not None:
                role = Role(pobj, f"agent<-{verb.lemma_.lower()}")
                return _agent_of_the_means(role) or role
    return None


def _agent_of_the_means(role: Role) -> Role | None:
    """ "killed by a landmine planted by the group": the agent of the means' own participle."""
    for participle in role.token.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            found = _agent(participle)
            if found is not None:
                return Role(found.token, f"{role.path}~{found.path}")
    return None


def _implicit_agent(verb, doc: Document) -> Role | None:
    """A passive with no agent takes the holder named in the sentence: "in US custody"."""
    for token in verb.sent:
        if token.lemma_.lower() in CUSTODY_NOUNS and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ in MODIFIERS and _mention_of(doc, child) is not None:
                    return Role(child, f"implicit:{token.lower_}")
    return None


def _mention_elsewhere(doc: Document, token) -> Mention | None:
    """A word the actors stage left unmarked ("in US custody") that names an actor marked
    elsewhere in the document ("US commanders"): that mention, read as coreference."""
    if token.pos_ != "PROPN":
        return None
    word = token.text
    for mention in doc.mentions:
        words = mention.text.split()
        if words and words[0] == word and doc.actors[mention.actor].country:
            end = token.idx + len(token)
            return Mention(token.idx, end, word, mention.sentence, mention.actor, "events:surface")
    return None


def _governing_subject(noun, doc: Document, patterns: PatternSet) -> Role | None:
    """The subject of a support verb an event noun hangs under: "X held talks", "X arrived on
    a visit"; never of other verbs ("X condemned the strikes" says nothing of who struck)."""
    token = noun
    links = {"dobj", "pobj", "prep", "attr", "conj", "compound"}
    while token.dep_ in links and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in patterns.circumstance_prepositions:
            return None  # "imposed a curfew after the clashes": the clashes are not its act
        if token.dep_ == "prep" and _is_topic(token):
            return None  # "imposed a blackout on the fighting": the topic of another noun
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            lemma = patterns.lemma(token.lemma_.lower())
            if lemma in patterns.passive_support_verbs and _is_passive(token):
                subject = _child(token, {"nsubjpass"})
                return Role(subject, f"nsubjpass<-{lemma}") if subject is not None else None
            if _is_passive(token) or lemma not in patterns.support_verbs:
                return None
            return _subject(token, doc)
    return None


def _is_topic(preposition) -> bool:
    """ "a ban on protests", "imposed a blackout on the fighting": a phrase on a noun, or a
    topic phrase beside the verb's own object, names what the act is about, not the act."""
    head = preposition.head
    if head.pos_ == "NOUN":
        return preposition.lower_ != "of"
    has_object = _child(head, OBJECTS) is not None
    return has_object and preposition.lower_ in TOPIC_PREPOSITIONS


def _undergoer(noun) -> Role | None:
    """ "a prisoner died of torture", "civilians suffered from shelling": the subject of
    the verb whose cause the event noun is, as the noun's target."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ not in {"of", "from"}:
        return None
    verb = preposition.head
    subject = _child(verb, {"nsubj"}) if verb.pos_ == "VERB" else None
    return (
        Role(subject, f"nsubj<-{verb.lemma_.lower()}<-{noun.lemma_.lower()}") if subject else None
    )


def _modifier(noun) -> Role | None:
    """ "the US strikes", "Iranian shelling": an actor named before the event noun."""
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "nmod"}:
            return Role(child, f"{child.dep_}<-{noun.lemma_.lower()}")
    return None


def _governing_place(noun, doc: Document) -> Role | None:
    """ "arrived in Baghdad on a visit", "send its minister to Iraq for talks": the place
    the governing verb went to."""
    token = noun
    while token.dep_ in {"pobj", "prep"} and token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB":
            roles = (_prepositional(token, p) for p in ("in", "to"))
            return next((r for r in roles if r and _mention_of(doc, r.token)), None)
    return None


def _prepositional(word, preposition: str) -> Role | None:
    """The object of ``preposition`` on the word, or on its object ("cut ties with X")."""
    lemma = word.lemma_.lower()
    holders = [word] + [c for c in word.children if c.dep_ in OBJECTS]
    if word.pos_ == "NOUN":
        # "a visit by the minister to Lima": the phrase may hang on the noun's by-object
        holders += [
            g for c in word.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if word.dep_ == "compound":
            holders.append(word.head)  # "a mediation effort between X and Y"
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "dative", "prt"} and child.lower_ == preposition:
                pobj = _child(child, {"pobj"})
                if pobj is not None and pobj.ent_type_ not in TIME_ENTITIES:
                    # "launched strikes on Kyiv on Monday": a date is no argument
                    return Role(pobj, f"{lemma}->{preposition}")
    return None


def _mention_of(doc: Document, token) -> Mention | None:
    """The mention at a phrase head: on the head word itself, else inside its left side,
    appositions and of-phrase ("Iranian officials", "the president of Armenia")."""
    end = token.idx + len(token)
    mention = doc.mention_at(token.idx, end) or _mention_elsewhere(doc, token)
    if mention is not None:
        return mention
    start = token.left_edge.idx
    for child in token.rights:
        # "his envoy, Ali Larijani", "the president of Armenia"
        if child.dep_ in {"appos", "compound"} or (child.dep_ == "prep" and child.lower_ == "of"):
            end = child.right_edge.idx + len(child.right_edge)
    return doc.mention_at(start, end)


def _mentions(doc: Document, role: Role | None) -> list[Mention]:
    """One mention per conjoined actor: "Iran and Syria condemned ..." gives two."""
    if role is None:
        return []
    found: list[Mention] = []
    for token in [role.token, *role.token.conjuncts]:
        mention = _mention_of(doc, token)
        for each in _sharing_the_span(doc, mention):
            if all(m.actor != each.actor for m in found):
                found.append(each)
    for modifier in role.token.children:
        # "Hungarian and Romanian officials": conjoined modifiers name distinct actors
        if modifier.dep_ in {"amod", "compound"} and modifier.conjuncts:
            for token in [modifier, *modifier.conjuncts]:
                mention = doc.mention_at(token.idx, token.idx + len(token))
                if mention is not None and all(m.actor != mention.actor for m in found):
                    found.append(mention)
    return found


def _sharing_the_span(doc: Document, mention: Mention | None) -> list[Mention]:
    """``mention`` and the others on exactly its words: "both governments" stands for each
    of the governments named before it."""
    if mention is None:
        return []
    others = [
        m
        for m in doc.mentions
        if (m.start, m.end) == (mention.start, mention.end) and m is not mention
    ]
    return [mention, *others]


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


def _confidence(
    pattern: Pattern, trigger, source_role, dyad: tuple, has_roles: bool, modality: str
) -> float:
    """A score in [0, 1]: explicit roles and constrained patterns make a coding surer; an
    event whose needed actor was not found is much less sure; so is one with no target
    (on the PLOVER gold standard, 4 in 10 of these were right against 7 in 10 with one)
    and one whose act is conditional, denied or called off."""
    source, target = dyad
    score = 0.25
    score += 0.25 if source else 0.0
    score += 0.25 if target else 0.0
    score += 0.1 if pattern.specificity else 0.0
    score += 0.05 if trigger.pos_ == "VERB" else 0.0
    inherited = source_role is not None and (
        "~" in source_role.path or "implicit" in source_role.path
    )
    score -= 0.1 if inherited else 0.0
    score *= 1.0 if has_roles else PARTIAL_DISCOUNT
    score *= UNSURE_MODALITY_DISCOUNT if modality in UNSURE_MODALITIES else 1.0
    return round(min(max(score, 0.05), 0.95), 3)


def _explain(pattern: Pattern, trigger, roles: tuple, has_roles: bool, doer: Doer | None) -> str:
    """Why the event was coded: its pattern, the parse path to its roles and, for a
    violent or coercive act, who did it ("doer: described group 'gunmen'")."""
    source_role, target_role = roles
    path = trigger.lemma_.lower()
    if source_role is not None:
        path = f"{source_role.path} | {path}"
    if target_role is not None:
        path = f"{path} | {target_role.path}"
    text = f"pattern {pattern.id} ({pattern.code}); trigger {trigger.text!r}; path {path}"
    if doer is not None:
        text = f"{text}; {doer.reason()}"
    return text if has_roles else f"{text}; no actor found for its roles (fallback)"


def _unique(events: list[Event]) -> list[Event]:
    """One event per (root, source, target) in a sentence: a verb and its noun
    ("met for talks") do not count twice. The most specific code is kept ("pledged to
    send aid": 0333 over 030), then the most confident."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.cameo.root,
            event.source.name if event.source else None,
            event.target.name if event.target else None,
        )
        if key not in best or _specificity(event) > _specificity(best[key]):
            best[key] = event
    return sorted(best.values(), key=lambda e: e.token or 0)


def _specificity(event: Event) -> tuple:
    code = event.cameo.code
    return (len(code), not code.endswith("0"), event.confidence)
