"""Batches, stores and reports: the one place that drives the stages over many inputs.

The stages themselves know nothing of batches, databases or progress; the runner
chains them, turns a stage's exception into a ``Failure`` for that input only,
and writes each batch to the store in one transaction.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .actors import COREF_WINDOW, ActorCoder
from .casualties import CasualtyCounter
from .clean import clean_document
from .dedup import Deduplicator
from .errors import DatelineError, WorkerError
from .events import EventCoder
from .events.triggers import triggers
from .ingest import read_inputs
from .model import CODING_FAILED, Document, Failure, RawDocument
from .nlp import Parser, SentenceChooser, common_words, lemma_guesser, load_model
from .parallel import worker_context
from .record import document_records
from .sentence_filter import ActorCues, SentenceFilter
from .settings import Settings, load_settings
from .store import Store
from .when import EventDater
from .where import EventPlacer

log = logging.getLogger(__name__)

Coded = tuple[list[Document], list[Failure]]  # what Pipeline.code returns


class Pipeline:
    """The coding stages in order: parse, actors, events (+ classifier), casualties, when,
    where."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or load_settings()
        actors, events = ActorCoder(self.settings), EventCoder(self.settings)
        self.parser = Parser(
            self.settings.model, self.settings.batch_size, self._sentence_filter(actors, events)
        )
        self.stages = [actors, events]
        if self.settings.classifier:
            from .events.classifier import ClassifierCoder  # needs the [embed] extra

            self.stages.append(ClassifierCoder(self.settings))
        self.stages += [
            CasualtyCounter(self.settings),
            EventDater(self.settings),
            EventPlacer(self.settings),
        ]

    def _sentence_filter(self, actors: ActorCoder, events: EventCoder) -> SentenceChooser | None:
        """The pre-parse filter's ``keep``, unless turned off or the classifier is on (it
        reads the sentences no pattern could code)."""
        if not self.settings.sentence_filter or self.settings.classifier:
            return None
        cues = ActorCues(actors.cue_words(), actors.referring_words(), COREF_WINDOW)
        nlp = load_model(self.settings.model)
        chooser = SentenceFilter(
            triggers(events.patterns), cues, lemma_guesser(nlp), common_words(nlp)
        )
        return chooser.keep

    def code(self, docs: Sequence[Document]) -> tuple[list[Document], list[Failure]]:
        """Code the documents that are neither skipped nor duplicates, in one ``nlp.pipe``.

        A document that a stage cannot code becomes a Failure with no events; the
        others are coded as usual.
        """
        todo = [doc for doc in docs if not doc.skipped and not doc.duplicate_of]
        failures = self._parse(todo)
        for doc in todo:
            if doc.parsed is None:
                continue
            stage_name = "nlp"
            try:
                for stage in self.stages:
                    stage_name = _stage_name(stage)
                    stage(doc)
            except Exception as exc:  # one document's problem must not stop the batch
                failures.append(_coding_failed(doc, stage_name, exc))
            finally:
                doc.parsed = None  # the spaCy Doc is per batch, never kept
        return list(docs), failures

    def _parse(self, docs: list[Document]) -> list[Failure]:
        """Parse in one batch; when the batch fails, one by one to find the culprit."""
        try:
            self.parser.parse(docs)
            return []
        except Exception:
            log.warning("parsing a batch of %d failed; parsing one by one", len(docs))
        failures = []
        for doc in docs:
            try:
                self.parser.parse([doc])
            except Exception as exc:
                failures.append(_coding_failed(doc, "nlp", exc))
        return failures


def _stage_name(stage: object) -> str:
    return type(stage).__module__.rsplit(".", 1)[-1]


def _coding_failed(doc: Document, stage: str, exc: Exception) -> Failure:
    # the reason reaches the user as one error line; the traceback only with -vv
    log.debug("%s: %s stage failed", doc.path, stage, exc_info=exc)
    doc.actors, doc.mentions, doc.events = [], [], []
    doc.skipped = f"{CODING_FAILED} in {stage}: {exc}"
    return Failure(doc.path, stage, f"{type(exc).__name__}: {exc}")


