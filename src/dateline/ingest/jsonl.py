"""JSON Lines exports, streamed: one document a line; a bad line is one Failure, not the file's."""

from __future__ import annotations

import json

from ..errors import InputError, RecordTooLongError
from ..settings import Settings
from .blob import Blob
from .decode import open_text
from .failures import Read, failed, failure, reader, record_path
from .records import record_document


@reader
def read(blob: Blob, settings: Settings) -> Read:
    with open_text(blob, settings.max_bytes) as lines:
        records = 0
        while True:
            lines.start_record()
            try:
                line = next(lines)
            except StopIteration:
                if not records:
                    yield failure(blob.path, "no JSON Lines records")
                return
            except RecordTooLongError as exc:
                records += 1
                yield failed(exc)
                continue
            if not line.strip():
                continue
            records += 1
            try:
                record = _parse(line, record_path(blob, lines.line_number))
                yield record_document(blob, lines.line_number, record, settings)
            except InputError as exc:
                yield failed(exc)


def _parse(line: str, path: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise InputError(path, "not a JSON object")
    return record
