"""The shipped vocabularies of ``data/actors/``, read through ``dateline.resources``."""

from __future__ import annotations

from ...resources import csv_rows, data_path, word_set


def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a shipped CSV file of data/actors/ (``#`` comment lines skipped);
    shared between callers, so read-only."""
    return csv_rows(data_path(f"actors/{name}"))


def word_list(name: str) -> frozenset[str]:
    """A shipped one-word-a-line file of data/actors/, lower case, comments skipped."""
    return word_set(data_path(f"actors/{name}"))


def cameo_codes(column: str) -> frozenset[str]:
    """The codes of data/actors/cameo_types.csv marked "yes" in ``column``: ``sector``, the
    codes Dateline codes as sectors (GOV, MIL ...); ``stateless``, the codes that stand in a
    country's place but name none (IGO, NGO ...)."""
    return frozenset(row["code"] for row in data_rows("cameo_types.csv") if row[column] == "yes")