@dataclass
class BatchResult:
    """What one batch of inputs gave: its documents, their event records, its failures."""

    documents: list[Document] = field(default_factory=list)  # newly read documents
    records: list[dict[str, Any]] = field(default_factory=list)  # events of every input given
    failures: list[Failure] = field(default_factory=list)
    already_stored: int = 0
    repeated: int = 0  # inputs given twice in one run (a file and its folder): coded once


@dataclass
class RunSummary:
    coded: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    already_stored: int = 0
    repeated: int = 0
    warnings: int = 0  # documents coded, but read with a problem (e.g. bytes replaced)
    events: int = 0
    guessed_years: int = 0  # documents dated with a year that neither they nor the user gave

    def add(self, batch: BatchResult) -> None:
        for doc in batch.documents:
            if doc.year_guessed and not doc.duplicate_of:
                self.guessed_years += 1
            if doc.duplicate_of:
                self.duplicates += 1
            elif doc.skipped and not doc.skipped.startswith(CODING_FAILED):
                self.skipped += 1
            elif not doc.skipped:
                self.coded += 1
        self.failed += len(batch.failures)
        self.already_stored += batch.already_stored
        self.repeated += batch.repeated
        self.warnings += sum(len(doc.warnings) for doc in batch.documents)
        self.events += len(batch.records)

    def __str__(self) -> str:
        repeated = f", {self.repeated} given twice" if self.repeated else ""
        guessed = (
            f"\nwarning: {self.guessed_years} {plural(self.guessed_years, 'document')} "
            "dated with a guessed year; give --year or --published"
            if self.guessed_years
            else ""
        )
        warnings = f", {self.warnings} {plural(self.warnings, 'warning')}" if self.warnings else ""
        return (
            f"{self.coded} coded, {self.already_stored} already stored, "
            f"{self.duplicates} duplicate, {self.skipped} skipped, {self.failed} failed"
            f"{repeated}{warnings}; {self.events} {plural(self.events, 'event')}{guessed}"
        )


def plural(count: int, noun: str) -> str:
    """``noun`` as it reads after ``count``: "1 event", "2 events"."""
    return noun if count == 1 else f"{noun}s"


def code_text(
    text: str,
    *,
    settings: Settings | None = None,
    title: str | None = None,
    published: str | None = None,
    path: str = "<text>",
) -> Document:
    """Clean and code one text without touching a database; returns the coded Document."""
    raw = RawDocument(path=path, content=text, kind="text", title=title, published=published)
    settings = settings or load_settings()
    doc = clean_document(raw, settings)
    code_documents([doc], settings=settings)
    return doc


def code_documents(
    docs: Sequence[Document], *, settings: Settings | None = None
) -> tuple[list[Document], list[Failure]]:
    """Code cleaned documents (from ``clean_paths``) without a database."""
    return pipeline_for(settings or load_settings()).code(docs)


def code_paths(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
) -> Iterator[BatchResult]:
    """Read, clean, deduplicate, code and (with ``store``) save every input, batch by batch.

    Inputs already in ``store`` are not coded again: their stored events are returned.
    The inputs stream through: a window of batches is in memory at a time, coded here
    (``settings.workers`` 1), by a pool of processes, or on a Dask cluster
    (``settings.dask_scheduler``); this process alone writes to the store.
    """
    settings = settings or load_settings()
    if settings.dask_scheduler:
        from .cluster import code_on_cluster  # needs the [scale] extra

        yield from code_on_cluster(paths, settings=settings, store=store)
        return
    dedup = Deduplicator(settings)
    if store is not None:
        dedup.seed(store.fingerprints())
    seen: set[str] = set()
    batches = chunks(read_inputs(paths, settings), settings.batch_size)
    pending = (_prepare_batch(chunk, settings, dedup, store, seen) for chunk in batches)
    coded = _in_processes(pending, settings) if settings.workers > 1 else _here(pending, settings)
    for batch, (docs, failures) in coded:
        yield _finish_batch(batch, docs, failures, store, seen)


