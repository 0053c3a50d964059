"""Lines of a PETRARCH/TABARI dictionary file, with its comments left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ... import resources

HTML_COMMENT = re.compile(r"<!--.*?-->")


def read_lines(path: Path) -> tuple[str, ...]:
    """The file's lines, read through the resources cache (a ``ConfigError`` if unreadable)."""
    return resources.cached(path, "petrarch lines", lambda text: tuple(text.splitlines()))


@dataclass(frozen=True)
class DictionaryLine:
    """A line of a dictionary file with its comments cut, and its number in the file."""

    number: int
    text: str


def dictionary_lines(path: Path) -> Iterator[DictionaryLine]:
    """The file's lines with comments and blank lines left out."""
    in_comment = False
    for number, raw in enumerate(read_lines(path), start=1):
        line = HTML_COMMENT.sub("", raw)
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        line = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        if line:
            yield DictionaryLine(number, line)
