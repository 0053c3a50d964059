"""Which reader an input needs: from its name, else its HTTP content type, else its bytes."""

from __future__ import annotations

import re

from .blob import Blob

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
# What may come before an XML or HTML root: a BOM, white space, the XML declaration,
# processing instructions, comments (a feed may open with a long licence comment).
PROLOG = re.compile(rb"(?:\xef\xbb\xbf|\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
SNIFF_BYTES = 65536
ROOT_PROBE = 2048  # bytes after the prolog searched for the root element
CONTAINER_KINDS = ("warc", "jsonl", "csv")  # many documents a file: streamed, capped per record


def kind_from_name(name: str) -> str | None:
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return SUFFIX_KINDS.get(suffix)


def detect_kind(blob: Blob) -> str:
    by_name = kind_from_name(blob.name)
    if by_name:
        return by_name
    content_type = (blob.content_type or "").split(";", 1)[0].strip().lower()
    if content_type in CONTENT_TYPE_KINDS:
        return CONTENT_TYPE_KINDS[content_type]
    return sniff_kind(blob.head(SNIFF_BYTES))


def sniff_kind(data: bytes) -> str:
    """Guess from the first bytes: WARC header, feed root, HTML root, JSON object, else text."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    root = head[PROLOG.match(head).end() :][:ROOT_PROBE]
    if FEED_ROOT.search(root):
        return "feed"
    if HTML_ROOT.search(root):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
