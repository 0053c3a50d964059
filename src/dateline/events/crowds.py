"""Riots: a crowd of protesters that fights or storms is rioting.

"protesters clashed with police", "demonstrators stormed the parliament": the act a fight
pattern matched is, done by a crowd, the riot CAMEO codes as 145 (words.yaml's
``crowd_nouns`` and ``riot_codes``), against the crowd's own government unless it targets
another country's ("stormed the Swedish embassy").
"""

from __future__ import annotations

from ..model import Document
from .mentions import ActorWords
from .pattern_words import PatternWords
from .syntax import dependent


def riot_code(doer, code: str, words: PatternWords) -> str | None:
    """The riot code of the act ``code`` when its doer, the word ``doer`` (or None), is a
    crowd; None when the act is not a crowd's riot."""
    if doer is None or not _is_crowd(doer, words):
        return None
    for length in range(len(code), 1, -1):  # the longest prefix in the table
        if code[:length] in words.riot_codes:
            return words.riot_codes[code[:length]]
    return None


def crowd_members(sources: list[ActorWords], doc: Document, words: PatternWords):
    """The sources that are crowds: "clashes between protesters and police" is the
    protesters' riot; the police they fought are not rioting."""
    found = []
    for source in sources:
        span = doc.parsed.char_span(source.start, source.end, alignment_mode="expand")
        if span is not None and _is_crowd(span.root, words):
            found.append(source)
    return found


def foreign_target(
    rioter: ActorWords | None, targets: list[ActorWords], doc: Document
) -> ActorWords | None:
    """What a riot is against: a target of another country than the rioters' ("stormed
    the Swedish embassy"), else None (their own government: "clashed with police")."""
    own = doc.actors[rioter.actor].country if rioter is not None else None
    others = (t for t in targets if doc.actors[t.actor].country not in {own, None})
    return next(others, None)


def _is_crowd(token, words: PatternWords) -> bool:
    """ "protesters", "a crowd of demonstrators", "hundreds of rioters"."""
    if token.lemma_.lower() in words.crowd_nouns:
        return True
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = dependent(of, {"pobj"}) if of is not None else None
    return member is not None and member.lemma_.lower() in words.crowd_nouns


def armed_violence_code(sources: list[ActorWords], code: str, doc: Document, words: PatternWords):
    """The violence code of a riot act (looting, burning) done by armed men only: "gunmen
    looted homes" is an armed group's violence against civilians, not a protest; None when
    a source is not armed or the act is no riot."""
    if not sources or code not in words.armed_violence_codes:
        return None
    if not all(doc.actors[s.actor].sector in words.armed_sectors for s in sources):
        return None
    return words.armed_violence_codes[code]


def code_note(riot: str | None, armed: str | None) -> str:
    """Why the event's code is not its pattern's, for the record's explanation."""
    if riot:
        return f"; a crowd's act: riot ({riot})"
    return f"; armed men's act: violence ({armed})" if armed else ""
