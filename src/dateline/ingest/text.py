"""Plain text files: one document per file, decoded, handed to clean as kind "text"."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import RawDocument
from ..settings import Settings
from .decode import decode_text, replacement_warning
from .sources import Blob


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument]:
    decoded = decode_text(blob.data, blob.path)
    yield RawDocument(
        path=blob.path,
        content=decoded.text,
        kind="text",
        url=blob.url,
        fetched_at=blob.fetched_at,
        file_time=blob.file_time,
        warnings=[replacement_warning(decoded.replaced)] if decoded.replaced else [],
    )
