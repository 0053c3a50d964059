"""Extraction: what a RawDocument gives before the text rules run.

HTML goes through trafilatura (its baseline when it finds no article); plain text is
decoded as it is. Record metadata (title, date, outlet) wins over the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from ..errors import InputError
from ..model import RawDocument


@dataclass(frozen=True)
class Page:
    """What extraction gave before the text rules run."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # page or record metadata date, as written
    source: str | None = None  # outlet: record metadata, else the page's site name
    wrapped: bool = True  # plain text may be hard-wrapped; extracted HTML is not


def extract_page(raw: RawDocument) -> Page:
    """The page of ``raw``: HTML through trafilatura, text decoded; InputError when empty."""
    return _html_page(raw) if raw.kind == "html" else _text_page(raw)


def _text_page(raw: RawDocument) -> Page:
    text = raw.content if isinstance(raw.content, str) else raw.content.decode("utf-8", "replace")
    return Page(text, title=raw.title, date=raw.published, source=raw.source)


def _html_page(raw: RawDocument) -> Page:
    """Main text and metadata through trafilatura; its baseline when it finds no article."""
    result = trafilatura.bare_extraction(
        raw.content, url=raw.url, with_metadata=True, include_comments=False
    )
    if result is not None and result.text:
        return Page(
            result.text,
            title=raw.title or result.title,
            author=result.author,
            date=raw.published or result.date,
            source=raw.source or result.sitename,
            wrapped=False,
        )
    _, text, _ = trafilatura.baseline(raw.content)
    if not text.strip():
        raise InputError(raw.path, "no main text found in the HTML")
    return Page(text, title=raw.title, date=raw.published, source=raw.source, wrapped=False)
