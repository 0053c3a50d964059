"""Riots: a crowd of protesters that fights or storms is rioting.

"protesters clashed with police", "demonstrators stormed the parliament": the act a fight
pattern matched is, done by a crowd, the riot CAMEO codes as 145 (words.yaml's
``crowd_nouns`` and ``riot_codes``), against the crowd's own government unless it targets
another country's ("stormed the Swedish embassy"). A crowd's arson is the riot too
("rioters torched a police station"), its blockade an obstruction (144: "protesters
blockaded the port"), its occupation a demonstration (141); people named by what they are
("residents", "fishermen": ``civil_groups``) riot and block so as well
(``civil_riot_codes``), but their fights keep their code.
"""

from __future__ import annotations

from ..model import ActorKind, ActorRef, Document, MentionRule
from .mentions import ActorWords
from .pattern_words import PatternWords
from .roles import phrase_verb
from .syntax import dependent

# the names of the protest codes a crowd's act is coded as (CAMEO 1.1b3), for explanations
PROTEST_KINDS = {"141": "demonstration", "144": "blockade", "145": "riot"}


def riot_code(doer, code: str, words: PatternWords) -> str | None:
    """The riot code of the act ``code`` when its doer, the word ``doer`` (or None), is a
    crowd ("rioters torched a police station"), or people named by what they are whose act
    is arson or a blockade ("fishermen blockaded the port"); None when the act is not a
    riot."""
    if doer is None:
        return None
    if _is_crowd(doer, words):
        table = words.riot_codes
    elif _is_civil_group(doer, words):
        table = words.civil_riot_codes
    else:
        return None
    for length in range(len(code), 1, -1):  # the longest prefix in the table
        if code[:length] in table:
            return table[code[:length]]
    return None


def people_of_the_place(trigger, occurs: bool, doc: Document, patterns) -> ActorRef | None:
    """The protesters nobody names, as the people of the place the protest's clause names
    (``occurs``: the trigger is an event noun said to happen). The clause is the trigger
    verb's, that of the verb an event noun is the subject of ("a demonstration by taxi
    drivers brought Lagos to a standstill"), or of the verb of being on it ("drivers in
    Dakar have been on strike"); None when no place is named."""
    if occurs or (trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj"):
        clause = trigger.head  # the protest is what the clause is about
    elif trigger.pos_ == "VERB":
        clause = trigger
    elif (verb := phrase_verb(trigger, patterns)) is not None:
        clause = verb
    else:
        return None
    places = (doc.mention_at(t.idx, t.idx + len(t)) for t in clause.subtree)
    place = next((m for m in places if m is not None and m.rule == MentionRule.LOCATIVE), None)
    if place is None and clause.i == trigger.head.i:  # "a general strike paralysed Kathmandu"
        place = _place_hit(clause, doc)
    country = doc.actors[place.actor].country if place is not None else None
    return ActorRef("", f"{country} civilians", country, "CVL") if country else None


def _place_hit(verb, doc: Document):
    """The country or city a protest noun's verb has as its object ("a strike paralysed
    Kathmandu", "the protest brought Lagos to a standstill"): where it happened."""
    found = (doc.mention_at(t.idx, t.idx + len(t)) for t in verb.children if t.dep_ == "dobj")
    states = (m for m in found if m is not None and doc.actors[m.actor].kind == ActorKind.STATE)
    return next(states, None)


def default_target(source: ActorRef, kind: str | None) -> ActorRef | None:
    """The target of an act with none named, by the pattern's ``default_target``: CAMEO's
    convention for domestic protest, the protesters' own government (written as no text,
    since the sentence does not say it); for a repression ("civilians": "police fired tear
    gas to clear the road"), the people of the source's own country."""
    if source.country is None:
        return None
    if kind == "civilians":
        return ActorRef("", f"{source.country} civilians", source.country, "CVL")
    return ActorRef("", f"{source.country} government", source.country, "GOV")


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
    if _forms(token) & words.crowd_nouns:
        return True
    member = _member(token)
    return member is not None and bool(_forms(member) & words.crowd_nouns)


def _is_civil_group(token, words: PatternWords) -> bool:
    """ "angry residents", "hundreds of farmers": a group (a plural, or the members in an
    of-phrase) of people named by what they are; one man's arson is no riot."""
    member = _member(token)
    if member is not None:
        return bool(_forms(member) & words.civil_groups)
    plural = token.tag_ in {"NNS", "NNPS"} or token.lower_ == "people"
    return plural and bool(_forms(token) & words.civil_groups)


def _member(token):
    """ "hundreds of rioters": the members in the of-phrase of a quantity or a group."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return dependent(of, {"pobj"}) if of is not None else None


def _forms(token) -> set[str]:
    """The lemma, and the singular of a capitalised plural the model keeps as its own lemma
    ("Mobs set fire ...")."""
    lemma = token.lemma_.lower()
    return {lemma, lemma[:-1]} if lemma.endswith("s") else {lemma}


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
        return f"; a crowd's act: {PROTEST_KINDS.get(riot[:3], 'protest')} ({riot})"
    return f"; armed men's act: violence ({armed})" if armed else ""
