"""Places that stand for a state: "arrived in Baghdad", "in US custody".

A country or city in locative position gets a mention with rule ``MentionRule.LOCATIVE``
of its country's government: events use it only as a place-like target, and it takes no
part in coreference. A country named on a holding noun ("in US custody") is that state.
"""

from __future__ import annotations

from ..kb.lexicon import EntryKind
from ..model import ActorKind, MentionRule
from ..resources import data_path, word_set
from .coding import Candidate, CodedActor, Story

# what a locative phrase names: "in Iraq", "in Baghdad", "in the Gaza Strip"
PLACE_KINDS = frozenset({EntryKind.STATE, EntryKind.CAPITAL, EntryKind.REGION})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})  # "shelled the city of X", "the town of X was hit"


def locative(story: Story, head, start: int, end: int) -> Candidate | None:
    """ "arrived in Baghdad", "from southern Lebanon": the place's government, coded
    apart so that events may take it as a destination but never as a subject."""
    match = story.entry_at.get(head.i)
    # a user's dictionary knows its places better than the tagger ("from Bree", a person)
    users = match is not None and match.entry.priority > 0
    if (head.ent_type_ == "PERSON" and not users and not _town_taken_for_a_person(story, head)) or (
        not _in_place_position(story, head)
    ):
        return None
    if match is not None and match.entry.kind in PLACE_KINDS and match.entry.country:
        country, evidence = match.entry.country, match.entry.source
    elif match is None and (head.ent_type_ in ("GPE", "LOC") or head.pos_ == "PROPN"):
        # the tagger often takes a town for an organisation or a people ("Samarra")
        name = story.ent_at[head.i].text if head.ent_type_ else head.text
        country, evidence = story.place_country(name), f"place '{name}' (GeoNames)"
    elif (label := _national_label(story, head)) is not None:
        country, evidence = label.entry.country, label.entry.source
    else:
        country = None
    if country is None and (name := _place_noun_name(story, head)) is not None:
        country, evidence = story.place_country(name), f"place '{name}' (GeoNames)"
    if country is None:
        return None
    why = f"place after '{head.head.lower_}': {evidence} -> {country} GOV"
    name = story.country_name(country, country)
    coded = CodedActor(name, country, "GOV", ActorKind.STATE, MentionRule.LOCATIVE, why)
    return Candidate(start, end, coded)


def _town_taken_for_a_person(story: Story, head) -> bool:
    """ "near Goma", "in Khan Younis": a "person" the gazetteer knows as a town or state."""
    ent = story.ent_at.get(head.i)
    return ent is not None and story.place_country(ent.text) is not None


def _in_place_position(story: Story, head) -> bool:
    """After "in", "near" ...; or named by a place noun there or as the object of an act:
    "near the town of X", "shelled the city of X"; or a town the dictionaries do not know
    as the object of an act on a place: "shelled Kharkiv"."""
    if story.is_place(head) or (_struck(head) and head.i not in story.entry_at):
        return True  # a state or a capital named as the object stays the actor: "attacked Iran"
    of, noun = head.head, head.head.head
    return (
        head.dep_ == "pobj"
        and of.lower_ == "of"
        and noun.lemma_.lower() in story.lexicon.place_nouns
        and (story.is_place(noun) or noun.dep_ in OBJECT_DEPS)
    )


def _struck(head) -> bool:
    """ "shelled Kharkiv", "retook X": the direct object of a verb of an act on a place
    (data/actors/place_verbs.txt)."""
    verbs = word_set(data_path("actors/place_verbs.txt"))
    return head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in verbs


def _place_noun_name(story: Story, head) -> str | None:
    """ "in the Kursk region", "at a post in Sisaket province": a place noun compounded
    with a name the gazetteer knows is that place."""
    if head.lemma_.lower() not in story.lexicon.place_nouns:
        return None
    names = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not names or names[-1].i != head.i - 1:
        return None
    name = story.parsed[names[0].i : head.i].text
    return name if story.place_country(name) else None


def _national_label(story: Story, head):
    """ "fired at a Syrian airfield", "in Iraqi territory": a thing (not a role, not a
    holding) in an institution's place position, under a national label, is a place of
    that country; elsewhere such a phrase is an actor ("Israeli helicopters")."""
    if head.pos_ != "NOUN" or not story.in_institution(head):
        return None
    if head.lemma_.lower() in story.lexicon.holdings or story.role(head, []) is not None:
        return None
    labels = (c for c in head.lefts if c.dep_ in ("amod", "compound"))
    return next((m for c in labels if (m := story.nationality(c)) is not None), None)


def holder(story: Story, head, tokens) -> Candidate | None:
    """ "in US custody": the country named on a holding noun is an actor, its state."""
    if head.lemma_.lower() not in story.lexicon.holdings:
        return None
    if story.role(head, [t for t in tokens if t.i != head.i]) is not None:
        return None  # "in Israeli police custody": the police hold, coded as a role
    for token in tokens:
        match = story.nationality(token)
        if match and token.i != head.i:
            entry = match.entry
            name = story.country_name(entry.country, entry.name)
            why = f"'{head.text}' held by {entry.source} -> GOV"
            coded = CodedActor(name, entry.country, "GOV", ActorKind.STATE, MentionRule.HOLDER, why)
            return Candidate(match.start, match.end, coded)
    return None
