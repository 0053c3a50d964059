"""Actors stage: who takes part in the story, coded with a country and a sector.

Every noun phrase of the parse is a candidate: a dictionary name ("Qods Force"), a person
with a title or role ("Prime Minister Nuri al-Maliki"), a group named by demonym and role
noun ("Iranian officials"), a country or capital standing for its government ("Washington
says"). A country or city in locative position ("arrived in Baghdad") gets a mention with
rule "locative" of its country's government: events use it only as a place-like target, and
it takes no part in coreference. Mentions of the same entity are then chained: repeated
names, surnames, pronouns and definite descriptions; a description of two ("both
governments", "the two countries") gets one mention per earlier actor on the same span.
Capitalised words the vocabularies miss may be misspelt country names ("Ethopia").
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from .kb.lexicon import (
    KINDS,
    Entry,
    Lexicon,
    Role,
    data_rows,
    load_lexicon,
    phrase_key,
    token_key,
    word_list,
)
from .kb.spatial import institution_prepositions
from .model import Actor, Document, Mention
from .settings import Settings

log = logging.getLogger(__name__)

NOMINAL = {"NOUN", "PROPN", "PRON"}
# dependents that belong to a noun phrase, left of its head and right of it
LEFT_DEPS = {"det", "amod", "compound", "nummod", "quantmod", "nmod", "poss", "case", "flat"}
RIGHT_DEPS = {"compound", "flat", "case"}
NOT_HEADS = {"compound", "flat", "amod", "nmod"}
COUNTRY_KINDS = {"state", "capital", "demonym", "region"}
# what a locative phrase names: "in Iraq", "in Baghdad", "in the Gaza Strip"
PLACE_KINDS = {"state", "capital", "region"}
LOCATIVE = "locative"
# pronoun -> the kind of actor it refers to
PRONOUNS = {row["pronoun"]: row["kind"] for row in data_rows("pronouns.csv")}
COMPATIBLE = {  # which earlier actors a pronoun or description may refer to
    "person": ("person",),
    "group": ("group", "state", "organisation"),
    "organisation": ("state", "organisation"),
    "state": ("state",),
}
NOT_NATIONALITY = word_list("not_nationality.txt")  # "ethnic Albanians" may live anywhere
INSTITUTION_PLACES = institution_prepositions()  # "in court", "at the hospital"
NAME_LINKS = {"the", "of", "and", "al", "el", "d", "de", "du", "la", "le", "for", "on", "in"}
NAME_PARTICLES = word_list("name_particles.txt")  # vary between mentions: "al-Maliki", "Maliki"
COREF_WINDOW = 3  # sentences back that a pronoun or description may reach
DUAL = {"both", "two"}  # "both governments", "the two sides": two earlier actors


class ActorCoder:
    """``coder(doc)`` fills ``doc.actors`` and ``doc.mentions`` from ``doc.parsed``."""

    def __init__(self, settings: Settings):
        self.lexicon = load_lexicon(settings.actor_files)

    def cue_words(self) -> frozenset[str]:
        """Lower-case words that may be an actor mention (one-word names, role nouns,
        definite descriptions, pronouns): the pre-parse sentence filter's actor
        candidates beside capitalised words."""
        words = {key[0] for key in self.lexicon.phrases if len(key) == 1}
        words.update(key[-1] for key in self.lexicon.roles)  # "foreign minister": minister
        return frozenset(words | self.referring_words())

    def referring_words(self) -> frozenset[str]:
        """Pronouns and definite descriptions: they refer to an earlier sentence's actor."""
        return frozenset(set(self.lexicon.descriptions) | set(PRONOUNS))

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        candidates = _Phrases(doc, self.lexicon).candidates()
        doc.actors, doc.mentions = _Chains(doc).link(candidates)
        return doc


@dataclass
class Candidate:
    """A noun phrase coded as an actor, or a pronoun/description waiting for its antecedent."""

    start: int  # token span in doc.parsed
    end: int
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | group | state | organisation, or "refers:<kind>"
    rule: str
    evidence: str
    possessor: int | None = None  # "its foreign minister": the pronoun that gives the country
    head: int | None = None  # token index of the phrase head
    appos_of: int | None = None  # "Ali Larijani, Iran's top official,": the head it renames
    dual: bool = False  # "the two countries": refers to two earlier actors, one mention each


