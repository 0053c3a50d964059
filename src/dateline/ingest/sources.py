"""Turn the paths a user gives into byte blobs: files, directories, standard input, URLs.

Gzip is undone here (with the size cap applied to the uncompressed bytes, so a small
archive cannot explode in memory), so readers only ever see plain bytes. Container files
(WARC, JSON Lines, CSV) are not loaded whole: their readers stream them record by record
through ``Blob.open`` and apply the size cap to each record, since crawls and exports
are routinely larger than any one article.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Failure
from ..settings import Settings
from .fetch import Fetcher
from .kinds import CONTAINER_KINDS, kind_from_name

GZIP_MAGIC = b"\x1f\x8b"
BLANK_PROBE = 4096  # bytes looked at to call an input empty
HEAD_CHUNK = 4096
STDIN = "-"


@dataclass
class Blob:
    """One input's bytes (or its container file) and what is known about where it came from."""

    path: str  # as the user gave it (or the file found in a directory)
    data: bytes | None  # the whole input, gunzipped; None for a container file
    name: str  # the file or URL name without a trailing .gz: decides the reader
    url: str | None = None
    file_time: datetime | None = None
    fetched_at: datetime | None = None
    content_type: str | None = None  # from the HTTP response
    file: Path | None = None  # a container file, streamed by its reader

    def open(self) -> BinaryIO:
        """The input as a binary stream, gunzipped."""
        if self.data is not None:
            return io.BytesIO(self.data)
        with self.file.open("rb") as probe:
            compressed = probe.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        return gzip.open(self.file, "rb") if compressed else self.file.open("rb")

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes, gunzipped."""
        if self.data is not None:
            return self.data[:size]
        chunks: list[bytes] = []
        try:
            with self.open() as stream:
                while sum(map(len, chunks)) < size and (chunk := stream.read(HEAD_CHUNK)):
                    chunks.append(chunk)
        except (OSError, EOFError, zlib.error) as exc:
            if not chunks:  # damage further on is the reader's to report, after its records
                raise InputError(self.path, f"broken gzip data: {exc}") from None
        return b"".join(chunks)[:size]


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
                yield Failure(exc.path, "ingest", exc.reason)


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
            fetched.data,
            _strip_gz(fetched.url),
            url=fetched.url,
            fetched_at=datetime.now(UTC),
            content_type=fetched.content_type,
        )
    elif path == STDIN:
        blob = Blob(path, _read_capped(sys.stdin.buffer, path, settings.max_bytes), "")
    else:
        blob = _load_file(path, settings.max_bytes)
    if blob.data is not None:
        blob.data = _gunzip(blob.data, path, settings.max_bytes)
    if not blob.head(BLANK_PROBE).strip():
        raise InputError(path, "empty input")
    return blob


def _load_file(path: str, max_bytes: int) -> Blob:
    file = Path(path)
    name = _strip_gz(file.name)
    try:
        stat = file.stat()
        if not file.is_file():
            raise InputError(path, "not a regular file")
        mtime = datetime.fromtimestamp(stat.st_mtime, UTC)
        if kind_from_name(name) in CONTAINER_KINDS:
            return Blob(path, None, name, file_time=mtime, file=file)
        if stat.st_size > max_bytes:
            raise InputError(path, f"file is {stat.st_size} bytes, over the {max_bytes} limit")
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return Blob(path, data, name, file_time=mtime)


def _read_capped(stream: io.BufferedIOBase, path: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"input is over the {max_bytes} byte limit")
    return data


def _gunzip(data: bytes, path: str, max_bytes: int) -> bytes:
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return _read_capped(stream, path, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, f"broken gzip data: {exc}") from None


def _strip_gz(name: str) -> str:
    name = name.rsplit("/", 1)[-1].split("?", 1)[0].lower()
    return name.removesuffix(".gz")
