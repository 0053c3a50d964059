"""The readers' contract: failures are values, never exceptions, with one reason format;
reading a CSV leaves the process's csv settings as they were."""

from __future__ import annotations

import csv
import re

import pytest

from dateline.errors import InputError
from dateline.ingest import READERS, csvfile, read_inputs
from dateline.ingest.blob import Blob
from dateline.model import INGEST_STAGE, Failure, RawDocument
from dateline.settings import Settings

BAD_INPUTS = {
    "csv": b"title,body\nA,B\n",  # no text column
    "jsonl": b"\n\n",  # no records
    "warc": b"WARC/1.0\r\nWARC-Type: garbage\r\n\r\nnot a record",
    "feed": b"<rss><channel></channel></rss>",
    "html": b"\x00\x01\x02\x03" * 100,
    "text": b"\x00\x01\x02\x03" * 100,
}


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_reader_gives_an_unreadable_input_as_a_failure_value(tmp_path, kind):
    data = BAD_INPUTS[kind]
    suffix = {"feed": "rss"}.get(kind, kind.replace("text", "txt"))
    path = tmp_path / f"bad.{suffix}"
    path.write_bytes(data)
    container = kind in ("csv", "jsonl", "warc")
    blob = Blob(str(path), None if container else data, path.name, file=path)
    items = list(READERS[kind](blob, Settings()))  # raises nothing
    assert [type(item) for item in items] == [Failure]
    assert items[0].path == str(path) and items[0].stage == INGEST_STAGE


def test_record_reasons_name_the_record_by_path_only(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text('{"text": "fine story"}\nnot json\n[1]\n{"title": "no text"}\n')
    table = tmp_path / "table.csv"
    table.write_text('text,title\n"a story",T\n"short row"\n')
    items = list(read_inputs([str(export), str(table)], Settings()))
    failed = [item for item in items if isinstance(item, Failure)]
    assert [f.path.rsplit("/", 1)[1] for f in failed] == [
        "export.jsonl#2",
        "export.jsonl#3",
        "export.jsonl#4",
        "table.csv#2",
    ]
    assert not [f.reason for f in failed if re.search(r"\b(line|record) \d", f.reason)]
    assert sum(isinstance(item, RawDocument) for item in items) == 2


def test_reading_a_csv_with_long_fields_leaves_the_field_size_limit_alone(tmp_path):
    default = csv.field_size_limit()
    body = "word " * 40_000  # 200 000 characters: over csv's default 131 072
    assert default < len(body)  # importing the reader did not lift it for the process
    table = tmp_path / "long.csv"
    table.write_text(f'text\n"{body}"\n')
    blob = Blob(str(table), None, table.name, file=table)
    limits = []
    for item in csvfile.read(blob, Settings()):
        limits.append(csv.field_size_limit())
        assert isinstance(item, RawDocument) and len(item.content) == len(body)
    assert limits == [default] and csv.field_size_limit() == default


def test_an_input_error_inside_a_reader_ends_the_input_after_its_documents(tmp_path):
    from dateline.ingest.failures import reader

    @reader
    def one_then_broken(blob, settings):
        yield RawDocument(f"{blob.path}#1", "one", "text")
        raise InputError(blob.path, "cut short")

    blob = Blob("in.txt", b"x", "in.txt")
    first, last = one_then_broken(blob, Settings())
    assert isinstance(first, RawDocument)
    assert (last.path, last.stage, last.reason) == ("in.txt", INGEST_STAGE, "cut short")
