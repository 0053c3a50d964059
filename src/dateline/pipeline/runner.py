"""Batches, stores and reports: the one place that drives the stages over many inputs.

The stages themselves know nothing of batches, databases or progress; the runner
chains them, turns a stage's exception into a ``Failure`` for that input only,
and writes each batch to the store in one transaction.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ..clean import clean_document
from ..dedup import Deduplicator, remembered
from ..errors import DatelineError, WorkerError
from ..model import CLEAN_STAGE, Document, Failure, RawDocument
from ..parallel import worker_context
from ..record import document_records
from ..resources import file_stamp
from ..settings import Settings
from .components import Registry, classifier_component
from .results import BatchResult
from .stages import Coded, Pipeline

if TYPE_CHECKING:
    from ..events.classifier import Embedder, EventTypeClassifier
    from ..store import Store

log = logging.getLogger(__name__)

PIPELINES_KEPT = 4  # pipelines (each with its vocabularies and stages) a process keeps

Inputs = Iterable[RawDocument | Failure]  # what ``ingest.read_inputs`` yields


@dataclass(frozen=True)
class Models:
    """Objects a caller hands the stages in place of the shipped ones (a fake in tests, a
    remote model); None builds the shipped one."""

    embedder: Embedder | None = None  # the classifier's sentence embedder
    classifier: EventTypeClassifier | None = None  # the whole classifier (wins over embedder)

    def registry(self) -> Registry:
        if self.classifier is None and self.embedder is None:
            return Registry()
        from ..events.classifier import EventTypeClassifier

        classifier = self.classifier or EventTypeClassifier(embedder=self.embedder)
        return Registry().replacing(classifier_component(classifier))

    def cache_key(self) -> tuple[int, int]:
        # by identity: a cached pipeline holds the objects, so their ids stay theirs
        return id(self.embedder), id(self.classifier)


NO_MODELS = Models()

_pipelines: OrderedDict[tuple, Pipeline] = OrderedDict()


def pipeline_for(settings: Settings, models: Models = NO_MODELS) -> Pipeline:
    """One pipeline per settings, user files as they are now and models: loading spaCy and
    the vocabularies is the slow part. An edited user file (``--actors``) builds a new
    one; the ``PIPELINES_KEPT`` last used are kept, with what they loaded."""
    stamps = tuple(file_stamp(path, missing_ok=True) for path in settings.user_files())
    key = (settings, stamps, models.cache_key())
    if key in _pipelines:
        _pipelines.move_to_end(key)
        return _pipelines[key]
    pipeline = Pipeline(settings, registry=models.registry())
    _pipelines[key] = pipeline
    while len(_pipelines) > PIPELINES_KEPT:
        _pipelines.popitem(last=False)
    return pipeline


def clean_input(item: RawDocument | Failure, settings: Settings) -> Document | Failure:
    """``item`` cleaned, or the Failure that it is or that cleaning it gave."""
    if isinstance(item, Failure):
        return item
    try:
        return clean_document(item, settings)
    except DatelineError as exc:
        return Failure(item.path, CLEAN_STAGE, getattr(exc, "reason", str(exc)))
    except Exception as exc:  # one input's problem must not stop the batch
        log.debug("%s: cleaning failed", item.path, exc_info=exc)
        return Failure(item.path, CLEAN_STAGE, f"{type(exc).__name__}: {exc}")


def code_inputs(
    inputs: Inputs, pipeline: Pipeline, *, store: Store | None = None
) -> Iterator[BatchResult]:
    """Clean, deduplicate, code in this process and (with ``store``) save ``inputs``,
    batch by batch: a local run's loop, and a cluster worker's (without a store)."""
    return _batches(inputs, pipeline.settings, store, _here(pipeline))


def code_inputs_in_processes(
    inputs: Inputs, settings: Settings, *, store: Store | None = None
) -> Iterator[BatchResult]:
    """``code_inputs`` with the coding done by ``settings.workers`` processes; this
    process alone reads, cleans and writes to the store."""
    return _batches(inputs, settings, store, partial(_in_processes, settings=settings))


def recode_documents(
    docs: Iterable[Document], pipeline: Pipeline, store: Store
) -> Iterator[BatchResult]:
    """``docs`` (read from ``store``) coded again, each batch's sentences, actors, mentions
    and events replaced in one transaction."""
    return _recoded(docs, pipeline.settings, store, _here(pipeline))


def recode_documents_in_processes(
    docs: Iterable[Document], settings: Settings, store: Store
) -> Iterator[BatchResult]:
    """``recode_documents`` with the coding done by ``settings.workers`` processes; this
    process alone reads and writes the store."""
    return _recoded(docs, settings, store, partial(_in_processes, settings=settings))


@dataclass
class _Pending:
    """A batch read, cleaned and checked against the store, waiting for its coding."""

    batch: BatchResult
    new_docs: list[Document]
    known_ids: list[str]


Coder = Callable[[Iterator[_Pending]], Iterator[tuple[_Pending, Coded]]]


def _here(pipeline: Pipeline) -> Coder:
    def code(pending: Iterator[_Pending]) -> Iterator[tuple[_Pending, Coded]]:
        for item in pending:
            yield item, pipeline.code(item.new_docs)

    return code


def _recoded(docs: Iterable[Document], settings: Settings, store, code: Coder):
    pending = (_Pending(BatchResult(), _retried(chunk), []) for chunk in chunks(docs, settings))
    for _, coded in code(pending):
        store.replace_events(coded.documents)
        store.save_batch([], coded.failures)
        yield BatchResult(
            documents=coded.documents,
            records=[record for doc in coded.documents for record in document_records(doc)],
            failures=coded.failures,
        )


def _retried(docs: list[Document]) -> list[Document]:
    """``docs`` to be coded again: a failed one's reason goes, its coding is tried anew."""
    for doc in docs:
        doc.skipped = None
    return docs


