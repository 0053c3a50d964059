"""Dateline: news articles in, coded political events out.

    >>> import dateline
    >>> doc = dateline.code_text("PARIS, May 2, 2024 (AFP) - France condemned the attack.")
    >>> [(e.cameo.code, e.source.country) for e in doc.events]  # doctest: +SKIP

Names are imported on first use, so ``import dateline`` stays cheap and does not load spaCy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "code_text": "api",
    "code_paths": "api",
    "clean_paths": "api",
    "code_documents": "api",
    "recode_stored": "api",
    "Pipeline": "pipeline.stages",
    "Registry": "pipeline.components",
    "BatchResult": "pipeline.results",
    "RunSummary": "pipeline.results",
    "open_db": "store",
    "Store": "store",
    "Settings": "settings",
    "load_settings": "settings",
    "event_record": "record",
    "DatelineError": "errors",
    "InputError": "errors",
    "PipelineError": "errors",
    "StoreError": "errors",
    "UsageError": "errors",
    "Actor": "model",
    "Document": "model",
    "DocStatus": "model",
    "Event": "model",
    "Mention": "model",
    "Place": "model",
    "Sentence": "model",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
