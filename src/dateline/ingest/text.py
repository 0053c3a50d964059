"""Plain text files: one document per file, decoded, handed to clean as kind "text"."""

from __future__ import annotations

from ..model import RawDocument
from ..settings import Settings
from .blob import Blob
from .decode import decode_text, replacement_warning
from .failures import Read, reader


@reader
def read(blob: Blob, settings: Settings) -> Read:
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
