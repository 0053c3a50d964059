"""The role finders: where a pattern's ``source:``/``target:`` roles are found in the parse.

A pattern names its roles by spec (``nsubj``, ``dobj``, ``poss``, a preposition ...); the
role table says, spec by spec, what each finds around the trigger and how. A role is the
head word of a phrase and the parse path to it; whether it names an actor is read off the
document's mentions (mentions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from ..model import Document
from .mentions import mention_of
from .modality import is_infinitive
from .patterns import PatternSet
from .role_words import (
    RoleHead,
    by_its_doer,
    clause_subject,
    condition_subject,
    located,
    modifier,
    object_of,
    possessor,
    prepositional,
    surface_subject,
    through_partitive,
    undergoer,
)
from .syntax import OBJECTS, TIME_ENTITIES, RoleSpec, dependent, is_passive

# words whose subject is the subject of the verb they complement
CONTROL_LINKS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})
HOLDER_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos", "nummod"})
CUSTODY_NOUNS = frozenset({"custody", "detention", "captivity", "control", "hand"})
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
CLAIMED_NOUNS = frozenset({"responsibility", "credit"})
# the roles that find who acted
DOER_SPECS = frozenset({RoleSpec.NSUBJ, RoleSpec.AGENT, RoleSpec.SURFACE_SUBJECT, RoleSpec.VERB})


@dataclass(frozen=True)
class EventRoles:
    """The roles found for one trigger's event: its source and its target, either missing."""

    source: RoleHead | None
    target: RoleHead | None


@dataclass(frozen=True)
class RoleRule:
    """A row of the role table: a role a pattern names in ``source:``/``target:``, what it
    finds in the parse of the trigger, and the finder (trigger, document, patterns)."""

    spec: str
    finds: str
    finder: Callable[..., RoleHead | None]


# The role table. A pattern's role list is tried in order; a spec not in this table is a
# preposition: its object on the trigger, on the trigger's object ("cut ties with X",
# "imposed sanctions on X") or, for a noun, on its by-phrase ("a visit by X to Lima").
# Each rule is tested in tests/events/test_roles.py.
ROLE_TABLE: tuple[RoleRule, ...] = (
    RoleRule(
        RoleSpec.NSUBJ,
        "the subject; a passive's by-agent (or the agent of the means: 'killed by a bomb "
        "planted by X'); the subject inherited through a complement ('X agreed to talk', "
        "'X is about to restore'); the owner of the noun a clause hangs on",
        lambda trigger, doc, patterns: (
            subject_of(trigger, doc) or _noun_owner(trigger, doc, patterns)
        ),
    ),
    RoleRule(RoleSpec.AGENT, "the by-phrase: 'was attacked by X'", lambda t, d, p: _agent(t)),
    RoleRule(
        RoleSpec.SURFACE_SUBJECT,
        "the grammatical subject whatever the voice: 'X is opposed to'",
        lambda t, d, p: surface_subject(t),
    ),
    RoleRule(
        RoleSpec.DOBJ,
        "the object (a passive's subject): 'attacked X', 'X was attacked'",
        lambda t, d, p: object_of(t),
    ),
    RoleRule(RoleSpec.POSS, "the possessor of a noun: 'X's attack'", lambda t, d, p: possessor(t)),
    RoleRule(
        RoleSpec.VERB,
        "the subject of the support verb an event noun hangs on: 'X launched an attack'",
        lambda trigger, doc, patterns: _governing_subject(trigger, doc, patterns),
    ),
    RoleRule(
        RoleSpec.COMPOUND,
        "a modifier before the noun: 'Iranian shelling'",
        lambda t, d, p: modifier(t),
    ),
    RoleRule(
        RoleSpec.VERB_PLACE,
        "the place the governing verb went to: 'arrived in X on a visit'",
        lambda trigger, doc, patterns: _governing_place(trigger, doc),
    ),
    RoleRule(
        RoleSpec.CCOMP,
        "the subject of the reported clause: 'alleged that X funds'",
        lambda t, d, p: clause_subject(t),
    ),
    RoleRule(
        RoleSpec.XCOMP,
        "the target of the act committed to: 'agreed to withdraw from X'",
        lambda trigger, doc, patterns: _complement_target(trigger, doc, patterns),
    ),
    RoleRule(
        RoleSpec.CUSTODY,
        "the holder in the sentence: 'in X custody'",
        lambda trigger, doc, patterns: _implicit_agent(trigger, doc),
    ),
    RoleRule(
        RoleSpec.UNDERGOER,
        "the subject of the verb the noun is the cause of: 'X died of torture'",
        lambda t, d, p: undergoer(t),
    ),
    RoleRule(
        RoleSpec.CONDITION,
        "the subject of the if-clause on the act or its complement: 'threatened to close the "
        "strait if X imposed sanctions'",
        lambda t, d, p: condition_subject(t),
    ),
)
ROLE_RULES = MappingProxyType({rule.spec: rule for rule in ROLE_TABLE})


