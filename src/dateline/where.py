"""The place stage: each event gets the place where it happened, not the story's first.

The place is the location in the event's clause ("in Baghdad", "at Baghdad
airport", "in the northern city of Arbil"), else a location the sentence gives,
else where the event's source last arrived ("arrived in Baghdad"), else, for events
inside one country, that country (or a city of it named in the same paragraph), else
the dateline place when the text says "here". Places that are the event's own actors
("Iraq" as the target of a visit) are not its location unless nothing else is. Names
are resolved with the gazetteer, using the story's countries and dateline place to
choose among namesakes, and the state or country written after a name ("Paris, Tenn.").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .clause import clause_tokens, trigger_token
from .kb.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    Context,
    Gazetteer,
    GazPlace,
    load_gazetteer,
)
from .kb.spatial import place_nouns, place_weights
from .model import ActorRef, Document, Event, MentionRule, Place
from .resources import data_path, toml_table
from .settings import Settings

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels that chain a name to the noun it describes: "Baghdad airport", "the city of Jeddah".
_NAME_LINKS = frozenset({"compound", "appos", "nmod", "amod", "npadvmod", "poss"})
# Clauses that complete a trigger: what was "decided", "planned", "said".
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
# How much text after a name is searched for the state or country that qualifies it.
_QUALIFIER_CHARS = 40


@dataclass
class Toponym:
    """A place named in the document, resolved."""

    start: int  # token span in Document.parsed
    end: int
    start_char: int
    end_char: int
    text: str
    place: GazPlace
    weight: int  # 2 "in/at/near ...", 1 "to/into ...", 0 not the object of a locative word
    sentence: int


@dataclass(frozen=True)
class SpatialWords:
    """The words that tell where an event happens (data/places/spatial_words.toml; the
    prepositions and place nouns shared with the actors stage through ``kb.spatial``)."""

    prepositions: dict[str, int]  # "in" 2 beats "to" 1, the destination of a visit
    directions: frozenset[str]  # "northern Iraq": a region of a country
    place_nouns: frozenset[str]  # "Baghdad airport", "the town of Mandera"
    here: frozenset[str]  # the event happened where the story was filed
    actor_country_codes: dict[str, str]  # CAMEO prefix -> the actor whose country it is
    arrival: frozenset[str]  # verbs that bring an actor to a place: "arrive", "land"

    @classmethod
    def shipped(cls) -> SpatialWords:
        table = toml_table(data_path("places/spatial_words.toml"))
        return cls(
            prepositions=place_weights(),
            directions=frozenset(table["directions"]["words"]),
            place_nouns=place_nouns(),
            here=frozenset(table["here"]["words"]),
            actor_country_codes=dict(table["actor_country_codes"]),
            arrival=frozenset(table["arrival"]["words"]),
        )


class EventPlacer:
    """Sets ``Event.place`` on every event (None when the text gives no place)."""

    def __init__(self, settings: Settings):
        self.gazetteer = load_gazetteer(settings.min_city_population, settings.place_files)
        self.words = SpatialWords.shipped()

    def __call__(self, doc: Document) -> Document:
        if not doc.events or not doc.is_parsed:
            return doc
        # spaCy makes new spans on every reading of ``ents``: read them once
        entities = [ent for ent in doc.parsed.ents if _is_place_entity(ent, self.words)]
        context = story_context(doc, self.gazetteer, entities)
        toponyms = find_toponyms(doc, self.gazetteer, context, entities, self.words)
        log.debug("%s: %d place names for %d events", doc.doc_id, len(toponyms), len(doc.events))
        for event in doc.events:
            place = self.place_event(doc, event, toponyms, context)
            event.place = to_place(place) if place else None
        return doc

    def place_event(
        self, doc: Document, event: Event, toponyms: list[Toponym], context: Context
    ) -> GazPlace | None:
        """The clause's place, else its complement's, else the sentence's, else where the
        source arrived, else the actors' country, else "here"."""
        words = self.words
        sentence = [t for t in toponyms if t.sentence == event.sentence]
        # a name no locative word governs is no place but an actor ("Iran accused ..."),
        # or a destination only ("visited Iraq"): the fallbacks below take that one
        free = [t for t in sentence if t.weight > 0]
        trigger = trigger_token(doc, event)
        if trigger is not None and free:
            clause = clause_tokens(trigger)
            governed = {
                token.i
                for child in trigger.children
                if child.dep_ in _COMPLEMENTS
                for token in child.subtree
            }
            # Its own clause, then its complement ("decided to go to Iraq"), before a
            # place the sentence gives another clause ("after talks in Beirut").
            for span in (clause, governed):
                own = [t for t in free if any(i in span for i in range(t.start, t.end))]
                if own:
                    return _best(own, trigger.i).place
        if free:
            return _best(free, trigger.i if trigger is not None else free[0].start).place
        arrival = _latest_arrival(doc, event, toponyms, words)
        if arrival is not None:
            return arrival
        country = _actor_country(event, _host_actor(event, words))
        if country:
            city = _city_in_paragraph(doc, event, toponyms, country)
            return city or self.gazetteer.country(country)
        if trigger is not None and _says_here(trigger, words):
            return context.near
        return None


