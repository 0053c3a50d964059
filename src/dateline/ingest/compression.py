"""Compressed inputs (gzip, bzip2, xz), undone by their first bytes, and size-capped reads.

Every input's bytes go through ``open_decompressed``; whole inputs are then read with
``read_capped``, so the size cap always applies to the decompressed bytes and a small
archive cannot explode in memory. Damage (a file cut short, corrupt data) does not
throw away the bytes decoded before it: the stream ends there and records why in
``damage``, for the reader to report after the records it could read.
"""

from __future__ import annotations

import bz2
import io
import lzma
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO, Protocol

from ..errors import InputError

CHUNK = 65536  # compressed bytes read at a time
MAGIC_PROBE = 16
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
GZIP_MAGIC = re.compile(rb"\x1f\x8b")
BZIP2_MAGIC = re.compile(rb"BZh[1-9](\x31\x41\x59\x26\x53\x59|\x17\x72\x45\x38\x50\x90)")
XZ_MAGIC = re.compile(rb"\xfd7zXZ\x00")
XZ_MEMORY_LIMIT = 256 * 2**20  # an xz file asking for a larger window is refused as damaged
DECOMPRESSION_ERRORS = (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError)


class Decompressor(Protocol):
    """One compressed member: bz2.BZ2Decompressor and lzma.LZMADecompressor have this shape."""

    eof: bool
    unused_data: bytes
    needs_input: bool

    def decompress(self, data: bytes, max_length: int = -1) -> bytes: ...


class _GzipMember:
    """zlib's gzip decompressor with the BZ2Decompressor interface (it keeps the input
    it could not use yet in ``unconsumed_tail``, the others keep it inside)."""

    def __init__(self) -> None:
        self._zlib = zlib.decompressobj(wbits=31)

    @property
    def eof(self) -> bool:
        return self._zlib.eof

    @property
    def unused_data(self) -> bytes:
        return self._zlib.unused_data

    @property
    def needs_input(self) -> bool:
        return not self._zlib.unconsumed_tail

    def decompress(self, data: bytes, max_length: int = -1) -> bytes:
        return self._zlib.decompress(self._zlib.unconsumed_tail + data, max(max_length, 0))


# first bytes -> a new decompressor for one member (gzip and bzip2 files may hold several)
@dataclass(frozen=True)
class Format:
    name: str
    magic: re.Pattern[bytes]
    new_member: Callable[[], Decompressor]


FORMATS = (
    Format("gzip", GZIP_MAGIC, _GzipMember),
    Format("bzip2", BZIP2_MAGIC, bz2.BZ2Decompressor),
    Format("xz", XZ_MAGIC, partial(lzma.LZMADecompressor, memlimit=XZ_MEMORY_LIMIT)),
)


class DecompressedStream(io.RawIOBase):
    """The decompressed bytes of a compressed stream, member after member, produced in
    pieces (never more than asked for). Damage ends the stream and sets ``damage``."""

    def __init__(self, raw: BinaryIO, format: Format):
        self.raw = raw
        self.format = format
        self.member = format.new_member()
        self.carry = b""  # compressed bytes of the next member, read with the last one's end
        self.done = False
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()

    def _read(self, size: int) -> bytes:
        while not self.done:
            if self.member.eof:
                self._next_member()
                continue
            data = b""
            if self.member.needs_input:
                data, self.carry = self.carry or self.raw.read(CHUNK), b""
            try:
                out = self.member.decompress(data, size)
            except DECOMPRESSION_ERRORS as exc:
                return self._end(f"broken {self.format.name} data: {exc}")
            if out:
                return out
            if not data and self.member.needs_input:
                return self._end(f"broken {self.format.name} data: the file is cut short")
        return b""

    def _next_member(self) -> None:
        rest = self.member.unused_data or self.raw.read(CHUNK)
        if not rest.strip(b"\x00"):  # the end, or the zero padding some writers add
            self.done = True
        elif self.format.magic.match(rest):
            self.member, self.carry = self.format.new_member(), rest
        else:
            self._end(f"broken {self.format.name} data: unreadable bytes after its end")

    def _end(self, reason: str) -> bytes:
        self.damage, self.done = reason, True
        return b""


def open_decompressed(raw: BinaryIO) -> BinaryIO:
    """``raw`` (a seekable binary stream) decompressed when its first bytes say it is
    compressed, else ``raw`` itself."""
    head = raw.read(MAGIC_PROBE)
    raw.seek(0)
    for format in FORMATS:
        if format.magic.match(head):
            return io.BufferedReader(DecompressedStream(raw, format), CHUNK)
    return raw


def damage_of(stream: BinaryIO) -> str | None:
    """Why a stream from ``open_decompressed`` ended early; None when it did not."""
    raw = getattr(stream, "raw", None)
    return raw.damage if isinstance(raw, DecompressedStream) else None


def read_capped(stream: BinaryIO, path: str, max_bytes: int) -> bytes:
    """All of ``stream``; InputError when it holds more than ``max_bytes`` or is damaged."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"input is over the {max_bytes} byte limit")
    damage = damage_of(stream)
    if damage:
        raise InputError(path, damage)
    return data


def strip_compression_suffix(name: str) -> str:
    for suffix in COMPRESSED_SUFFIXES:
        name = name.removesuffix(suffix)
    return name
