"""Ingest: every input kind, directories, stdin, URLs (local server) and bad input."""

from __future__ import annotations

import gzip
import io
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import read_inputs
from dateline.model import Failure, RawDocument
from dateline.settings import Settings

STORY = "LONDON (Reuters) - Britain said on Monday it would expel two diplomats.\n"
PAGE = b"<html><head><title>Expulsions</title></head><body><p>Britain expels.</p></body></html>"


def read(paths, settings=None, **kwargs):
    return list(read_inputs([str(p) for p in paths], settings or Settings(), **kwargs))


def docs(items):
    return [item for item in items if isinstance(item, RawDocument)]


def failures(items):
    return [item for item in items if isinstance(item, Failure)]


def test_text_file_and_directory_recursive_sorted_without_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    items = read([tmp_path])
    assert [d.path for d in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt")]
    assert items[0].kind == "text" and items[0].content == STORY
    assert items[0].file_time is not None


def test_html_bytes_go_to_clean(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    (item,) = read([page])
    assert item.kind == "html" and item.content == PAGE


def test_gzip_is_transparent(tmp_path):
    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(gzip.compress(STORY.encode()))
    (item,) = read([packed])
    assert item.content == STORY and item.kind == "text"


def test_jsonl_records_with_configured_columns_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"body": STORY, "headline": "Expulsions", "date": "2024-05-06", "outlet": "X"}),
        "{not json",
        json.dumps({"headline": "no body"}),
        json.dumps(["a", "list"]),
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(
        text_field="body", title_field="headline", published_field="date", source_field="outlet"
    )
    items = read([export], settings)
    (doc,) = docs(items)
    assert (doc.path, doc.title, doc.published, doc.source) == (
        f"{export}#1",
        "Expulsions",
        "2024-05-06",
        "X",
    )
    reasons = {f.path.rsplit("#", 1)[1]: f.reason for f in failures(items)}
    assert set(reasons) == {"2", "3", "4"}
    assert "not JSON" in reasons["2"] and "'body'" in reasons["3"] and "object" in reasons["4"]


def test_csv_rows_and_malformed_records(tmp_path):
    table = tmp_path / "export.csv"
    table.write_text(
        'text,title,url\n"PARIS, May 2 (AFP) - France, again, condemned it.",Condemned,http://x/1\n'
        "short row\n",
        encoding="utf-8",
    )
    items = read([table])
    (doc,) = docs(items)
    assert doc.path == f"{table}#1" and doc.title == "Condemned" and doc.url == "http://x/1"
    assert doc.content.startswith("PARIS, May 2 (AFP)")
    (bad,) = failures(items)
    assert bad.path == f"{table}#2" and "fields" in bad.reason


def test_csv_without_text_column_fails_once(tmp_path):
    table = tmp_path / "export.csv"
    table.write_text("body,title\nsomething,else\n", encoding="utf-8")
    (bad,) = read([table])
    assert isinstance(bad, Failure) and "'text' column" in bad.reason


