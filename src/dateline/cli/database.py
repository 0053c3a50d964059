"""Commands over the event database: events, export, sql, stats, series, plot series|network.

Each command is a thin shell over one documented library call whose keyword
arguments match its options (``--min-confidence`` <-> ``min_confidence``).
Library errors become one-line messages and exit status 1.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from ..errors import DatelineError
from ..store import Store, open_db
from ..use.analysis import NODE_KEYS, PERIODS, network, series
from ..use.export import FORMATS as EXPORT_FORMATS
from ..use.export import export
from ..use.plots import plot_network, plot_series
from .options import db_option
from .output import FORMATS, TABLE_MODALITIES, write_records, write_table

EVENT_FORMATS = (*FORMATS, "parquet")
FRAME_FORMATS = ("table", "csv")


def _filter_options(command):
    """The event filters shared by every query command, named as ``Store.events`` names them."""
    options = [
        click.option(
            "--source", help="Source actor: ISO alpha-3 country code or (part of) a name."
        ),
        click.option(
            "--target", help="Target actor: ISO alpha-3 country code or (part of) a name."
        ),
        click.option("--actor", help="Source or target actor: country code or (part of) a name."),
        click.option("--type", "type_", multiple=True, help="PLOVER event type; repeatable."),
        click.option("--cameo", help="CAMEO code prefix, e.g. 04 for every consultation."),
        click.option(
            "--quad-class",
            type=click.IntRange(1, 4),
            multiple=True,
            help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
            "4 material conflict; repeatable.",
        ),
        click.option("--since", help="Events on or after this date (YYYY[-MM[-DD]])."),
        click.option("--until", help="Events on or before this date (YYYY[-MM[-DD]])."),
        click.option("--place", help="Place name, admin1 name or ISO alpha-3 country code."),
        click.option(
            "--modality",
            multiple=True,
            help="Modality (asserted, reported, alleged, ...); repeatable.",
        ),
        click.option("--min-confidence", type=float, help="Lowest coder confidence (0-1)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


merged_option = click.option(
    "--merged", is_flag=True, help="One row per real event (merged across articles)."
)
limit_option = click.option("--limit", type=int, help="At most this many rows.")
per_article_option = click.option(
    "--per-article",
    is_flag=True,
    help="Count every article's report instead of merged events.",
)

chart_option = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Chart file: .png or .svg.",
)


def _filters(type_, modality, **others) -> dict:
    """Click's option values as ``Store.events`` keyword arguments (unset ones left out)."""
    values = {**others, "type": type_ or None, "modality": modality or None}
    return {key: value for key, value in values.items() if value not in (None, False, ())}


def _database_command(function):
    """Open the database given by --db (which must exist) and turn library errors into
    one-line messages."""

    @functools.wraps(function)
    def wrapper(db: Path, **kwargs):
        if str(db) != ":memory:" and not Path(db).exists():
            raise click.ClickException(f"no database at {db}: run `dateline code` first")
        try:
            with open_db(db, read_only=True) as store:
                return function(store, **kwargs)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc

    return db_option(wrapper)


@click.command("events")
@_database_command
@_filter_options
@merged_option
@limit_option
@click.option(
    "--format", "fmt", type=click.Choice(EVENT_FORMATS), default="table", help="Output format."
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
def events_command(store: Store, fmt: str, out: Path | None, limit: int | None, **options):
    """List stored events, oldest first, filtered by actor, type, date, place, modality.

    The table shows asserted and reported events unless --modality says otherwise;
    the other formats keep every modality. Parquet needs --out.
    """
    filters = _filters(**options)
    if fmt == "table" and "modality" not in filters:
        filters["modality"] = TABLE_MODALITIES
    if fmt == "parquet":
        if out is None:
            raise click.UsageError("--format parquet needs --out")
        count = export(store, "parquet", out, limit=limit, **filters)
        click.echo(f"{count} events written to {out}", err=True)
        return
    records = store.events(limit=limit, **filters)
    with _output(out) as handle:
        write_records(records, fmt, handle)


@click.command("export")
@_database_command
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Export format."
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Output file."
)
@_filter_options
@merged_option
@limit_option
def export_command(store: Store, fmt: str, out: Path, **options):
    """Export events as csv, parquet, jsonl (native records), gdelt (GDELT 1.0-style
    tab-separated, one row per merged event), polecat (POLECAT/PLOVER-style JSON Lines)
    or acled (ACLED-style CSV, event types mapped from CAMEO).
    Every modality is kept unless --modality is given; gdelt and acled, which have no
    modality column, keep asserted and reported events unless --modality is given."""
    count = export(store, fmt, out, **_filters(**options))
    click.echo(f"{count} rows written to {out}", err=True)


