"""Turn the paths a user gives into byte blobs: files, directories, standard input, URLs.

Compression is undone here (``compression``: gzip, bzip2, xz, with the size cap applied
to the decompressed bytes, so a small archive cannot explode in memory), so readers only
ever see plain bytes. Container files (WARC, JSON Lines, CSV) are not loaded whole:
their readers stream them record by record through ``Blob.reading`` and apply the size
cap to each record, since crawls and exports are routinely larger than any one article.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError
from ..model import Failure
from ..settings import Settings
from .blob import Blob
from .compression import open_decompressed, read_capped, strip_compression_suffix
from .failures import failed
from .fetch import Fetcher
from .kinds import CONTAINER_KINDS, kind_from_name

BLANK_PROBE = 4096  # bytes looked at to call an input empty
STDIN = "-"


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Every input of ``paths``: files of directories (recursive), URLs, ``-``."""
    for path in paths:
        yield from _expand(path)


def iter_blobs(
    paths: Sequence[str], settings: Settings, fetcher: Fetcher
) -> Iterator[Blob | Failure]:
    for path in paths:
        for source in _expand(path):
            try:
                yield _load(source, settings, fetcher)
            except InputError as exc:
                yield failed(exc)


def _expand(path: str) -> Iterator[str]:
    """A directory stands for its files (recursive, sorted, hidden ones skipped)."""
    if path == STDIN or is_url(path) or not Path(path).is_dir():
        yield path
        return
    root = Path(path)
    for child in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(root).parts)
        if child.is_file() and not hidden:
            yield str(child)


def _load(path: str, settings: Settings, fetcher: Fetcher) -> Blob:
    if is_url(path):
        fetched = fetcher.fetch(path)
        blob = Blob(
            path,
            _decompressed(fetched.data, path, settings.max_bytes),
            _name(fetched.url),
            url=fetched.url,
            fetched_at=datetime.now(UTC),
            content_type=fetched.content_type,
            identity=path,
        )
    elif path == STDIN:
        data = read_capped(sys.stdin.buffer, path, settings.max_bytes)
        blob = Blob(path, _decompressed(data, path, settings.max_bytes), "")
    else:
        blob = _load_file(path, settings.max_bytes)
    if not blob.head(BLANK_PROBE).strip():
        raise InputError(path, "empty input")
    return blob


def _load_file(path: str, max_bytes: int) -> Blob:
    file = Path(path)
    name = _name(file.name)
    try:
        stat = file.stat()
        if not file.is_file():
            raise InputError(path, "not a regular file")
        mtime = datetime.fromtimestamp(stat.st_mtime, UTC)
        identity = str(file.resolve())
        if kind_from_name(name) in CONTAINER_KINDS:
            return Blob(path, None, name, file_time=mtime, file=file, identity=identity)
        with open_decompressed(file.open("rb")) as stream:
            data = read_capped(stream, path, max_bytes)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return Blob(path, data, name, file_time=mtime, identity=identity)


def _decompressed(data: bytes, path: str, max_bytes: int) -> bytes:
    with open_decompressed(io.BytesIO(data)) as stream:
        return read_capped(stream, path, max_bytes)


def _name(name: str) -> str:
    """The file or URL name that decides the reader: lower case, no compression suffix."""
    name = name.rsplit("/", 1)[-1].split("?", 1)[0].lower()
    return strip_compression_suffix(name)
