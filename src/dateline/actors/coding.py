"""What a noun phrase codes: an actor's name, country, sector and kind, with the evidence.

``Story`` holds what every phrase of one document is coded against: its dictionary
matches, its named entities, the story's country and the actors stage's vocabularies.
The coders below turn a phrase's head, role and countries into a ``CodedActor``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from ..kb.gazetteer import Gazetteer
from ..kb.lexicon import (
    COUNTRY_KINDS,
    DictionaryMatch,
    Entry,
    EntryKind,
    Lexicon,
    Role,
    token_key,
)
from ..kb.spatial import institution_prepositions, locative_prepositions
from ..model import ActorKind, Document, MentionRule
from ..resources import csv_rows, data_path, word_set, yaml_data
from .setting import (
    STATELESS_ROLE_SECTORS,
    StoryCountry,
    dateline_country,
    described_country,
    group_place,
)

# the actor a dictionary entry codes: its own kind, or the state or people a place or
# demonym stands for
ENTRY_ACTOR_KINDS = {EntryKind(kind.value): kind for kind in ActorKind} | {
    EntryKind.CAPITAL: ActorKind.STATE,
    EntryKind.DEMONYM: ActorKind.GROUP,
    EntryKind.REGION: ActorKind.STATE,
}
# the reporting verbs are the modality stage's ("the army said"): one list for both stages
REPORTING_FILE = "patterns/modality.yaml"
# particles of a name written lower case; "i" and "e" join Urdu and Persian names
# ("Tehrik-i-Taliban", "Jaish-e-Mohammed")
NAME_LINKS = frozenset(
    {"the", "of", "and", "al", "el", "d", "de", "du", "la", "le", "for", "on", "in", "i", "e"}
)


@dataclass(frozen=True)
class CodedActor:
    """What a phrase names: the actor, the rule that coded it and the evidence."""

    name: str
    country: str | None
    sector: str | None
    kind: ActorKind
    rule: MentionRule
    evidence: str


@dataclass
class Candidate:
    """A noun phrase coded as an actor, or a pronoun/description waiting for its antecedent."""

    start: int  # token span in doc.parsed
    end: int
    actor: CodedActor
    # a pronoun, description or surname: ``actor.kind`` is the kind of the earlier actor
    # it refers to, and only coreference gives it a country and sector
    refers: bool = False
    possessor: int | None = None  # "its foreign minister": the pronoun that gives the country
    head: int | None = None  # token index of the phrase head
    appos_of: int | None = None  # "Ali Larijani, Iran's top official,": the head it renames
    dual: bool = False  # "the two countries": refers to two earlier actors, one mention each


@dataclass(frozen=True)
class ActorVocabulary:
    """The actors stage's own word lists (the dictionaries' are in the ``Lexicon``)."""

    pronouns: dict[str, ActorKind]  # pronoun -> the kind of actor it refers to
    not_nationality: frozenset[str]  # "ethnic Albanians" may live anywhere
    institution_places: frozenset[str]  # "in court", "at the hospital"
    name_particles: frozenset[str]  # vary between mentions: "al-Maliki", "Maliki"
    equipment: frozenset[str] = frozenset()  # "tank", "warplane": machines, not people
    # "in", "near", "through": their object is where things happen ("from": came from)
    event_places: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()  # "the army said": who reports it
    adjective_senses: frozenset[str] = frozenset()  # "a general strike": no army general
    local_offices: frozenset[str] = frozenset()  # "the regional governor": of the place

    @classmethod
    def shipped(cls) -> ActorVocabulary:
        return cls(
            pronouns={
                row["pronoun"]: ActorKind(row["kind"])
                for row in csv_rows(_actor_data("pronouns.csv"))
            },
            not_nationality=word_set(_actor_data("not_nationality.txt")),
            institution_places=institution_prepositions(),
            name_particles=word_set(_actor_data("name_particles.txt")),
            equipment=word_set(_actor_data("equipment.txt")),
            local_offices=word_set(_actor_data("local_offices.txt")),
            event_places=locative_prepositions() - word_set(_actor_data("origin_prepositions.txt")),
            reporting_verbs=frozenset(yaml_data(data_path(REPORTING_FILE))["reporting_verbs"]),
            adjective_senses=word_set(_actor_data("adjective_senses.txt")),
        )


class Story:
    """One document as the phrase coders see it."""

    def __init__(
        self, doc: Document, lexicon: Lexicon, words: ActorVocabulary, gazetteer: Gazetteer
    ):
        self.doc = doc
        self.parsed = doc.parsed
        self.lexicon = lexicon
        self.words = words
        self.gazetteer = gazetteer
        published = doc.published
        # a datetime compares with no date: dictionary validity is by day
        self.day: date | None = published.date() if isinstance(published, datetime) else published
        self.entry_at = self._dictionary_matches()
        self.ent_at = {i: ent for ent in self.parsed.ents for i in range(ent.start, ent.end)}
        self.dated = self._dateline_country()
        self.context = self.dated or self._context_country()

    def _dictionary_matches(self) -> dict[int, DictionaryMatch]:
        """Token index -> the dictionary phrase covering it (longest match, proper names),
        then misspelt country names and demonyms among the capitalised words left over."""
        keyed = [(t, key) for t in self.parsed if (key := token_key(t.text))]
        tokens = [t for t, _ in keyed]
        words = [key for _, key in keyed]

        def written_as_name(i: int, j: int) -> bool:
            # "turkey", "the valley": dictionary names are written capitalised
            return written_as_a_name(self.parsed[tokens[i].i : tokens[j - 1].i + 1])

        found: dict[int, DictionaryMatch] = {}
        for in_words in self.lexicon.matches(words, self.day, written_as_name):
            start, end = tokens[in_words.start].i, tokens[in_words.end - 1].i + 1
            match = DictionaryMatch(start, end, in_words.entry)
            for t in self.parsed[match.start : match.end]:
                found[t.i] = match
        for token in tokens:
            if token.i not in found and token.text[:1].isupper() and token.ent_type_ != "PERSON":
                entry = self.lexicon.misspelt(token.text, self.day, self.gazetteer)
                if entry is not None:
                    found[token.i] = DictionaryMatch(token.i, token.i + 1, entry)
        return found

    def _dateline_country(self) -> StoryCountry | None:
        dateline = self.doc.dateline
        if dateline and dateline.place:
            return dateline_country(dateline.place, self.lexicon, self.gazetteer, self.day)
        return None

    def _context_country(self) -> StoryCountry:
        """The country of a story with no dateline country: the most named country."""
        starts = sorted({match.start for match in self.entry_at.values()})
        # in text order, so that a tie goes to the country named first
        counts = Counter(
            match.entry.country
            for match in (self.nationality(self.parsed[start]) for start in starts)
            if match
        )
        if counts:
            country, _ = counts.most_common(1)[0]
            return StoryCountry(country, "the story's most named country")
        # no country named: the country of the groups and people the dictionaries know
        known = Counter(self.entry_at[start].entry.country for start in starts)
        known.pop(None, None)
        if known:
            country, _ = known.most_common(1)[0]
            return StoryCountry(country, "the country of the story's known actors")
        # nobody known either: the country of the first city or state named ("in
        # Istanbul", "in Cabo Delgado province")
        for ent in self.parsed.ents:
            if ent.label_ in ("GPE", "LOC") and (country := self.gazetteer.place_country(ent.text)):
                return StoryCountry(country, f"place '{ent.text}' (GeoNames)")
        return StoryCountry(None, "")

    def nationality(self, token) -> DictionaryMatch | None:
        """The country or demonym the token is part of, unless a word before it says it
        names no nationality ("ethnic Albanians")."""
        match = self.entry_at.get(token.i)
        if not match or match.entry.kind not in COUNTRY_KINDS or not match.entry.country:
            return None
        before = [t.lower_ for t in self.parsed[max(match.start - 2, 0) : match.start]]
        if any(word in self.words.not_nationality for word in before):
            return None
        return match

    def city_country(self, name: str) -> str | None:
        """The country of a city named in the text ("Basra" -> IRQ), from the gazetteer."""
        return self.gazetteer.city_country(name)

    def place_country(self, name: str) -> str | None:
        """The country of a city or state named in the text, the story's own when it has
        one so named ("Hyderabad" in a story from Pakistan), from the gazetteer."""
        prefer = (self.context.country,) if self.context.country else ()
        return self.gazetteer.place_country(name, prefer)

    def is_place(self, head, prepositions=None) -> bool:
        """A country or city after "in", "at", "from" ... is where things happen."""
        prepositions = prepositions or self.lexicon.locatives
        return head.dep_ == "pobj" and head.head.lower_ in prepositions

    def in_institution(self, head) -> bool:
        """ "at the hospital", "in court", "in Iraqi territory": a place, not a party."""
        return self.is_place(head, self.words.institution_places)

    def role(self, head, modifiers) -> Role | None:
        """The first role among the modifiers beats the head's: "police officer" is COP,
        "opposition candidate" OPP; a two-word role ("riot police") beats its parts."""
        lexicon = self.lexicon
        words = [t for t in modifiers if t.i < head.i]
        if words:
            pair = lexicon.role([words[-1].lemma_, head.lemma_]) or lexicon.role(
                [words[-1].text, head.text]
            )
            if pair:
                return pair
        for i, word in enumerate(words):
            if i + 1 < len(words) and (role := lexicon.role([word.lemma_, words[i + 1].lemma_])):
                return role
            if role := self.role_of(word):
                return role
        return self.role_of(head)

    def role_of(self, token) -> Role | None:
        """The role one word names, as written or as its lemma: "officials", "police"; none
        for an adjective that is another word ("a general strike")."""
        if token.tag_ == "JJ" and token.lower_ in self.words.adjective_senses:
            return None
        return self.lexicon.role([token.text]) or self.lexicon.role([token.lemma_])

    def affiliation(self, modifiers) -> Entry | None:
        """The body or leader a person or group serves: "U.N. Secretary-General Kofi
        Annan", "the Bush administration" (a known leader's country)."""
        for token in modifiers:
            match = self.entry_at.get(token.i)
            if match and match.entry.kind == EntryKind.ORGANISATION:
                return match.entry
            if match and match.entry.kind == EntryKind.PERSON and match.entry.country:
                return match.entry
        return None

    def country_or_context(self, countries, modifiers=(), placed_at=None) -> StoryCountry:
        """The first country the phrase names, else its body's, else (for a described
        group, ``placed_at`` its head) the place of its clause, else the story's."""
        if countries:
            entry = countries[0].entry
            return StoryCountry(entry.country, f"country {entry.country} from {entry.source}")
        body = self.affiliation(modifiers)
        if body is not None:
            return StoryCountry(body.country, f"member of {body.name} ({body.source})")
        placed = group_place(self, placed_at) if placed_at is not None else None
        if placed is not None:
            return StoryCountry(placed.country, f"country {placed.country} from {placed.why}")
        country = self.context.country
        why = f"country {country} from context ({self.context.why})" if country else ""
        return StoryCountry(country, why)

    def country_name(self, country: str, default: str) -> str:
        return self.lexicon.countries.get(country, default)