@click.command("sql")
@_database_command
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "jsonl")),
    default="table",
    help="How to print the rows.",
)
def sql_command(store: Store, query: str, fmt: str):
    """Run one read-only SQL statement on the database (tables: see docs/schema.md)."""
    result = store.sql(query)
    _write_rows(result.columns, result.rows, fmt)


@click.command("stats")
@_database_command
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_command(store: Store, as_json: bool):
    """Documents, duplicates, events by type and modality, top dyads, date range, merged
    duplicates and errors."""
    stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        elif key == "events_without_actors":
            value = f"{value} (neither source nor target coded; not among the dyads)"
        elif key == "top_dyads":
            value = ", ".join(f"{d['source']}->{d['target']} {d['events']}" for d in value) or "-"
        elif key == "date_range":
            value = " to ".join(v or "-" for v in value)
        click.echo(f"{key.replace('_', ' ')}: {value}")


def _series_options(command):
    by = click.option(
        "--by", type=click.Choice(tuple(PERIODS)), default="month", help="Period of the series."
    )
    command = by(command)
    return per_article_option(_filter_options(command))


@click.command("series")
@_database_command
@_series_options
@click.option(
    "--format", "fmt", type=click.Choice(FRAME_FORMATS), default="table", help="Table or CSV."
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@click.option("--skip-empty", is_flag=True, help="Leave out the periods without events.")
def series_command(store: Store, by: str, fmt: str, out: Path | None, skip_empty: bool, **options):
    """Events per QuadClass, event count and Goldstein sum per period for a dyad.

    Counts merged events (one per real event; --per-article counts every report)
    that are asserted or reported, unless --modality is given. Every period from the
    first event to the last is listed, empty ones with zeros, unless --skip-empty.
    """
    frame = series(store, by=by, skip_empty=skip_empty, **_aggregate_filters(**options))
    frame["period"] = frame["period"].dt.date
    _write_frame(frame, fmt, out)


@click.group("plot")
def plot_group():
    """Charts (PNG or SVG, by the --out extension)."""


@plot_group.command("series")
@_database_command
@_series_options
@chart_option
def plot_series_command(store: Store, by: str, out: Path, **options):
    """The dyad's cooperation and conflict over time: QuadClass counts and Goldstein sum."""
    frame = series(store, by=by, **_aggregate_filters(**options))
    plot_series(frame, out, title=_dyad_title(options))
    click.echo(f"chart written to {out}", err=True)


@plot_group.command("network")
@_database_command
@click.option(
    "--by",
    type=click.Choice(tuple(NODE_KEYS)),
    default="country",
    help="Nodes are countries (or names when unknown) or actor names.",
)
@_filter_options
@per_article_option
@chart_option
def plot_network_command(store: Store, by: str, out: Path, **options):
    """The actor network: arrows weighted by event counts, coloured by mean Goldstein."""
    frame = network(store, by=by, **_aggregate_filters(**options))
    plot_network(frame, out)
    click.echo(f"chart written to {out}", err=True)


def _aggregate_filters(per_article: bool, **options) -> dict:
    """Aggregates count merged events unless --per-article is given."""
    return {**_filters(**options), "merged": not per_article}


def _dyad_title(options: dict) -> str:
    source, target = options.get("source") or "any", options.get("target") or "any"
    return f"{source} -> {target}: cooperation and conflict"


def _write_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    out = sys.stdout
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n")
    else:
        write_table(columns, [[_cell(v) for v in row] for row in rows], out)


def _write_frame(frame, fmt: str, out: Path | None) -> None:
    with _output(out) as handle:
        if fmt == "csv":
            frame.to_csv(handle, index=False, lineterminator="\n")
        elif frame.empty:  # the header alone (pandas would print "Empty DataFrame")
            write_table(list(frame.columns), [], handle)
        else:
            handle.write(frame.to_string(index=False) + "\n")


def _cell(value) -> str:
    return "" if value is None else str(value)


@contextmanager
def _output(out: Path | None) -> Iterator[IO[str]]:
    """Standard output, or the --out file (closed afterwards)."""
    if out is None:
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as handle:
        yield handle


commands = [events_command, export_command, sql_command, stats_command, series_command, plot_group]
