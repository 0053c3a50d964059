"""JSON Lines exports, streamed: one document a line; a bad line is one Failure, not the file's."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError, RecordTooLongError
from ..model import Failure, RawDocument
from ..settings import Settings
from .decode import open_text
from .records import record_document
from .sources import Blob


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument | Failure]:
    with open_text(blob, settings.max_bytes) as lines:
        records = 0
        while True:
            lines.start_record()
            try:
                line = next(lines)
            except StopIteration:
                if not records:
                    raise InputError(blob.path, "no JSON Lines records") from None
                return
            except RecordTooLongError as exc:
                records += 1
                yield Failure(exc.path, "ingest", exc.reason)
                continue
            if not line.strip():
                continue
            records += 1
            try:
                record = _parse(line, lines.line_number, blob.path)
                yield record_document(blob, lines.line_number, record, settings)
            except InputError as exc:
                yield Failure(exc.path, "ingest", exc.reason)


def _parse(line: str, number: int, path: str) -> dict:
    where = f"{path}#{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"line {number} is not JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise InputError(where, f"line {number} is not a JSON object")
    return record
