"""The one countries table (``data/countries.csv``), read by the lexicon and the gazetteer,
and the one rule for the people noun of a demonym."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..resources import cached, data_path, parse_csv

# Demonyms whose plural is the word itself: "the Swiss", "the French", "the Chinese".
UNCOUNTABLE_ENDINGS = ("s", "sh", "ch", "ese", "x", "z")


@dataclass(frozen=True)
class Country:
    """One row of the countries table (see its header for where each fact comes from)."""

    iso3: str
    name: str  # the English short name actors are coded with
    capital: str  # "" when none
    lat: float | None  # the approximate centre; None when the table gives none
    lon: float | None
    names: tuple[str, ...]  # other English names of the country
    native_names: tuple[str, ...]  # its names in its own languages: "Nippon", "Suisse"
    demonyms: tuple[str, ...]  # "Iranian", "Bosnian Serb"; plurals derived
    actor_names: tuple[str, ...]  # places of their own that stand for the state: "Gaza"

    def place_names(self) -> tuple[str, ...]:
        """Every name of the country as a place: its names in English and in its own
        languages, its demonyms and their plurals."""
        plurals = (plural_demonym(demonym) for demonym in self.demonyms)
        return (self.name, *self.names, *self.native_names, *self.demonyms, *filter(None, plurals))


def countries_file() -> Path:
    return data_path("countries.csv")


def countries() -> tuple[Country, ...]:
    """The rows of the countries table, in ISO code order."""
    return cached(countries_file(), "countries", _parse)


def plural_demonym(demonym: str) -> str | None:
    """ "Iraqi" -> "Iraqis", "Palestinian" -> "Palestinians"; None when the plural is the
    demonym itself ("Swiss", "French", "Chinese")."""
    if not demonym or demonym.endswith(UNCOUNTABLE_ENDINGS):
        return None
    return demonym + "s"


def _parse(text: str) -> tuple[Country, ...]:
    return tuple(
        Country(
            iso3=row["iso3"],
            name=row["name"],
            capital=row["capital"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            names=_listed(row["names"]),
            native_names=_listed(row["native_names"]),
            demonyms=_listed(row["demonyms"]),
            actor_names=_listed(row["actor_names"]),
        )
        for row in parse_csv(text, countries_file())
    )


def _listed(cell: str) -> tuple[str, ...]:
    return tuple(value for value in cell.split("|") if value)
