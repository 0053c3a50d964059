"""Spans to candidates: every noun phrase of the parse that may name an actor.

A dictionary name ("Qods Force"), a person with a title or role ("Prime Minister Nuri
al-Maliki"), a group named by demonym and role noun ("Iranian officials"), a country or
capital standing for its government ("Washington says"), or a pronoun or definite
description waiting for coreference to say whom it refers to.
"""

from __future__ import annotations

from ..kb.gazetteer import Gazetteer
from ..kb.lexicon import COUNTRY_KINDS, DictionaryMatch, EntryKind, Lexicon
from ..model import ActorKind, Document, MentionRule
from . import coding, places
from .coding import ActorVocabulary, Candidate, CodedActor, Story

NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# dependents that belong to a noun phrase, left of its head and right of it
LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "nummod", "quantmod", "nmod", "poss", "case", "flat"}
)
RIGHT_DEPS = frozenset({"compound", "flat", "case"})
NOT_HEADS = frozenset({"compound", "flat", "amod", "nmod"})
# how a national label hangs in a phrase: "Israeli helicopters", "US Predator", and
# "Greek-flagged tanker", where the parser hangs "Greek" on "flagged" as npadvmod
NATIONAL_LABEL_DEPS = frozenset({"amod", "compound", "npadvmod"})
# "Turkish-backed Syrian fighters": a nationality before one of these names the group's backer
BACKER_PARTICIPLES = frozenset({"backed", "supported", "sponsored", "funded", "armed", "trained"})
DUAL = frozenset({"both", "two"})  # "both governments", "the two sides": two earlier actors


