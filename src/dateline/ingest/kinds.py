"""Which reader an input needs: from its name, else its HTTP content type, else its bytes."""

from __future__ import annotations

import re

from .sources import Blob

# file name suffix (after .gz is removed) -> reader
SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
# HTTP content type (before any ";") -> reader
CONTENT_TYPE_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
    "application/warc": "warc",
}
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
HTML_ROOT = re.compile(rb"<(!doctype html|html|head|body)\b", re.IGNORECASE)
SNIFF_BYTES = 2048


def detect_kind(blob: Blob) -> str:
    suffix = "." + blob.name.rsplit(".", 1)[-1] if "." in blob.name else ""
    if suffix in SUFFIX_KINDS:
        return SUFFIX_KINDS[suffix]
    content_type = (blob.content_type or "").split(";", 1)[0].strip().lower()
    if content_type in CONTENT_TYPE_KINDS:
        return CONTENT_TYPE_KINDS[content_type]
    return sniff_kind(blob.data)


def sniff_kind(data: bytes) -> str:
    """Guess from the first bytes: WARC header, feed root, HTML root, JSON object, else text."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if FEED_ROOT.search(head):
        return "feed"
    if HTML_ROOT.search(head):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
