"""The one rule for the people noun of a demonym, shared by the lexicon and the gazetteer."""

from __future__ import annotations

# Demonyms whose plural is the word itself: "the Swiss", "the French", "the Chinese".
UNCOUNTABLE_ENDINGS = ("s", "sh", "ch", "ese", "x", "z")


def plural_demonym(demonym: str) -> str | None:
    """ "Iraqi" -> "Iraqis", "Palestinian" -> "Palestinians"; None when the plural is the
    demonym itself ("Swiss", "French", "Chinese")."""
    if not demonym or demonym.endswith(UNCOUNTABLE_ENDINGS):
        return None
    return demonym + "s"
