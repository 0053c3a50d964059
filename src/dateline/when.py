"""The date stage: each event gets its own date, not the article's.

The date comes from the time expression in the event's clause, else from the
sentence, else from the previous event in the same paragraph, else from the
publication date. Relative expressions are resolved against the publication
date ("on Sunday", "last week"), or against the story's reference time, the
date of the event before ("two days earlier", "later that day").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from .clause import clause_head, clause_tokens, trigger_token
from .kb.timex import (
    REFERENCE,
    Timex,
    calendar_date,
    counted_from,
    find_timexes,
    future_context,
    not_after,
    resolve,
    vocabulary,
)
from .model import Document, Event, Modality
from .settings import Settings

log = logging.getLogger(__name__)

PUBLISHED = "published"


@dataclass
class _Found:
    """A time expression of the document with its tokens in the parse."""

    timex: Timex
    start: int  # first token index
    end: int  # token index after the last
    root: int  # head token of the expression


@dataclass
class _Dated:
    date: str
    precision: str
    expression: str


class EventDater:
    """Sets ``Event.date``, ``date_precision`` and ``date_expression`` on every event."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        anchor = doc.published or (doc.dateline.date if doc.dateline else None)
        latest = _latest(doc, self.settings, anchor)
        found = _expressions(doc, anchor)
        log.debug("%s: %d time expressions for %d events", doc.doc_id, len(found), len(doc.events))
        reference = anchor
        previous: dict[int, _Dated] = {}  # paragraph -> the last event's date
        for event in sorted(doc.events, key=lambda e: (e.sentence, e.token or 0)):
            dated = _date_event(doc, event, found, anchor, reference, previous, latest)
            if dated is not None:
                event.date, event.date_precision, event.date_expression = (
                    dated.date,
                    dated.precision,
                    dated.expression,
                )
                if dated.precision == "day":
                    reference = date.fromisoformat(dated.date)
                if dated.expression != PUBLISHED:
                    previous[doc.sentences[event.sentence].paragraph] = dated
        return doc


def _latest(doc: Document, settings: Settings, anchor: date | None) -> date | None:
    """The date no event of ``doc`` lands after, when its year was read against one: the
    date or year the user gave, or the file's time (then the publication date itself)."""
    if anchor is None or not doc.published_is_bound:
        return None
    given = settings.reference_date
    return given if given is not None and given >= anchor else anchor


def _date_event(doc, event: Event, found, anchor, reference, previous, latest) -> _Dated | None:
    sentence = doc.sentences[event.sentence]
    here = _in_sentence(doc, found, event.sentence)
    trigger = trigger_token(doc, event)
    if trigger is not None and here:
        clause = clause_tokens(trigger)
        chosen = _clause_expression(trigger, clause, here)
        if chosen is not None:
            before = " ".join(doc.parsed[i].text for i in sorted(clause) if i < chosen.start)
        else:
            chosen = _nearest(trigger.i, here)
            before = doc.text[sentence.start : chosen.timex.start]
        # a called-off event was still ahead: "a visit on Thursday was called off"
        future = future_context(before) or event.modality == Modality.CANCELLED
        counted = bool(chosen.timex.counted_from) and _counts_from(trigger, chosen)
        dated = _dated(chosen.timex, anchor, reference, future, latest, counted)
        if dated:
            return dated
    elif here:
        dated = _dated(here[0].timex, anchor, reference, False, latest)
        if dated:
            return dated
    if sentence.paragraph in previous:
        return previous[sentence.paragraph]
    if doc.published:
        return _Dated(doc.published.isoformat(), "day", PUBLISHED)
    return None


def _expressions(doc: Document, anchor: date | None) -> list[_Found]:
    """The document's calendar expressions, outside the dateline, mapped to tokens.

    Without an anchor date only absolute expressions ("March 3, 2006") are kept.
    """
    if not doc.is_parsed:
        return []
    # the dateline's date is the publication date, not an event's
    dateline = doc.dateline_in_text()
    skip_until = dateline.end if dateline is not None else 0
    found = []
    # only an event's own sentence dates it: the others are not scanned
    dated = sorted({event.sentence for event in doc.events})
    within = [(doc.sentences[i].start, doc.sentences[i].end) for i in dated]
    # Without an anchor any date will do for scanning: the relative readings are dropped.
    for timex in find_timexes(doc.text, anchor or date(2000, 1, 1), within=within):
        if timex.start < skip_until or calendar_date(timex) is None:
            continue
        if anchor is None and timex.relative_to is not None:
            continue
        span = doc.parsed.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        found.append(_Found(timex, span.start, span.end, span.root.i))
    return found


def _in_sentence(doc: Document, found: list[_Found], index: int) -> list[_Found]:
    sentence = doc.sentences[index]
    return [f for f in found if sentence.start <= f.timex.start < sentence.end]


def _clause_expression(trigger, clause: set[int], here: list[_Found]) -> _Found | None:
    """The expression in the trigger's clause, or the time a relative clause hangs on.

    In "since December, when they were seized" the seizure is dated by "December".
    """
    inside = [f for f in here if f.root in clause]
    if inside:
        return _nearest(trigger.i, inside)
    head = clause_head(trigger)
    owner = next((f for f in here if f.start <= head.head.i < f.end), None)
    if head.dep_ in ("relcl", "acl", "advcl") and owner is not None:
        return owner
    first = min(clause)
    if trigger.doc[first].lower_ in vocabulary()["time_relatives"]["words"]:
        before = [f for f in here if 0 <= first - f.end <= 1]
        if before:
            return before[-1]
    return None


def _counts_from(trigger, found: _Found) -> bool:
    """Whether the trigger stands in what "N years after/since/before" counts from: the
    object or clause of the expression's last word ("after the invasion", "after
    Washington invaded")."""
    word = trigger.doc[found.end - 1]
    governed = {t.i for t in word.subtree}
    if word.dep_ in ("mark", "prep") and word.head.i > word.i:
        governed |= {t.i for t in word.head.subtree}
    return trigger.i >= found.end and trigger.i in governed


def _nearest(index: int, found: list[_Found]) -> _Found:
    """The expression closest to the trigger; on a tie the earlier one."""
    return min(found, key=lambda f: (min(abs(index - f.start), abs(index - (f.end - 1))), f.start))


def _dated(
    timex: Timex, anchor, reference, future: bool, latest=None, counted: bool = False
) -> _Dated | None:
    """Resolve again when the expression depends on the story's time or points forward;
    with ``latest`` (a year nobody wrote), a relative expression never lands after it;
    ``counted``: the event is what "N years after" counts from ("after [it happened]")."""
    if latest is not None and latest <= anchor and timex.relative_to:
        future = False  # nothing lies after the publication date: no forward reading
    if anchor is not None and (timex.relative_to == REFERENCE or (future and timex.relative_to)):
        counting = timex.counted_from is not None
        timex = (
            resolve(timex.text, anchor, reference=reference, future=future, counting=counting)
            or timex
        )
    if counted:
        timex = counted_from(timex) or timex
    if latest is not None and timex.relative_to:
        timex = not_after(timex, latest)
    calendar = calendar_date(timex)
    if calendar is None:
        return None
    return _Dated(calendar.value, calendar.precision, timex.text)
