"""``dateline code``: read articles, code their events, store them, print them."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import click
from tqdm import tqdm

from ..api import code_paths, recode_stored
from ..errors import DatelineError
from ..pipeline.results import RunSummary, plural
from ..store import open_db
from .options import (
    actors_option,
    config_option,
    db_option,
    fetch_timeout_option,
    model_option,
    patterns_option,
    published_option,
    settings_from,
    year_option,
)
from .output import FORMATS, table_view, write_records


@click.command("code")
@click.argument("paths", nargs=-1)
@db_option
@click.option("--no-db", is_flag=True, help="Do not store anything; only print the events.")
@click.option(
    "--recode",
    is_flag=True,
    help="Re-code every document already stored in --db with the current coder, then PATHS.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Print the events in this form.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the events here."
)
@config_option
@model_option
@actors_option
@patterns_option
@fetch_timeout_option
@published_option
@year_option
@click.option("--batch-size", type=int, help="Documents per parse batch and per transaction.")
@click.option(
    "--classifier/--no-classifier",
    default=None,
    help="Ask the learned event-type classifier about sentences the patterns leave uncoded "
    "(needs the [embed] extra).",
)
@click.option(
    "--sentence-filter/--no-sentence-filter",
    default=None,
    help="Parse only the sentences that could yield an event (default: on).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Coding processes; this process alone writes the database (default: 1).",
)
@click.option(
    "--dask",
    "dask_scheduler",
    metavar="ADDRESS",
    help="Code on a dask.distributed cluster (scheduler address, or 'local' for a "
    "LocalCluster of --workers processes); needs the [scale] extra.",
)
@click.option(
    "--parts",
    "parts_dir",
    help="Shared folder for a cluster run's Parquet parts (default: DB.parts).",
)
def code_command(paths, db, no_db, recode, fmt, out, config, **options):
    """Code the events of PATHS (files, directories, URLs, or - for standard input).

    Events are stored in the DuckDB database (--db); with --format they are also
    printed (or written to --out): always every event of the inputs given, even
    those stored by an earlier run. A summary goes to standard error.

    Exit status: 0 when every input was read, 1 when some failed (the rest are
    coded and stored anyway) or the run could not start (model not installed,
    database cannot be opened), 2 for usage errors.
    """
    if not paths and not recode:
        raise click.UsageError("give at least one PATH (or --recode)")
    if recode and no_db:
        raise click.UsageError("--recode re-codes the database: it cannot go with --no-db")
    settings = settings_from(config, **options)
    try:
        summary, records = _run(paths, settings, None if no_db else db, recode, bool(fmt or out))
    except DatelineError as exc:  # the run could not start: no model, no database
        raise click.ClickException(str(exc)) from exc
    if fmt or out:
        _emit(records, fmt or "jsonl", out)
    click.echo(summary, err=True)
    sys.exit(1 if summary.failed else 0)


def _run(paths, settings, db, recode, printing: bool) -> tuple[RunSummary, list[dict]]:
    """Code ``paths``; the records are kept only when ``printing`` (a stored run over an
    archive holds none of them)."""
    store = None if db is None else open_db(db, writer_cache_mb=settings.writer_cache_mb)
    summary = RunSummary()
    records = []
    printed: set[str] = set()
    progress = tqdm(desc="coding", unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)
    batches = code_paths(paths, settings=settings, store=store)
    if recode:
        batches = itertools.chain(recode_stored(store, settings=settings), batches)
    try:
        for batch in batches:
            summary.add(batch)
            if printing:
                records.extend(r for r in batch.records if r["id"] not in printed)
                printed.update(r["id"] for r in batch.records)  # --recode PATHS: stored too
            for failure in batch.failures:
                click.echo(f"error: {failure.path}: {failure.reason}", err=True)
            for doc in batch.documents:
                for warning in doc.warnings:
                    click.echo(f"warning: {doc.path}: {warning}", err=True)
            progress.update(len(batch.documents) + batch.already_stored + len(batch.failures))
    finally:
        progress.close()
        if store is not None:
            store.close()
    return summary, records


def _emit(records, fmt, out):
    hidden = 0
    if fmt == "table":
        view = table_view(records)
        records, hidden = view.shown, view.hidden
    if out is None:
        write_records(records, fmt, sys.stdout)
        sys.stdout.flush()  # the note below refers to the table above it
    else:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            write_records(records, fmt, handle)
    if hidden:
        noun = plural(hidden, "event")
        click.echo(
            f"{hidden} {noun} with other modalities not shown (see --format jsonl)", err=True
        )


commands = [code_command]
