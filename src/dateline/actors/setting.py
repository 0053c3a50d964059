"""Where a story and a described group are, and so whose they are.

The dateline's place gives the story's country ("KAMPALA, Uganda (AP) —", "LAGOS
(Reuters) -", a city the country tables do not know). A described group names no country
("protesters", "gunmen", "police", "villagers"); the place its own clause names ("in
Dhaka", "near Goma", "in Pakistan's Balochistan province") says whose group it is better
than the story's most named country, which is often the country the group acts against.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..kb.gazetteer import FOREIGN_PLACE_POPULATION, Gazetteer
from ..kb.lexicon import EntryKind, Lexicon, Role, phrase_key
from ..model import ActorKind

# the kinds of dictionary entry that name where something happens ("in Iraq", "in
# Baghdad", "in Darfur"); a demonym ("Iraqi") names a people, not a place
PLACE_ENTRY_KINDS = frozenset({EntryKind.STATE, EntryKind.CAPITAL, EntryKind.REGION})
# the sectors of bodies that belong to no country unless the text says which: "the company"
STATELESS_ROLE_SECTORS = frozenset({"BUS"})
# the sectors of armed forces and police: a force that reports an act of soldiers or
# police reports its own ("the Malian army said")
FORCE_SECTORS = frozenset({"MIL", "COP"})
# prepositions by which a group's own phrase says where its people are: "residents of
# Kherson", "police in Karachi", "gunmen from Sudan"
OWN_PLACE_WORDS = frozenset({"of", "in", "from"})
# dependency labels that open a clause of their own: a place there belongs to that clause
# ("police arrested men who had been trained in India": India is the training's place)
CLAUSE_LABELS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "acl", "pcomp", "csubj", "parataxis"}
)


@dataclass(frozen=True)
class StoryCountry:
    """The country a story or a phrase is about, and why: coded onto actors that name none."""

    country: str | None
    why: str


def dateline_country(
    place: str, lexicon: Lexicon, gazetteer: Gazetteer, day=None
) -> StoryCountry | None:
    """The country of a dateline's place. The country or state written after the city
    ("GOMA, Congo", "PARIS, Texas") when the city lies in it; else the city as the
    country tables know it ("BRAZZAVILLE, Congo", "KHARTOUM"); else the city in the
    gazetteer ("LAGOS", and "ATLANTA, Georgia", where Georgia is then a state); else
    the country written."""
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if not parts:
        return None
    why = f"dateline {place}"
    whole = _place_entry_country(lexicon, place, day)
    if whole:
        return StoryCountry(whole, why)
    written = _written_country(parts[1:], lexicon, gazetteer, day)
    if written and gazetteer.place_country(parts[0], (written,)) == written:
        return StoryCountry(written, why)
    capital = _place_entry_country(lexicon, parts[0], day)
    if capital:
        return StoryCountry(capital, why)
    city = gazetteer.place_country(parts[0], (written,) if written else ())
    if city:
        return StoryCountry(city, f"{why} (GeoNames)")
    return StoryCountry(written, why) if written else None


def _written_country(after: list[str], lexicon: Lexicon, gazetteer: Gazetteer, day) -> str | None:
    """The country a dateline writes after its city: a country, or a state's country."""
    if not after:
        return None
    country = _place_entry_country(lexicon, after[-1], day)
    if country:
        return country
    state = gazetteer.qualifier(", " + ", ".join(after))
    return state.country if state is not None else None


def _place_entry_country(lexicon: Lexicon, phrase: str, day) -> str | None:
    entry = lexicon.best(phrase_key(phrase), day)
    if entry is not None and entry.country and entry.kind in PLACE_ENTRY_KINDS:
        return entry.country
    return None


