"""Bytes to text, and text streams read in capped lines.

The encoding: the byte order mark when there is one (UTF-8, UTF-16, UTF-32); else UTF-8
when the bytes are UTF-8, or mostly UTF-8 with a few damaged bytes (those are replaced
and the document carries a warning); a legacy code page (charset-normalizer's guess)
only when the bytes say so: invalid as UTF-8 and with no more valid UTF-8 characters
than invalid bytes. Binary files (images, PDFs, executables) are refused first.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from charset_normalizer import from_bytes

from ..errors import InputError, RecordTooLongError
from .blob import Blob

# longest mark first: the UTF-32 LE mark begins with the UTF-16 LE one
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
REPLACEMENT = "\ufffd"
BINARY_PROBE = 8192  # bytes looked at for NUL and control characters
ENCODING_PROBE = 65536  # bytes a streamed file's encoding is detected from
MAX_CONTROL_SHARE = 0.1  # more control characters than this in the probe: binary
TEXT_CONTROLS = {8, 9, 10, 12, 13, 27}
DRAIN_CHUNK = 65536  # characters read at a time while skipping an over-long line


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced: int  # undecodable bytes replaced by U+FFFD


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    probe = data[:BINARY_PROBE]
    encoding = bom_encoding(probe)
    if encoding:  # UTF-16/32 text has NUL bytes: count the characters, not the bytes
        codes = [ord(char) for char in probe.decode(encoding, "replace")]
    elif b"\x00" in probe:
        return True
    else:
        codes = list(probe)
    controls = sum(1 for code in codes if code < 32 and code not in TEXT_CONTROLS)
    return controls > MAX_CONTROL_SHARE * max(len(codes), 1)


def decode_text(data: bytes, path: str) -> Decoded:
    """The text of ``data``; InputError when it is binary or its encoding cannot be found."""
    if looks_binary(data):
        raise InputError(path, "binary file, not text")
    encoding = detect_encoding(data, path)
    text = data.decode(encoding, "replace")
    return Decoded(text, encoding, replaced_bytes(text, data))


def detect_encoding(data: bytes, path: str, *, complete: bool = True) -> str:
    """The encoding of ``data`` (the whole input, or with ``complete=False`` its head,
    which may end inside a character)."""
    encoding = bom_encoding(data)
    if encoding:
        return encoding
    if _mostly_utf8(data, complete):
        return "utf-8"
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding")
    return best.encoding


def replaced_bytes(text: str, data: bytes | None = None) -> int:
    """How many undecodable bytes became U+FFFD (replacement characters already in the
    source bytes do not count)."""
    written = data.count(REPLACEMENT.encode()) if data is not None else 0
    return max(text.count(REPLACEMENT) - written, 0)


def replacement_warning(replaced: int) -> str:
    return f"{replaced} bytes that are not valid in the text encoding were replaced"


def _mostly_utf8(data: bytes, complete: bool) -> bool:
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=complete)
    bad = replaced_bytes(text, data)
    valid_wide = sum(1 for char in text if ord(char) > 127) - text.count(REPLACEMENT)
    return bad == 0 or valid_wide >= bad


class CappedLines:
    """The lines of a text stream, none longer than ``budget`` characters per record.

    ``start_record`` opens a new record's budget (a CSV row may span lines); a line that
    would exceed it is skipped to its end and raises RecordTooLongError, and the
    iteration can go on with the next line. Memory stays within the budget.
    """

    def __init__(self, text: TextIO, path: str, budget: int):
        self.text = text
        self.path = path
        self.budget = budget
        self.left = budget
        self.line_number = 0

    def __iter__(self) -> CappedLines:
        return self

    def start_record(self) -> None:
        self.left = self.budget

    def __next__(self) -> str:
        line = self.text.readline(self.left + 1)
        if not line:
            raise StopIteration
        self.line_number += 1
        if len(line) > self.left:
            size = len(line) + self._skip_rest(line)
            self.left = self.budget
            raise RecordTooLongError(
                f"{self.path}#{self.line_number}",
                f"over the {self.budget} character limit ({size} characters or more)",
            )
        self.left -= len(line)
        return line

    def _skip_rest(self, line: str) -> int:
        skipped = 0
        while not line.endswith("\n"):
            line = self.text.readline(DRAIN_CHUNK)
            if not line:
                break
            skipped += len(line)
        return skipped


@contextmanager
def open_text(blob: Blob, max_chars: int) -> Iterator[CappedLines]:
    """A container input as capped text lines, its encoding detected from its head.

    Undecodable bytes become U+FFFD (the record reader warns about them). Damage to
    the compressed data ends the input with an InputError; the records read before it
    stand.
    """
    head = blob.head(ENCODING_PROBE)
    if looks_binary(head):
        raise InputError(blob.path, "binary file, not text")
    encoding = detect_encoding(head, blob.path, complete=len(head) < ENCODING_PROBE)
    with blob.reading() as stream:
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        yield CappedLines(text, blob.path, max_chars)
        text.detach()  # the stream is closed by ``reading``
