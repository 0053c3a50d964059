"""PETRARCH/TABARI dictionaries: actors are ``NAME_`` lines with ``+ALIAS`` lines and
``[CODE date-range]`` codes (``[IRNGOV >080801]``, ``[USAELI 340101-670324]``) on the same
line or on indented lines below; agents are ``NOUN [~SECTOR]`` role nouns."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .entries import Entry, EntryKind
from .files import word_list
from .vocabulary import Lexicon

log = logging.getLogger(__name__)

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBSTITUTION = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


@dataclass
class _Block:
    """Names sharing the codes that follow them (a TABARI actor and its ``+`` aliases)."""

    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class _Agent:
    """``POLICEMAN [~COP]``: a role noun, with the substitution sets known at its line."""

    phrase: str
    codes: list[str]
    substitutions: dict[str, list[str]]


def read_petrarch(lexicon: Lexicon, path: Path, priority: int) -> None:
    body_nouns = _body_nouns()
    for item in _petrarch_items(path):
        if isinstance(item, _Agent):
            _add_agent(lexicon, item.phrase, item.codes, item.substitutions)
        else:
            _add_block(lexicon, item, path, priority, body_nouns)


def petrarch_actors(
    lexicon: Lexicon, path: Path, priority: int = 0
) -> Iterator[tuple[list[str], list[Entry]]]:
    """The actor blocks of a PETRARCH/TABARI file: each one's names and its entries, one
    per ``[CODE date-range]`` (used by scripts/build_leaders.py)."""
    body_nouns = _body_nouns()
    for item in _petrarch_items(path):
        if isinstance(item, _Block):
            entries = _block_entries(lexicon, item, path, priority, body_nouns)
            if item.names and entries:
                yield item.names, entries


def _petrarch_items(path: Path) -> Iterator[_Block | _Agent]:
    substitutions: dict[str, list[str]] = {}
    block = _Block()
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if sub := _SUBSTITUTION.match(line.strip()):
                substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
                continue
            codes = _CODE.findall(line)
            phrase = _CODE.sub("", line).strip()
            if "~" in "".join(codes):
                yield _Agent(phrase, codes, substitutions)
                continue
            if phrase and not line[0].isspace() and not phrase.startswith("+") and block.codes:
                yield block
                block = _Block(line=number)
            if phrase:
                block.names.append(phrase.lstrip("+").strip())
                block.line = block.line or number
            block.codes.extend(codes)
    yield block


def _add_agent(lexicon: Lexicon, phrase: str, codes: list[str], subs: dict) -> None:
    """``POLICEMAN [~COP]``: a role noun; ``[IGO~]`` codes name the actor type too."""
    sector = next((lexicon.sector_code(c.replace("~", "")) for c in codes if c.strip("~ ")), None)
    if not sector or not phrase:
        return
    phrase = phrase.replace("{}", "").strip()
    for expanded in _expand(phrase, subs):
        lexicon.add_role(expanded, sector)


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    """``CATTLE!PERSON!`` -> CATTLEMAN, CATTLEMEN ... (TABARI substitution sets)."""
    found = re.search(r"!(\w+)!", phrase)
    if not found or found.group(1) not in subs:
        return [phrase.replace("!", "")]
    head, tail = phrase[: found.start()], phrase[found.end() :]
    return [x for word in subs[found.group(1)] for x in _expand(head + word + tail, subs)]


def _add_block(
    lexicon: Lexicon, block: _Block, path: Path, priority: int, body_nouns: frozenset[str]
) -> None:
    for entry in _block_entries(lexicon, block, path, priority, body_nouns):
        for phrase in block.names:
            lexicon.add(phrase, entry)


def _block_entries(
    lexicon: Lexicon, block: _Block, path: Path, priority: int, body_nouns: frozenset[str]
) -> list[Entry]:
    if not block.names or not block.codes:
        return []
    raw = block.names[0].replace("_", " ").strip()
    name = raw if len(raw) <= 4 else raw.title()  # "UN", "IAEA" stay acronyms
    source = f"{path.name}:{block.line} {block.names[0].strip('_ ')}"
    entries = (
        _petrarch_entry(lexicon, code, name, source, priority, body_nouns) for code in block.codes
    )
    return [entry for entry in entries if entry is not None]


def _petrarch_entry(
    lexicon: Lexicon, code: str, name: str, source: str, priority: int, body_nouns: frozenset[str]
) -> Entry | None:
    """``IRNGOVMIL >091001`` -> Entry(country IRN, sector GOV, valid from 2009-10-01)."""
    parts = code.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    chunks = [parts[0][i : i + 3] for i in range(0, len(parts[0]), 3)]
    # "IGOUNO", "MEDxxx": the first code is the actor type itself, no country
    stateless = lexicon.names_no_country(chunks[0])
    country = None if stateless else lexicon.country_code(chunks[0])
    sectors = [lexicon.sector_code(c) for c in chunks[0 if stateless else 1 :]]
    sectors = [c for c in sectors if c]
    sector = "REB" if chunks[0] == "IMG" else (sectors[0] if sectors else None)
    valid_from, valid_to = _tabari_range(parts[1] if len(parts) > 1 else "")
    if len(chunks) == 1 and not stateless:
        kind = EntryKind.STATE
    elif valid_from or valid_to:
        # dated roles belong to people ("ALI_LARIJANI [IRNGOV >080801]"), undated to bodies
        kind = EntryKind.ORGANISATION if _names_a_body(name, body_nouns) else EntryKind.PERSON
    else:
        kind = EntryKind.ORGANISATION
    return Entry(name, country, sector, kind, source, valid_from, valid_to, priority)


def _body_nouns() -> frozenset[str]:
    """The nouns that make a name a body: read once per file (a dictionary has ~20,000
    dated names, and each read of a data file costs a stat)."""
    return word_list("organisation_words.txt")


def _names_a_body(name: str, body_nouns: frozenset[str]) -> bool:
    """ "Defense Ministry", "Quds Force": a name with an organisation noun in it."""
    return any(word in body_nouns for word in re.findall(r"\w+", name.lower()))


def _tabari_range(text: str) -> tuple[date | None, date | None]:
    """``>080801``, ``<991231``, ``051101-080228``; six-digit years pivot at 1930."""
    text = text.strip()
    if not text:
        return None, None
    if text.startswith(">"):
        return _tabari_date(text[1:]), None
    if text.startswith("<"):
        return None, _tabari_date(text[1:])
    start, _, end = text.partition("-")
    return _tabari_date(start), _tabari_date(end)


def _tabari_date(text: str) -> date | None:
    digits = text.strip()
    try:
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year < 30 else 1900
            return date(year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        pass
    log.debug("ignoring malformed TABARI date %r", text)
    return None