def from_entry(story: Story, head, entry: Entry, role, countries) -> CodedActor:
    """A dictionary name: its entry, with the text's own country and role where the
    entry lacks them."""
    country, sector = entry.country, entry.sector
    evidence = [entry.source]
    person = entry.kind == EntryKind.PERSON
    if person and any(
        t.lower_ in story.lexicon.former for t in story.parsed[head.left_edge.i : head.i]
    ):
        sector = "ELI"  # "ousted President Askar Akayev": no longer in office
        evidence.append("a former office holder -> ELI")
    # "King Hassan of Morocco": the text's own country beats a dictionary namesake's, and
    # an entry with none takes the text's (an organisation stays without, but a company
    # the text gives a country is that country's: "Russia's Gazprom")
    namesake = person and countries and countries[0].entry.country != country
    takes_text = entry.kind != EntryKind.ORGANISATION or entry.sector in STATELESS_ROLE_SECTORS
    if namesake or (country is None and countries and takes_text):
        found = story.country_or_context(countries)
        country = found.country
        evidence.append(found.why)
    if sector is None and role is not None and entry.kind != EntryKind.STATE:
        sector = role.sector
        evidence.append(f"role '{role.words}'")
    if entry.kind == EntryKind.DEMONYM and entry.country:
        return _people(story, head, entry, country, sector, evidence)
    rule = MentionRule.CAPITAL if entry.kind == EntryKind.CAPITAL else MentionRule.DICTIONARY
    return CodedActor(
        entry.name, country, sector, ENTRY_ACTOR_KINDS[entry.kind], rule, "; ".join(evidence)
    )


