"""CSV (and TSV) exports, streamed: one document per row, the header names the columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import InputError, RecordTooLongError
from ..model import Failure, RawDocument
from ..settings import Settings
from .blob import Blob
from .decode import open_text
from .failures import Read, failed, failure, reader, record_path
from .records import record_document

# Article bodies are far longer than csv's 128 KB default field limit; the size cap is
# applied to whole rows by CappedLines instead.
FIELD_SIZE_LIMIT = 2**31 - 1


@reader
def read(blob: Blob, settings: Settings) -> Read:
    delimiter = "\t" if blob.name.endswith(".tsv") else ","
    with open_text(blob, settings.max_bytes) as lines:
        rows = csv.reader(lines, delimiter=delimiter)
        header = _header(rows, blob.path, settings.text_field)
        number = 0
        while True:
            lines.start_record()
            try:
                row = _next_row(rows)
            except StopIteration:
                if not number:
                    yield failure(blob.path, "no records after the CSV header")
                return
            except RecordTooLongError as exc:
                number += 1
                yield failure(record_path(blob, number), exc.reason)
                continue
            except csv.Error as exc:
                yield failure(record_path(blob, number + 1), f"malformed CSV: {exc}")
                return
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            yield _row_document(blob, number, header, row, settings)


@contextmanager
def _wide_fields() -> Iterator[None]:
    """csv's field size limit lifted while one row is parsed: it is the process's, and
    other code may want its default."""
    default = csv.field_size_limit(FIELD_SIZE_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(default)


def _next_row(rows) -> list[str]:
    with _wide_fields():
        return next(rows)


def _header(rows, path: str, text_field: str) -> list[str]:
    try:
        header = [name.strip() for name in _next_row(rows)]
    except RecordTooLongError as exc:
        raise InputError(path, f"the CSV header is too long: {exc.reason}") from None
    except (StopIteration, csv.Error) as exc:
        raise InputError(path, f"no CSV header: {exc}") from None
    if text_field not in header:
        raise InputError(path, f"no {text_field!r} column (columns: {', '.join(header)})")
    return header


def _row_document(blob, number, header, row, settings) -> RawDocument | Failure:
    if len(row) != len(header):
        reason = f"{len(row)} fields, where the header has {len(header)}"
        return failure(record_path(blob, number), reason)
    try:
        return record_document(blob, number, dict(zip(header, row, strict=True)), settings)
    except InputError as exc:
        return failed(exc)
