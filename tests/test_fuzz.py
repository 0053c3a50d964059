"""Property test over the readers: random bytes, random truncations and random
compressions of real inputs never raise out of the runner, never exceed the memory cap,
and always end with each input either coded or named in a failure."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tracemalloc
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.api import clean_paths, code_paths
from dateline.ingest import read_inputs
from dateline.model import Failure
from dateline.settings import Settings
from dateline.store import open_db

STORY = (
    "NAIROBI, May 3, 2019 (AFP) – Kenya’s president met Ethiopia’s prime minister "
    "in Nairobi on Friday to discuss the border.\n\nPolice arrested two men in Mombasa."
)
MAX_BYTES = 20_000
# Python allocations while reading one fuzzed input: a few times the cap, plus the
# decompressors' own state (bzip2 ~3.5 MB for 900 KB blocks; xz at preset 1: 1 MB)
MEMORY_CAP = 40 * MAX_BYTES + 5_000_000


def _warc() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        body = f"<html><body><p>{STORY}</p><p>Story {number}.</p></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(
                f"http://news.example/{number}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


# name -> bytes: one real input of every kind
INPUTS = {
    "story.txt": STORY.encode(),
    "page.html": f"<html><head><title>Talks</title></head><body><p>{STORY}</p></body>".encode(),
    "export.jsonl": "".join(json.dumps({"text": STORY, "n": n}) + "\n" for n in range(2)).encode(),
    "export.csv": f'text,title\n"{STORY}",One\n"{STORY}",Two\n'.encode(),
    "wire.rss": (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<item><title>Talks</title><description>{STORY}</description></item>"
        "</channel></rss>"
    ).encode(),
    "crawl.warc": _warc(),
}
COMPRESSIONS = {
    "": lambda data: data,
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": partial(lzma.compress, preset=1),
}


@st.composite
def fuzzed_inputs(draw) -> tuple[str, bytes]:
    """A file name and its bytes: a real input, random bytes or a mix, maybe compressed,
    maybe cut anywhere (before or after compression)."""
    name = draw(st.sampled_from(sorted(INPUTS)))
    data = INPUTS[name]
    how = draw(st.sampled_from(["intact", "random", "spliced", "flipped"]))
    if how == "random":
        data = draw(st.binary(max_size=3000))
    elif how == "spliced":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=200)) + data[at:]
    elif how == "flipped":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    suffix = draw(st.sampled_from(sorted(COMPRESSIONS)))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    data = COMPRESSIONS[suffix](data)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return name + suffix, data


def _named_or_read(items, path: Path) -> bool:
    return any(item.path == str(path) or item.path.startswith(f"{path}#") for item in items)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fuzzed_inputs())
def test_fuzzed_inputs_are_read_or_named_in_bounded_memory(tmp_path, fuzzed):
    name, data = fuzzed
    path = tmp_path / name
    path.write_bytes(data)
    settings = Settings(max_bytes=MAX_BYTES)
    tracemalloc.start()
    try:
        read = list(read_inputs([str(path)], settings))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_CAP
    assert _named_or_read(read, path)
    cleaned = list(clean_paths([str(path)], settings=settings))
    assert _named_or_read(cleaned, path)
    assert all(isinstance(item, Failure) or item.text for item in cleaned)


@pytest.fixture(scope="module")
def store():
    with open_db(":memory:") as db:
        yield db


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(fuzzed_inputs(), min_size=1, max_size=3))
def test_a_fuzzed_batch_is_coded_or_named_and_stored(tmp_path_factory, store, batch):
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for number, (name, data) in enumerate(batch):
        path = folder / f"{number}-{name}"
        path.write_bytes(data)
        paths.append(path)
    results = list(code_paths([str(p) for p in paths], settings=Settings(), store=store))
    seen = [item for result in results for item in (*result.documents, *result.failures)]
    stored = store.rows("SELECT path FROM documents UNION ALL SELECT path FROM errors")
    for path in paths:  # each in its own folder: never a repeat of an earlier example
        assert _named_or_read(seen, path)
        assert _named_or_read([Failure(row["path"], "", "") for row in stored], path)
