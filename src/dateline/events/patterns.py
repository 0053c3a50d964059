"""Event patterns: trigger lemmas with their constraints and roles, shipped and user-supplied.

A pattern file is YAML with two optional lists (see data/patterns/verbs.yaml for the
shipped ones and docs in its header):

    codes:      # new event types: rows shaped like data/cameo.csv
      - {code: "1901", description: Drone strike, goldstein: -10, quad_class: 4,
         plover_type: ASSAULT, plover_mode: drone}
    patterns:
      - id: user.drone-strike       # unique; a user id equal to a shipped one replaces it
        nouns: [drone]               # or verbs: / adjectives: [...]; single-word lemmas
        object: [tie, relation]      # the direct object's lemma must be one of these
        subject: [shell, mortar]     # the subject's lemma (or a compound on it) must be one
        particle: [down]             # a particle (phrasal verb) must be one of these
        prep: [on]                   # a preposition child must be one of these
        clause_aux: [must]           # the governed clause's auxiliary ("said X must ...")
        complement: [participate]    # the governed clause's verb ("allowed X to participate")
        code: "1901"
        source: [nsubj, poss, by]    # where the actor is looked for, in order (see verbs.yaml)
        target: [dobj, with, on]     # where the target is looked for, in order
        needs_source: true           # false: coded even when no source actor is found
        default_target: government   # no target found: the source's own government (protests)
        reciprocal: true             # "X and Y met": with no target, each targets the others
        needs_target: true           # false by default; true: no target, no event
        defer_to_complement: true    # "vowed to attack": skip when the xcomp is coded itself
        place_target: true           # a movement: a place after a preposition is the target
        before: [indicated, would]   # words that must come before the verb, in order
        after: [&tietypes, ties]     # words that must follow it among its dependents, in order
        paired_code: "033"           # a second event, target -> source ("arrived in X": 032/033)
    synsets:                         # named word sets for before/after ("&tietypes")
      tietypes: [military, economic, &other_set, "trade relations"]

A pattern whose code is ``"---"`` codes no event: it stops the patterns after it.
PETRARCH2/TABARI verb dictionaries and discard lists are read too (any file that is not
YAML; see petrarch/ for the constructs and how each is interpreted); a lemma a user's
verb dictionary lists is coded by that dictionary alone, as PETRARCH would.

User patterns are tried before the shipped ones, and constrained patterns before bare ones.
The shipped patterns converted from PETRARCH2's CAMEO.2.0 dictionary (petrarch_cameo.json,
built by scripts/build_petrarch_patterns.py) come after all others: they add the verbs and
constructions the hand-written ones lack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..errors import ConfigError
from ..resources import cached, parse_json
from .ontology import CameoCode, Codebook, codebook_entry, shipped_codebook
from .pattern_words import PatternWords, read_pattern_words
from .petrarch import (
    NULL_CODE,
    Discards,
    VerbPattern,
    WordSlot,
    is_verb_dictionary,
    new_codes,
    read_discards,
    read_verb_dictionary,
    word_slot,
)
from .syntax import RoleSpec
from .yaml_files import PATTERN_DIR, parse_yaml

SHIPPED_FILES = ("verbs.yaml",)
CONVERTED_FILES = ("petrarch_cameo.json",)  # tried after every other pattern
YAML_SUFFIXES = frozenset({".yaml", ".yml", ".json"})  # JSON: a pattern file with YAML's keys

VERB_SOURCE = (RoleSpec.NSUBJ, RoleSpec.AGENT)
VERB_TARGET = (RoleSpec.DOBJ, "with", "against", "on", "to", "at", "into", "toward", "from", "for")
# PETRARCH takes a verb's target from any of its phrases: "arrived in X", "warned of X"
PETRARCH_TARGET = (*VERB_TARGET, "in", "of", "about", "over", "upon", "towards")
NOUN_SOURCE = (RoleSpec.POSS, "by", RoleSpec.COMPOUND, RoleSpec.VERB)
NOUN_TARGET = ("with", "against", "on", "to", "of", "at", "into", "between")


@dataclass(frozen=True)
class Pattern:
    id: str
    pos: str  # "verb" | "noun"
    lemmas: frozenset[str]
    code: str
    object: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()  # "mortar shells landed": what the subject is
    particle: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    clause_aux: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    source: tuple[str, ...] = VERB_SOURCE
    target: tuple[str, ...] = VERB_TARGET
    needs_source: bool = True
    default_target: str | None = None  # "government": the source's own government
    reciprocal: bool = False  # "X and Y met": with no target, each source targets the others
    needs_target: bool = False  # "the cabinet met" alone is no event
    defer_to_complement: bool = False  # "vowed to attack": the coded complement says it all
    place_target: bool = False  # a movement: a place ("arrived in Baghdad") is its target
    before: tuple[WordSlot, ...] = ()  # words before the verb, in order ("talks collapsed")
    after: tuple[WordSlot, ...] = ()  # words among its dependents after it, in order
    paired_code: str | None = None  # a second event, target -> source ([032:033])
    converted: bool = False  # from the shipped PETRARCH conversion: tried last
    # read from a PETRARCH verb dictionary: where the role rules find no actor, PETRARCH's
    # own rule finds it in the verb's phrase (see phrase_args.py)
    phrase_arguments: bool = False

    @property
    def specificity(self) -> int:
        constraints = (
            self.object,
            self.subject,
            self.particle,
            self.prep,
            self.clause_aux,
            self.complement,
        )
        return sum(bool(c) for c in constraints) + len(self.before) + len(self.after)

    @property
    def from_user_verb_dictionary(self) -> bool:
        """Read from a user's PETRARCH verb dictionary, so coded as PETRARCH codes: its code
        whatever the modality (its own patterns code intents and refusals: ``SAID WOULD *
        ATTACK [173]``), its words matched as written (PETRARCH's closed match:
        ``RESOLUTION`` is not "resolutions"). The shipped conversion reads raw news more
        loosely (lemmas, Dateline's modal codes)."""
        return self.phrase_arguments and not self.converted

    @property
    def codes_nothing(self) -> bool:
        """PETRARCH's null code: the pattern matches and no event is coded."""
        return self.code == NULL_CODE


@dataclass(frozen=True, kw_only=True)
class PatternSet:
    """Patterns indexed by (pos, lemma), most specific first, the codebook they use, the
    coder's word lists and the PETRARCH discard lists; built by ``load_patterns``."""

    by_lemma: dict[tuple[str, str], tuple[Pattern, ...]]
    codebook: Codebook
    words: PatternWords
    discards: Discards = field(default_factory=Discards)

    def lemma(self, lemma: str) -> str:
        """The lemma with the parser's known mistakes corrected ("staged" -> "stag")."""
        return self.words.lemma_fixes.get(lemma, lemma)

    def intent_code(self, code: str) -> str:
        """The code of an intended event: "will send aid" (07) is an intent to aid (033)."""
        return _by_prefix(self.words.intent_codes, code)

    def refusal_code(self, code: str) -> str:
        """The code of a refused cooperation: "will not meet" (04) is a rejection (125)."""
        return _by_prefix(self.words.refusal_codes, code)

    def candidates(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((pos, lemma), ())


def _by_prefix(table: dict[str, str], code: str) -> str:
    """The value of the longest key that starts ``code`` (the code itself when none)."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return code


@dataclass(frozen=True)
class PatternFile:
    """What one pattern file brings: event types, patterns, discard phrases, and the verb
    lemmas it owns (a PETRARCH verb dictionary's verbs: no other pattern codes them)."""

    codes: list[CameoCode]
    patterns: list[Pattern]
    discards: Discards = field(default_factory=Discards)
    owned_lemmas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class UserPatterns:
    """What the user's pattern files bring, in order: the codebook with their event types,
    their patterns, their discard phrases and the verb lemmas their verb dictionaries own."""

    codebook: Codebook
    patterns: tuple[Pattern, ...] = ()
    discards: Discards = field(default_factory=Discards)
    owned_lemmas: frozenset[str] = frozenset()


def read_user_patterns(user_files: tuple[Path, ...] = ()) -> UserPatterns:
    """The user's pattern files read over the shipped codebook (later files win)."""
    read = UserPatterns(shipped_codebook())
    for path in user_files:
        found = read_pattern_file(Path(path), read.codebook)
        read = UserPatterns(
            read.codebook.with_codes(found.codes),
            (*read.patterns, *found.patterns),
            read.discards.merged(found.discards),
            read.owned_lemmas | found.owned_lemmas,
        )
    return read


def load_codebook(user_files: tuple[Path, ...] = ()) -> Codebook:
    """The shipped codebook with the event types the user's pattern files add or redefine."""
    return read_user_patterns(user_files).codebook


def load_patterns(user_files: tuple[Path, ...] = ()) -> PatternSet:
    """The shipped patterns with the user's files layered on top (their ids win)."""
    read = read_user_patterns(user_files)
    codebook, user = read.codebook, list(read.patterns)
    shipped = _shipped_patterns()
    replaced = {p.id for p in user}
    ordered = user + [p for p in shipped if p.id not in replaced]
    for pattern in ordered:
        if pattern.code not in codebook and not pattern.codes_nothing:
            raise ConfigError(f"pattern {pattern.id}: unknown CAMEO code {pattern.code!r}")
        if pattern.paired_code and pattern.paired_code not in codebook:
            raise ConfigError(f"pattern {pattern.id}: unknown CAMEO code {pattern.paired_code!r}")
    words = read_pattern_words()
    # "held talks", "staged a protest": a light verb's event is its noun's, never the verb's
    light = words.support_verbs | words.passive_support_verbs
    ordered = [replace(p, lemmas=p.lemmas - light) if p.converted else p for p in ordered]
    return PatternSet(
        by_lemma=_index(ordered, read.owned_lemmas, frozenset(replaced)),
        codebook=codebook,
        words=words,
        discards=read.discards,
    )


def _shipped_patterns() -> list[Pattern]:
    patterns: list[Pattern] = []
    for name in SHIPPED_FILES:
        patterns.extend(_read_yaml_file(PATTERN_DIR / name).patterns)
    for name in CONVERTED_FILES:
        path = PATTERN_DIR / name
        patterns.extend(cached(path, "converted patterns", partial(_converted, path)))
    return patterns


def _converted(path: Path, text: str) -> tuple[Pattern, ...]:
    """The patterns of the shipped PETRARCH conversion: like the hand-written pledges, a
    converted verb leaves its act to a coded complement ("vowed to attack"); as in PETRARCH,
    whose events need a target, a converted match with no target is no event."""
    flags = dict(converted=True, defer_to_complement=True, phrase_arguments=True, needs_target=True)
    return tuple(replace(p, **flags) for p in _parse_pattern_file(path, text).patterns)


def _index(
    patterns: list[Pattern], owned: frozenset[str], user_ids: frozenset[str]
) -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """(pos, lemma) -> its patterns, converted ones last, then the most specific first. A
    verb lemma ``owned`` by a user's verb dictionary (and its participle as an adjective)
    keeps only the user's patterns."""
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        for lemma in pattern.lemmas:
            if pattern.id not in user_ids and _owned(pattern.pos, lemma, owned):
                continue
            index.setdefault((pattern.pos, lemma), []).append(pattern)
    # sorted() is stable: within one specificity, user patterns stay ahead of shipped ones
    return {
        k: tuple(sorted(v, key=lambda p: (p.converted, -p.specificity))) for k, v in index.items()
    }


def _owned(pos: str, lemma: str, owned: frozenset[str]) -> bool:
    """A verb lemma a user's verb dictionary lists, or an adjective that is its past
    participle ("X was opposed by Y": the dictionary's OPPOSE, not the adjective)."""
    if pos == "verb":
        return lemma in owned
    if pos != "adjective" or not lemma.endswith("ed"):
        return False
    stems = {lemma[:-1], lemma[:-2], lemma[:-3] + "y"}  # opposed, concerned, worried
    return bool(stems & owned)


def read_pattern_file(path: Path, codebook: Codebook) -> PatternFile:
    """A user's pattern file: Dateline YAML, a PETRARCH verb dictionary or a discard list."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return _read_yaml_file(path)
    if not is_verb_dictionary(path):
        return PatternFile([], [], read_discards(path))
    dictionary = read_verb_dictionary(path)
    slot = _slot_maker(dictionary.synsets)
    try:
        patterns = [_from_petrarch(p, slot) for p in dictionary.patterns]
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    used = {c for p in patterns for c in (p.code, p.paired_code) if c}
    owned = frozenset(lemma for p in patterns for lemma in p.lemmas)
    return PatternFile(new_codes(used, codebook, path.name), patterns, owned_lemmas=owned)


def _from_petrarch(pattern: VerbPattern, slot: Callable[[str], WordSlot]) -> Pattern:
    """A PETRARCH pattern as a Dateline verb pattern: its marked roles first, then the
    usual ones."""
    return Pattern(
        id=pattern.id,
        pos="verb",
        lemmas=pattern.lemmas,
        code=pattern.code,
        source=pattern.source_roles(VERB_SOURCE),
        target=pattern.target_roles(PETRARCH_TARGET),
        # PETRARCH codes a compound source with no target each way ("X and Y renewed ties")
        reciprocal=True,
        before=tuple(slot(w) for w in pattern.before),
        after=tuple(slot(w) for w in pattern.after),
        paired_code=pattern.paired_code,
        phrase_arguments=True,
    )


def _read_yaml_file(path: Path) -> PatternFile:
    return cached(path, "pattern file", lambda text: _parse_pattern_file(path, text))


def _parse_pattern_file(path: Path, text: str) -> PatternFile:
    """A Dateline pattern file's text (YAML, or JSON with YAML's keys)."""
    data = parse_json(text, path) if path.suffix.lower() == ".json" else parse_yaml(path, text)
    try:
        codes = [codebook_entry(entry) for entry in data.get("codes", [])]
        synsets = {
            str(name).lower(): tuple(str(m).lower() for m in members)
            for name, members in (data.get("synsets") or {}).items()
        }
        slot = _slot_maker(synsets)
        patterns = [_pattern(entry, slot) for entry in data.get("patterns", [])]
    except (KeyError, TypeError, ValueError, AttributeError, ConfigError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return PatternFile(codes, patterns)


def _slot_maker(synsets: dict[str, tuple[str, ...]]) -> Callable[[str], WordSlot]:
    """``word -> WordSlot`` for one file, each word's slot built once (a synset is shared
    by hundreds of patterns)."""
    slots: dict[str, WordSlot] = {}

    def slot(word: str) -> WordSlot:
        if word not in slots:
            slots[word] = word_slot(word, synsets)
        return slots[word]

    return slot


def _pattern(entry: dict, slot: Callable[[str], WordSlot]) -> Pattern:
    pos = next(kind for kind in ("noun", "adjective", "verb") if f"{kind}s" in entry)
    lemmas = entry[f"{pos}s"]
    default_source, default_target = (
        (NOUN_SOURCE, NOUN_TARGET) if pos == "noun" else (VERB_SOURCE, VERB_TARGET)
    )
    return Pattern(
        id=str(entry["id"]),
        pos=pos,
        lemmas=frozenset(str(lemma).lower() for lemma in lemmas),
        code=str(entry["code"]),
        object=_words(entry.get("object")),
        subject=_words(entry.get("subject")),
        particle=_words(entry.get("particle")),
        prep=_words(entry.get("prep")),
        clause_aux=_words(entry.get("clause_aux")),
        complement=_words(entry.get("complement")),
        source=tuple(entry.get("source", default_source)),
        target=tuple(entry.get("target", default_target)),
        needs_source=_flag(entry, "needs_source", default=True),
        default_target=entry.get("default_target"),
        reciprocal=_flag(entry, "reciprocal", default=False),
        needs_target=_flag(entry, "needs_target", default=False),
        defer_to_complement=_flag(entry, "defer_to_complement", default=False),
        place_target=_flag(entry, "place_target", default=False),
        before=tuple(slot(str(w)) for w in entry.get("before", ())),
        after=tuple(slot(str(w)) for w in entry.get("after", ())),
        paired_code=str(entry["paired_code"]) if entry.get("paired_code") else None,
    )


def _flag(entry: dict, name: str, *, default: bool) -> bool:
    """A yes/no field: the loader keeps ``true``/``false`` as words (it has no 1.1 booleans)."""
    value = entry.get(name, default)
    if isinstance(value, str):
        if value.lower() not in {"true", "false", "yes", "no"}:
            raise ValueError(f"{name}: expected true or false, got {value!r}")
        return value.lower() in {"true", "yes"}
    return bool(value)


def _words(value) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value.lower()] if isinstance(value, str) else (v.lower() for v in value))