def recode_stored(store: Store, *, settings: Settings | None = None) -> Iterator[BatchResult]:
    """Re-code every stored original document with the current coder, batch by batch.

    Each batch's sentences, actors, mentions and events are replaced in one transaction.
    """
    pipeline = pipeline_for(settings or load_settings())
    recodable = (
        doc
        for doc in store.stored_documents()
        if doc.skipped is None or doc.skipped.startswith(CODING_FAILED)
    )  # documents skipped for their language stay skipped
    for chunk in chunks(recodable, pipeline.settings.batch_size):
        for doc in chunk:
            doc.skipped = None
        coded, failures = pipeline.code(chunk)
        store.replace_events(coded)
        store.save_batch([], failures)
        yield BatchResult(
            documents=coded,
            records=[record for doc in coded for record in document_records(doc)],
            failures=failures,
        )


def clean_paths(
    paths: Sequence[str], *, settings: Settings | None = None
) -> Iterator[Document | Failure]:
    """Read, clean and deduplicate inputs without coding them (``dateline clean``)."""
    settings = settings or load_settings()
    dedup = Deduplicator(settings)
    for item in read_inputs(paths, settings):
        cleaned = _clean(item, settings)
        yield cleaned if isinstance(cleaned, Failure) else dedup.check(cleaned)


def _clean(item: RawDocument | Failure, settings: Settings) -> Document | Failure:
    if isinstance(item, Failure):
        return item
    try:
        return clean_document(item, settings)
    except DatelineError as exc:
        return Failure(item.path, "clean", getattr(exc, "reason", str(exc)))
    except Exception as exc:  # one input's problem must not stop the batch
        log.debug("%s: cleaning failed", item.path, exc_info=exc)
        return Failure(item.path, "clean", f"{type(exc).__name__}: {exc}")


@dataclass
class _Pending:
    """A batch read, cleaned and checked against the store, waiting for its coding."""

    batch: BatchResult
    new_docs: list[Document]
    known_ids: list[str]


def _prepare_batch(chunk, settings, dedup, store, seen: set[str]) -> _Pending:
    pending = _Pending(BatchResult(), [], [])
    cleaned = [_clean(item, settings) for item in chunk]
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


def _finish_batch(pending: _Pending, coded, failures, store, seen: set[str]) -> BatchResult:
    """The coded batch, written to the store (by this process only) in one transaction."""
    batch = pending.batch
    batch.failures.extend(failures)
    batch.documents = coded
    batch.already_stored = len(pending.known_ids)
    for doc in coded:
        batch.records.extend(document_records(doc))
    if store is not None:
        # a copy's events are its original's: print them once, unless given in this run
        originals = [d.duplicate_of for d in coded if d.duplicate_of and d.duplicate_of not in seen]
        seen.update(originals)
        batch.records.extend(store.event_records([*pending.known_ids, *dict.fromkeys(originals)]))
        store.save_batch(coded, batch.failures)
    return batch


def _here(pending: Iterator[_Pending], settings: Settings) -> Iterator[tuple[_Pending, Coded]]:
    pipeline = pipeline_for(settings)
    for item in pending:
        yield item, pipeline.code(item.new_docs)


def _in_processes(
    pending: Iterator[_Pending], settings: Settings
) -> Iterator[tuple[_Pending, Coded]]:
    """Batches coded by ``settings.workers`` processes, yielded in input order; at most
    two batches per worker are in flight, so memory stays bounded."""
    context = worker_context(code_documents)
    in_flight: deque[tuple[_Pending, Future]] = deque()
    try:
        with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
            for item in pending:
                future = pool.submit(code_documents, item.new_docs, settings=settings)
                in_flight.append((item, future))
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


_PIPELINES: dict[Settings, Pipeline] = {}


def pipeline_for(settings: Settings) -> Pipeline:
    """One pipeline per settings: loading spaCy and the vocabularies is the slow part."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size``, read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
