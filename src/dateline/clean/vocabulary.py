"""The cleaning vocabulary: the data files the text rules and the dateline parser read.

Shipped files under ``data/cleaning/`` plus the user's (``Settings.residue_files``,
``agency_files``, ``teaser_files``), compiled once per version of those files (an edited
file is read again), and the one date grammar of ``kb.timex``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import ConfigError
from ..kb.timex import EXPRESSIONS, DateGrammar, alternation, date_grammar

# the shipped files, found once (paths only: they are read on use, re-read when edited)
RESIDUE = resources.data_path("cleaning/residue.txt")
AGENCIES = resources.data_path("cleaning/agencies.csv")
TEASERS = resources.data_path("cleaning/teasers.txt")
WORDS = resources.data_path("cleaning/words.toml")


@dataclass(frozen=True)
class Vocabulary:
    """The cleaning data files (shipped plus the user's), compiled."""

    residue: tuple[re.Pattern, ...]
    teaser: re.Pattern  # a teaser block's heading on a line of its own: "Top stories"
    inline_teaser: re.Pattern  # the same heading after a sentence, inside a paragraph
    agencies: dict[str, str]  # lower-case alias -> agency name as recorded
    dates: DateGrammar  # month and weekday names, written dates: the time expressions' own
    place_word: re.Pattern  # one word of a dateline place: "Kansas", "de" in "Rio de Janeiro"
    byline: re.Pattern  # "By Jane Doe": group 1 is the name
    date_label: re.Pattern  # "Updated on:" before a page date line


def load_vocabulary(
    residue_files: Sequence[Path] = (),
    agency_files: Sequence[Path] = (),
    teaser_files: Sequence[Path] = (),
) -> Vocabulary:
    """The vocabulary of the shipped files and the user's, later files adding to earlier."""
    residue = (RESIDUE, *residue_files)
    agencies = (AGENCIES, *agency_files)
    teasers = (TEASERS, *teaser_files)
    return resources.derived(
        (*residue, *agencies, *teasers, WORDS, EXPRESSIONS),
        f"cleaning vocabulary {len(residue)} {len(agencies)}",
        lambda: _compile(residue, agencies, teasers),
    )


def _compile(
    residue_paths: Sequence[Path], agency_paths: Sequence[Path], teaser_paths: Sequence[Path]
) -> Vocabulary:
    residue = [pattern for path in residue_paths for pattern in _residue_patterns(path)]
    agencies: dict[str, str] = {}
    for path in agency_paths:
        agencies.update(_agency_table(path))
    heading = alternation(line for path in teaser_paths for line in resources.lines(path))
    words = resources.toml_table(WORDS)
    return Vocabulary(
        residue=tuple(residue),
        teaser=re.compile(rf"{heading}\s*[:|»›>-]?"),
        # after a sentence's end, before a capitalised headline or a table border
        inline_teaser=re.compile(rf"(?<=[.!?\"”’)])\s+{heading}\s*[:|»›>-]?\s*(?=[A-Z\"“‘|])"),
        agencies=agencies,
        dates=date_grammar(),
        # particles are lower case, so the pattern is case-sensitive
        place_word=re.compile(rf"(?:[A-Z][\w.'’/-]*|{alternation(words['place_particles'])})$"),
        byline=re.compile(rf"{alternation(words['byline_openers'])}\s+(.+)$"),
        date_label=re.compile(
            rf"^{alternation(words['date_labels'])}(?: on)?\s*:?\s*", re.IGNORECASE
        ),
    )


def _residue_patterns(path: Path) -> list[re.Pattern]:
    patterns = []
    for line in resources.lines(path):
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"{path}: bad pattern {line!r}: {exc}") from exc
    return patterns


def _agency_table(path: Path) -> dict[str, str]:
    table = {}
    for row in resources.csv_rows(path):
        if not row.get("name"):
            raise ConfigError(f"{path}: a row has no name: {row}")
        aliases = [row["name"], *row.get("aliases", "").split("|")]
        table.update({alias.strip().lower(): row["name"] for alias in aliases if alias.strip()})
    return table
