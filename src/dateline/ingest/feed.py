"""RSS and Atom feed files: each item is an article (title, link, date, content or summary)."""

from __future__ import annotations

import feedparser

from ..model import RawDocument
from ..settings import Settings
from .blob import Blob
from .failures import Read, failure, record_path
from .records import HTML_TAG


def read(blob: Blob, settings: Settings) -> Read:
    parsed = feedparser.parse(blob.data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") or "no items"
        yield failure(blob.path, f"not a readable feed: {problem}")
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry)
        path = record_path(blob, number)
        if not body.strip():
            yield failure(path, "feed item has no content or summary")
            continue
        yield RawDocument(
            path=path,
            content=body,
            kind="html" if HTML_TAG.search(body) else "text",
            url=entry.get("link"),
            fetched_at=blob.fetched_at,
            file_time=blob.file_time,
            title=entry.get("title"),
            published=entry.get("published") or entry.get("updated"),
            source=outlet,
        )


def _entry_body(entry) -> str:
    """The fullest text the item carries: its content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", [])]
    return max(contents, key=len, default="") or entry.get("summary", "")
