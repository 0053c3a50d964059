"""The events a text codes as (CAMEO code, source country, target country), sorted: what
the wire-sentence tests compare."""

from __future__ import annotations

import dateline


def coded(text: str) -> list[tuple[str, str | None, str | None]]:
    events = dateline.code_text(text).events
    return sorted(
        (e.cameo.code, e.source and e.source.country, e.target and e.target.country) for e in events
    )
