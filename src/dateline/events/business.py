"""Company news is no political event: an act whose doers are all businesses and whose
targets are businesses or no actor ("Shell agreed to sell its stake in the refinery",
"Samsung and Apple battled over patents") is trade, not politics. A state, an armed group
or any other actor on either side keeps it ("Iran seized a tanker owned by a Swedish
company", "Shell agreed to pay Nigeria"), and so does a protest, whoever marches ("market
traders blocked the centre of Kampala"). The business sectors are words.yaml's
``business_sectors``."""

from __future__ import annotations

from ..model import Document
from .mentions import ActorWords
from .pattern_words import PatternWords


def between_businesses(
    sources: list[ActorWords],
    targets: list[ActorWords],
    doc: Document,
    code: str,
    words: PatternWords,
) -> bool:
    """Whether every doer is a business and no target is anything but a business (or a
    name the tables do not know, with no sector and no country: "Pioneer Natural
    Resources"). A country has no sector but a country: it is no business."""
    sectors = words.business_sectors
    if code[:2] in words.protest_roots or not sources:
        return False
    if not all(_is_business(doc, m, sectors) for m in sources):
        return False
    return all(_is_business(doc, m, sectors) or _unknown(doc, m) for m in targets)


def _is_business(doc: Document, mention: ActorWords, sectors: frozenset[str]) -> bool:
    return doc.actors[mention.actor].sector in sectors


def _unknown(doc: Document, mention: ActorWords) -> bool:
    actor = doc.actors[mention.actor]
    return actor.sector is None and actor.country is None
