"""The README documents every command and every field of the event record."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli import main
from dateline.record import RECORD_FIELDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_names(group: click.Group, prefix: str = "dateline") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(_command_names(command, f"{prefix} {name}"))
    return names


def test_every_command_is_in_the_readme():
    missing = [name for name in _command_names(main) if f"`{name}" not in README]
    assert not missing


def _commands(group: click.Group):
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from _commands(command)


def test_every_option_of_every_command_has_help():
    missing = [
        f"{command.name} {'/'.join(param.opts)}"
        for command in _commands(main)
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert not missing


def test_every_record_field_is_in_the_readme_table():
    first_cells = [line.split("|")[1] for line in README.splitlines() if line.startswith("| `")]
    documented = " ".join(first_cells)
    missing = [name for name in RECORD_FIELDS if f"`{name}`" not in documented]
    assert not missing
