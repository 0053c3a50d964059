"""One input's bytes, or the container file its reader streams, and where it came from.

Its own module, below both ``sources`` (which makes blobs) and the readers and ``kinds``
(which read them), so that none of them imports another in a circle.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .compression import damage_of, open_decompressed


@dataclass
class Blob:
    """One input's bytes (or its container file) and what is known about where it came from."""

    path: str  # as the user gave it (or the file found in a directory)
    data: bytes | None  # the whole input, decompressed; None for a container file
    name: str  # the file or URL name without a compression suffix: decides the reader
    url: str | None = None
    file_time: datetime | None = None
    fetched_at: datetime | None = None
    content_type: str | None = None  # from the HTTP response
    file: Path | None = None  # a container file, streamed by its reader
    identity: str = ""  # what makes two inputs the same one: the resolved path, the URL

    def open(self) -> BinaryIO:
        """The input as a binary stream, decompressed."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return open_decompressed(self.file.open("rb"))

    @contextmanager
    def reading(self) -> Iterator[BinaryIO]:
        """``open`` for a reader that streams records: damage in the compressed data ends
        the stream, and is raised (InputError) once the records before it are read."""
        with self.open() as stream:
            try:
                yield stream
            except Exception as exc:  # a parser tripping over the cut-off end: the damage
                damage = damage_of(stream)  # is the reason to give
                if damage:
                    raise InputError(self.path, damage) from exc
                raise
            damage = damage_of(stream)
        if damage:
            raise InputError(self.path, damage)

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes, decompressed (damage further on is the reader's to
        report, after its records)."""
        if self.data is not None:
            return self.data[:size]
        with self.open() as stream:
            head = stream.read(size)
            damage = damage_of(stream)
        if damage and not head:
            raise InputError(self.path, damage)
        return head
