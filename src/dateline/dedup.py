"""Dedup: the same story read twice, or syndicated with other chrome, is coded once.

An exact copy has the same content hash; a near copy has a MinHash signature (word
shingles) whose Jaccard estimate with an original's reaches
``Settings.near_duplicate_threshold``. Originals are registered as they pass (and
seeded from the store), so a copy always points at the first document of its story.

Memory stays bounded over an archive: near copies are sought among the latest
``Settings.near_duplicate_window`` originals (syndicated copies of a story come out within
hours of each other), exact copies among ``EXACT_WINDOW`` times as many (a content hash
costs about a twentieth of a signature and its band keys). The window's signatures and LSH
band keys live in arrays of a fixed size, reused oldest slot first: a per-band dictionary of
sets would cost five times the memory and grow until the window is full.

A text shorter than ``Settings.near_duplicate_min_words`` words is a copy only of a text
with the same words (case, spacing and punctuation aside: all its shingles, a Jaccard
estimate of 1): in one sentence a different number or name ("Police arrested 5 ..." and
"Police arrested 7 ...") changes few shingles but makes another event.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

from .model import Document, StoredFingerprint
from .settings import Settings

log = logging.getLogger(__name__)

NUM_PERM = 128  # signature length: stored fingerprints are NUM_PERM uint64 values
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 3
# LSH bands are tuned below the threshold so that near copies just above it are not missed;
# every candidate is then checked against the threshold itself.
LSH_MARGIN = 0.2
MIN_LSH_THRESHOLD = 0.3
# Short texts match only on the same shingle set; by chance, a one-word change in a 50-word
# text (true Jaccard 0.88) gives an estimate of 1 with probability 0.88**128, about 1e-7.
SAME_WORDS = 1.0
WORD = re.compile(r"\w+")
EXACT_WINDOW = 20  # exact copies are sought among this many times the near-copy window
# A band's key: its hash values times fixed odd numbers, summed modulo 2**64. Equal bands
# always give equal keys, so no candidate is missed; a rare collision only adds a candidate,
# which is then scored on its hash values.
BAND_MIXERS = np.random.default_rng(20070429).integers(1, 2**63, NUM_PERM, dtype=np.uint64) | 1


def words_of(text: str) -> list[str]:
    """The lower-cased words that shingles are made of."""
    return WORD.findall(text.lower())


def fingerprint(text: str) -> MinHash:
    """The MinHash signature of ``text`` over lower-cased word shingles."""
    return _signature(words_of(text))


def _signature(words: list[str]) -> MinHash:
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(count)}
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    signature.update_batch(list(shingles))
    return signature


def to_bytes(signature: MinHash) -> bytes:
    return signature.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> MinHash | None:
    """The signature stored by ``to_bytes``; None when it was made with another length."""
    values = np.frombuffer(data, dtype="<u8")
    if len(values) != NUM_PERM:
        return None
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


def remembered(settings: Settings) -> int:
    """How many originals exact copies are sought among: the store's latest seed them."""
    return max(1, settings.near_duplicate_window) * EXACT_WINDOW


