"""Who did it: the doer of a coded act, told apart from harm nobody did.

A violent or coercive event needs a doer that is an actor: a named one ("Nigerian troops"),
a described group ("gunmen", "protesters"), or one the sentence implies without naming
("was killed in an attack", "a bomb exploded in a market"; kept with no source). Harm done
by nature or accident ("an earthquake killed eight", "a tank at the plant exploded",
"killed in a car crash") and market or company news ("oil prices hit a record") is no
political event at all. The words come from data/patterns/doers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..errors import ConfigError
from .installations import NOUN_MODIFIERS
from .installations import a_pit as _a_pit
from .installations import accidental_noun as _accidental_noun
from .installations import collision as _collision
from .installations import is_installation as _is_installation
from .mentions import ActorWords
from .syntax import SUBJECTS
from .yaml_files import PATTERN_DIR, read_yaml

DOER_FILE = PATTERN_DIR / "doers.yaml"
# relations that hang a circumstance or a doer on a word: "killed in a crash", "by fire"
CIRCUMSTANCE_PREPOSITIONS = frozenset({"in", "by", "from", "during", "after", "of"})


class DoerKind(Enum):
    NAMED = "named actor"
    DESCRIBED = "described group"
    IMPLIED = "no doer named; implied attacker"
    UNNAMED = "no doer named"
    CAUSE = "natural or accidental cause"
    MARKET = "market or company news"
    DISPOSAL = "old or unexploded ordnance made safe"


@dataclass(frozen=True)
class Doer:
    kind: DoerKind
    words: str = ""  # the words that told the kind, as written

    @property
    def is_political(self) -> bool:
        return self.kind not in {DoerKind.CAUSE, DoerKind.MARKET, DoerKind.DISPOSAL}

    def reason(self) -> str:
        if self.kind in {DoerKind.NAMED, DoerKind.DESCRIBED}:
            return f"doer: {self.kind.value} {self.words!r}"
        return f"{self.kind.value} ({self.words!r})" if self.words else self.kind.value


@dataclass(frozen=True)
class NonEventWords:
    natural_causes: frozenset[str]
    accidental_causes: frozenset[str]
    accident_verbs: frozenset[str]
    accidental_things: frozenset[str]
    machine_workers: frozenset[str]  # "truck drivers": people, whatever machine names them
    common_animals: frozenset[str]  # "a tiger", not "the Tamil Tigers": lower case only
    accident_adverbs: frozenset[str]  # "accidentally shot": no act of anybody's
    weapons: frozenset[str]
    market_words: frozenset[str]
    blasts: frozenset[str]  # harm nouns a machine modifier makes an accident: "gas explosion"
    harmless_objects: frozenset[str]
    violent_roots: frozenset[str]  # CAMEO roots whose events say who did them in the explanation
    occurrence_verbs: frozenset[str]  # "take place", "break out": the subject noun is the event
    spent_ordnance: frozenset[str]  # "an unexploded shell", "a World War Two bomb"
    score: re.Pattern

    def has_score(self, text: str) -> bool:
        """ "France beat Croatia 4-2": a sport score in the text."""
        return self.score.search(text) is not None

    def says_it_happened(self, verb) -> bool:
        """ "took place", "broke out", "happened": a verb that only says its subject occurred."""
        lemma = verb.lemma_.lower()
        extras = (c.lemma_.lower() for c in verb.children if c.dep_ in {"prt", "dobj", "auxpass"})
        return lemma in self.occurrence_verbs or any(
            f"{lemma} {extra}" in self.occurrence_verbs
            or f"{extra} {lemma}" in self.occurrence_verbs
            for extra in extras
        )

    def occurs(self, noun) -> bool:
        """ "a peaceful protest took place": an event noun that is the subject of an occurrence."""
        return noun.dep_ in {"nsubj", "nsubjpass"} and self.says_it_happened(noun.head)

    def is_cause(self, lemma: str) -> bool:
        return lemma in self.natural_causes or lemma in self.accidental_causes

    def names_cause(self, token) -> bool:
        """The token is a cause word in any of its forms ("Wildfires" at the start of a
        sentence is tagged a proper noun and keeps its plural as its lemma)."""
        forms = word_forms(token)
        if token.text.islower() and forms & self.common_animals:
            return True  # "a tiger attacked a villager", not "Tamil Tigers attacked"
        return any(self.is_cause(form) for form in forms)


WORD_LISTS = (
    *("natural_causes", "accidental_causes", "accident_verbs", "accidental_things"),
    *("machine_workers", "weapons", "market_words", "blasts", "harmless_objects"),
    *("common_animals", "accident_adverbs"),
    *("violent_roots", "occurrence_verbs", "spent_ordnance"),
)


def load_non_event_words(
    path: Path = DOER_FILE, user_files: tuple[Path, ...] = ()
) -> NonEventWords:
    """The shipped lists, each extended by the same-named lists of the user's files
    (``doer_files``; a user ``score_pattern`` replaces the shipped one)."""
    data = read_yaml(path)
    try:
        lists = {name: _words(data[name]) for name in WORD_LISTS}
        score = re.compile(data["score_pattern"])
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    for user_file in user_files:
        extra = read_yaml(Path(user_file))
        unknown = set(extra) - set(WORD_LISTS) - {"score_pattern"}
        if unknown:
            raise ConfigError(f"{user_file}: unknown lists {sorted(unknown)}")
        try:
            lists = {name: words | _words(extra.get(name, [])) for name, words in lists.items()}
            score = re.compile(extra["score_pattern"]) if "score_pattern" in extra else score
        except (TypeError, re.error) as exc:
            raise ConfigError(f"{user_file}: {exc}") from exc
    return NonEventWords(**lists, score=score)


def _words(values) -> frozenset[str]:
    return frozenset(str(w).lower() for w in values)


def word_forms(token) -> set[str]:
    """The token's lemma, and for a word the model left unlemmatised (a capitalised plural
    read as a name) its lower-case text without a plural ``s``."""
    lemma, lower = token.lemma_.lower(), token.lower_
    forms = {lemma}
    if lemma == lower and lower.endswith("s"):
        forms.add(lower[:-1])
    return forms


def find_doer(trigger, doer, source: ActorWords | None, named: bool, words: NonEventWords) -> Doer:
    """The kind of doer of the act at ``trigger``.

    ``doer`` is the token the grammar gives as the one who acted (subject, passive agent),
    whether or not it names an actor; ``source`` the actor mention found for it, if any;
    ``named`` whether that actor has a country (an actor named on a thing, "Israeli
    tanks", makes it no accident)."""
    harmed = _harmless_object(trigger, words) or _told_of_no_doer(trigger, words)
    if harmed is not None:
        return harmed
    if trigger.pos_ == "NOUN" and _is_accident(trigger, words):
        return Doer(DoerKind.CAUSE, trigger.text)  # "a gas explosion", "a blast at the plant"
    accident = _result_of_an_accident(trigger, words) or _unintended(trigger, words)
    if accident is not None:
        return Doer(DoerKind.CAUSE, accident.text)
    if doer is not None:
        kind = _kind_of_thing(doer, source, named, words)
        if kind is not None:
            return Doer(kind, doer.text)
    if source is not None:
        kind = DoerKind.DESCRIBED if source.described else DoerKind.NAMED
        return Doer(kind, source.text)
    circumstances = _from_circumstances(trigger, words)
    if doer is not None and circumstances.kind is not DoerKind.CAUSE:
        # "a bus carrying pilgrims crashed, killing 17": a word with no actor does not
        # outweigh the accident the sentence tells
        return Doer(DoerKind.UNNAMED, doer.text)
    return circumstances


def _result_of_an_accident(trigger, words: NonEventWords):
    """ "a military helicopter crashed, killing nine soldiers": the harm told as the result
    of an accident verb with no object, whoever the vehicle belonged to; the verb, or None.
    ("crashed his car into a checkpoint, killing five" has an object: a doer's act.)"""
    while trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and trigger.head.i != trigger.i:
        trigger = trigger.head  # "killing seven and injuring 12": the first harm's clause
    head = _accident_clause(trigger, words)
    if head is None:
        return None
    if any(c.dep_ in {"dobj", "obj"} for c in head.children):
        return None
    if any(c.dep_ in SUBJECTS and _is_weapon(c, words) for c in head.children):
        return None  # "a drone crashed into an apartment block, injuring two": an attack
    return head


def _unintended(trigger, words: NonEventWords):
    """ "was accidentally shot dead": the adverb that calls the act unintended, or None."""
    return next((c for c in trigger.children if c.lower_ in words.accident_adverbs), None)


def _accident_clause(trigger, words: NonEventWords):
    """The accident verb the harm hangs on: its head ("plunged, killing seven"), or the one
    beside it on the vehicle ("an army truck overturned ..., killing four", both on "truck")."""
    head = trigger.head
    if head.i == trigger.i:
        return None
    if trigger.dep_ in {"advcl", "conj", "xcomp"} and head.pos_ == "VERB":
        return head if head.lemma_.lower() in words.accident_verbs else None
    if trigger.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        clauses = (c for c in head.children if c.dep_ == "acl" and c.i < trigger.i)
        return next((c for c in clauses if c.lemma_.lower() in words.accident_verbs), None)
    return None


def _kind_of_thing(
    token, source: ActorWords | None, named: bool, words: NonEventWords
) -> DoerKind | None:
    """A doer that is no actor: the markets, nature, an accident, or a weapon."""
    if word_forms(token) & words.market_words:
        return DoerKind.MARKET
    if _names_a_cause(token, words) or _is_accident(token, words):
        return DoerKind.CAUSE  # "an explosion ripped through a chemical plant"
    if _is_weapon(token, words):
        return DoerKind.IMPLIED if source is None else None
    worker = token.lemma_.lower() in words.machine_workers  # "truck drivers blocked roads"
    if not named and not worker and _accidental_noun(token, words) is not None:
        return DoerKind.CAUSE  # "a tank at the chemical plant", "a bulk carrier"
    return None


def _is_accident(noun, words: NonEventWords) -> bool:
    """An event noun that names an accident: "a gas explosion", "a blast at the plant",
    "an explosion ripped through a chemical plant"."""
    accidental = _accidental_noun(noun, words) is not None or _blast_site(noun, words)
    return (noun.lemma_.lower() in words.blasts and accidental) or _names_a_cause(noun, words)


def _names_a_cause(token, words: NonEventWords) -> bool:
    """ "the floods", "lightning strikes", "a gas blast": a cause, a noun a cause modifies,
    or a harm noun a machine modifies; not a weapon ("a car bombing") nor a vehicle that is
    only a place ("in their car"), nor harm a weapon or a doer made ("artillery fire", "a
    fire started by rioters")."""
    modifiers = [c.lemma_.lower() for c in token.children if c.dep_ in NOUN_MODIFIERS]
    if any(m in words.weapons for m in modifiers) or _done_by(token):
        return False
    if words.names_cause(token):
        return True
    if any(words.is_cause(m) for m in modifiers):
        return True
    machine = any(m in words.accidental_things for m in modifiers)
    return machine and token.lemma_.lower() in words.blasts


def _armed(token, words: NonEventWords) -> bool:
    """ "artillery fire", "a mortar blast": a blast a weapon modifies."""
    return token.lemma_.lower() in words.blasts and any(
        c.dep_ in NOUN_MODIFIERS and c.lemma_.lower() in words.weapons for c in token.children
    )


def _done_by(token) -> bool:
    """ "a fire started by rioters": a participle on the noun with a by-agent."""
    return any(
        c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in token.children
    )


def _is_weapon(token, words: NonEventWords) -> bool:
    """ "a bomb", "a car bombing", "an airstrike"; not "lightning strikes", "a gas blast",
    "a tank at the chemical plant exploded"."""
    lemma = token.lemma_.lower()
    if _armed(token, words):
        return True
    if lemma not in words.weapons or _names_a_cause(token, words):
        return False
    if lemma not in words.blasts:
        return True
    return _accidental_noun(token, words) is None and not _blast_site(token, words)


def _blast_site(blast, words: NonEventWords) -> bool:
    """ "an explosion ripped through a chemical plant": the installation the blast's verb
    went through or hit makes the blast an accident."""
    if blast.dep_ not in SUBJECTS:
        return False
    verb = blast.head
    places = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    places += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(_is_installation(place, words) for place in places)


def _harmless_object(trigger, words: NonEventWords) -> Doer | None:
    """ "beat forecasts" (market language), "battled the flames" (a cause fought),
    "declared a cholera emergency" (a cause on the object): an act whose object is no actor
    that anybody harmed."""
    for child in trigger.children:
        if child.dep_ not in {"dobj", "obj"}:
            continue
        lemma = child.lemma_.lower()
        if _is_weapon(child, words) and _spent(child, words):
            return Doer(DoerKind.DISPOSAL, child.text)  # "detonated a World War Two bomb"
        if lemma in words.harmless_objects:
            kind = DoerKind.CAUSE if words.is_cause(lemma) else DoerKind.MARKET
            return Doer(kind, child.text)
        cause = next((m for m in child.children if _modifies_as_cause(m, words)), None)
        if cause is not None:
            return Doer(DoerKind.CAUSE, cause.text)  # "declared a cholera emergency"
    return None


def _spent(weapon, words: NonEventWords) -> bool:
    """ "an unexploded shell", "a 500-kg World War Two bomb": old ordnance, by the words
    before the weapon's noun."""
    before = " ".join(t.lower_ for t in weapon.doc[weapon.left_edge.i : weapon.i])
    return any(re.search(rf"\b{re.escape(w)}\b", before) for w in words.spent_ordnance)


def _told_of_no_doer(trigger, words: NonEventWords) -> Doer | None:
    """ "Mpox cases rose, the WHO warned", "warned that oil prices could rise": a statement
    to nobody whose clause tells of a cause or of the markets."""
    if any(c.dep_ in {"dobj", "obj"} for c in trigger.children):
        return None
    clauses = [c for c in trigger.children if c.dep_ == "ccomp"]
    subjects = [g for c in clauses for g in c.children if g.dep_ in SUBJECTS]
    for subject in subjects:
        if word_forms(subject) & words.market_words:
            return Doer(DoerKind.MARKET, subject.text)
        if _names_a_cause(subject, words):
            return Doer(DoerKind.CAUSE, subject.text)
    return None


def _modifies_as_cause(modifier, words: NonEventWords) -> bool:
    return modifier.dep_ in NOUN_MODIFIERS and words.is_cause(modifier.lemma_.lower())


def _from_circumstances(trigger, words: NonEventWords) -> Doer:
    """No doer in the grammar: the trigger's circumstances ("killed in an attack", "died
    in the floods"), then the sentence's ("killed when their bus collided with a truck")."""
    own = [
        g for c in trigger.children if _is_circumstance(c) for g in c.children if g.dep_ == "pobj"
    ]
    for token in own:
        if _is_weapon(token, words):
            return Doer(DoerKind.IMPLIED, token.text)
        if _names_a_cause(token, words):
            return Doer(DoerKind.CAUSE, token.text)
    cues = [t for t in trigger.sent if _is_cue_position(t)]
    weapon = next((t for t in cues if _is_weapon(t, words) and not _a_pit(t, words)), None)
    if weapon is not None:
        return Doer(DoerKind.IMPLIED, weapon.text)
    cause = next((t for t in cues if _names_a_cause(t, words)), None)
    if cause is None:
        cause = next(
            (
                t
                for t in trigger.sent
                if t.pos_ == "VERB"
                and t.lemma_.lower() in words.accident_verbs
                and not _its_occurrence(trigger, t)
            ),
            None,
        )
    if cause is None:
        cause = next((t for t in cues if _collision(t, words)), None)
    if cause is not None:
        return Doer(DoerKind.CAUSE, cause.text)
    return Doer(DoerKind.UNNAMED)


def _its_occurrence(noun, verb) -> bool:
    """ "protests erupted in Tehran": the verb says the event noun, its subject, happened;
    it is no volcano's eruption."""
    return noun.dep_ in SUBJECTS and noun.head.i == verb.i


def _is_circumstance(child) -> bool:
    return child.dep_ in {"prep", "agent"} and child.lower_ in CIRCUMSTANCE_PREPOSITIONS


def _is_cue_position(token) -> bool:
    """A word placed to tell who or what did harm: a subject or a circumstance's object
    ("a bomb exploded", "in a fire"); not an object ("opened fire") nor "under fire"."""
    if token.dep_ in SUBJECTS or (token.dep_ == "ROOT" and token.pos_ == "NOUN"):
        return True  # a noun root: "A fire swept through ...", misparsed as a noun phrase
    return token.dep_ == "pobj" and _is_circumstance(token.head)
