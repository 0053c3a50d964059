"""Web archives (WARC, WARC.GZ): every HTML response record is an article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..model import RawDocument
from ..settings import Settings
from .sources import Blob

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(blob.data)):
            if record.rec_type != "response" or not _is_html(record):
                continue
            body = record.content_stream().read()
            if not body.strip():
                continue
            found += 1
            yield _record_document(blob, record, body)
    except ArchiveLoadFailed as exc:
        raise InputError(blob.path, f"not a readable WARC file: {exc}") from None
    if not found:
        raise InputError(blob.path, "WARC file has no HTML response record")


def _is_html(record) -> bool:
    if record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def _record_document(blob: Blob, record, body: bytes) -> RawDocument:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(
        path=f"{blob.path}#{uri}",
        content=body,
        kind="html",
        url=uri,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        file_time=blob.file_time,
    )


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
