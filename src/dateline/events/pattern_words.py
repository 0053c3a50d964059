"""The pattern coder's word lists and code tables: data/patterns/words.yaml."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import ConfigError
from .yaml_files import PATTERN_DIR, read_yaml


@dataclass(frozen=True, kw_only=True)
class PatternWords:
    """The coder's word lists and code tables, data/patterns/words.yaml's keys (one field
    each, read by ``read_pattern_words``)."""

    support_verbs: frozenset[str]  # "hold talks", "launch an attack": the verb's subject acts
    passive_support_verbs: frozenset[str]  # "were engaged in cleansing": the subject acts
    state_verbs: frozenset[str]  # "have been on strike": who is on the event noun does it
    manner_nouns: frozenset[str]  # "dumped milk in protest": the verb's subject protests
    discard_words: frozenset[str]  # sport words: their sentence codes no sport-sense trigger
    intent_codes: dict[str, str]  # code prefix -> CAMEO code of the intent to do it
    refusal_codes: dict[str, str]  # code prefix -> CAMEO code of the refusal to do it
    partitive_nouns: frozenset[str]  # "thousands of students": the actor is in the of-phrase
    place_target_roots: frozenset[str]  # CAMEO roots whose act with no target hits a place
    circumstance_prepositions: frozenset[str]  # "after the clashes": a time, not an argument
    request_roots: frozenset[str]  # CAMEO roots of requests: the act asked for is no event
    crowd_nouns: frozenset[str]  # "protesters", "rioters": a crowd whose violence is a riot
    riot_codes: dict[str, str]  # code prefix -> the riot code of that act done by a crowd
    civil_groups: frozenset[str]  # "farmers", "residents": their arson or blockade is a riot
    civil_riot_codes: dict[str, str]  # code prefix -> the riot code of that act done by them
    festive_words: frozenset[str]  # "parade", "celebrate": its clause's march is no protest
    festive_codes: frozenset[str]  # code prefixes of the peaceful protests festive_words drop
    protest_roots: frozenset[str]  # CAMEO roots of protests: their stated aim is no event
    aim_roots: frozenset[str]  # CAMEO roots of the aims a protest states (demand, complain)
    sport_event_names: frozenset[str]  # "the US Open": its sentence is a sport story
    sport_senses: frozenset[str]  # trigger lemmas that are game words in a sport story
    lemma_fixes: dict[str, str]  # the parser's known wrong lemmas -> the right ones
    business_sectors: frozenset[str]  # doers of these sectors alone make company news
    armed_violence_codes: dict[str, str]  # riot code -> its code when armed men do it
    armed_sectors: frozenset[str]  # the sectors of armed men (armed_violence_codes)
    allegation_verbs: frozenset[str]  # "accused X of breaching": the act alleged is no event
    poll_nouns: frozenset[str]  # "a poll showed that ...": what it shows is no event
    death_verbs: frozenset[str]  # "X, who negotiated ..., has died": an obituary's life story
    history_units: frozenset[str]  # "ten years ago": an act that long ago is history
    narration_verbs: frozenset[str]  # "the memoir describes the talks": a narrative's story
    narrative_nouns: frozenset[str]  # "a film about a battle": the work's story is no event


def read_pattern_words(path: Path = PATTERN_DIR / "words.yaml") -> PatternWords:
    """The ``PatternWords`` of a words file: a list field from a YAML list, a table from a
    mapping, every entry as a string (a CAMEO root written ``12`` is ``"12"``)."""
    data = read_yaml(path)
    try:
        return PatternWords(
            **{f.name: _entries(data[f.name], f.type) for f in fields(PatternWords)}
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: {exc!r}") from exc


def _entries(value, kind: str) -> frozenset[str] | dict[str, str]:
    if kind.startswith("dict"):
        return {str(k): str(v) for k, v in value.items()}
    return frozenset(str(entry) for entry in value)