def _batches(inputs: Inputs, settings: Settings, store, code: Coder) -> Iterator[BatchResult]:
    dedup = Deduplicator(settings)
    if store is not None:
        dedup.seed(store.fingerprints(remembered(settings), signed=dedup.window))
    seen: set[str] = set()
    batches = chunks((clean_input(item, settings) for item in inputs), settings)
    pending = (_prepare_batch(chunk, dedup, store, seen) for chunk in batches)
    for item, coded in code(pending):
        yield _finish_batch(item, coded, store, seen)


def _prepare_batch(cleaned: list[Document | Failure], dedup, store, seen: set[str]) -> _Pending:
    pending = _Pending(BatchResult(), [], [])
    ids = [doc.doc_id for doc in cleaned if not isinstance(doc, Failure)]
    stored = store.coded_among(ids) if store is not None else set()
    for doc in cleaned:
        if isinstance(doc, Failure):
            pending.batch.failures.append(doc)
        elif doc.doc_id in seen:
            pending.batch.repeated += 1
        elif doc.doc_id in stored:
            pending.known_ids.append(doc.doc_id)
        else:
            pending.new_docs.append(dedup.check(doc))
        if not isinstance(doc, Failure):
            seen.add(doc.doc_id)
    return pending


def _finish_batch(pending: _Pending, coded: Coded, store, seen: set[str]) -> BatchResult:
    """The coded batch, written to the store (by this process only) in one transaction."""
    batch = pending.batch
    batch.failures.extend(coded.failures)
    batch.documents = coded.documents
    batch.already_stored = len(pending.known_ids)
    for doc in coded.documents:
        batch.records.extend(document_records(doc))
    if store is not None:
        # a copy's events are its original's: print them once, unless given in this run
        originals = [
            d.duplicate_of for d in coded.documents if d.duplicate_of and d.duplicate_of not in seen
        ]
        seen.update(originals)
        batch.records.extend(store.event_records([*pending.known_ids, *dict.fromkeys(originals)]))
        store.save_batch(coded.documents, batch.failures)
    return batch


def _code_in_worker(docs: list[Document], settings: Settings) -> Coded:
    """A worker process's unit of work: one batch coded by its own pipeline."""
    return pipeline_for(settings).code(docs)


def _in_processes(
    pending: Iterator[_Pending], settings: Settings
) -> Iterator[tuple[_Pending, Coded]]:
    """Batches coded by ``settings.workers`` processes, yielded in input order; at most
    two batches per worker are in flight, so memory stays bounded."""
    context = worker_context(_code_in_worker)
    in_flight: deque[tuple[_Pending, Future]] = deque()
    try:
        with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
            for item in pending:
                in_flight.append((item, pool.submit(_code_in_worker, item.new_docs, settings)))
                if len(in_flight) >= 2 * settings.workers:
                    item, future = in_flight.popleft()
                    yield item, future.result()
            for item, future in in_flight:
                yield item, future.result()
    except BrokenProcessPool as exc:
        raise WorkerError(
            "a coding process died: the batches it held were not stored; "
            "run the same command again to code them (stored documents are skipped)"
        ) from exc


def chunks(docs: Iterable[Document | Failure], settings: Settings) -> Iterator[list]:
    """``docs`` in lists of ``settings.batch_size``, read lazily; a list also ends once its
    cleaned texts hold ``settings.batch_chars`` characters (a text that long is a list
    alone): the parse of a batch of long stories would raise the run's peak memory."""
    chunk: list = []
    chars = 0
    for item in docs:
        length = len(item.text) if isinstance(item, Document) else 0
        if chunk and chars + length > settings.batch_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += length
        if len(chunk) >= settings.batch_size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
