"""CSV (and TSV) exports, streamed: one document per row, the header names the columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..errors import InputError, RecordTooLongError
from ..model import Failure, RawDocument
from ..settings import Settings
from .decode import open_text
from .records import record_document
from .sources import Blob

# Article bodies are far longer than csv's 128 KB default field limit; the size cap is
# applied to whole rows by CappedLines instead.
csv.field_size_limit(2**31 - 1)


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument | Failure]:
    delimiter = "\t" if blob.name.endswith(".tsv") else ","
    with open_text(blob, settings.max_bytes) as lines:
        reader = csv.reader(lines, delimiter=delimiter)
        header = _header(reader, blob.path, settings.text_field)
        number = 0
        while True:
            lines.start_record()
            try:
                row = next(reader)
            except StopIteration:
                if not number:
                    raise InputError(blob.path, "no records after the CSV header") from None
                return
            except RecordTooLongError as exc:
                number += 1
                yield Failure(f"{blob.path}#{number}", "ingest", f"record {number}: {exc.reason}")
                continue
            except csv.Error as exc:
                yield Failure(f"{blob.path}#{number + 1}", "ingest", f"malformed CSV: {exc}")
                return
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            yield _row_document(blob, number, header, row, settings)


def _header(reader, path: str, text_field: str) -> list[str]:
    try:
        header = [name.strip() for name in next(reader)]
    except RecordTooLongError as exc:
        raise InputError(path, f"the CSV header is too long: {exc.reason}") from None
    except (StopIteration, csv.Error) as exc:
        raise InputError(path, f"no CSV header: {exc}") from None
    if text_field not in header:
        raise InputError(path, f"no {text_field!r} column (columns: {', '.join(header)})")
    return header


def _row_document(blob, number, header, row, settings) -> RawDocument | Failure:
    where = f"{blob.path}#{number}"
    if len(row) != len(header):
        reason = f"record {number} has {len(row)} fields, the header {len(header)}"
        return Failure(where, "ingest", reason)
    try:
        return record_document(blob, number, dict(zip(header, row, strict=True)), settings)
    except InputError as exc:
        return Failure(exc.path, "ingest", exc.reason)
