"""Hostile and damaged inputs: compression bombs, over-long records, damaged bytes and
archives, encodings; each probe names the failure, keeps memory bounded and loses
nothing that was intact."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import tracemalloc
from functools import partial

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.clean import clean_document
from dateline.errors import MAX_REASON_CHARS
from dateline.ingest import read_inputs
from dateline.ingest.kinds import sniff_kind
from dateline.model import Failure, RawDocument
from dateline.settings import Settings

STORY = "NAIROBI, May 3, 2019 (AFP) – Kenya’s president met Ethiopia’s prime minister on Friday."
CAP = 100_000
BOMB_CHARS = 20_000_000  # one line, 200 times the cap


def read(paths, settings=None):
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def docs(items):
    return [item for item in items if isinstance(item, RawDocument)]


def failures(items):
    return [item for item in items if isinstance(item, Failure)]


def peak_bytes(function):
    """The peak Python memory ``function()`` allocates, and its result."""
    tracemalloc.start()
    try:
        result = function()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def _bomb(path, opener, before: bytes, after: bytes):
    """A small compressed file holding ``before``, one BOMB_CHARS-long line, ``after``."""
    with opener(path, "wb") as out:
        out.write(before)
        for _ in range(BOMB_CHARS // 1_000_000):
            out.write(b"a" * 1_000_000)
        out.write(after)


@pytest.mark.parametrize(
    ("name", "opener"),
    [
        ("bomb.jsonl.gz", gzip.open),
        ("bomb.jsonl.bz2", bz2.open),
        ("bomb.jsonl.xz", partial(lzma.open, preset=1)),  # xz's own window: 1 MB at preset 1
    ],
)
def test_a_compressed_jsonl_bomb_is_one_named_failure_in_bounded_memory(tmp_path, name, opener):
    bomb = tmp_path / name
    good = json.dumps({"text": STORY}).encode()
    _bomb(bomb, opener, good + b'\n{"text": "', b'"}\n' + good + b"\n")
    assert bomb.stat().st_size < CAP  # the file itself is small
    peak, items = peak_bytes(lambda: read([bomb], Settings(max_bytes=CAP)))
    assert peak < 20 * CAP  # the bomb line is 200 times the cap
    assert [d.path for d in docs(items)] == [f"{bomb}#1", f"{bomb}#3"]
    (over,) = failures(items)
    assert over.path == f"{bomb}#2" and "over the 100000 character limit" in over.reason


def test_a_compressed_csv_bomb_is_one_named_failure_in_bounded_memory(tmp_path):
    bomb = tmp_path / "bomb.csv.gz"
    _bomb(
        bomb,
        gzip.open,
        f'text,title\n"{STORY}",first\n"'.encode(),
        f'",x\n"{STORY}",last\n'.encode(),
    )
    peak, items = peak_bytes(lambda: read([bomb], Settings(max_bytes=CAP)))
    assert peak < 20 * CAP
    assert [d.title for d in docs(items)] == ["first", "last"]
    (over,) = failures(items)
    assert over.path == f"{bomb}#2" and "limit" in over.reason
    assert len(over.reason) <= MAX_REASON_CHARS


def test_a_huge_csv_header_gives_a_short_reason(tmp_path):
    table = tmp_path / "wide.csv"
    columns = ",".join(f"column{n}" for n in range(300_000))  # 3.5 MB, no text column
    table.write_text(f"{columns}\nx\n")
    (failure,) = read([table], Settings(max_bytes=10_000_000))
    assert "no 'text' column" in failure.reason
    assert len(failure.reason) < MAX_REASON_CHARS + 40
    (over,) = read([table], Settings(max_bytes=CAP))
    assert "header" in over.reason and len(over.reason) < MAX_REASON_CHARS + 40


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        ("story.txt.gz", gzip.compress),
        ("story.txt.bz2", bz2.compress),
        ("story.txt.xz", lzma.compress),
    ],
)
def test_whole_inputs_are_capped_after_decompression(tmp_path, name, compress):
    small = tmp_path / name
    small.write_bytes(compress(STORY.encode()))
    (doc,) = read([small])
    assert doc.content == STORY
    big = tmp_path / f"big-{name}"
    big.write_bytes(compress(b"word " * 100_000))
    (failure,) = read([big], Settings(max_bytes=CAP))
    assert "over the 100000 byte limit" in failure.reason


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning(tmp_path):
    page = tmp_path / "story.txt"
    page.write_bytes(STORY.encode() + b" Talks \xff\xfe went on." + b" " + STORY.encode())
    (doc,) = read([page])
    assert "(AFP) – Kenya’s" in doc.content  # the text stays UTF-8: no mojibake
    assert doc.warnings == ["2 bytes that are not valid in the text encoding were replaced"]
    cleaned = clean_document(doc, Settings())
    assert cleaned.published.isoformat() == "2019-05-03"  # the dateline is still found
    assert cleaned.warnings == doc.warnings


def test_a_legacy_code_page_is_used_only_when_the_bytes_say_so(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("ZÜRICH - Die Börse fiel, Händler äußerten Sorge. ".encode("cp1252") * 5)
    (doc,) = read([legacy])
    assert "ZÜRICH" in doc.content and "Börse" in doc.content and not doc.warnings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, codec):
    marks = {"utf-16-be": codecs.BOM_UTF16_BE}
    page = tmp_path / "story.txt"
    page.write_bytes(marks.get(codec, b"") + STORY.encode(codec))
    (doc,) = read([page])
    assert doc.content.lstrip("\ufeff") == STORY and not doc.warnings


def test_a_utf16_export_is_streamed(tmp_path):
    export = tmp_path / "export.csv"
    export.write_bytes(f'text,title\n"{STORY}",Talks\n'.encode("utf-16"))
    (doc,) = read([export])
    assert doc.content == STORY and doc.title == "Talks"


def _archive(records: int, *, compressed: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    for number in range(records):
        body = f"<html><body><p>{STORY} Story {number}.</p>{'<p>More.</p>' * 50}</body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            f"http://news.example/{number}",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize("records", [2, 29])
def test_a_compressed_warc_cut_mid_record_keeps_every_intact_record(tmp_path, records):
    data = _archive(records, compressed=True)
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(data[: len(data) - 300])  # inside the last record
    items = read([archive])
    assert [d.url for d in docs(items)] == [f"http://news.example/{n}" for n in range(records - 1)]
    assert failures(items) and "gzip" in failures(items)[-1].reason


def test_a_plain_warc_cut_mid_record_names_the_partial_record(tmp_path):
    data = _archive(3, compressed=False)
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(data[: len(data) - 300])
    items = read([archive])
    assert len(docs(items)) == 2
    (cut,) = failures(items)
    assert cut.path == f"{archive}#http://news.example/2" and "cut short" in cut.reason


def test_a_feed_after_a_long_comment_is_a_feed():
    comment = b"<!-- " + b"licence text " * 500 + b"-->"
    feed = b'<?xml version="1.0"?>\n' + comment + b"\n<rss version='2.0'><channel></channel></rss>"
    assert sniff_kind(feed) == "feed"
    assert sniff_kind(b"<!-- a note --><!DOCTYPE html><html></html>") == "html"


def test_a_file_given_by_relative_and_absolute_path_is_one_document(tmp_path, monkeypatch):
    (tmp_path / "story.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    relative, absolute = read(["story.txt", tmp_path / "story.txt"])
    assert relative.path != absolute.path and relative.identity == absolute.identity
    settings = Settings()
    assert clean_document(relative, settings).doc_id == clean_document(absolute, settings).doc_id
