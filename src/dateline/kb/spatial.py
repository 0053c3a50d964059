"""The spatial words every stage shares, each kept once in ``data/``: what the object of a
preposition is (``prepositions.csv``) and the nouns that name a settlement, an area or a
facility (``place_nouns.txt``)."""

from __future__ import annotations

from ..resources import csv_rows, data_path, word_set


def place_weights() -> dict[str, int]:
    """Preposition -> how surely its object is where an event happens: "in" 2, "to" 1."""
    return {row["preposition"]: int(row["place_weight"]) for row in _rows() if row["place_weight"]}


def locative_prepositions() -> frozenset[str]:
    """Prepositions after which a country or city is a place, not an actor ("in Baghdad")."""
    return _marked("locative")


def locating_prepositions() -> frozenset[str]:
    """Prepositions that place an unnamed object: "the waters near Taiwan"."""
    return _marked("locating")


def institution_prepositions() -> frozenset[str]:
    """Prepositions after which an institution noun is a place: "in court", "at the hospital"."""
    return _marked("institution")


def place_nouns() -> frozenset[str]:
    """Nouns naming a settlement, an area or a facility: "town", "province", "airport"."""
    return word_set(data_path("place_nouns.txt"))


def _marked(column: str) -> frozenset[str]:
    return frozenset(row["preposition"] for row in _rows() if row[column] == "yes")


def _rows() -> tuple[dict[str, str], ...]:
    return csv_rows(data_path("prepositions.csv"))