def _people(story: Story, head, entry: Entry, country, sector, evidence) -> CodedActor:
    """ "the Iranians", "Palestinian" as a noun: the people of the country."""
    name = f"{story.country_name(entry.country, entry.name)} people"
    if story.nationality(head) is None:
        # "ethnic Turks": an ethnic group, coded with the story's country
        name = head.text
        country = story.context.country
        evidence.append(f"ethnic group; country {country} from context ({story.context.why})")
    if sector is None:
        sector = "CVL"  # a people with no role named: civilians
        evidence.append("a people -> CVL")
    return CodedActor(
        name, country, sector, ActorKind.GROUP, MentionRule.DEMONYM, "; ".join(evidence)
    )


def person(story: Story, span, role, countries, modifiers) -> CodedActor:
    """A person the tagger found, with the title and country written beside the name
    (or inside it: the tagger's "Kenyan MPs" is a group of the demonym's country)."""
    found = StoryCountry(None, "")
    inside = _own_countries(story, span)
    if role is not None and inside and not countries:
        return role_phrase(story, span.root, list(span), role, inside, [])
    if role is not None or countries:
        found = story.country_or_context(countries, modifiers)
    evidence = [f"person '{span.text}'"]
    if role is not None:
        evidence.append(f"title '{role.words}' -> {role.sector}")
    if found.why:
        evidence.append(found.why)
    rule = MentionRule.TITLE if role is not None else MentionRule.NER
    sector = role.sector if role else None
    end = span.end - (span[-1].dep_ == "case")
    name = story.parsed[span.start : end].text
    return CodedActor(name, found.country, sector, ActorKind.PERSON, rule, "; ".join(evidence))