def role_of(trigger, spec: str, doc: Document, patterns: PatternSet) -> RoleHead | None:
    """The phrase head ``spec`` names for ``trigger``, by the role table (a spec not in it
    is a preposition), whether or not it is an actor."""
    rule = ROLE_RULES.get(spec)
    if rule is None:
        return prepositional(trigger, spec)
    return rule.finder(trigger, doc, patterns)


def find_role(trigger, specs: tuple[str, ...], doc: Document, patterns) -> RoleHead | None:
    """The first role of ``specs`` whose phrase names an actor: on its head word, else in
    its of-phrase after a number or partitive, a place or by-phrase on an unnamed head."""
    for spec in specs:
        head = role_of(trigger, spec, doc, patterns)
        role = through_partitive(head, patterns.words.partitive_nouns)
        if role is not head and mention_of(doc, head.token) and not _of_a_country(role, doc):
            role = head  # "the Minister of Culture": the of-phrase names no country
        if role is not None and mention_of(doc, role.token) is None:
            # a doer is never the place near it: "planted by the group near Gao"
            role = (None if spec in DOER_SPECS else located(role)) or by_its_doer(role)
        if role is not None and mention_of(doc, role.token) is not None:
            return role
    return None


def _of_a_country(role: RoleHead, doc: Document) -> bool:
    mention = mention_of(doc, role.token)
    return mention is not None and doc.actors[mention.actor].country is not None


def subject_of(verb, doc: Document, depth: int = 0) -> RoleHead | None:
    """The actor of a verb: its subject, its passive agent, or the subject it inherits."""
    lemma = verb.lemma_.lower()
    if is_passive(verb):
        return _agent(verb) or _implicit_agent(verb, doc)
    # "Visiting Japanese Foreign Minister X met Y": the parser may also hang "Visiting" on
    # the verb as a clausal subject; a nominal subject is the actor
    subject = dependent(verb, {"nsubj"}) or dependent(verb, {"csubj"})
    if subject is not None and subject.tag_ not in {"WDT", "WP"}:
        return RoleHead(subject, f"nsubj<-{lemma}")
    if depth > 3 or verb.head.i == verb.i:
        return None
    head = verb.head
    controller = _object_controller(head) if verb.dep_ == "xcomp" else None
    if controller is not None and _can_act(controller, doc):
        return RoleHead(controller, f"{head.lemma_.lower()}->obj~xcomp", inherited=True)
    if verb.dep_ in CONTROL_LINKS and head.pos_ in {"VERB", "AUX", "ADJ"}:  # "is about to"
        inherited = subject_of(head, doc, depth + 1)
        if inherited is not None:
            return RoleHead(inherited.token, f"{inherited.path}~{verb.dep_}", inherited=True)
    if verb.dep_ == "relcl" and subject is not None:
        # "the rebels who attacked": the relative pronoun stands for the head noun
        return RoleHead(head, f"relcl<-{lemma}")
    if verb.dep_ in {"relcl", "acl"} and is_infinitive(verb) and _can_act(head, doc):
        # "police ... used tear gas to disperse", misparsed with "to disperse" on "police";
        # "troops to guard the border": the actor the infinitive hangs on does it
        return RoleHead(head, f"{head.lemma_.lower()}<-to-{lemma}", inherited=True)
    if verb.dep_ == "acl" and _active_participle(verb):
        # "demonstrators protesting the results"; and "The president on Monday shortened
        # the curfew", misparsed as a noun phrase: the noun is the participle's subject
        return RoleHead(head, f"nsubj?<-{lemma}")
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        # "Y's decision to recognise": the possessor of the governing noun
        owner = dependent(head, {"poss"})
        if owner is not None:
            return RoleHead(owner, f"poss<-{head.lemma_.lower()}<-acl")
    return None


def _active_participle(verb) -> bool:
    """A present participle, or a past one with its own object (so no passive)."""
    return verb.tag_ == "VBG" or (verb.tag_ == "VBN" and dependent(verb, {"dobj"}) is not None)


def _can_act(token, doc: Document) -> bool:
    """ "urged Iran to release": an object that names an actor (or a pronoun for one) does
    the complement; "used tear gas to disperse": a thing cannot, the subject does."""
    return token.pos_ in {"PROPN", "PRON"} or mention_of(doc, token) is not None


def _noun_owner(verb, doc: Document, patterns: PatternSet) -> RoleHead | None:
    """ "X issued a declaration demanding ...": the issuer of the noun the clause hangs on."""
    if verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return None
    return _governing_subject(verb.head, doc, patterns)


def _object_controller(verb):
    """ "urged Iran to release", "called on Iran to release": the object does the xcomp."""
    token = dependent(verb, {"dobj"})
    if token is not None:
        return token
    for child in verb.rights:  # after the verb: "On Monday, X offered to ..." is a date
        if child.dep_ in {"prep", "prt"} and child.lower_ in {"on", "upon"}:
            pobj = dependent(child, {"pobj"})
            if pobj is not None and pobj.ent_type_ not in TIME_ENTITIES:
                return pobj  # "agreed on Tuesday to restore ties" is no one called on
    return None


