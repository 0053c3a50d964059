"""Cross-document event deduplication: the same event told by several articles becomes one.

Two coded events are one real event, as a careful analyst would judge it, when
they share the merge key (source and target actor, CAMEO code, modality), their
dates agree within a tolerance (``±tolerance_days`` at day precision, the same
month or year at coarser precision) and their places agree or one has no place.
Undated events are never merged: nothing says they happened at the same time.

This module is pure: the store's writer feeds it candidates and writes back the
``merged_links`` rows of the clusters (``links``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import ActorRef, Event


@dataclass(frozen=True)
class MergeCandidate:
    """One stored event as the merger sees it."""

    event_id: str
    merge_key: str
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    place: str | None  # any stable place identity (GeoNames id, or name and country)
    doc_id: str = ""


@dataclass
class Cluster:
    """Events judged to be one real event; the first member represents it."""

    members: list[MergeCandidate] = field(default_factory=list)
    place: str | None = None

    @property
    def merged_id(self) -> str:
        ids = "\x1f".join(sorted(c.event_id for c in self.members))
        return hashlib.sha1(ids.encode()).hexdigest()[:16]


def merge_key(event: Event) -> str:
    """Who did what to whom, with what factuality: events to compare. The full CAMEO code,
    not its PLOVER type, so that a visit (042) and a meeting (040) stay two events."""
    return "|".join(
        (_actor_key(event.source), _actor_key(event.target), event.cameo.code, event.modality)
    )


def _actor_key(ref: ActorRef | None) -> str:
    # Country and sector identify an actor across articles better than names,
    # which vary ("Larijani", "Ali Larijani"); a name is the fallback.
    if ref is None:
        return "-"
    if ref.country or ref.sector:
        return f"{ref.country or ''}/{ref.sector or ''}"
    return ref.name.lower()


def cluster(candidates: Iterable[MergeCandidate], tolerance_days: int = 1) -> list[Cluster]:
    """Group candidates into clusters; every candidate lands in exactly one cluster."""
    groups: dict[str, list[MergeCandidate]] = defaultdict(list)
    for candidate in candidates:
        groups[candidate.merge_key].append(candidate)
    return [c for members in groups.values() for c in _cluster_group(members, tolerance_days)]


def _cluster_group(members: list[MergeCandidate], tolerance: int) -> list[Cluster]:
    """Cluster events of one merge key, placed events first so that they anchor clusters;
    an event without a place then joins the nearest, best-attested compatible one."""
    clusters = [Cluster([c], c.place) for c in members if c.date is None]
    dated = sorted(
        (c for c in members if c.date is not None),
        key=lambda c: (c.place is None, c.date, c.event_id),
    )
    by_anchor: dict[str | int, list[Cluster]] = defaultdict(list)
    for candidate in dated:
        home = _best_cluster(by_anchor, candidate, tolerance)
        if home is None:
            home = Cluster([], candidate.place)
            clusters.append(home)
            by_anchor[_anchor(candidate.date)].append(home)
        home.members.append(candidate)
        home.place = home.place or candidate.place
    return clusters


def _anchor(value: str) -> str | int:
    """Day dates as day numbers (to look up neighbours), coarser dates as written."""
    return date.fromisoformat(value).toordinal() if len(value) == 10 else value


def _best_cluster(by_anchor, candidate: MergeCandidate, tolerance: int) -> Cluster | None:
    anchor = _anchor(candidate.date)
    if isinstance(anchor, int):
        nearby = [(abs(d), anchor + d) for d in range(-tolerance, tolerance + 1)]
    else:
        nearby = [(0, anchor)]
    options = [
        (existing.place != candidate.place, distance, -len(existing.members), position, existing)
        for distance, key in nearby
        for position, existing in enumerate(by_anchor.get(key, ()))
        if _same_place(existing.place, candidate.place)
    ]
    return min(options, key=lambda option: option[:4])[4] if options else None


def _same_place(first: str | None, other: str | None) -> bool:
    return first is None or other is None or first == other


def links(group: Cluster) -> Iterator[dict[str, Any]]:
    """The ``merged_links`` rows of one cluster; the first member represents it and
    carries the merged event's counts and members."""
    members = sorted(group.members, key=lambda c: (c.date or "", c.event_id))
    summary = {
        "mentions": len(members),
        "sources": len({c.doc_id for c in members}),
        "event_ids": [c.event_id for c in members],
        "doc_ids": sorted({c.doc_id for c in members}),
    }
    for position, member in enumerate(group.members):
        representative = position == 0
        yield {
            "merged_id": group.merged_id,
            "event_id": member.event_id,
            "merge_key": member.merge_key,
            "representative": representative,
            **{key: (value if representative else None) for key, value in summary.items()},
        }