def described_country(story, head, countries, modifiers, kind, role: Role) -> StoryCountry:
    """A group or body named by its role takes the place of its clause before the story's
    country ("protesters in Dhaka"); a person by title does not ("the foreign minister
    arrived in Kabul" is a visitor), unless a local office holder ("the regional governor
    said", actors/local_offices.txt). A company ("the company") or a machine ("a storage
    tank", "warplanes") named by its role has no country but the one the phrase writes:
    firms are not their story's state, and a machine is its force's only by its label."""
    countries = countries or clause_countries(story, head)
    company = kind == ActorKind.ORGANISATION and role.sector in STATELESS_ROLE_SECTORS
    machine = head.lemma_.lower() in story.words.equipment
    if (company or machine) and not countries:
        return StoryCountry(None, "")
    # a local office holder by title ("the regional governor") is of the story's place
    local = head.lemma_.lower() in story.words.local_offices
    placed_at = head if kind != ActorKind.PERSON or local else None
    return story.country_or_context(countries, [*modifiers, *_members_of(head)], placed_at)


def _members_of(head) -> list:
    """ "fighters of the al Qaeda-linked JNIM group": the body named after "of" (its own
    name, not the bodies its modifiers link it to)."""
    return [
        t
        for of in head.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for body in of.children
        if body.dep_ == "pobj"
        for t in (body, *(c for c in body.children if c.dep_ in ("compound", "flat", "appos")))
    ]


def clause_countries(story, head) -> list:
    """ "the militia that controls Afghanistan", "rebels who are based in Sudan": the
    country its relative clause places a group in, better than the story's country.
    The clause's country stays its own mention; only its code is borrowed."""
    found = []
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        objects = [c for c in clause.children if c.dep_ in ("dobj", "attr")]
        objects += [o for p in clause.children if p.dep_ == "prep" for o in p.children]
        objects += [
            o
            for c in clause.children
            if c.dep_ in ("acomp", "oprd") or c.tag_ == "VBN"
            for p in c.children
            if p.dep_ == "prep"
            for o in p.children
        ]
        found += [m for m in map(story.nationality, objects) if m]
    return sorted(found, key=lambda m: m.start)[:1]


def sentence_place(story, head) -> StoryCountry | None:
    """The country of the place the phrase itself names ("residents of Kherson", "police
    in Karachi"), else of the place nearest ``head`` in its own clause, else in its
    sentence ("gunmen killed six people near Goma")."""
    for name in (c for c in head.children if c.dep_ == "compound"):
        placed = place_country(story, name)
        if placed is not None:
            return placed
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in OWN_PLACE_WORDS):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            placed = _named_place(story, obj)
            if placed is not None:
                return placed
    own = clause_of(head)
    found = []
    for token in head.sent:
        placed = place_country(story, token)
        if placed is not None:
            found.append((clause_of(token) != own, abs(token.i - head.i), token.i, placed))
    if not found:
        return None
    *_, placed = min(found, key=lambda f: f[:3])
    return placed


def group_place(story, head) -> StoryCountry | None:
    """Where a described group is: its sentence's place, else (a force) the country of
    the force that reports what it did, else the place where the story last said things
    happen ("attacked a base near Kismayo ... killed 20 soldiers"), else the dateline's,
    where the reporter files from (a Nairobi bureau covers Somalia): each says more than
    the country the story names most."""
    return (
        sentence_place(story, head)
        or reporter_country(story, head)
        or earlier_place(story, head)
        or story.dated
    )


def reporter_country(story, head) -> StoryCountry | None:
    """ "Soldiers killed 12 jihadists near the border, the Malian army said": a force
    that reports an act of soldiers or police reports its own."""
    role = story.role_of(head)
    root = head.sent.root
    if role is None or role.sector not in FORCE_SECTORS:
        return None
    if root.lemma_.lower() not in story.words.reporting_verbs or root == head.head:
        return None
    for subject in (c for c in root.children if c.dep_ == "nsubj"):
        said_by = story.role(subject, [t for t in subject.subtree if t.i < subject.i])
        if said_by is None or said_by.sector not in FORCE_SECTORS:
            continue
        for token in subject.subtree:
            match = story.nationality(token)
            if match is not None:
                return StoryCountry(match.entry.country, f"reported by '{subject.text}'")
    return None


