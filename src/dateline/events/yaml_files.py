"""Dateline's YAML for pattern and word files: no YAML 1.1 booleans, read through resources.

``on``, ``off``, ``no`` are prepositions and particles in these files, never booleans.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ConfigError
from ..resources import cached, data_path

PATTERN_DIR = data_path("patterns")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML without 1.1 booleans: ``on``, ``off``, ``no`` are prepositions and particles here.
    LibYAML's parser when PyYAML has it: the converted patterns are 10,000 lines."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def read_yaml(path: Path) -> dict:
    """A YAML mapping read with Dateline's loader (no 1.1 booleans)."""
    return cached(path, "yaml without 1.1 booleans", lambda text: parse_yaml(path, text))


def parse_yaml(path: Path, text: str) -> dict:
    try:
        return yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
