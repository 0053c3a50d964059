"""The events a text codes as (CAMEO code or PLOVER type, source country, target country),
sorted: what the wire-sentence tests compare."""

from __future__ import annotations

import dateline


def coded(text: str) -> list[tuple[str, str | None, str | None]]:
    events = dateline.code_text(text).events
    return sorted(
        (e.cameo.code, e.source and e.source.country, e.target and e.target.country) for e in events
    )


def typed(text: str) -> list[tuple[str | None, str | None, str | None]]:
    """The events a text codes as (PLOVER type, source country, target country), sorted."""
    events = dateline.code_text(text).events
    return sorted(
        (e.plover and e.plover.type, e.source and e.source.country, e.target and e.target.country)
        for e in events
    )
