"""Ingest: every input a user gives (files, directories, stdin, URLs) read as RawDocuments.

One reader module per input kind (text, html, jsonl, csvfile, warc, feed); ``sources``
turns the paths into byte blobs (gunzipped, size-capped) and ``kinds`` picks the reader.
A bad input becomes a ``Failure`` value (``failures``: one way to make one, one format
for its reason) and the iteration goes on; no reader raises on purpose.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from ..errors import InputError
from ..model import Failure, RawDocument
from ..settings import Settings
from . import csvfile, feed, html, jsonl, text, warc
from .blob import Blob
from .failures import failed, failure
from .fetch import Fetcher
from .kinds import detect_kind
from .sources import STDIN, expand_paths, is_url, iter_blobs

__all__ = ["STDIN", "Blob", "Fetcher", "expand_paths", "is_url", "read_inputs"]

log = logging.getLogger(__name__)

READERS = {
    "text": text.read,
    "html": html.read,
    "jsonl": jsonl.read,
    "csv": csvfile.read,
    "warc": warc.read,
    "feed": feed.read,
}


def read_inputs(
    paths: Sequence[str], settings: Settings, *, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | Failure]:
    """Every document of ``paths`` in order; an input that cannot be read yields a Failure."""
    fetcher = fetcher or Fetcher(settings)
    for item in iter_blobs(paths, settings, fetcher):
        if isinstance(item, Failure):
            yield item
            continue
        yield from _read_blob(item, settings)


def _read_blob(blob: Blob, settings: Settings) -> Iterator[RawDocument | Failure]:
    try:
        kind = detect_kind(blob)
    except InputError as exc:  # damaged before its first bytes
        yield failed(exc)
        return
    log.debug("%s: reading as %s", blob.path, kind)
    try:
        for item in READERS[kind](blob, settings):
            if isinstance(item, RawDocument):
                item.identity = _identity(blob, item.path)
            yield item
    except Exception as exc:  # a parser library tripping over bad bytes: one input's problem
        log.exception("%s: reading failed", blob.path)
        yield failure(blob.path, f"unreadable input: {type(exc).__name__}: {exc}")


def _identity(blob: Blob, path: str) -> str:
    """The blob's identity (its resolved file path) and the record's part of ``path``:
    a file given by a relative and by an absolute path is one input."""
    return (blob.identity or blob.path) + path[len(blob.path) :]