def _warc(path, uri_bodies):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, content_type, body in uri_bodies:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.0")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_warc_html_responses_are_articles(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(
        archive,
        [
            ("http://news.example/a", "text/html; charset=utf-8", PAGE),
            ("http://news.example/logo.png", "image/png", b"\x89PNG..."),
        ],
    )
    (item,) = read([archive])
    assert item.path == f"{archive}#http://news.example/a"
    assert item.kind == "html" and item.url == "http://news.example/a"
    assert item.content == PAGE and item.fetched_at is not None


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks resume</title><link>http://wire.example/1</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>CAIRO (AP) - Talks resumed on Tuesday.</description></item>
<item><title>Empty</title><link>http://wire.example/2</link></item>
</channel></rss>"""


def test_feed_items_are_articles(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    items = read([feed])
    (doc,) = docs(items)
    assert (doc.title, doc.url, doc.source) == ("Talks resume", "http://wire.example/1", "Wire")
    assert doc.published.startswith("Tue, 05 Mar 2024") and doc.content.startswith("CAIRO (AP)")
    (empty,) = failures(items)
    assert empty.path == f"{feed}#2"


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    (item,) = read(["-"])
    assert item.path == "-" and item.content == STORY


def test_non_utf8_is_detected_and_decoded(tmp_path):
    text = "MÜNCHEN (dpa) - Die Regierung kündigte am Montag Gespräche über Zölle an. " * 4
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252"))
    (item,) = read([legacy])
    assert "MÜNCHEN" in item.content and "kündigte" in item.content


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(64)), "binary"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
        ("big.txt", b"x" * 200, "limit"),
    ],
)
def test_bad_files_fail_with_a_reason_and_the_batch_goes_on(tmp_path, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    items = read([bad, good], Settings(max_bytes=100))
    (failure,) = failures(items)
    assert failure.path == str(bad) and failure.stage == "ingest" and reason in failure.reason
    assert [d.path for d in docs(items)] == [str(good)]


def test_missing_path(tmp_path):
    (failure,) = read([tmp_path / "nowhere.txt"])
    assert failure.reason == "no such file or directory"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        agent = self.headers.get("User-Agent", "")
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/story":
            body = PAGE + agent.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"y" * 5000)
        elif self.path == "/drip":  # a byte every 0.1 s: each read is quick, the whole is not
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/drip-headers":  # the status line and headers a byte at a time
            for byte in b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nstory":
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif self.path == "/redirect-chain":  # each hop quick, the chain slow
            time.sleep(0.3)
            self.send_response(302)
            self.send_header("Location", "/redirect-chain")
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/story.txt")
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        """Quiet: the test output is not the place for access logs."""


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True  # a client that gave up on /drip leaves its thread behind
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_follows_redirects_with_user_agent(server):
    settings = Settings(user_agent="dateline-test/1")
    (item,) = read([f"{server}/moved"], settings)
    assert item.path == f"{server}/moved" and item.url == f"{server}/story"
    assert item.kind == "html" and item.content.endswith(b"dateline-test/1")
    assert item.fetched_at is not None


def test_url_errors_and_size_cap(server):
    items = read([f"{server}/missing", f"{server}/huge"], Settings(max_bytes=1000, fetch_timeout=5))
    reasons = [f.reason for f in failures(items)]
    assert "HTTP 404" in reasons[0] and "limit" in reasons[1]


def test_a_url_has_an_overall_deadline(server):
    started = time.monotonic()
    (failure,) = read([f"{server}/drip"], Settings(fetch_timeout=0.5))
    assert time.monotonic() - started < 2  # the body would take 4 s
    assert "gave up after 0.5 s" in failure.reason


@pytest.mark.parametrize("path", ["/drip-headers", "/redirect-chain"])
def test_the_deadline_covers_headers_and_redirects(server, path):
    started = time.monotonic()
    (failure,) = read([f"{server}{path}"], Settings(fetch_timeout=0.8))
    assert time.monotonic() - started < 2.5  # the headers alone would take 5 s
    assert "gave up after 0.8 s" in failure.reason


def test_redirects_go_to_http_and_https_only(server):
    (failure,) = read([f"{server}/to-ftp"], Settings(fetch_timeout=2))
    assert failure.path == f"{server}/to-ftp"
    assert "redirected to a ftp: address" in failure.reason


def test_containers_are_streamed_and_capped_per_record(tmp_path):
    small = json.dumps({"text": STORY})
    large = json.dumps({"text": "z " * 400})
    export = tmp_path / "export.jsonl.gz"
    export.write_bytes(gzip.compress("\n".join([small, large, small]).encode()))
    items = read([export], Settings(max_bytes=300))  # the file is larger than the cap
    assert [d.path for d in docs(items)] == [f"{export}#1", f"{export}#3"]
    (over,) = failures(items)
    assert over.path == f"{export}#2" and "limit" in over.reason


def test_warc_record_over_the_cap_fails_alone(tmp_path):
    archive = tmp_path / "crawl.warc"
    _warc(
        archive,
        [
            ("http://news.example/big", "text/html", b"<p>" + b"w " * 400 + b"</p>"),
            ("http://news.example/a", "text/html", PAGE),
        ],
    )
    items = read([archive], Settings(max_bytes=300))
    assert [d.url for d in docs(items)] == ["http://news.example/a"]
    assert failures(items)[0].path == f"{archive}#http://news.example/big"


def test_truncated_gzip_export_keeps_the_records_before_the_damage(tmp_path):
    lines = "\n".join(json.dumps({"text": f"{STORY} Story {n}."}) for n in range(200))
    packed = gzip.compress(lines.encode())
    export = tmp_path / "export.jsonl.gz"
    export.write_bytes(packed[: len(packed) // 2])
    items = read([export])
    assert len(docs(items)) > 0
    assert "gzip" in failures(items)[-1].reason


def test_legacy_encoded_csv(tmp_path):
    table = tmp_path / "export.csv"
    rows = "".join(
        f'"ZÜRICH (Reuters) - Die Börse fiel am {day}. März, Händler äußerten Sorge.",Börse\n'
        for day in range(1, 30)
    )
    table.write_bytes(f"text,title\n{rows}".encode("cp1252"))
    doc = read([table])[0]
    assert doc.title == "Börse" and doc.content.startswith("ZÜRICH")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.rss", b"<rss><channel><item><title>cut off", "feed"),
        ("broken.warc", b"WARC/1.0\r\nWARC-Type: garbage\r\n\r\nnot a record", "WARC"),
    ],
)
def test_malformed_feed_and_archive(tmp_path, name, data, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    (failure,) = read([bad])
    assert isinstance(failure, Failure) and reason in failure.reason


def test_kind_is_sniffed_when_the_name_says_nothing(tmp_path):
    page = tmp_path / "saved-page"
    page.write_bytes(b"<!DOCTYPE html>" + PAGE)
    feed = tmp_path / "wire-feed"
    feed.write_text(FEED, encoding="utf-8")
    found = [(item.path, item.kind) for item in docs(read([page, feed]))]
    assert found == [(str(page), "html"), (f"{feed}#1", "text")]  # the feed read item by item


def test_wire_markup_in_a_record_is_text_not_html(tmp_path):
    path = tmp_path / "wire.jsonl"
    rows = [
        {"text": "<P.W. Stephens> <Asbestec Industries Inc> said it signed a letter of intent."},
        {"text": "<p>Police arrested two men.</p><br/>"},
        {"text": '<a href="x">Police</a> arrested two men.'},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    kinds = [doc.kind for doc in read_inputs([str(path)], Settings())]
    assert kinds == ["text", "html", "html"]