class Latest(OrderedDict):
    """A mapping that keeps its ``limit`` latest keys: one more forgets the oldest."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def first(self, key: str, value: str) -> str:
        """The value kept for ``key``: ``value`` when the key is new."""
        if key not in self:
            if len(self) >= self.limit:
                self.popitem(last=False)
            self[key] = value
        return self[key]


def rows_per_band(threshold: float) -> int:
    """The most rows per LSH band whose S-curve midpoint, (1/bands) ** (1/rows), stays at or
    below ``threshold`` (0.6: 25 bands of 5 rows, a pair at 0.6 a candidate in 87% of cases,
    at the default near-copy threshold of 0.8 in all but five in 100,000)."""
    fitting = [r for r in range(1, NUM_PERM + 1) if (1 / (NUM_PERM // r)) ** (1 / r) <= threshold]
    return max(fitting, default=1)


class SignatureWindow:
    """The latest ``size`` originals' signatures and band keys in preallocated arrays."""

    def __init__(self, size: int, lsh_threshold: float):
        self.rows = rows_per_band(lsh_threshold)
        self.bands = NUM_PERM // self.rows
        self.values = np.zeros((size, NUM_PERM), dtype=np.uint64)
        self.keys = np.zeros((size, self.bands), dtype=np.uint64)
        self.ids: list[str | None] = [None] * size
        self.slot_of: dict[str, int] = {}
        self.added = 0  # originals added so far: the next slot is ``added % size``

    def __len__(self) -> int:
        return len(self.slot_of)

    def band_keys(self, values: np.ndarray) -> np.ndarray:
        """One key a band: two signatures share a key where that band of theirs is equal."""
        banded = values[: self.bands * self.rows] * BAND_MIXERS[: self.bands * self.rows]
        return banded.reshape(self.bands, self.rows).sum(axis=1)

    def add(self, doc_id: str, values: np.ndarray) -> None:
        if doc_id in self.slot_of:
            return
        slot = self.added % len(self.ids)
        self.slot_of.pop(self.ids[slot], None)
        self.ids[slot], self.slot_of[doc_id] = doc_id, slot
        self.values[slot], self.keys[slot] = values, self.band_keys(values)
        self.added += 1

    def nearest(self, values: np.ndarray, threshold: float) -> str | None:
        """The most similar original at or above ``threshold`` (the oldest among equals),
        sought among those sharing a band key with ``values``."""
        filled = min(self.added, len(self.ids))
        shared = (self.keys[:filled] == self.band_keys(values)).any(axis=1)
        candidates = np.flatnonzero(shared)
        if not candidates.size:
            return None
        # MinHash.jaccard's estimate: the share of equal hash values
        scores = np.count_nonzero(self.values[candidates] == values, axis=1) / NUM_PERM
        ages = (candidates - self.added) % len(self.ids)  # smaller: added earlier
        best = np.lexsort((ages, -scores))[0]
        return self.ids[candidates[best]] if scores[best] >= threshold else None


class Deduplicator:
    """Links each document to the earlier original it copies, exactly or nearly."""

    def __init__(self, settings: Settings):
        self.threshold = settings.near_duplicate_threshold
        self.min_words = settings.near_duplicate_min_words
        self.window = max(1, settings.near_duplicate_window)
        self.by_hash = Latest(remembered(settings))  # content hash -> first original
        lsh_threshold = max(MIN_LSH_THRESHOLD, self.threshold - LSH_MARGIN)
        self.signatures = SignatureWindow(self.window, lsh_threshold)

    def seed(self, originals: Iterable[StoredFingerprint]) -> None:
        """Register stored originals, oldest first (a fingerprint of None: exact matching
        only)."""
        for original in originals:
            self.by_hash.first(original.content_hash, original.doc_id)
            data = original.fingerprint
            signature = from_bytes(data) if data else None
            if signature is None:
                log.debug("%s: no usable fingerprint, exact matching only", original.doc_id)
                continue
            self.signatures.add(original.doc_id, signature.hashvalues)

    def check(self, doc: Document) -> Document:
        """Set ``doc.fingerprint`` and ``doc.duplicate_of``; register ``doc`` when original."""
        words = words_of(doc.text)
        signature = _signature(words)
        doc.fingerprint = to_bytes(signature)
        threshold = self.threshold if len(words) >= self.min_words else SAME_WORDS
        doc.duplicate_of = self.by_hash.get(doc.content_hash) or self.signatures.nearest(
            signature.hashvalues, threshold
        )
        if doc.duplicate_of == doc.doc_id:
            doc.duplicate_of = None  # the same input read again is not its own copy
        if doc.duplicate_of:
            log.info("%s: duplicate of %s", doc.path, doc.duplicate_of)
            return doc
        self.by_hash.first(doc.content_hash, doc.doc_id)
        self.signatures.add(doc.doc_id, signature.hashvalues)
        return doc
