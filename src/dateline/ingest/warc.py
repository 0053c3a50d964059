"""Web archives (WARC, compressed or not), streamed: every HTML response record is an article.

Damage does not cost the intact records before it: a record cut short is one named
failure, and broken compressed data end the archive after the records read so far.
"""

from __future__ import annotations

from datetime import datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..model import Failure, RawDocument
from ..settings import Settings
from .blob import Blob
from .failures import Read, failure, reader, record_path

HTML_TYPES = ("text/html", "application/xhtml+xml")


@reader
def read(blob: Blob, settings: Settings) -> Read:
    found = 0
    try:
        with blob.reading() as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                found += 1
                yield _record_document(blob, record, settings.max_bytes)
    except ArchiveLoadFailed as exc:
        yield failure(blob.path, f"not a readable WARC file: {exc}")
        return
    except InputError:
        raise
    except Exception as exc:  # warcio's parser raises whatever it trips over in bad bytes
        yield failure(blob.path, f"broken WARC data: {type(exc).__name__}: {exc}")
        return
    if not found:
        yield failure(blob.path, "WARC file has no HTML response record")


def _is_html(record) -> bool:
    if record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def _record_document(blob: Blob, record, max_bytes: int) -> RawDocument | Failure:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    path = record_path(blob, uri)
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return failure(path, f"response is over the {max_bytes} byte limit")
    missing = record.raw_stream.limit  # bytes the record's header promised, not in the file
    if missing:
        reason = f"record cut short: {missing} of {record.length} bytes missing"
        return failure(path, reason)
    if not body.strip():
        return failure(path, "empty response")
    return RawDocument(
        path=path,
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