def story_context(doc: Document, gazetteer: Gazetteer, entities: list) -> Context:
    """The story's countries (from its actors and its unambiguous place names in
    ``entities``, the parse's place entities) and dateline."""
    context = Context()
    for actor in doc.actors:
        if actor.country:
            context.countries[actor.country] = context.countries.get(actor.country, 0.0) + 1.0
    if doc.dateline and doc.dateline.place:
        context.near = gazetteer.resolve(doc.dateline.place, context)
        if context.near:
            context.add(context.near, 2.0)
    return gazetteer.context_for([ent.text for ent in entities], context)


def find_toponyms(
    doc: Document, gazetteer: Gazetteer, context: Context, entities: list, words: SpatialWords
) -> list[Toponym]:
    """Every place the gazetteer knows, resolved in ``context``: the parse's place entities,
    then the locations the actors stage found that the tagger missed ("arrived in Bamako")."""
    spans = list(entities)
    taken = {i for span in spans for i in range(span.start_char, span.end_char)}
    for mention in doc.mentions:
        if mention.rule == MentionRule.LOCATIVE and mention.start not in taken:
            span = doc.parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    found = []
    for span in spans:
        place = _resolve_entity(span, doc.text, gazetteer, context, words.directions)
        if place is None:
            continue
        sentence = doc.sentence_at(span.start_char)
        weight = max(_locative_weight(span.root, words), _facility_weight(span, words))
        found.append(
            Toponym(
                span.start, span.end, span.start_char, span.end_char, span.text, place, weight,
                sentence,
            )
        )  # fmt: skip
    return found


def to_place(place: GazPlace) -> Place:
    return Place(
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        precision=place.precision,
    )


def _is_place_entity(ent, words: SpatialWords) -> bool:
    """A place label, or a name the tagger mislabelled that the text itself calls a place:
    "the border town of Mandera" (tagged ORG)."""
    if ent.label_ in PLACE_LABELS:
        return True
    root = ent.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in words.place_nouns
    )


def _resolve_entity(
    ent, text: str, gazetteer: Gazetteer, context: Context, directions: frozenset[str]
) -> GazPlace | None:
    """The entity's place: "northern X" as a region, else the name or a shorter one (see
    ``Gazetteer.resolve_phrase``); a town of the state or country written after it when
    it has one ("Paris, Tenn."). ``text`` is the document's (the parse's own ``text`` is
    joined from its tokens anew on every reading)."""
    following = text[ent.end_char : ent.end_char + _QUALIFIER_CHARS]
    within = gazetteer.qualifier(following)
    previous = ent.doc[ent.start - 1] if ent.start > 0 else None
    if previous is not None and previous.lower_ in directions:
        place = gazetteer.resolve(f"{previous.text} {ent.text}", context, within=within)
        if place is not None:
            return place
    return gazetteer.resolve_phrase(ent.text, context, within=within, skip=directions)


