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

User patterns are tried before the shipped ones, and constrained patterns before bare ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ConfigError
from .ontology import CameoCode, Codebook, read_codebook_rows, shipped_codebook

PATTERN_DIR = Path(__file__).resolve().parents[1] / "data" / "patterns"
SHIPPED_FILES = ("verbs.yaml",)

VERB_SOURCE = ("nsubj", "agent")
VERB_TARGET = ("dobj", "with", "against", "on", "to", "at", "into", "toward", "from", "for")
NOUN_SOURCE = ("poss", "by", "compound", "verb")
NOUN_TARGET = ("with", "against", "on", "to", "of", "at", "into", "between")


class _Loader(yaml.SafeLoader):
    """YAML without 1.1 booleans: ``on``, ``off``, ``no`` are prepositions and particles here."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


@dataclass(frozen=True)
class Pattern:
    id: str
    pos: str  # "verb" | "noun"
    lemmas: frozenset[str]
    code: str
    object: frozenset[str] = frozenset()
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

    @property
    def specificity(self) -> int:
        constraints = (self.object, self.particle, self.prep, self.clause_aux, self.complement)
        return sum(bool(c) for c in constraints)


@dataclass(frozen=True)
class PatternSet:
    """Patterns indexed by (pos, lemma), most specific first, and the codebook they use."""

    by_lemma: dict[tuple[str, str], tuple[Pattern, ...]]
    codebook: Codebook
    support_verbs: frozenset[str]  # "hold talks", "launch an attack": the verb's subject acts
    passive_support_verbs: frozenset[str]  # "were engaged in cleansing": the subject acts
    discard_words: frozenset[str]  # sport words: their sentence codes no sport-sense trigger
    intent_codes: dict[str, str]  # code prefix -> CAMEO code of the intent to do it
    refusal_codes: dict[str, str]  # code prefix -> CAMEO code of the refusal to do it
    partitive_nouns: frozenset[str]  # "thousands of students": the actor is in the of-phrase
    place_target_roots: frozenset[str]  # CAMEO roots whose act with no target hits a place
    circumstance_prepositions: frozenset[str]  # "after the clashes": a time, not an argument
    request_roots: frozenset[str]  # CAMEO roots of requests: the act asked for is no event
    protest_roots: frozenset[str]  # CAMEO roots of protests: their stated aim is no event
    aim_roots: frozenset[str]  # CAMEO roots of the aims a protest states (demand, complain)
    sport_senses: frozenset[str]  # trigger lemmas that are game words in a sport story
    lemma_fixes: dict[str, str]  # the parser's known wrong lemmas -> the right ones

    def lemma(self, lemma: str) -> str:
        """The lemma with the parser's known mistakes corrected ("staged" -> "stag")."""
        return self.lemma_fixes.get(lemma, lemma)

    def intent_code(self, code: str) -> str:
        """The code of an intended event: "will send aid" (07) is an intent to aid (033)."""
        return _by_prefix(self.intent_codes, code)

    def refusal_code(self, code: str) -> str:
        """The code of a refused cooperation: "will not meet" (04) is a rejection (125)."""
        return _by_prefix(self.refusal_codes, code)

    def candidates(self, pos: str, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get((pos, lemma), ())


def _by_prefix(table: dict[str, str], code: str) -> str:
    """The value of the longest key that starts ``code`` (the code itself when none)."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return code


def load_patterns(user_files: tuple[Path, ...] = ()) -> PatternSet:
    """The shipped patterns with the user's files layered on top (their ids win)."""
    codebook = shipped_codebook()
    shipped = _shipped_patterns()
    user: list[Pattern] = []
    for path in user_files:
        codes, patterns = _read_file(Path(path))
        codebook = codebook.with_codes(codes)
        user.extend(patterns)
    replaced = {p.id for p in user}
    ordered = user + [p for p in shipped if p.id not in replaced]
    for pattern in ordered:
        if pattern.code not in codebook:
            raise ConfigError(f"pattern {pattern.id}: unknown CAMEO code {pattern.code!r}")
    words = read_yaml(PATTERN_DIR / "words.yaml")
    return PatternSet(
        _index(ordered),
        codebook,
        frozenset(words["support_verbs"]),
        frozenset(words["passive_support_verbs"]),
        frozenset(words["discard_words"]),
        {str(k): str(v) for k, v in words["intent_codes"].items()},
        {str(k): str(v) for k, v in words["refusal_codes"].items()},
        frozenset(words["partitive_nouns"]),
        frozenset(str(root) for root in words["place_target_roots"]),
        frozenset(words["circumstance_prepositions"]),
        frozenset(str(root) for root in words["request_roots"]),
        frozenset(str(root) for root in words["protest_roots"]),
        frozenset(str(root) for root in words["aim_roots"]),
        frozenset(words["sport_senses"]),
        {str(k): str(v) for k, v in words["lemma_fixes"].items()},
    )


@lru_cache(maxsize=1)
def _shipped_patterns() -> tuple[Pattern, ...]:
    patterns: list[Pattern] = []
    for name in SHIPPED_FILES:
        patterns.extend(_read_file(PATTERN_DIR / name)[1])
    return tuple(patterns)


def _index(patterns: list[Pattern]) -> dict[tuple[str, str], tuple[Pattern, ...]]:
    index: dict[tuple[str, str], list[Pattern]] = {}
    for pattern in patterns:
        for lemma in pattern.lemmas:
            index.setdefault((pattern.pos, lemma), []).append(pattern)
    # sorted() is stable: within one specificity, user patterns stay ahead of shipped ones
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}


def read_yaml(path: Path) -> dict:
    """A YAML mapping read with Dateline's loader (no 1.1 booleans)."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _read_file(path: Path) -> tuple[list[CameoCode], list[Pattern]]:
    data = read_yaml(path)
    try:
        codes = _read_codes(data.get("codes", []))
        patterns = [_pattern(entry) for entry in data.get("patterns", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return codes, patterns


def _read_codes(entries: list[dict]) -> list[CameoCode]:
    header = "code,description,goldstein,quad_class,plover_type,plover_mode"
    rows = [
        ",".join(str(e.get(k) or "").replace(",", " ") for k in header.split(",")) for e in entries
    ]
    return read_codebook_rows([header, *rows])


def _pattern(entry: dict) -> Pattern:
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
