"""HTML pages: one document per page; the bytes go to clean, which runs trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import RawDocument
from ..settings import Settings
from .decode import looks_binary
from .sources import Blob


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument]:
    if looks_binary(blob.data):
        raise InputError(blob.path, "binary file, not HTML")
    yield RawDocument(
        path=blob.path,
        content=blob.data,
        kind="html",
        url=blob.url,
        fetched_at=blob.fetched_at,
        file_time=blob.file_time,
    )