# ---- coding noun phrases ----------------------------------------------------------------


class _Phrases:
    """Codes every noun phrase of one document."""

    def __init__(self, doc: Document, lexicon: Lexicon):
        self.doc = doc
        self.parsed = doc.parsed
        self.lexicon = lexicon
        published = doc.published
        # a datetime compares with no date: dictionary validity is by day
        self.day: date | None = published.date() if isinstance(published, datetime) else published
        self.entry_at = self._dictionary_matches()
        self.ent_at = {i: ent for ent in self.parsed.ents for i in range(ent.start, ent.end)}
        self.context = self._context_country()

    def _dictionary_matches(self) -> dict[int, tuple[int, int, Entry]]:
        """Token index -> the dictionary phrase covering it (longest match, proper names),
        then misspelt country names and demonyms among the capitalised words left over."""
        tokens = [t for t in self.parsed if token_key(t.text)]
        words = [token_key(t.text) for t in tokens]

        def written_as_name(i: int, j: int) -> bool:
            # "turkey", "the valley": dictionary names are written capitalised
            return _written_as_name(self.parsed[tokens[i].i : tokens[j - 1].i + 1])

        found: dict[int, tuple[int, int, Entry]] = {}
        for i, j, entry in self.lexicon.matches(words, self.day, written_as_name):
            start, end = tokens[i].i, tokens[j - 1].i + 1
            for t in self.parsed[start:end]:
                found[t.i] = (start, end, entry)
        for token in tokens:
            if token.i not in found and token.text[:1].isupper() and token.ent_type_ != "PERSON":
                entry = self.lexicon.misspelt(token.text, self.day)
                if entry is not None:
                    found[token.i] = (token.i, token.i + 1, entry)
        return found

    def _context_country(self) -> tuple[str | None, str]:
        """The story's country: the dateline place, else the most named country."""
        dateline = self.doc.dateline
        if dateline and dateline.place:
            entry = self.lexicon.best(phrase_key(dateline.place), self.day)
            if entry and entry.country and entry.kind in COUNTRY_KINDS:
                return entry.country, f"dateline {dateline.place}"
        starts = sorted({match[0] for match in self.entry_at.values()})
        # in text order, so that a tie goes to the country named first
        counts = Counter(
            match[2].country
            for match in (self._nationality(self.parsed[start]) for start in starts)
            if match
        )
        if counts:
            country, _ = counts.most_common(1)[0]
            return country, "the story's most named country"
        # no country named: the country of the groups and people the dictionaries know
        known = Counter(self.entry_at[start][2].country for start in starts)
        known.pop(None, None)
        if known:
            country, _ = known.most_common(1)[0]
            return country, "the country of the story's known actors"
        return None, ""

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        skipped = self._dateline_spans()
        for token in self.parsed:
            if token.pos_ in NOMINAL and (
                token.dep_ not in NOT_HEADS or self._named_modifier(token)
            ):
                found = self._code_phrase(token)
                out.extend(c for c in found if not _inside(self.parsed, c, skipped))
        out = self._whole_dictionary_names(out)
        out += [c for c in self._uncovered_names(out) if not _inside(self.parsed, c, skipped)]
        return sorted(out, key=lambda c: (c.start, -c.end))

    def _whole_dictionary_names(self, candidates: list[Candidate]) -> list[Candidate]:
        """A dictionary name is one mention even where the parse splits it into phrases:
        "the Council of Elders" is one name, not "the Council" and "Elders"."""
        grown = []
        for cand in candidates:
            match = self.entry_at.get(cand.head) if cand.head is not None else None
            if match is not None and match[0] >= cand.start and match[1] > cand.end:
                cand.end = match[1]
                grown.append((cand.start, cand.end))
        return [c for c in candidates if not _within_another(c, grown)]

    def _uncovered_names(self, candidates: list[Candidate]) -> list[Candidate]:
        """A user dictionary's names are actors wherever their words are, not only where
        the parse makes them a noun phrase ("Ostmark" tagged as an adjective or a verb)."""
        covered = {i for c in candidates for i in range(c.start, c.end)}
        found = []
        for start, end, entry in sorted(set(self.entry_at.values()), key=lambda m: m[0]):
            if entry.priority == 0 or covered & set(range(start, end)):
                continue
            head = self.parsed[end - 1]
            name, country, sector, kind, rule, evidence = self._from_entry(head, entry, None, [])
            found.append(Candidate(start, end, name, country, sector, kind, rule, evidence))
            found[-1].head = head.i
            covered.update(range(start, end))
        return found

    def _named_modifier(self, token) -> bool:
        """An organisation named as a modifier still takes part: "a NATO proposal"."""
        match = self.entry_at.get(token.i)
        return bool(match) and match[1] == token.i + 1 and match[2].kind not in COUNTRY_KINDS

    def _dateline_spans(self) -> list[tuple[int, int]]:
        """``BAGHDAD, April 29 (AFP) -``: the place and agency there are no participants."""
        dateline = self.doc.dateline
        if not dateline or not dateline.text:
            return []
        text, spans, at = self.doc.text, [], self.doc.text.find(dateline.text)
        while at >= 0:
            spans.append((at, at + len(dateline.text)))
            at = text.find(dateline.text, at + 1)
        return spans

    def _phrase(self, head) -> list:
        """The head and its noun-phrase dependents (no clauses, no prepositions)."""
        tokens = [head]
        for child in head.children:
            if child.i < head.i and child.dep_ in LEFT_DEPS:
                tokens.extend(child.subtree)
            elif child.i > head.i and (
                child.dep_ in RIGHT_DEPS
                or (
                    child.dep_ == "appos"
                    and child.left_edge.i == head.i + 1
                    and child.pos_ != "PRON"
                )
            ):
                tokens.extend(child.subtree if child.dep_ == "appos" else self._phrase(child))
        return sorted(set(tokens), key=lambda t: t.i)

    def _code_phrase(self, head) -> list[Candidate]:
        tokens = self._phrase(head)
        start, end = tokens[0].i, tokens[-1].i + 1
        while end - 1 > start and self.parsed[end - 1].dep_ in ("case", "punct"):
            end -= 1  # "Larijani's": the mention is the name
        lower = head.text.lower()
        if head.pos_ == "PRON":
            kind = PRONOUNS.get(lower)
            return [self._waiting(start, end, kind, "coref:pronoun")] if kind else []
        kind = self._description_kind(head, tokens)
        if kind is not None:
            waiting = self._waiting(start, end, kind, "coref:description")
            waiting.dual = _dual(head, tokens)
            return [waiting]
        located = self._locative(head, start, end)
        if located is not None:
            return [located]
        holder = self._holder(head, tokens)
        if holder is not None:
            return [holder]
        coded = self._code_named(head, tokens, start, end)
        if not coded and head.pos_ == "PROPN" and head.is_title:
            # "Mr Larijani" missed by the tagger: kept only if it names an earlier person
            return [self._waiting(head.i, head.i + 1, "name", "coref:surname")]
        return coded

    def _description_kind(self, head, tokens) -> str | None:
        """What a definite description refers back to: "the men" a group, "the two
        leaders" people; "both governments" two states (a government role, two of them)."""
        if not _bare_description(head, tokens):
            return None
        lower = head.text.lower()
        kind = self.lexicon.descriptions.get(lower)
        if not _dual(head, tokens):
            return kind
        if kind == "group":
            return "person"  # "the two men": two people named before
        role = self.lexicon.role([head.lemma_])
        return kind or ("state" if role is not None and role.sector == "GOV" else None)

    def _locative(self, head, start: int, end: int) -> Candidate | None:
        """ "arrived in Baghdad", "from southern Lebanon": the place's government, coded
        apart so that events may take it as a destination but never as a subject."""
        match = self.entry_at.get(head.i)
        # a user's dictionary knows its places better than the tagger ("from Bree", a person)
        users = match is not None and match[2].priority > 0
        if (head.ent_type_ == "PERSON" and not users) or not self._in_place_position(head):
            return None
        if match is not None and match[2].kind in PLACE_KINDS and match[2].country:
            country, evidence = match[2].country, match[2].source
        elif match is None and (head.ent_type_ in ("GPE", "LOC") or head.pos_ == "PROPN"):
            # the tagger often takes a town for an organisation or a people ("Samarra")
            name = self.ent_at[head.i].text if head.ent_type_ else head.text
            country, evidence = self.lexicon.city_country(name), f"city '{name}' (GeoNames)"
        else:
            return None
        if country is None:
            return None
        name = self.lexicon.countries.get(country, country)
        why = f"place after '{head.head.lower_}': {evidence} -> {country} GOV"
        return Candidate(start, end, name, country, "GOV", "state", LOCATIVE, why)

    def _in_place_position(self, head) -> bool:
        """After "in", "near" ...; or named by a place noun there: "near the town of X"."""
        if self._is_place(head):
            return True
        of, noun = head.head, head.head.head
        return (
            head.dep_ == "pobj"
            and of.lower_ == "of"
            and noun.lemma_.lower() in self.lexicon.place_nouns
            and self._is_place(noun)
        )

    def _holder(self, head, tokens) -> Candidate | None:
        """ "in US custody": the country named on a holding noun is an actor, its state."""
        if head.lemma_.lower() not in self.lexicon.holdings:
            return None
        if self._role(head, [t for t in tokens if t.i != head.i]) is not None:
            return None  # "in Israeli police custody": the police hold, coded as a role
        for token in tokens:
            match = self._nationality(token)
            if match and token.i != head.i:
                start, end, entry = match
                name = self.lexicon.countries.get(entry.country, entry.name)
                why = f"'{head.text}' held by {entry.source} -> GOV"
                return Candidate(start, end, name, entry.country, "GOV", "state", "holder", why)
        return None

    def _waiting(self, start: int, end: int, kind: str, rule: str) -> Candidate:
        text = self.parsed[start:end].text
        return Candidate(start, end, text, None, None, f"refers:{kind}", rule, rule)

    def _code_named(self, head, tokens, start: int, end: int) -> list[Candidate]:
        head_match = self._head_match(head)
        person = self._person_entity(head, tokens)
        if head_match and person and person.end - person.start > head_match[1] - head_match[0]:
            head_match = None  # "Denzel Washington" is a person, not the US government
        covered = set(range(*head_match[:2])) if head_match else set()
        if person is not None:
            covered |= set(range(person.start, person.end))
        modifiers = [t for t in tokens if t.i not in covered and t.i != head.i]
        countries = self._countries(head, modifiers)
        # "President Reagan's statement": the possessor's title is not the head's role
        owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        role = self._role(head, [t for t in modifiers if t.i not in owned])
        if role is not None and not head_match and person is None:
            end = self._end_at_plural_role(head, modifiers, end)
            head = self.parsed[end - 1] if end <= head.i else head
        if head_match:
            coded = self._from_entry(head, head_match[2], role, countries)
        elif person is not None:
            coded = self._person(person, role, countries, modifiers)
        elif role is not None:
            coded = self._role_phrase(head, tokens, role, countries, modifiers)
        elif head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            coded = self._organisation(head, countries)
        elif head.pos_ == "NOUN" and self._demonym_modifier(modifiers):
            coded = self._national(head, tokens, countries)
        else:
            return []
        if coded is None:
            return []
        possessor = next((t.i for t in modifiers if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        first = Candidate(start, end, *coded, possessor=possessor if not countries else None)
        first.head = head.i
        if head.dep_ == "appos" and not start <= head.head.i < end:
            first.appos_of = head.head.i
        # "Hungarian and Romanian officials": one actor per conjoined country
        others = [
            Candidate(
                s,
                end,
                f"{self.parsed[s:e].text} {head.text}",
                entry.country,
                *coded[2:4],
                "conjoined",
                entry.source,
            )
            for (s, e, entry) in countries[1:]
            if entry.country != first.country
        ]
        return [first, *others]

    def _end_at_plural_role(self, head, modifiers, end: int) -> int:
        """A plural role noun before a non-role head ends the phrase: "Iranian agents fund"."""
        if self.lexicon.role([head.lemma_]) or not modifiers:
            return end
        last = modifiers[-1]
        if (
            last.i == head.i - 1
            and last.tag_ in ("NNS", "NNPS")
            and self.lexicon.role([last.lemma_])
        ):
            return last.i + 1
        return end

    def _head_match(self, head):
        match = self.entry_at.get(head.i)
        if match is None:
            return None
        entry = match[2]
        if entry.kind in COUNTRY_KINDS and self._is_place(head):
            return None
        return match

    def _is_place(self, head, prepositions=None) -> bool:
        """A country or city after "in", "at", "from" ... is where things happen."""
        prepositions = prepositions or self.lexicon.locatives
        return head.dep_ == "pobj" and head.head.lower_ in prepositions

    def _person_entity(self, head, tokens):
        ents = [t for t in [head, *(c for c in head.children if c.dep_ == "appos")] if t in tokens]
        for token in ents:
            if token.ent_type_ == "PERSON":
                return self.ent_at[token.i]
        return None

    def _countries(self, head, modifiers) -> list[tuple[int, int, Entry]]:
        """Country names and demonyms among the modifiers, then "of Iran" or "in Guinea"
        after the head; "ethnic Albanians", "pro-Iranian" name no nationality."""
        found = {}
        for token in modifiers:
            match = self._nationality(token)
            if match:
                found[match[0]] = match
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                for obj in prep.children:
                    match = self._nationality(obj)
                    if match and match[2].kind != "capital":
                        found[match[0]] = match
        return [found[k] for k in sorted(found)]

    def _nationality(self, token):
        match = self.entry_at.get(token.i)
        if not match or match[2].kind not in COUNTRY_KINDS or not match[2].country:
            return None
        before = [t.lower_ for t in self.parsed[max(match[0] - 2, 0) : match[0]]]
        if any(word in NOT_NATIONALITY for word in before):
            return None
        return match

    def _role(self, head, modifiers) -> Role | None:
        """The first role among the modifiers beats the head's: "police officer" is COP,
        "opposition candidate" OPP; a two-word role ("riot police") beats its parts."""
        words = [t for t in modifiers if t.i < head.i]
        if words:
            pair = self.lexicon.role([words[-1].lemma_, head.lemma_]) or self.lexicon.role(
                [words[-1].text, head.text]
            )
            if pair:
                return pair
        for i, word in enumerate(words):
            if i + 1 < len(words) and (
                role := self.lexicon.role([word.lemma_, words[i + 1].lemma_])
            ):
                return role
            if role := self.lexicon.role([word.text]) or self.lexicon.role([word.lemma_]):
                return role
        return self.lexicon.role([head.text]) or self.lexicon.role([head.lemma_])

    def _affiliation(self, modifiers) -> Entry | None:
        """The body or leader a person or group serves: "U.N. Secretary-General Kofi
        Annan", "the Bush administration" (a known leader's country)."""
        for token in modifiers:
            match = self.entry_at.get(token.i)
            if match and match[2].kind == "organisation":
                return match[2]
            if match and match[2].kind == "person" and match[2].country:
                return match[2]
        return None

    def _country_or_context(self, countries, modifiers=()) -> tuple[str | None, str]:
        if countries:
            entry = countries[0][2]
            return entry.country, f"country {entry.country} from {entry.source}"
        body = self._affiliation(modifiers)
        if body is not None:
            return body.country, f"member of {body.name} ({body.source})"
        country, why = self.context
        return country, (f"country {country} from context ({why})" if country else "")

    def _from_entry(self, head, entry: Entry, role, countries):
        country, sector = entry.country, entry.sector
        evidence = [entry.source]
        if entry.kind == "person" and any(
            t.lower_ in self.lexicon.former for t in self.parsed[head.left_edge.i : head.i]
        ):
            sector = "ELI"  # "ousted President Askar Akayev": no longer in office
            evidence.append("a former office holder -> ELI")
        if entry.kind == "person" and countries and countries[0][2].country != country:
            # "King Hassan of Morocco": the text's own country beats a dictionary namesake
            country, why = self._country_or_context(countries)
            evidence.append(why)
        if country is None and countries and entry.kind != "organisation":
            country, why = self._country_or_context(countries)
            evidence.append(why)
        if sector is None and role is not None and entry.kind != "state":
            sector = role.sector
            evidence.append(f"role '{role.words}'")
        kind = {"capital": "state", "demonym": "group", "region": "state"}.get(
            entry.kind, entry.kind
        )
        if kind not in KINDS:
            kind = "organisation"
        rule = "capital" if entry.kind == "capital" else "dictionary"
        if entry.kind == "demonym" and entry.country:
            # "the Iranians", "Palestinian" as a noun: the people of the country
            name = f"{self.lexicon.countries.get(entry.country, entry.name)} people"
            if self._nationality(head) is None:
                # "ethnic Turks": an ethnic group, coded with the story's country
                name = head.text
                country, why = self.context
                evidence.append(f"ethnic group; country {country} from context ({why})")
            if sector is None:
                sector = "CVL"  # a people with no role named: civilians
                evidence.append("a people -> CVL")
            return name, country, sector, "group", "demonym", "; ".join(evidence)
        return entry.name, country, sector, kind, rule, "; ".join(evidence)

    def _person(self, person, role, countries, modifiers):
        country, why = (None, "")
        if role is not None or countries:
            country, why = self._country_or_context(countries, modifiers)
        evidence = [f"person '{person.text}'"]
        if role is not None:
            evidence.append(f"title '{role.words}' -> {role.sector}")
        if why:
            evidence.append(why)
        rule = "title" if role is not None else "ner"
        sector = role.sector if role else None
        end = person.end - (person[-1].dep_ == "case")
        name = self.parsed[person.start : end].text
        return name, country, sector, "person", rule, "; ".join(evidence)

    def _role_phrase(self, head, tokens, role: Role, countries, modifiers):
        own = self.lexicon.role([head.lemma_])
        if (
            own is not None
            and own.kind == "organisation"
            and self._is_place(head, INSTITUTION_PLACES)
        ):
            return None  # "at the hospital", "in court", "in parliament"
        country, why = self._country_or_context(
            countries or self._clause_countries(head), modifiers
        )
        own = own or role
        plural = head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "nummod" for t in tokens)
        kind = "group" if plural else own.kind
        words = [
            t.text
            for t in tokens
            if t.dep_ not in ("det", "nummod", "case", "punct")
            and t.pos_ != "PRON"
            and t.i <= head.i
        ]
        evidence = f"role '{role.words}' -> {role.sector}" + (f"; {why}" if why else "")
        rule = "demonym" if countries else "role"
        name = [t.text for t in tokens if t.pos_ == "PROPN" and not self.lexicon.role([t.lemma_])]
        if head.pos_ == "PROPN" and not plural and name and own.kind != "organisation":
            # "President Volodymyr Zelenskiy" untagged as a person: the name after the title;
            # "the Montenegro Assembly" names the body itself
            kind, rule, words = "person", "title", name
        return " ".join(words), country, role.sector, kind, rule, evidence

    def _clause_countries(self, head) -> list[tuple[int, int, Entry]]:
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
            found += [m for m in map(self._nationality, objects) if m]
        return sorted(found, key=lambda m: m[0])[:1]

    def _demonym_modifier(self, modifiers) -> bool:
        """A national label on a thing that acts: "Israeli helicopters", "US Predator"."""
        # the same test as ``_countries``: a label it refuses ("ethnic Albanian", a
        # demonym with no country) would leave the phrase with no country to code
        return any(
            self._nationality(token) and token.dep_ in ("amod", "compound") for token in modifiers
        )

    def _national(self, head, tokens, countries):
        if self._is_place(head, INSTITUTION_PLACES):
            return None  # "in Iraqi territory"
        entry = countries[0][2]
        kind = "group" if head.tag_ in ("NNS", "NNPS") else "organisation"
        words = [t.text for t in tokens if t.dep_ not in ("det", "nummod", "case", "punct")]
        return " ".join(words), entry.country, None, kind, "demonym", entry.source

    def _organisation(self, head, countries):
        ent = self.ent_at[head.i]
        role = None
        for token in reversed(ent):
            role = self.lexicon.role([token.text]) or self.lexicon.role([token.lemma_])
            if role:
                break
        country = countries[0][2].country if countries else None
        kind = "group" if ent.label_ == "NORP" else "organisation"
        evidence = f"named entity {ent.label_}" + (f"; role '{role.words}'" if role else "")
        return ent.text, country, role.sector if role else None, kind, "ner", evidence


# ---- chaining mentions into actors --------------------------------------------------------


class _Chains:
    """Links candidates to actors: same name, surname, pronoun, definite description."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.parsed = doc.parsed
        self.starts = [s.start for s in doc.sentences]
        self.actors: list[Actor] = []
        self.mentions: list[Mention] = []
        self.keys: dict[tuple, int] = {}
        self.actor_of_head: dict[int, int] = {}  # phrase head token -> actor
        self.state_of: dict[str, int] = {}  # country -> its first actor of kind state
        self.located_only: set[int] = set()  # actors named so far only as places

    def link(self, candidates: list[Candidate]) -> tuple[list[Actor], list[Mention]]:
        for cand in candidates:
            if cand.kind == "refers:name" or cand.rule == "ner" and cand.kind != "person":
                # "Mr Larijani", or "Larijani" mistaken for a group: an earlier person's name
                found = self._same_person(cand.name)
                if found is not None:
                    self._mention(cand, found, "coref:surname")
                    continue
            if cand.kind == "refers:name":
                continue
            if cand.rule == LOCATIVE:
                self._mention(cand, self._place_actor(cand), LOCATIVE)
                continue
            if cand.kind.startswith("refers:"):
                found = self._antecedents(cand, 2 if cand.dual else 1)
                if cand.dual and len(found) < 2:
                    found = found[:1]  # "both sides" with one side named: the nearest
                for actor in sorted(found):
                    # one mention per actor on the same span: one event each
                    self._mention(cand, actor, cand.rule)
                continue
            if cand.possessor is not None:
                self._country_from_possessor(cand)
            actor, rule = self._appositive(cand) or self._actor_for(cand)
            if cand.head is not None:
                self.actor_of_head.setdefault(cand.head, actor)
            self._mention(cand, actor, rule)
        return self.actors, self.mentions

    def _place_actor(self, cand: Candidate) -> int:
        """A place shares its country's state actor; a new one stays out of coreference."""
        index = self.state_of.get(cand.country)
        if index is None:
            index = len(self.actors)
            self.actors.append(Actor(cand.name, cand.country, "GOV", "state", cand.evidence))
            self.state_of[cand.country] = index
            self.located_only.add(index)
        return index

    def _actor_for(self, cand: Candidate) -> tuple[int, str]:
        if cand.kind == "state" and self.state_of.get(cand.country) in self.located_only:
            # "talks in Iraq ... Iraq said": the place named earlier is this actor
            index = self.state_of[cand.country]
            self.located_only.discard(index)
            self._complete(index, cand)
            return index, cand.rule
        if cand.kind == "person":
            found = self._same_person(cand.name)
            if found is not None:
                self._complete(found, cand)
                exact = self.actors[found].name == cand.name
                return found, cand.rule if exact else "coref:surname"
        key = (cand.name.lower(), cand.country, cand.sector, cand.kind)
        if key not in self.keys:
            self.keys[key] = len(self.actors)
            actor = Actor(cand.name, cand.country, cand.sector, cand.kind, cand.evidence)
            self.actors.append(actor)
            if cand.kind == "state" and cand.country:
                self.state_of.setdefault(cand.country, self.keys[key])
        return self.keys[key], cand.rule

    def _appositive(self, cand: Candidate) -> tuple[int, str] | None:
        """An appositive renames its head's actor: both descriptions code one actor."""
        index = self.actor_of_head.get(cand.appos_of) if cand.appos_of is not None else None
        if index is None:
            return None
        actor = self.actors[index]
        if actor.country and cand.country and actor.country != cand.country:
            return None  # "Iran, Iraq and Syria" misparsed as appositions
        if cand.kind == "person" and cand.rule in ("ner", "title") and actor.kind != "person":
            actor.name, actor.kind = cand.name, "person"
        elif cand.kind == "person" and cand.rule in ("ner", "title"):
            actor.name = cand.name  # the official's name is the better canonical name
        self._complete(index, cand)
        return index, "appos"

    def _same_person(self, name: str) -> int | None:
        """An earlier person whose name ends like this one ("Larijani" -> "Ali Larijani")."""
        words = _name_words(name)
        for index in range(len(self.actors) - 1, -1, -1):
            actor = self.actors[index]
            if actor.kind != "person":
                continue
            known = _name_words(actor.name)
            if words and known and words[-1] == known[-1] and set(words) <= set(known):
                return index
        return None

    def _complete(self, index: int, cand: Candidate) -> None:
        """A later, better described mention fills in what the first one left unknown."""
        actor = self.actors[index]
        filled = False
        if actor.country is None and cand.country:
            actor.country, filled = cand.country, True
        if actor.sector is None and cand.sector:
            actor.sector, filled = cand.sector, True
        if filled:
            actor.evidence += f"; {cand.evidence}"

    def _country_from_possessor(self, cand: Candidate) -> None:
        """The possessor gives the country: "Iran would send its foreign minister"."""
        word = self.parsed[cand.possessor].lower_
        kind = PRONOUNS.get(word)
        if kind is None:
            return
        at = cand.possessor
        actor = self._antecedent(Candidate(at, at + 1, word, None, None, f"refers:{kind}", "", ""))
        if actor is not None and self.actors[actor].country:
            cand.country = self.actors[actor].country
            cand.evidence = f"{cand.evidence.split('; country')[0]}; country from '{word}' -> "
            cand.evidence += self.actors[actor].name

    def _antecedent(self, cand: Candidate) -> int | None:
        """The nearest earlier actor of the preferred kind within a few sentences."""
        found = self._antecedents(cand, 1)
        return found[0] if found else None

    def _antecedents(self, cand: Candidate, wanted: int) -> list[int]:
        """Up to ``wanted`` distinct earlier actors of the preferred kind, nearest first,
        within a few sentences; two states must be two countries."""
        here = self._sentence(cand)
        start = self.parsed[cand.start].idx
        subject = self._local_subject(cand)
        earlier = [
            m
            for m in self.mentions
            if m.end <= start
            and here - m.sentence <= COREF_WINDOW
            and m.rule != LOCATIVE
            and not subject[0] <= m.start < subject[1]
        ]
        for kind in COMPATIBLE[cand.kind.split(":", 1)[1]]:
            found: list[int] = []
            for mention in reversed(earlier):
                actor = self.actors[mention.actor]
                if actor.kind != kind or mention.actor in found:
                    continue
                if kind == "state" and any(self.actors[f].country == actor.country for f in found):
                    continue
                found.append(mention.actor)
                if len(found) == wanted:
                    return found
            if found and wanted == 1:
                return found
            if found:
                return found  # fewer than wanted of the preferred kind: the caller decides
        return []

    def _local_subject(self, cand: Candidate) -> tuple[int, int]:
        """The character span of the subject of the verb the description depends on: a
        description never refers to its own clause's subject ("Washington urged both
        governments" are two other governments)."""
        token = self.parsed[cand.head if cand.head is not None else cand.end - 1]
        while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
            token = token.head
        for child in token.children:
            first, last = child.left_edge, child.right_edge
            if child.dep_ in ("nsubj", "nsubjpass") and not first.i <= cand.start <= last.i:
                return first.idx, last.idx + len(last.text)
        return 0, 0

    def _mention(self, cand: Candidate, actor: int, rule: str) -> None:
        start = self.parsed[cand.start].idx
        last = self.parsed[cand.end - 1]
        end = last.idx + len(last.text)
        sentence = self._sentence(cand)
        text = self.doc.text[start:end]
        self.mentions.append(Mention(start, end, text, sentence, actor, rule))

    def _sentence(self, cand: Candidate) -> int:
        return max(bisect.bisect_right(self.starts, self.parsed[cand.start].idx) - 1, 0)


def _name_words(name: str) -> list[str]:
    """Name words without the particles that vary between mentions ("al-Maliki")."""
    return [w for w in phrase_key(name) if w not in NAME_PARTICLES]


def _written_as_name(span) -> bool:
    """Every word of a name but its particles ("of", "al-", "d'") starts with a capital."""
    words = [t for t in span if t.text[:1].isalpha() and t.lower_ not in NAME_LINKS]
    return bool(words) and all(t.text[:1].isupper() for t in words)


def _dual(head, tokens) -> bool:
    """ "both governments", "the two sides": a plural description of two."""
    return head.tag_ in ("NNS", "NNPS") and any(t.lower_ in DUAL for t in tokens if t != head)


def _bare_description(head, tokens) -> bool:
    """ "the men", "both sides": a definite noun with no name, title or nationality."""
    others = [t for t in tokens if t.i != head.i]
    return any(t.lower_ in ("the", "both") for t in others) and all(
        t.pos_ in ("DET", "NUM", "ADJ") and not t.ent_type_ == "NORP" for t in others
    )


def _within_another(cand: Candidate, spans: list[tuple[int, int]]) -> bool:
    """A candidate strictly inside one of the spans (a name's own words)."""
    return any(
        s <= cand.start and cand.end <= e and (s, e) != (cand.start, cand.end) for s, e in spans
    )


def _inside(parsed, cand: Candidate, spans: list[tuple[int, int]]) -> bool:
    start = parsed[cand.start].idx
    return any(s <= start < e for s, e in spans)
