"""PETRARCH2/TABARI verb dictionaries read into ``VerbPattern`` values (see the package's
docstring for each construct and how it is read on a spaCy parse)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..syntax import RoleSpec
from .codes import COMPLEX_CODE, NULL_CODE
from .lines import dictionary_lines, read_lines

log = logging.getLogger(__name__)

VERB_MARKER = "*"
SOURCE_MARKER = "$"
TARGET_MARKER = "+"
COMPOUND_MARKER = "%"
BLOCK_HEADER = re.compile(r"^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*(?:\[[^\]]*\]\s*)*---\s*$")
CODE = re.compile(r"\[([^\]]*)\]")
FORMS = re.compile(r"\{([^}]*)\}")
IGNORED_MARKS = re.compile(r"[(){}^]")


@dataclass(frozen=True)
class VerbPattern:
    """A PETRARCH pattern as read, before it becomes a Dateline pattern (see patterns.py)."""

    id: str
    lemmas: frozenset[str]
    code: str
    paired_code: str | None
    before: tuple[str, ...]  # words ("ties") and synset names ("&tietypes"), in order
    after: tuple[str, ...]
    source: tuple[str, ...]  # the roles its markers give, if any
    target: tuple[str, ...]
    compound: bool
    block_code: str  # the code of its verb block ("SAY [010]"): what the verbs mean alone

    @property
    def bare(self) -> bool:
        """The verb alone, with no words to find around it."""
        return not (self.before or self.after)

    def source_roles(self, usual: tuple[str, ...]) -> tuple[str, ...]:
        """Where the source is looked for: the marked role, then the usual ones."""
        return tuple(dict.fromkeys(self.source + usual))

    def target_roles(self, usual: tuple[str, ...]) -> tuple[str, ...]:
        """Where the target is looked for: the marked role, then the usual ones; with no
        marker, words after the verb are its object phrase ("restored military ties"):
        the object is no target then."""
        if not self.target and self.after:
            usual = tuple(role for role in usual if role != RoleSpec.DOBJ)
        return tuple(dict.fromkeys(self.target + usual))


@dataclass(frozen=True)
class VerbDictionary:
    """A verb dictionary as read: its synsets (name -> phrases) and its patterns."""

    synsets: dict[str, tuple[str, ...]]
    patterns: list[VerbPattern]


def is_verb_dictionary(path: Path) -> bool:
    """A PETRARCH/TABARI verb dictionary: it has ``--- VERB [code] ---`` block headers."""
    return any(BLOCK_HEADER.match(line.strip()) for line in read_lines(path))


@dataclass
class _Verb:
    """A verb of a block: its lemma, irregular forms, own code and multi-word parts."""

    lemma: str
    forms: frozenset[str]
    code: str | None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    line: int = 0


@dataclass
class _Block:
    name: str
    code: str
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, code


def read_verb_dictionary(path: Path, id_prefix: str | None = None) -> VerbDictionary:
    """Every pattern of a verb dictionary, with each verb alone as a bare pattern."""
    synsets, blocks = _parse(path)
    prefix = id_prefix if id_prefix is not None else path.stem
    patterns: list[VerbPattern] = []
    for block in blocks:
        patterns.extend(_block_patterns(block, synsets, prefix, path))
    members = {name.lower(): tuple(_member(m) for m in words) for name, words in synsets.items()}
    return VerbDictionary(members, patterns)


def _member(phrase: str) -> str:
    """A synset member as written in Dateline's files: lower case, words space-separated."""
    return " ".join(w.lower() for w in re.split(r"[\s_]+", phrase) if w)