def _complement_target(word, doc: Document, patterns: PatternSet) -> RoleHead | None:
    """ "agreed to withdraw from Lebanon", "ready to help Iraq": the target of the action
    the trigger commits to."""
    complement = dependent(word, {"xcomp"})
    if complement is None:
        return None
    for spec in (RoleSpec.DOBJ, "to", "from", "with", "on", "for"):
        role = role_of(complement, spec, doc, patterns)
        if role is not None and mention_of(doc, role.token) is not None:
            return RoleHead(role.token, f"xcomp:{role.path}", role.inherited)
    return None


def _agent(verb) -> RoleHead | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            pobj = dependent(child, {"pobj"})
            if pobj is not None:
                role = RoleHead(pobj, f"agent<-{verb.lemma_.lower()}")
                return _agent_of_the_means(role) or role
    return None


def _agent_of_the_means(role: RoleHead) -> RoleHead | None:
    """ "killed by a landmine planted by the group": the agent of the means' own participle."""
    for participle in role.token.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            found = _agent(participle)
            if found is not None:
                return RoleHead(found.token, f"{role.path}~{found.path}", inherited=True)
    return None


def _implicit_agent(verb, doc: Document) -> RoleHead | None:
    """A passive with no agent takes the holder named in the sentence: "in US custody"."""
    for token in verb.sent:
        if token.lemma_.lower() in CUSTODY_NOUNS and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ in HOLDER_MODIFIERS and mention_of(doc, child) is not None:
                    return RoleHead(child, f"implicit:{token.lower_}", inherited=True)
    return None


def _governing_subject(noun, doc: Document, patterns: PatternSet) -> RoleHead | None:
    """The subject of a support verb an event noun hangs under: "X held talks", "X arrived on
    a visit"; never of other verbs ("X condemned the strikes" says nothing of who struck)."""
    if noun.dep_ == "nsubjpass" and _is_support(noun.head, patterns):
        return _agent(noun.head)  # "the attack was carried out by the Taliban"
    done = phrase_verb(noun, patterns)
    if done is not None:  # "nurses have been on strike", "farmers dumped milk in protest"
        return subject_of(done, doc)
    token = noun
    links = {"dobj", "pobj", "prep", "attr", "conj", "compound"}
    while token.dep_ in links and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in patterns.words.circumstance_prepositions:
            return None  # "imposed a curfew after the clashes": the clashes are not its act
        if token.dep_ == "prep" and _is_topic(token):
            return None  # "imposed a blackout on the fighting": the topic of another noun
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            lemma = patterns.lemma(token.lemma_.lower())
            if lemma in patterns.words.passive_support_verbs and is_passive(token):
                subject = dependent(token, {"nsubjpass"})
                return RoleHead(subject, f"nsubjpass<-{lemma}") if subject is not None else None
            if is_passive(token) or lemma not in patterns.words.support_verbs:
                return None
            if dependent(token, {"oprd"}) is not None:
                return None  # "called the visit a provocation": a judgement, no light verb
            return subject_of(token, doc)
    return None


def phrase_verb(noun, patterns: PatternSet):
    """The verb whose subject does the event noun of its phrase: the verb of being "on" it
    ("have been on hunger strike", "remained on strike"), any verb done "in" a manner noun
    ("farmers dumped milk in protest"); None for any other phrase ("attacks on the city")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    verb, lemma = prep.head, noun.lemma_.lower()
    if prep.lower_ == "on" and verb.lemma_.lower() in patterns.words.state_verbs:
        return verb
    if prep.lower_ == "in" and lemma in patterns.words.manner_nouns and verb.pos_ == "VERB":
        return verb
    return None


def _is_support(verb, patterns: PatternSet) -> bool:
    return (
        verb.pos_ == "VERB" and patterns.lemma(verb.lemma_.lower()) in patterns.words.support_verbs
    )


def _is_topic(preposition) -> bool:
    """ "a ban on protests", "imposed a blackout on the fighting": a phrase on a noun, or a
    topic phrase beside the verb's own object, names what the act is about, not the act."""
    head = preposition.head
    if head.lemma_.lower() in CLAIMED_NOUNS and preposition.lower_ == "for":
        return False  # "claimed responsibility for the attack": the claimer did it
    if head.pos_ == "NOUN":
        return preposition.lower_ != "of"
    has_object = dependent(head, OBJECTS) is not None
    return has_object and preposition.lower_ in TOPIC_PREPOSITIONS


def _governing_place(noun, doc: Document) -> RoleHead | None:
    """ "arrived in Baghdad on a visit", "send its minister to Iraq for talks": the place
    the governing verb went to."""
    token = noun
    while token.dep_ in {"pobj", "prep"} and token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB":
            roles = (prepositional(token, p) for p in ("in", "to"))
            return next((r for r in roles if r and mention_of(doc, r.token)), None)
    return None
