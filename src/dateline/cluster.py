"""The distributed engine: partitions of the input coded on a ``dask.distributed`` cluster.

The inputs are grouped into partitions (whole files, about ``partition_bytes`` of input
each). A worker reads, cleans, deduplicates and codes its partition with the pipeline a
local run uses (loaded once per worker process), and writes it as Parquet parts under
the shared ``parts_dir`` (``dateline.parts``). The driver, the one writer, loads each
finished partition into the store as it arrives; documents stored before are skipped.

A partition whose parts are complete from an earlier run is loaded, not coded again;
otherwise its worker is told which of its documents the database holds, and codes only
the others. A worker that dies loses only its partition's unfinished work (Dask retries
it elsewhere, or the next run codes it). Copies are found within a partition (exact and
near), and across partitions and against the database by content hash (the partition
loaded first holds the original) and by document id; near copies in different
partitions are both kept.

``dask_scheduler = "local"`` starts a ``LocalCluster`` of ``workers`` processes on this
machine: the same code path, testable without a cluster.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .dedup import Deduplicator, Latest, remembered
from .errors import ConfigError, MissingExtraError
from .ingest import STDIN, expand_paths, is_url, read_inputs
from .model import Document, Failure
from .parts import Parts, is_complete, read_parts, write_parts
from .pipeline.results import BatchResult
from .pipeline.runner import chunks, clean_input, pipeline_for
from .settings import Settings
from .store import BatchRows, Store, batch_rows, documents_of, records_of

log = logging.getLogger(__name__)

LOCAL = "local"  # the scheduler address that means a LocalCluster on this machine
URL_BYTES = 100_000  # what a URL counts for in a partition's size: a web page, roughly


@dataclass(frozen=True)
class Partition:
    """Input files coded together by one worker; ``key`` names its parts folder."""

    key: str
    files: tuple[str, ...]
    stored: frozenset[str] = frozenset()  # ids of its documents the database holds: not coded


def partitions(paths: Sequence[str], settings: Settings) -> list[Partition]:
    """The inputs in order, grouped into partitions of about ``partition_bytes``."""
    groups: list[list[str]] = [[]]
    size = 0
    for path in dict.fromkeys(expand_paths(paths)):  # a file given twice is coded once
        if path == STDIN:
            raise ConfigError("standard input cannot be sent to a cluster: give files")
        if size >= settings.partition_bytes:
            groups.append([])
            size = 0
        groups[-1].append(path)
        size += URL_BYTES if is_url(path) else _size(path)
    return [_partition(group, settings) for group in groups if group]


def code_partition(partition: Partition, settings: Settings, parts_dir: str) -> str:
    """On a worker: code one partition and write its parts; returns their folder."""
    folder = Path(parts_dir) / partition.key
    if is_complete(folder):
        return str(folder)
    pipeline, rows, dedup = pipeline_for(settings), BatchRows(), Deduplicator(settings)
    seen: set[str] = set()
    stored: list[str] = []
    inputs = read_inputs(list(partition.files), settings)
    for cleaned in chunks((clean_input(item, settings) for item in inputs), settings):
        failures = [item for item in cleaned if isinstance(item, Failure)]
        docs = [item for item in cleaned if not isinstance(item, Failure)]
        fresh = [dedup.check(doc) for doc in _to_code(docs, partition, seen, stored)]
        coded = pipeline.code(fresh)
        rows.extend(batch_rows(coded.documents, [*failures, *coded.failures]))
    write_parts(folder, rows, stored)
    log.info("%s: %d documents coded into %s", partition.key, len(rows.documents), folder)
    return str(folder)


def _to_code(
    docs: list[Document], partition: Partition, seen: set[str], stored: list[str]
) -> list[Document]:
    """The documents not read before in this partition nor held by the database (those
    are added to ``stored``)."""
    fresh = []
    for doc in docs:
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        if doc.doc_id in partition.stored:
            stored.append(doc.doc_id)
        else:
            fresh.append(doc)
    return fresh


def code_on_cluster(
    paths: Sequence[str], *, settings: Settings, store: Store | None
) -> Iterator[BatchResult]:
    """Every partition coded on the cluster, loaded into ``store`` as it finishes."""
    parts_dir = _parts_dir(settings, store)
    todo = [_unstored(part, store, parts_dir) for part in partitions(paths, settings)]
    originals = FirstCopies(store, remembered(settings))
    with _client(settings) as client:
        from distributed import as_completed

        futures = {
            client.submit(code_partition, part, settings, parts_dir, pure=False): part
            for part in todo
        }
        for future in as_completed(futures):
            try:
                folder = Path(future.result())
            except Exception as exc:  # one partition's loss must not stop the others
                reason = f"partition {futures[future].key} lost: {type(exc).__name__}: {exc}"
                failures = [Failure(path, "cluster", reason) for path in futures[future].files]
                yield BatchResult(failures=failures)
                continue
            finally:
                future.release()
            yield _load(read_parts(folder), store, originals)


def _unstored(partition: Partition, store: Store | None, parts_dir: str) -> Partition:
    """``partition`` with the ids of its documents the database holds (not to be coded
    again), unless its parts are complete from an earlier run (they are loaded as they
    are). Its parts then lack those documents, so they get a key of their own."""
    if store is None or is_complete(Path(parts_dir) / partition.key):
        return partition
    stored = store.coded_ids(partition.files)
    if not stored:
        return partition
    digest = hashlib.sha1("\n".join(stored).encode()).hexdigest()[:8]
    return Partition(f"{partition.key}-{digest}", partition.files, frozenset(stored))


class FirstCopies:
    """Content hash -> the first original with it, stored or loaded in this run: a
    partition's exact copy of another partition's document points at it."""

    def __init__(self, store: Store | None, latest: int):
        self.by_hash = Latest(latest)  # the latest originals, as in one process
        for stored in store.fingerprints(latest, signed=0) if store is not None else ():
            self.by_hash.first(stored.content_hash, stored.doc_id)

    def marked(self, rows: BatchRows) -> BatchRows:
        """``rows`` with each exact copy of an earlier original marked as its duplicate
        and its coding (sentences, actors, mentions, events) dropped, as a copy is
        stored when found in one process."""
        copies: dict[str, str] = {}
        for row in rows.documents:
            if row["duplicate_of"] is None:
                first = self.by_hash.first(row["content_hash"], row["doc_id"])
                if first != row["doc_id"]:
                    copies[row["doc_id"]] = first
        if not copies:
            return rows
        marked = rows.without(set(copies))
        marked.documents = [
            {**row, "duplicate_of": copies.get(row["doc_id"], row["duplicate_of"])}
            for row in rows.documents
        ]
        return marked


def _load(parts: Parts, store: Store | None, originals: FirstCopies) -> BatchResult:
    """A finished partition written to the store (its documents stored before skipped);
    the events of the documents its worker found stored come from the store."""
    rows = originals.marked(parts.rows)
    fresh = store.save_rows(rows) if store is not None else [r["doc_id"] for r in rows.documents]
    known = list(parts.stored)
    stored = set(fresh)
    records = records_of(rows)
    if store is not None and known:
        records += store.event_records(known)
    return BatchResult(
        documents=[doc for doc in documents_of(rows) if doc.doc_id in stored],
        records=records,
        failures=rows.failures,
        already_stored=len(rows.documents) - len(stored) + len(known),
    )


@contextmanager
def _client(settings: Settings):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError("a Dask cluster run (--dask)", "scale") from exc
    if settings.dask_scheduler != LOCAL:
        with Client(settings.dask_scheduler) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as client:
        yield client


def _parts_dir(settings: Settings, store: Store | None) -> str:
    if settings.parts_dir:
        return settings.parts_dir
    if store is None or store.path == ":memory:":
        raise ConfigError("a cluster run without a database file needs parts_dir (--parts)")
    return f"{store.path}.parts"


def _partition(files: list[str], settings: Settings) -> Partition:
    """A partition named by what its coding depends on: the files as they are now (path,
    size, time) and the coding settings, so that a re-run after an edit or with other
    vocabularies codes it again instead of loading old parts."""
    coding = replace(settings, workers=1, dask_scheduler="", parts_dir="")  # how, not what
    stamps = [f"{path}\t{_stamp(path)}" for path in files]
    digest = hashlib.sha1("\n".join([__version__, repr(coding), *stamps]).encode())
    return Partition(f"part-{digest.hexdigest()[:16]}", tuple(files))


def _stamp(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return "-"  # a URL, or unreadable: the worker's reader reports it
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # unreadable: the worker's reader reports it