def _parse(path: Path) -> tuple[dict[str, list[str]], list[_Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    synset: str | None = None
    for entry in dictionary_lines(path):
        number, line = entry.number, entry.text
        header = BLOCK_HEADER.match(line)
        if header:
            synset = None
            blocks.append(_Block(header.group(1), _code_text(header.group(2) or NULL_CODE)))
        elif line.startswith("&") and " " not in line.strip():
            synset = line[1:].strip().rstrip("_").upper()
            synsets[synset] = []
        elif line.startswith("+") and synset is not None:
            synsets[synset].append(line[1:].strip())
        elif line.startswith("-") and blocks:
            synset = None
            codes = CODE.findall(line)
            if not codes:
                log.warning("%s:%d: pattern without a [code], skipped", path, number)
                continue
            if codes[-1].strip() == COMPLEX_CODE:
                log.debug("%s:%d: complex-event pattern, skipped", path, number)
                continue
            blocks[-1].patterns.append((number, CODE.sub("", line[1:]).strip(), codes[-1]))
        elif blocks:
            synset = None
            verb = _verb(line, blocks[-1].code, number)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    return synsets, blocks


def _code_text(text: str) -> str:
    """``080!`` -> ``080``; ``061:061`` stays paired; ``---`` stays null."""
    text = text.strip()
    if text.startswith("-"):
        return NULL_CODE
    return ":".join(re.sub(r"[^0-9A-Za-z]", "", part) for part in text.split(":"))


def _verb(line: str, block_code: str, number: int) -> _Verb | None:
    """``GIVE {GAVE GIVEN} [070]``, ``+ROUND_UP``, ``KLM_NOP_+RST``."""
    codes = CODE.findall(line)
    forms_text = " ".join(FORMS.findall(line))
    words = CODE.sub("", FORMS.sub("", line)).split()
    if not words:
        return None
    parts = [w for w in re.split(r"[_\s]+", words[0]) if w]
    at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
    parts = [w.lstrip("+").lower() for w in parts]
    forms = {_main_word(f) for f in forms_text.split()}
    return _Verb(
        lemma=parts[at],
        forms=frozenset(f for f in forms if f),
        code=_code_text(codes[0]) if codes else None,
        before=tuple(parts[:at]),
        after=tuple(parts[at + 1 :]),
        line=number,
    )


def _main_word(form: str) -> str:
    """``+CAME_AFTER`` -> ``came``: the verb word of an irregular multi-word form."""
    parts = [w for w in form.split("_") if w]
    marked = [w for w in parts if w.startswith("+")]
    return (marked or parts or [""])[0].lstrip("+").lower()


def _block_patterns(
    block: _Block, synsets: dict[str, list[str]], prefix: str, path: Path
) -> Iterator[VerbPattern]:
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[_Verb]] = {}
    for verb in block.verbs:
        groups.setdefault((verb.before, verb.after), []).append(verb)
    for number, text, code in block.patterns:
        words = _pattern_words(IGNORED_MARKS.sub(" ", text), synsets)
        if VERB_MARKER not in words and "**" not in words:
            log.warning("%s:%d: pattern without '*', skipped", path, number)
            continue
        for (before, after), verbs in groups.items():
            suffix = "" if not (before or after) else "." + "_".join((*before, verbs[0].lemma))
            try:
                pattern_id = f"{prefix}.{number}{suffix}"
                yield _pattern(
                    pattern_id, block.code, verbs, code, words, before, after, synsets, path
                )
            except KeyError as exc:
                log.warning("%s:%d: unknown synset &%s, pattern skipped", path, number, exc)
    # each verb alone, after the patterns ("% *" beats a bare verb of the same length): its
    # own code, else the block's; one pattern for the verbs sharing both
    alone: dict[tuple, list[_Verb]] = {}
    for verb in block.verbs:
        alone.setdefault((verb.code or block.code, verb.before, verb.after), []).append(verb)
    for (code, before, after), verbs in alone.items():
        pattern_id = f"{prefix}.{verbs[0].line}"
        yield _pattern(pattern_id, block.code, verbs, code, (), before, after, synsets, path)


def _pattern_words(text: str, synsets: dict[str, list[str]]) -> list[str]:
    """The words of a pattern. ``DEATH_TOTAL`` is one phrase, "death total", found on
    consecutive words ("death and injury total" is not it), and so is a run with a synset
    (``NEW_&TIETYPES_RELATIONS``: "new economic relations", not "new global economic
    relations"); a synset's name may hold ``_`` (``&FIGHT_OF_WORDS``: the longest name the
    file defines). A run holding ``*`` or a marker is split into its words
    (``WOULD_*_TALKS``)."""
    words: list[str] = []
    for run in text.split():
        parts = [p for p in run.split("_") if p]
        if any(_marker(p) or "*" in p for p in parts):
            words.extend(parts)
        else:
            words.append(" ".join(_run_items(parts, synsets)))
    return words


def _run_items(parts: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The words and synset names of a ``_`` run, in order."""
    items: list[str] = []
    at = 0
    while at < len(parts):
        size = 1
        if parts[at].startswith("&"):
            names = ("_".join(parts[at:end]) for end in range(len(parts), at, -1))
            longest = next((n for n in names if n[1:].upper() in synsets), parts[at])
            size = longest.count("_") + 1
        items.append("_".join(parts[at : at + size]))
        at += size
    return items


def _pattern(
    pattern_id: str,
    block_code: str,
    verbs: list[_Verb],
    code: str,
    words,
    before: tuple[str, ...],
    after: tuple[str, ...],
    synsets: dict[str, list[str]],
    path: Path,
) -> VerbPattern:
    words = ["*" if w == "**" else w for w in words] or ["*"]
    at = words.index(VERB_MARKER)
    left, right = words[:at], words[at + 1 :]
    main, _, paired = _code_text(code).partition(":")
    source = _role(left, right, SOURCE_MARKER)
    target = _role(left, right, TARGET_MARKER)
    return VerbPattern(
        id=pattern_id,
        lemmas=frozenset(lemma for v in verbs for lemma in (v.lemma, *v.forms)),
        code=main or NULL_CODE,
        paired_code=paired or None,
        before=tuple(_word(w, synsets) for w in (*before, *left) if not _marker(w)),
        after=tuple(_word(w, synsets) for w in (*after, *right) if not _marker(w)),
        source=source,
        target=target,
        compound=COMPOUND_MARKER in words,
        block_code=block_code,
    )


def _marker(word: str) -> bool:
    return word in {SOURCE_MARKER, TARGET_MARKER, COMPOUND_MARKER}


def _role(left: list[str], right: list[str], marker: str) -> tuple[str, ...]:
    """Where a ``$``/``+`` says its actor is: the object of the word before it, the direct
    object right after the verb, the subject before it."""
    if marker in left:
        # "+ WAS * BY $": a target before the verb is its grammatical subject, whatever the
        # voice; a source there is the doer ("nsubj" reads a passive's by-agent)
        return (RoleSpec.SURFACE_SUBJECT,) if marker == TARGET_MARKER else (RoleSpec.NSUBJ,)
    if marker not in right:
        return ()
    at = right.index(marker)
    if at == 0 or _marker(right[at - 1]):
        return (RoleSpec.DOBJ,)
    return (right[at - 1].lower(),)


def _word(word: str, synsets: dict[str, list[str]]) -> str:
    """A pattern word or phrase in lower case; its synset names checked (an unknown one is
    a KeyError)."""
    return " ".join(_item(item, synsets) for item in word.split())


def _item(item: str, synsets: dict[str, list[str]]) -> str:
    if item.startswith("&"):
        name = item[1:].rstrip("_").upper()
        if name not in synsets:
            raise KeyError(name)  # PETRARCH skips a pattern naming an unknown synset
        return "&" + name.lower()
    return item.lower()
