"""Failures of reading, as values: one way to make them, one format for their reasons.

A Failure's path names what failed: the input (``feed.xml``) or one record of it
(``export.jsonl#3``, ``crawl.warc#http://…``); its reason says what is wrong with it,
never again which one it is. Inside a reader a problem is an ``InputError``; the
``reader`` decorator turns the one that ends an input into a value after the documents
read before it, so a reader never raises on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps

from ..errors import InputError
from ..model import INGEST_STAGE, Failure, RawDocument
from ..settings import Settings
from .blob import Blob

Read = Iterator[RawDocument | Failure]
Reader = Callable[[Blob, Settings], Read]


def failure(path: str, reason: str) -> Failure:
    return Failure(path, INGEST_STAGE, reason)


def failed(exc: InputError) -> Failure:
    return failure(exc.path, exc.reason)


def record_path(blob: Blob, key: int | str) -> str:
    """The path of record ``key`` (its number, or its URL in an archive) of ``blob``."""
    return f"{blob.path}#{key}"


def reader(read: Reader) -> Reader:
    """``read`` with the InputError that ends its input yielded as a Failure."""

    @wraps(read)
    def values(blob: Blob, settings: Settings) -> Read:
        try:
            yield from read(blob, settings)
        except InputError as exc:
            yield failed(exc)

    return values
