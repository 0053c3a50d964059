"""The places of the gazetteer, a story's context, distances and the index key of a name."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...resources import data_path, toml_table

CITY, ADMIN2, ADMIN1, COUNTRY, REGION = "city", "admin2", "admin1", "country", "region"
EARTH_KM = 6371.0
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


def distance_km(a: GazPlace, b: GazPlace) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def name_key(name: str) -> str:
    """The index key of a name: no accents, case, dots, quotes, hyphens or leading "the"."""
    if not name.isascii():
        folded = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in folded if not unicodedata.combining(c))
    key = _SPACES.sub(" ", _QUOTES.sub("", name.lower())).strip()
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class Respelling:
    """Abbreviated place-name words and the words they stand for, both ways, kept in the
    index so that a look-up that misses reads no file."""

    spelled_out: dict[str, str] = field(default_factory=dict)  # "st" -> "saint"
    abbreviated: dict[str, str] = field(default_factory=dict)  # "mount" -> "mt"

    @classmethod
    def shipped(cls) -> Respelling:
        """The table of data/places/name_abbreviations.toml."""
        spelled = dict(toml_table(data_path("places/name_abbreviations.toml"))["words"])
        return cls(spelled, {word: abbreviation for abbreviation, word in spelled.items()})

    def of(self, key: str) -> Iterator[str]:
        """The key with its abbreviated words spelled out, then with its words abbreviated:
        "st albans" -> "saint albans"; "mount pleasant" -> "mt pleasant"."""
        for table in (self.spelled_out, self.abbreviated):
            respelled = " ".join(table.get(word, word) for word in key.split(" "))
            if respelled != key:
                yield respelled
