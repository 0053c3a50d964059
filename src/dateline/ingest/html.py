"""HTML pages: one document per page; the bytes go to clean, which runs trafilatura."""

from __future__ import annotations

from ..model import RawDocument
from ..settings import Settings
from .blob import Blob
from .decode import looks_binary
from .failures import Read, failure


def read(blob: Blob, settings: Settings) -> Read:
    if looks_binary(blob.data):
        yield failure(blob.path, "binary file, not HTML")
        return
    yield RawDocument(
        path=blob.path,
        content=blob.data,
        kind="html",
        url=blob.url,
        fetched_at=blob.fetched_at,
        file_time=blob.file_time,
    )
