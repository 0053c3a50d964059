"""What a run gives back, batch by batch, and the summary the command line prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import DocStatus, Document, Failure


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
            status = doc.status
            if doc.year_guessed and status is not DocStatus.DUPLICATE:
                self.guessed_years += 1
            if status is DocStatus.DUPLICATE:
                self.duplicates += 1
            elif status is DocStatus.SKIPPED:
                self.skipped += 1
            elif status is DocStatus.CODED:
                self.coded += 1
        self.failed += len(batch.failures)  # a failed document is counted by its Failure
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
