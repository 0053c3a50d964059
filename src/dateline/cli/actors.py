"""``dateline actors``: list a document's actors with their codes, mentions and evidence."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DatelineError
from ..model import Document
from ..runner import code_text
from .options import actors_option, config_option, model_option, settings_from


@click.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@model_option
@actors_option
def actors_command(path, config, **options):
    """List the actors of the article in PATH: country, sector, kind, mentions and evidence."""
    settings = settings_from(config, **options)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = code_text(text, settings=settings, path=str(path))
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
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
