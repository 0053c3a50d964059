"""Bytes to text: UTF-8 when it is, else the encoding charset-normalizer detects.

Binary files (images, PDFs, executables) are refused before any decoding is tried.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

from ..errors import InputError

BOM = b"\xef\xbb\xbf"
BINARY_PROBE = 8192  # bytes looked at for NUL and control characters
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


def _is_utf16(probe: bytes) -> bool:
    return probe.startswith((b"\xff\xfe", b"\xfe\xff"))
