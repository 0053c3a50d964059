"""One export record (a JSON Lines object or a CSV row) as a RawDocument.

Column names come from Settings (text_field, title_field, url_field, published_field,
source_field), so exports from any crawler or vendor can be read without renaming.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..model import RawDocument
from ..settings import Settings
from .blob import Blob
from .decode import replaced_bytes, replacement_warning
from .failures import record_path

# A real tag: the name, then attributes after white space, or the end ("<p>", "<a href=…>",
# "<br/>"); wire markup such as "<P.W. Stephens>" (a company name) is not HTML.
HTML_TAG = re.compile(r"</?(p|div|br|html|body|article|span|a)(\s[^>]*)?/?>", re.IGNORECASE)


def record_document(blob: Blob, number: int, record: dict[str, Any], settings: Settings):
    """The document of record ``number`` (1-based); InputError when it has no text."""
    path = record_path(blob, number)
    text = record.get(settings.text_field)
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"no text in its {settings.text_field!r} field")
    replaced = replaced_bytes(text)
    return RawDocument(
        path=path,
        content=text,
        kind="html" if HTML_TAG.search(text) else "text",
        url=_field(record, settings.url_field) or blob.url,
        fetched_at=blob.fetched_at,
        file_time=blob.file_time,
        title=_field(record, settings.title_field),
        published=_field(record, settings.published_field),
        source=_field(record, settings.source_field),
        warnings=[replacement_warning(replaced)] if replaced else [],
    )


def _field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    return str(value).strip()
