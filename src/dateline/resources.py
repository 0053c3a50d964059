"""The one way to read Dateline's data files: the shipped ones under ``data/`` and the user's.

Every vocabulary, table and pattern file is read through here, so they all share one
comment convention (a line whose first non-blank character is ``#`` is a comment), one
error (a ``ConfigError`` naming the file and the reason) and one cache.

The cache is keyed by the file's path *and* its modification stamp (size, mtime), so a
long-lived process (``dateline serve``) re-reads a dictionary the user has edited, and it
is bounded: a parsed file is kept until ``CACHE_FILES`` other files have been read since.
"""

from __future__ import annotations

import csv
import json
import os
import tomllib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import ConfigError

CACHE_FILES = 64
# the shipped data folder, found once: ``resources.files`` costs about 40 us a call
DATA = Path(str(resources.files("dateline").joinpath("data")))

Parsed = TypeVar("Parsed")
_cache: OrderedDict[tuple, Any] = OrderedDict()


def data_path(relative: str) -> Path:
    """The shipped data file ``relative`` to ``src/dateline/data`` (e.g. ``"actors/roles.csv"``)."""
    return DATA / relative


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path``; a ``ConfigError`` naming the file if it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def content_lines(text: str) -> list[str]:
    """The lines of ``text`` that are neither blank nor ``#`` comments, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not _comment(line)]


def lines(path: str | Path) -> tuple[str, ...]:
    """The content lines of a one-entry-a-line file."""
    return cached(path, "lines", lambda text: tuple(content_lines(text)))


def word_set(path: str | Path) -> frozenset[str]:
    """The entries of a one-entry-a-line file, lower-cased."""
    return cached(path, "words", lambda text: frozenset(w.lower() for w in content_lines(text)))


def csv_rows(path: str | Path) -> tuple[dict[str, str], ...]:
    """The rows of a CSV file with a header line; cells stripped, empty cells ``""``."""
    return cached(path, "csv", lambda text: parse_csv(text, path))


def parse_csv(text: str, path: str | Path) -> tuple[dict[str, str], ...]:
    """CSV ``text`` (read from ``path``, named in errors) as rows keyed by its header."""
    reader = csv.DictReader(line for line in text.splitlines() if not _comment(line))
    try:
        rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as exc:
        raise ConfigError(f"{path}: line {reader.line_num}: {exc}") from exc
    return tuple(rows)


def toml_table(path: str | Path) -> dict[str, Any]:
    """A TOML file as a dict."""
    return cached(path, "toml", lambda text: _parse(tomllib.loads, text, path))


def yaml_data(path: str | Path) -> Any:
    """A YAML file's data (``None`` for an empty file)."""
    return cached(path, "yaml", lambda text: _parse(yaml.safe_load, text, path))


def json_data(path: str | Path) -> Any:
    """A JSON file's data."""
    return cached(path, "json", lambda text: parse_json(text, path))


def parse_json(text: str, path: str | Path) -> Any:
    """JSON ``text`` (read from ``path``, named in errors) as its data."""
    return _parse(json.loads, text, path)


def clear_cache() -> None:
    """Forget every parsed file (the next read of each goes to the disk)."""
    _cache.clear()


def cached(path: str | Path, kind: str, parse: Callable[[str], Parsed]) -> Parsed:
    """``parse`` of the text of ``path``, re-read only when the file changed.

    ``kind`` names the parse, so one file read two ways is cached twice. The result is
    shared between callers: treat it as read-only.
    """
    stamp = file_stamp(path)
    return _kept((kind, stamp), lambda: parse(read_text(stamp.path)))


def derived(paths: Iterable[str | Path], kind: str, build: Callable[[], Parsed]) -> Parsed:
    """``build()``, a structure made from the files ``paths`` (a lexicon, a gazetteer),
    re-run only when one of them changed; kept in the same bounded cache as the files."""
    return _kept((kind, *(file_stamp(path) for path in paths)), build)


def _kept(key: tuple, make: Callable[[], Parsed]) -> Parsed:
    """The cached value under ``key``, else ``make()`` kept there (the oldest dropped)."""
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    value = make()
    _cache[key] = value
    while len(_cache) > CACHE_FILES:
        _cache.popitem(last=False)
    return value


@dataclass(frozen=True)
class FileStamp:
    """A file as a cache key: its absolute path and what changes when it is written (a
    missing file, when allowed, has size and mtime -1)."""

    path: str
    size: int
    mtime_ns: int


def file_stamp(path: str | Path, *, missing_ok: bool = False) -> FileStamp:
    """The stamp of ``path``; a ``ConfigError`` naming it when it cannot be read, unless
    ``missing_ok`` (the stage that reads it will say so)."""
    # abspath, not resolve(): resolving symlinks costs a stat per path component, on
    # every call; a file reached through two links is only parsed twice
    resolved = os.path.abspath(path)
    try:
        stat = os.stat(resolved)
    except OSError as exc:
        if missing_ok:
            return FileStamp(resolved, -1, -1)
        raise ConfigError(f"{path}: {exc}") from exc
    return FileStamp(resolved, stat.st_size, stat.st_mtime_ns)


def _parse(parser: Callable[[str], Parsed], text: str, path: str | Path) -> Parsed:
    try:
        return parser(text)
    except (ValueError, yaml.YAMLError) as exc:  # TOMLDecodeError and JSONDecodeError
        raise ConfigError(f"{path}: {exc}") from exc


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")