def _own_countries(story: Story, span) -> list[DictionaryMatch]:
    return [match for token in span if (match := story.nationality(token))][:1]


def role_phrase(story: Story, head, tokens, role: Role, countries, modifiers):
    """ "Iranian officials", "the police", "President Volodymyr Zelenskiy" untagged."""
    own = story.lexicon.role([head.lemma_])
    if own is not None and own.kind == ActorKind.ORGANISATION and story.in_institution(head):
        return None  # "at the hospital", "in court", "in parliament"
    own = own or role
    plural = head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "nummod" for t in tokens)
    kind = ActorKind.GROUP if plural else own.kind
    found = described_country(story, head, countries, modifiers, kind, own)
    words = [
        t.text
        for t in tokens
        if t.dep_ not in ("det", "nummod", "case", "punct") and t.pos_ != "PRON" and t.i <= head.i
    ]
    evidence = f"role '{role.words}' -> {role.sector}" + (f"; {found.why}" if found.why else "")
    rule = MentionRule.DEMONYM if countries else MentionRule.ROLE
    name = [t.text for t in tokens if t.pos_ == "PROPN" and not story.lexicon.role([t.lemma_])]
    if head.pos_ == "PROPN" and not plural and name and own.kind != ActorKind.ORGANISATION:
        # "President Volodymyr Zelenskiy" untagged as a person: the name after the title;
        # "the Montenegro Assembly" names the body itself
        kind, rule, words = ActorKind.PERSON, MentionRule.TITLE, name
    return CodedActor(" ".join(words), found.country, role.sector, kind, rule, evidence)


def national(story: Story, head, tokens, countries) -> CodedActor | None:
    """A thing that acts under a national label: "Israeli helicopters"."""
    if story.in_institution(head):
        return None  # "in Iraqi territory"
    entry = countries[0].entry
    kind = ActorKind.GROUP if head.tag_ in ("NNS", "NNPS") else ActorKind.ORGANISATION
    words = [t.text for t in tokens if t.dep_ not in ("det", "nummod", "case", "punct")]
    return CodedActor(" ".join(words), entry.country, None, kind, MentionRule.DEMONYM, entry.source)


def organisation(story: Story, head, countries) -> CodedActor:
    """An organisation or a people the tagger named, with the role its name ends in."""
    ent = story.ent_at[head.i]
    role = None
    for token in reversed(ent):
        role = story.role_of(token)
        if role:
            break
    country = countries[0].entry.country if countries else None
    kind = ActorKind.GROUP if ent.label_ == "NORP" else ActorKind.ORGANISATION
    evidence = f"named entity {ent.label_}" + (f"; role '{role.words}'" if role else "")
    sector = role.sector if role else None
    return CodedActor(ent.text, country, sector, kind, MentionRule.NER, evidence)


def written_as_a_name(span) -> bool:
    """Every word of a name but its particles ("of", "al-", "d'") starts with a capital."""
    words = [t for t in span if t.text[:1].isalpha() and t.lower_ not in NAME_LINKS]
    return bool(words) and all(t.text[:1].isupper() for t in words)


def _actor_data(name: str):
    return data_path(f"actors/{name}")