class Phrases:
    """Codes every noun phrase of one document."""

    def __init__(
        self, doc: Document, lexicon: Lexicon, words: ActorVocabulary, gazetteer: Gazetteer
    ):
        self.story = Story(doc, lexicon, words, gazetteer)
        self.doc = doc
        self.parsed = doc.parsed
        self.lexicon = lexicon
        self.words = words

    def candidates(self) -> list[Candidate]:
        phrases: list[Candidate] = []
        for token in self.parsed:
            if token.pos_ in NOMINAL and (
                token.dep_ not in NOT_HEADS or self._named_modifier(token) or _folded(token)
            ):
                phrases.extend(self._code_phrase(token))
        out = self._whole_dictionary_names(self._outside_dateline(phrases))
        out += self._outside_dateline(self._uncovered_names(out))
        return sorted(out, key=lambda c: (c.start, -c.end))

    def _outside_dateline(self, candidates: list[Candidate]) -> list[Candidate]:
        """``BAGHDAD, April 29 (AFP) -``: the place and agency there are no participants."""
        dateline = self.doc.dateline_in_text()
        if dateline is None:
            return candidates
        return [
            c for c in candidates if not dateline.start <= self.parsed[c.start].idx < dateline.end
        ]

    def _whole_dictionary_names(self, candidates: list[Candidate]) -> list[Candidate]:
        """A dictionary name is one mention even where the parse splits it into phrases:
        "the Council of Elders" is one name, not "the Council" and "Elders"."""
        grown = []
        for cand in candidates:
            match = self.story.entry_at.get(cand.head) if cand.head is not None else None
            if match is not None and match.start >= cand.start and match.end > cand.end:
                cand.end = match.end
                grown.append(cand)
        return [c for c in candidates if not _within_another(c, grown)]

    def _uncovered_names(self, candidates: list[Candidate]) -> list[Candidate]:
        """A user dictionary's names are actors wherever their words are, not only where
        the parse makes them a noun phrase ("Ostmark" tagged as an adjective or a verb)."""
        covered = {i for c in candidates for i in range(c.start, c.end)}
        found = []
        for match in sorted(set(self.story.entry_at.values()), key=lambda m: m.start):
            if match.entry.priority == 0 or covered & set(range(match.start, match.end)):
                continue
            head = self.parsed[match.end - 1]
            coded = coding.from_entry(self.story, head, match.entry, None, [])
            found.append(Candidate(match.start, match.end, coded, head=head.i))
            covered.update(range(match.start, match.end))
        return found

    def _named_modifier(self, token) -> bool:
        """An organisation named as a modifier still takes part: "a NATO proposal"."""
        match = self.story.entry_at.get(token.i)
        return bool(match) and match.end == token.i + 1 and match.entry.kind not in COUNTRY_KINDS

    def _phrase(self, head) -> list:
        """The head and its noun-phrase dependents (no clauses, no prepositions)."""
        tokens = [head]
        for child in head.children:
            if _folded(head) and child.dep_ in {"cc", "conj"}:
                continue  # "the Congolese army" of "the Congolese army and M23 rebels"
            if _folded(child):
                tokens.extend(t for c in child.children if c.dep_ == "conj" for t in c.subtree)
            elif child.i < head.i and child.dep_ in LEFT_DEPS:
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
            kind = self.words.pronouns.get(lower)
            return [self._waiting(start, end, kind, MentionRule.COREF_PRONOUN)] if kind else []
        kind = self._description_kind(head, tokens)
        if kind is not None:
            waiting = self._waiting(start, end, kind, MentionRule.COREF_DESCRIPTION)
            waiting.dual = _dual(head, tokens)
            return [waiting]
        located = places.locative(self.story, head, start, end)
        if located is not None:
            return [located]
        held = places.holder(self.story, head, tokens)
        if held is not None:
            return [held]
        coded = self._code_named(head, tokens, start, end)
        if not coded and head.pos_ == "PROPN" and head.is_title:
            # "Mr Larijani" missed by the tagger: kept only if it names an earlier person
            return [self._waiting(head.i, head.i + 1, ActorKind.PERSON, MentionRule.COREF_SURNAME)]
        return coded

    def _description_kind(self, head, tokens) -> ActorKind | None:
        """What a definite description refers back to: "the men" a group, "the two
        leaders" people; "both governments" two states (a government role, two of them)."""
        if not _bare_description(head, tokens):
            return None
        lower = head.text.lower()
        kind = self.lexicon.descriptions.get(lower)
        if not _dual(head, tokens):
            return kind
        if kind == ActorKind.GROUP:
            return ActorKind.PERSON  # "the two men": two people named before
        role = self.lexicon.role([head.lemma_])
        return kind or (ActorKind.STATE if role is not None and role.sector == "GOV" else None)

    def _waiting(self, start: int, end: int, kind: ActorKind, rule: MentionRule) -> Candidate:
        text = self.parsed[start:end].text
        return Candidate(start, end, CodedActor(text, None, None, kind, rule, rule), refers=True)

    def _code_named(self, head, tokens, start: int, end: int) -> list[Candidate]:
        story = self.story
        head_match = self._head_match(head)
        person = self._person_entity(head, tokens)
        if head_match and person and person.end - person.start > head_match.end - head_match.start:
            head_match = None  # "Denzel Washington" is a person, not the US government
        covered = set(range(head_match.start, head_match.end)) if head_match else set()
        if person is not None:
            covered |= set(range(person.start, person.end))
        modifiers = [t for t in tokens if t.i not in covered and t.i != head.i]
        countries = self._countries(head, modifiers)
        # "President Reagan's statement": the possessor's title is not the head's role
        owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        role = story.role(head, [t for t in modifiers if t.i not in owned])
        if role is not None and not head_match and person is None:
            end = self._end_at_plural_role(head, modifiers, end)
            head = self.parsed[end - 1] if end <= head.i else head
        if head_match:
            coded = coding.from_entry(story, head, head_match.entry, role, countries)
        elif person is not None:
            coded = coding.person(story, person, role, countries, modifiers)
        elif role is not None:
            coded = coding.role_phrase(story, head, tokens, role, countries, modifiers)
        elif head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            coded = coding.organisation(story, head, countries)
        elif head.pos_ == "NOUN" and self._demonym_modifier(modifiers):
            coded = coding.national(story, head, tokens, countries)
        else:
            return []
        if coded is None:
            return []
        possessor = next((t.i for t in modifiers if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        first = Candidate(start, end, coded, possessor=possessor if not countries else None)
        first.head = head.i
        if head.dep_ == "appos" and not start <= head.head.i < end:
            first.appos_of = head.head.i
        # "Hungarian and Romanian officials": one actor per conjoined country
        others = [
            Candidate(
                match.start,
                end,
                CodedActor(
                    f"{self.parsed[match.start : match.end].text} {head.text}",
                    match.entry.country,
                    coded.sector,
                    coded.kind,
                    MentionRule.CONJOINED,
                    match.entry.source,
                ),
            )
            for match in countries[1:]
            if match.entry.country != coded.country
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

    def _head_match(self, head) -> DictionaryMatch | None:
        match = self.story.entry_at.get(head.i)
        if match is None:
            return None
        if match.entry.kind in COUNTRY_KINDS and self.story.is_place(head):
            return None
        return match

    def _person_entity(self, head, tokens):
        ents = [t for t in [head, *(c for c in head.children if c.dep_ == "appos")] if t in tokens]
        for token in ents:
            if token.ent_type_ == "PERSON":
                return self.story.ent_at[token.i]
        return None

    def _countries(self, head, modifiers) -> list[DictionaryMatch]:
        """Country names and demonyms among the modifiers, then "of Iran" or "in Guinea"
        after the head; "ethnic Albanians", "pro-Iranian" name no nationality."""
        found = {}
        for token in modifiers:
            match = self.story.nationality(token)
            if match:
                found[match.start] = match
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                for obj in prep.children:
                    # "villages in Syria's Idlib province": the province's owner
                    owners = [c for c in obj.children if c.dep_ == "poss"]
                    for place in (obj, *owners):
                        match = self.story.nationality(place)
                        if match and match.entry.kind != EntryKind.CAPITAL:
                            found[match.start] = match
        matches = [found[k] for k in sorted(found)]
        own = [m for m in matches if not self._backer(m)]
        return own or matches  # "Turkish-backed Syrian fighters" are Syrian

    def _backer(self, match: DictionaryMatch) -> bool:
        """ "Turkish-backed", "Iranian-funded": the country behind a group, not its own."""
        doc = self.story.parsed
        hyphen, word = match.end, match.end + 1
        return (
            word < len(doc) and doc[hyphen].text == "-" and doc[word].lower_ in BACKER_PARTICIPLES
        )

    def _demonym_modifier(self, modifiers) -> bool:
        """A national label on a thing that acts: "Israeli helicopters", "US Predator"."""
        # the same test as ``_countries``: a label it refuses ("ethnic Albanian", a
        # demonym with no country) would leave the phrase with no country to code
        return any(
            self.story.nationality(token) and token.dep_ in NATIONAL_LABEL_DEPS
            for token in modifiers
        )


def _folded(token) -> bool:
    """ "fighting between the Congolese army and M23 rebels": the parser folds the first
    conjunct into the second's phrase as a modifier coordinated with its own modifier; it
    is an actor of its own, and the second phrase starts at its conjunct."""
    return (
        token.dep_ == "nmod"
        and token.pos_ == "NOUN"
        and token.i < token.head.i
        and any(c.dep_ == "cc" for c in token.children)
        and any(c.dep_ == "conj" and c.i < token.head.i for c in token.children)
    )


def _dual(head, tokens) -> bool:
    """ "both governments", "the two sides": a plural description of two."""
    return head.tag_ in ("NNS", "NNPS") and any(t.lower_ in DUAL for t in tokens if t != head)


def _bare_description(head, tokens) -> bool:
    """ "the men", "both sides": a definite noun with no name, title or nationality."""
    others = [t for t in tokens if t.i != head.i]
    return any(t.lower_ in ("the", "both") for t in others) and all(
        t.pos_ in ("DET", "NUM", "ADJ") and not t.ent_type_ == "NORP" for t in others
    )


def _within_another(cand: Candidate, grown: list[Candidate]) -> bool:
    """A candidate strictly inside one of the grown names (a name's own words)."""
    return any(
        g.start <= cand.start and cand.end <= g.end and (g.start, g.end) != (cand.start, cand.end)
        for g in grown
    )