def earlier_place(story, head) -> StoryCountry | None:
    """The country of the last place named before ``head``'s sentence as where things
    happen ("in", "near"; not "from"): where the story was when it came to this one."""
    for token in reversed(story.parsed[: head.sent.start]):
        if token.dep_ != "pobj" or token.head.lower_ not in story.words.event_places:
            continue
        placed = place_country(story, token)
        if placed is not None:
            return placed
    return None


def clause_of(token):
    """The head of the clause a token belongs to (its nearest clause-opening ancestor)."""
    while token.dep_ not in CLAUSE_LABELS and token.head.i != token.i:
        token = token.head
    return token.i


def place_country(story, token) -> StoryCountry | None:
    """The country of a place phrase in locative position ("in Dhaka", "near the town of
    Tataouine", "in Sindh province", "in Pakistan's Balochistan province"), or of a town
    named on a role ("Lagos police", "Kherson officials"), else None."""
    if story.is_place(token):
        return _named_place(story, token)
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and story.role_of(token.head):
        return _gazetteer_place(story, token)
    return None


def _named_place(story, token) -> StoryCountry | None:
    match = story.entry_at.get(token.i)
    if match is not None and match.entry.country and match.entry.kind in PLACE_ENTRY_KINDS:
        if match.entry.kind == EntryKind.CAPITAL:
            home = _home_namesake(story, story.parsed[match.start : match.end].text)
            if home is not None:
                return home
        return StoryCountry(match.entry.country, f"place '{token.text}' ({match.entry.source})")
    if token.lemma_.lower() in story.lexicon.place_nouns:
        return _place_noun(story, token)
    return _gazetteer_place(story, token)


def _home_namesake(story, name: str) -> StoryCountry | None:
    """ "militias in Tripoli" in a story about Lebanon: its own big Tripoli, not Libya's
    capital (a small namesake in the story's country is no such evidence: "Dhaka")."""
    home = story.context.country
    big = [
        place
        for place in story.gazetteer.lookup(name)
        if place.country == home and place.population >= FOREIGN_PLACE_POPULATION
    ]
    return StoryCountry(home, f"place '{name}' in {home} (GeoNames)") if big else None


def _place_noun(story, noun) -> StoryCountry | None:
    """ "Pakistan's Balochistan province", "the Kenyan capital", "Sindh province", "the
    town of Tataouine": the owner, the label or the name of a place noun."""
    for child in noun.children:
        if child.dep_ == "poss" or child.dep_ in ("amod", "compound"):
            match = story.entry_at.get(child.i)
            if match is not None and match.entry.country:
                return StoryCountry(match.entry.country, f"place '{child.text} {noun.text}'")
    names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:
        name = story.parsed[names[0].left_edge.i : names[-1].i + 1].text
        return _gazetteer_name(story, name)
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in of.children if o.dep_ == "pobj"):
            return _named_place(story, obj)
    return None


def _gazetteer_place(story, token) -> StoryCountry | None:
    """A proper name the country tables do not know: a city or a state of the gazetteer.
    The tagger often takes a town for a person ("near Goma", "in Khan Younis"): the name
    still counts there, being in a place's position."""
    if token.pos_ != "PROPN" and token.ent_type_ not in ("GPE", "LOC"):
        return None  # "Lagos police": the tagger's place, though parsed as a noun
    ent = story.ent_at.get(token.i)
    return _gazetteer_name(story, ent.text if ent is not None else token.text)


def _gazetteer_name(story, name: str) -> StoryCountry | None:
    country = story.place_country(name)
    return StoryCountry(country, f"place '{name}' (GeoNames)") if country else None
