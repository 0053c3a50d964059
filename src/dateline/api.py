"""The Python API: every entry point the command line and the web server use.

Each function takes one ``Settings`` (default: ``load_settings()``) and, where a stage
would reach the network or load a model, an object to use instead: a ``fetcher`` (any
object with ``Fetcher.fetch``'s shape) for URLs, an ``embedder`` or a whole
``classifier`` for the learned classifier stage (``Settings.classifier``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .clean import clean_document
from .dedup import Deduplicator
from .errors import PipelineError
from .ingest import Fetcher, read_inputs
from .model import DocStatus, Document, Failure, RawDocument
from .pipeline.results import BatchResult
from .pipeline.runner import (
    NO_MODELS,
    Models,
    clean_input,
    code_inputs,
    code_inputs_in_processes,
    pipeline_for,
    recode_documents,
    recode_documents_in_processes,
)
from .pipeline.stages import Coded
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .events.classifier import Embedder, EventTypeClassifier
    from .store import Store


def code_text(
    text: str,
    *,
    settings: Settings | None = None,
    title: str | None = None,
    published: str | None = None,
    path: str = "<text>",
    embedder: Embedder | None = None,
    classifier: EventTypeClassifier | None = None,
) -> Document:
    """Clean and code one text without touching a database; returns the coded Document."""
    raw = RawDocument(path=path, content=text, kind="text", title=title, published=published)
    settings = settings or load_settings()
    doc = clean_document(raw, settings)
    code_documents([doc], settings=settings, embedder=embedder, classifier=classifier)
    return doc


def code_documents(
    docs: Sequence[Document],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    classifier: EventTypeClassifier | None = None,
) -> Coded:
    """Code cleaned documents (from ``clean_paths``) without a database: the documents and
    the failures (``docs, failures = code_documents(...)``)."""
    models = Models(embedder, classifier)
    return pipeline_for(settings or load_settings(), models).code(docs)


def code_paths(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
    embedder: Embedder | None = None,
    classifier: EventTypeClassifier | None = None,
) -> Iterator[BatchResult]:
    """Read, clean, deduplicate, code and (with ``store``) save every input, batch by batch.

    Inputs already in ``store`` are not coded again: their stored events are returned.
    The inputs stream through: a window of batches is in memory at a time, coded here
    (``settings.workers`` 1), by a pool of processes, or on a Dask cluster
    (``settings.dask_scheduler``); this process alone writes to the store. An injected
    ``embedder`` or ``classifier`` lives in this process: it codes only here.
    """
    settings = settings or load_settings()
    models = _models_here(settings, embedder, classifier)
    if settings.dask_scheduler:
        if fetcher is not None:
            raise PipelineError("a cluster's workers fetch URLs themselves: give no fetcher")
        from .cluster import code_on_cluster  # needs the [scale] extra

        yield from code_on_cluster(paths, settings=settings, store=store)
        return
    inputs = read_inputs(paths, settings, fetcher=fetcher)
    if settings.workers > 1:
        yield from code_inputs_in_processes(inputs, settings, store=store)
    else:
        yield from code_inputs(inputs, pipeline_for(settings, models), store=store)


def recode_stored(
    store: Store,
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    classifier: EventTypeClassifier | None = None,
) -> Iterator[BatchResult]:
    """Re-code every stored original document with the current coder, batch by batch.

    Each batch's sentences, actors, mentions and events are replaced in one transaction;
    documents skipped for their language (or their lack of text) stay skipped. The coding
    is done here (``settings.workers`` 1) or by a pool of processes; a Dask cluster codes
    only new inputs.
    """
    settings = settings or load_settings()
    models = _models_here(settings, embedder, classifier)
    recodable = (doc for doc in store.stored_documents() if doc.status is not DocStatus.SKIPPED)
    if settings.workers > 1:
        yield from recode_documents_in_processes(recodable, settings, store)
    else:
        yield from recode_documents(recodable, pipeline_for(settings, models), store)


def _models_here(
    settings: Settings, embedder: Embedder | None, classifier: EventTypeClassifier | None
) -> Models:
    """The objects given in place of the shipped models: they live in this process, so a
    run given them codes here only."""
    models = Models(embedder, classifier)
    if models != NO_MODELS and (settings.workers > 1 or settings.dask_scheduler):
        raise PipelineError("an embedder or classifier given codes in this process: workers 1")
    return models


def clean_paths(
    paths: Sequence[str], *, settings: Settings | None = None, fetcher: Fetcher | None = None
) -> Iterator[Document | Failure]:
    """Read, clean and deduplicate inputs without coding them (``dateline clean``)."""
    settings = settings or load_settings()
    dedup = Deduplicator(settings)
    for item in read_inputs(paths, settings, fetcher=fetcher):
        cleaned = clean_input(item, settings)
        yield cleaned if isinstance(cleaned, Failure) else dedup.check(cleaned)
