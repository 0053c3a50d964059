"""JSON Lines exports: one document per line; a malformed line is one Failure, not the file's."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Failure, RawDocument
from ..settings import Settings
from .decode import decode_text
from .records import record_document
from .sources import Blob


def read(blob: Blob, settings: Settings) -> Iterator[RawDocument | Failure]:
    lines = decode_text(blob.data, blob.path).splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield record_document(blob, number, _parse(line, number, blob.path), settings)
        except InputError as exc:
            yield Failure(exc.path, "ingest", exc.reason)


def _parse(line: str, number: int, path: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}#{number}", f"line {number} is not JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise InputError(f"{path}#{number}", f"line {number} is not a JSON object")
    return record
