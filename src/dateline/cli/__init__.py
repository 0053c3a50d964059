"""The ``dateline`` command: thin shells over the Python API, one module per command group.

Exit status: 0 when every input was read (some may be skipped or duplicates),
1 when at least one input failed (the others are still coded and stored),
2 for usage errors (bad option, unreadable settings).
"""

from __future__ import annotations

import logging

import click

from . import actors, clean, code, database, serve

QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "distributed")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dateline")
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or debug detail (-vv).")
def main(verbose: int) -> None:
    """Dateline: news articles in, coded political events out (CAMEO, PLOVER)."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # Extraction libraries log every page they cannot parse; Dateline already reports
    # that input as one `error:` line, so they speak only when debugging (and so does
    # Dask's scheduler, which logs every worker it starts and stops).
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(level if verbose >= 2 else logging.CRITICAL)


for module in (code, clean, actors, database, serve):
    for command in module.commands:
        main.add_command(command)