def _locative_weight(token, words: SpatialWords) -> int:
    """How surely a name is where something happens: the object of "in", "at", "to" ...

    Climbs from the name through the nouns it describes ("Baghdad airport",
    "the northern city of Arbil") to the preposition that governs them.
    """
    prepositions = words.prepositions
    for _ in range(6):
        if token.dep_ in _NAME_LINKS and token.head.i != token.i:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head
        elif token.dep_ == "pobj":
            return prepositions.get(token.head.lower_, 0)
        else:
            return 0
    return 0


def _facility_weight(ent, words: SpatialWords) -> int:
    """A facility is a place even as an object: "shelled Baghdad airport"."""
    root = ent.root
    if ent.label_ == "FAC" or (root.dep_ == "compound" and root.head.lower_ in words.place_nouns):
        return 1
    return 0


def _best(toponyms: list[Toponym], index: int) -> Toponym:
    """The surest locative first, then the nearest to the trigger, then the finest place."""
    fineness = {CITY: 0, ADMIN2: 1, ADMIN1: 2, REGION: 3, COUNTRY: 4}
    return min(
        toponyms,
        key=lambda t: (-t.weight, abs(index - t.start), fineness.get(t.place.precision, 5)),
    )


def _latest_arrival(
    doc: Document, event: Event, toponyms: list[Toponym], words: SpatialWords
) -> GazPlace | None:
    """Where the event's source last arrived before it ("Larijani arrived in Baghdad"):
    an event of that actor that names no place happens there."""
    if event.source is None or not event.source.text:
        return None
    verbs = words.arrival
    earlier = [t for t in toponyms if t.weight == 2 and t.sentence < event.sentence]
    for toponym in sorted(earlier, key=lambda t: t.start, reverse=True):
        verb = _governing_verb(doc.parsed[toponym.start : toponym.end].root)
        if verb is not None and verb.lemma_ in verbs and _is_subject(verb, event.source):
            return toponym.place
    return None


def _governing_verb(token):
    """The verb a place name's preposition hangs on: "arrived" in "arrived in Baghdad"."""
    while token.dep_ in _NAME_LINKS or token.dep_ in ("pobj", "prep"):
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _is_subject(verb, ref: ActorRef) -> bool:
    """Whether the actor ``ref`` is the verb's subject (its name or the words it is written
    with, in the subject phrase)."""
    words = {ref.text.lower(), ref.name.lower()}
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subject = " ".join(t.text for t in child.subtree).lower()
            if any(word and word in subject for word in words):
                return True
    return False


def _host_actor(event: Event, words: SpatialWords) -> ActorRef | None:
    """The actor whose place is where the event happens: the host of a visit."""
    code = event.cameo.code if event.cameo else ""
    for prefix, role in words.actor_country_codes.items():
        if code.startswith(prefix):
            return event.target if role == "target" else event.source
    return None


def _actor_country(event: Event, host: ActorRef | None) -> str | None:
    """The country an event without a named place happens in, from its actors (the
    ``host``'s, for a visit)."""
    if host is not None and host.country:
        return host.country
    countries = {ref.country for ref in (event.source, event.target) if ref and ref.country}
    if len(countries) == 1 and event.source and event.target:
        return countries.pop()
    return None


def _city_in_paragraph(doc, event: Event, toponyms: list[Toponym], country: str):
    """A city of ``country`` named as a location in the event's paragraph, the nearest first."""
    paragraph = doc.sentences[event.sentence].paragraph
    cities = [
        t
        for t in toponyms
        if t.weight > 0
        and t.place.country == country
        and t.place.precision != COUNTRY
        and doc.sentences[t.sentence].paragraph == paragraph
    ]
    return min(cities, key=lambda t: abs(t.sentence - event.sentence)).place if cities else None


def _says_here(trigger, words: SpatialWords) -> bool:
    return any(token.lower_ in words.here for token in trigger.sent)
