"""Bytes to text: UTF-8 when it is, else the encoding charset-normalizer detects.

Binary files (images, PDFs, executables) are refused before any decoding is tried.
"""

from __future__ import annotations

import codecs
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from charset_normalizer import from_bytes

from ..errors import InputError

if TYPE_CHECKING:
    from .sources import Blob

BOM = b"\xef\xbb\xbf"
BINARY_PROBE = 8192  # bytes looked at for NUL and control characters
ENCODING_PROBE = 65536  # bytes a streamed file's encoding is detected from
MAX_CONTROL_SHARE = 0.1  # more control bytes than this in the probe: binary
TEXT_CONTROLS = {8, 9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    probe = data[:BINARY_PROBE]
    if b"\x00" in probe and not _is_utf16(probe):
        return True
    controls = sum(1 for byte in probe if byte < 32 and byte not in TEXT_CONTROLS)
    return controls > MAX_CONTROL_SHARE * max(len(probe), 1)


def decode_text(data: bytes, path: str) -> str:
    """The text of ``data``; InputError when it is binary or its encoding cannot be found."""
    if looks_binary(data):
        raise InputError(path, "binary file, not text")
    try:
        return data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding")
    return str(best)


@contextmanager
def open_text(blob: Blob) -> Iterator[TextIO]:
    """A container input as a text stream, its encoding detected from its head.

    Gzip damage found while streaming ends the input with an InputError; the records
    read before it stand.
    """
    head = blob.head(ENCODING_PROBE)
    if looks_binary(head):
        raise InputError(blob.path, "binary file, not text")
    encoding = _stream_encoding(head, blob.path)
    try:
        with io.TextIOWrapper(blob.open(), encoding=encoding, errors="replace", newline="") as text:
            yield text
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(blob.path, f"broken gzip data: {exc}") from None


def _stream_encoding(head: bytes, path: str) -> str:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    best = from_bytes(head).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding")
    return best.encoding


def _is_utf16(probe: bytes) -> bool:
    return probe.startswith((b"\xff\xfe", b"\xfe\xff"))
