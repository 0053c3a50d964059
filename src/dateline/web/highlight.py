"""Marks in an event's sentence: where its trigger, source, target, date expression and
place are written, as segments a template renders (escaped) one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# When two marks overlap, the earlier role in this order keeps the characters.
ROLES = ("trigger", "source", "target", "date", "place")


@dataclass(frozen=True)
class Segment:
    """A run of the sentence and the role it plays (None: plain text)."""

    text: str
    role: str | None = None


def phrases(record: dict[str, Any]) -> dict[str, str | None]:
    """The written words of each role in an event record (its detail form)."""
    return {
        "trigger": record.get("trigger"),
        "source": (record.get("source") or {}).get("text"),
        "target": (record.get("target") or {}).get("text"),
        "date": record.get("date_expression"),
        "place": (record.get("place") or {}).get("name"),
    }


def segments(sentence: str, marks: dict[str, str | None]) -> list[Segment]:
    """``sentence`` cut into segments at the first occurrence of each role's phrase
    (case-insensitive); a phrase not found in the sentence is not marked."""
    owner: list[str | None] = [None] * len(sentence)
    for role in reversed(ROLES):  # later roles first, so earlier ones overwrite them
        phrase = marks.get(role)
        # matched in the sentence itself: lowering first can change its length ("İ")
        found = re.search(re.escape(phrase), sentence, re.IGNORECASE) if phrase else None
        if found is None:
            continue
        owner[found.start() : found.end()] = [role] * (found.end() - found.start())
    result: list[Segment] = []
    for position, char in enumerate(sentence):
        role = owner[position]
        if result and result[-1].role == role:
            result[-1] = Segment(result[-1].text + char, role)
        else:
            result.append(Segment(char, role))
    return result
