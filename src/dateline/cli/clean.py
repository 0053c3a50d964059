"""``dateline clean``: read and clean articles, print them without coding their events."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..api import clean_paths
from ..model import Failure
from ..record import document_record
from .options import (
    config_option,
    fetch_timeout_option,
    published_option,
    settings_from,
    year_option,
)

CLEAN_FORMATS = ("jsonl", "text")


@click.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CLEAN_FORMATS),
    default="jsonl",
    show_default=True,
    help="One JSON object per document, or readable text blocks.",
)
@config_option
@fetch_timeout_option
@published_option
@year_option
def clean_command(paths, fmt, config, **options):
    """Print the cleaned documents of PATHS (files, directories, URLs, or - for stdin).

    Each document shows its id, path, title, publication date and the rule that gave
    it (dateline, metadata, page, settings or file), its news dateline (place, agency), its
    language, the original it duplicates, and its cleaned body text. Nothing is coded
    or stored.

    Exit status: 0 when every input was read, 1 when some failed, 2 for usage errors.
    """
    settings = settings_from(config, **options)
    failed = 0
    for item in clean_paths(paths, settings=settings):
        if isinstance(item, Failure):
            failed += 1
            click.echo(f"error: {item.path}: {item.reason}", err=True)
        elif fmt == "jsonl":
            click.echo(json.dumps(document_record(item), ensure_ascii=False))
        else:
            click.echo(_as_text(document_record(item)))
    sys.exit(1 if failed else 0)


def _as_text(summary: dict[str, Any]) -> str:
    """A readable block: ``key: value`` lines, then the body, then a blank line."""
    head = [f"{key}: {_cell(value)}" for key, value in summary.items() if key != "text" and value]
    return "\n".join([*head, "", summary["text"], ""])


def _cell(value: Any) -> str:
    """``{"place": "Brussels", "agency": "AFP"}`` -> ``Brussels, AFP``."""
    if isinstance(value, dict):
        return ", ".join(str(inner) for inner in value.values() if inner)
    return str(value)


commands = [clean_command]
