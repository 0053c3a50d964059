"""``dateline actors``: list a document's actors with their codes, mentions and evidence."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import clean_paths, code_documents
from ..errors import DatelineError
from ..model import Document, Failure
from .options import actors_option, config_option, model_option, settings_from


@click.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@model_option
@actors_option
def actors_command(path, config, **options):
    """List the actors of the article in PATH (any input kind that `dateline code` reads;
    for a file of many articles, the first): country, sector, kind, mentions, evidence."""
    # every sentence's actors, not only those of sentences that could yield an event
    settings = settings_from(config, sentence_filter=False, **options)
    try:
        first = next(iter(clean_paths([str(path)], settings=settings)), None)
        if first is None or isinstance(first, Failure):
            raise click.ClickException(f"{path}: {first.reason if first else 'no article'}")
        (doc,), failures = code_documents([first], settings=settings)
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    if failures:
        raise click.ClickException(f"{path}: {failures[0].reason}")
    click.echo(format_actors(doc), nl=False)


def format_actors(doc: Document) -> str:
    """One block per actor: ``name (COUNTRY/SECTOR, kind)``, its evidence, then its mentions."""
    lines = []
    for index, actor in enumerate(doc.actors):
        codes = "/".join(c or "-" for c in (actor.country, actor.sector))
        lines.append(f"{index:3}  {actor.name} ({codes}, {actor.kind})")
        lines.append(f"       evidence: {actor.evidence}")
        for mention in doc.mentions:
            if mention.actor == index:
                where = f"{mention.start}-{mention.end}"
                lines.append(
                    f"       - {mention.text!r} [{where}, sentence {mention.sentence}, "
                    f"{mention.rule}]"
                )
    return "\n".join(lines) + "\n" if lines else "no actors found\n"


commands = [actors_command]
