"""Chaining mentions into actors: repeated names, surnames, pronouns, descriptions.

A description of two ("both governments", "the two countries") gets one mention per
earlier actor on the same span. A place in locative position shares its country's state
actor, and is never an antecedent.
"""

from __future__ import annotations

from dataclasses import replace

from ..kb.lexicon import phrase_key
from ..model import Actor, ActorKind, Document, Mention, MentionRule
from .coding import ActorVocabulary, Candidate, CodedActor

COMPATIBLE = {  # which earlier actors a pronoun or description may refer to
    ActorKind.PERSON: (ActorKind.PERSON,),
    ActorKind.GROUP: (ActorKind.GROUP, ActorKind.STATE, ActorKind.ORGANISATION),
    ActorKind.ORGANISATION: (ActorKind.STATE, ActorKind.ORGANISATION),
    ActorKind.STATE: (ActorKind.STATE,),
}
COREF_WINDOW = 3  # sentences back that a pronoun or description may reach


class Chains:
    """Links candidates to actors: same name, surname, pronoun, definite description.
    ``link`` fills ``actors`` and ``mentions``."""

    def __init__(self, doc: Document, words: ActorVocabulary):
        self.doc = doc
        self.parsed = doc.parsed
        self.words = words
        self.actors: list[Actor] = []
        self.mentions: list[Mention] = []
        self.keys: dict[tuple, int] = {}
        self.actor_of_head: dict[int, int] = {}  # phrase head token -> actor
        self.state_of: dict[str, int] = {}  # country -> its first actor of kind state
        self.located_only: set[int] = set()  # actors named so far only as places

    def link(self, candidates: list[Candidate]) -> None:
        for cand in candidates:
            coded = cand.actor
            surname = cand.refers and coded.rule == MentionRule.COREF_SURNAME
            if surname or coded.rule == MentionRule.NER and coded.kind != ActorKind.PERSON:
                # "Mr Larijani", or "Larijani" mistaken for a group: an earlier person's name
                found = self._same_person(coded.name)
                if found is not None:
                    self._mention(cand, found, MentionRule.COREF_SURNAME)
                    continue
            if surname:
                continue
            if coded.rule == MentionRule.LOCATIVE:
                self._mention(cand, self._place_actor(coded), MentionRule.LOCATIVE)
                continue
            if cand.refers:
                speaker = self._speaker(cand) if coded.rule == MentionRule.COREF_PRONOUN else None
                found = [speaker] if speaker is not None else []
                found = found or self._antecedents(cand, 2 if cand.dual else 1)
                if cand.dual and len(found) < 2:
                    found = found[:1]  # "both sides" with one side named: the nearest
                for actor in sorted(found):
                    # one mention per actor on the same span: one event each
                    self._mention(cand, actor, coded.rule)
                continue
            if cand.possessor is not None:
                self._country_from_possessor(cand)
            actor, rule = self._appositive(cand) or self._actor_for(cand.actor)
            if cand.head is not None:
                self.actor_of_head.setdefault(cand.head, actor)
            self._mention(cand, actor, rule)

    def _place_actor(self, coded: CodedActor) -> int:
        """A place shares its country's state actor; a new one stays out of coreference."""
        index = self.state_of.get(coded.country)
        if index is None:
            index = len(self.actors)
            self.actors.append(
                Actor(coded.name, coded.country, "GOV", ActorKind.STATE, coded.evidence)
            )
            self.state_of[coded.country] = index
            self.located_only.add(index)
        return index

    def _actor_for(self, coded: CodedActor) -> tuple[int, MentionRule]:
        if coded.kind == ActorKind.STATE and self.state_of.get(coded.country) in self.located_only:
            # "talks in Iraq ... Iraq said": the place named earlier is this actor
            index = self.state_of[coded.country]
            self.located_only.discard(index)
            self._complete(index, coded)
            return index, coded.rule
        if coded.kind == ActorKind.PERSON:
            found = self._same_person(coded.name)
            if found is not None:
                self._complete(found, coded)
                exact = self.actors[found].name == coded.name
                return found, coded.rule if exact else MentionRule.COREF_SURNAME
        key = (coded.name.lower(), coded.country, coded.sector, coded.kind)
        if key not in self.keys:
            self.keys[key] = len(self.actors)
            actor = Actor(coded.name, coded.country, coded.sector, coded.kind, coded.evidence)
            self.actors.append(actor)
            if coded.kind == ActorKind.STATE and coded.country:
                self.state_of.setdefault(coded.country, self.keys[key])
        return self.keys[key], coded.rule

    def _appositive(self, cand: Candidate) -> tuple[int, MentionRule] | None:
        """An appositive renames its head's actor: both descriptions code one actor."""
        index = self.actor_of_head.get(cand.appos_of) if cand.appos_of is not None else None
        if index is None:
            return None
        actor, coded = self.actors[index], cand.actor
        if actor.country and coded.country and actor.country != coded.country:
            return None  # "Iran, Iraq and Syria" misparsed as appositions
        named = coded.kind == ActorKind.PERSON and coded.rule in (
            MentionRule.NER,
            MentionRule.TITLE,
        )
        if named and actor.kind != ActorKind.PERSON:
            actor.name, actor.kind = coded.name, ActorKind.PERSON
        elif named:
            actor.name = coded.name  # the official's name is the better canonical name
        self._complete(index, coded)
        return index, MentionRule.APPOS

    def _same_person(self, name: str) -> int | None:
        """An earlier person whose name ends like this one ("Larijani" -> "Ali Larijani")."""
        words = self._name_words(name)
        for index in range(len(self.actors) - 1, -1, -1):
            actor = self.actors[index]
            if actor.kind != ActorKind.PERSON:
                continue
            known = self._name_words(actor.name)
            if words and known and words[-1] == known[-1] and set(words) <= set(known):
                return index
        return None

    def _name_words(self, name: str) -> list[str]:
        """Name words without the particles that vary between mentions ("al-Maliki")."""
        return [w for w in phrase_key(name) if w not in self.words.name_particles]

    def _complete(self, index: int, coded: CodedActor) -> None:
        """A later, better described mention fills in what the first one left unknown."""
        actor = self.actors[index]
        filled = False
        if actor.country is None and coded.country:
            actor.country, filled = coded.country, True
        if actor.sector is None and coded.sector:
            actor.sector, filled = coded.sector, True
        if filled:
            actor.evidence += f"; {coded.evidence}"

    def _country_from_possessor(self, cand: Candidate) -> None:
        """The possessor gives the country: "Iran would send its foreign minister"."""
        word = self.parsed[cand.possessor].lower_
        kind = self.words.pronouns.get(word)
        if kind is None:
            return
        at = cand.possessor
        pronoun = CodedActor(word, None, None, kind, MentionRule.COREF_PRONOUN, "")
        actor = self._antecedent(Candidate(at, at + 1, pronoun, refers=True))
        if actor is not None and self.actors[actor].country:
            antecedent = self.actors[actor]
            evidence = f"{cand.actor.evidence.split('; country')[0]}; country from '{word}' -> "
            cand.actor = replace(
                cand.actor, country=antecedent.country, evidence=evidence + antecedent.name
            )

    def _speaker(self, cand: Candidate) -> int | None:
        """ "The group said it killed 20 soldiers": the subject of a reported clause is
        the one who reports it, when a person pronoun meets a person or another meets a
        body; the nearest earlier actor ("a Somali army base") would be its victim."""
        token = self.parsed[cand.start]
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp":
            return None
        subjects = [c for c in token.head.head.children if c.dep_ == "nsubj"]
        if not subjects or (token.lower_ == "it" and subjects[0].tag_ in ("NNS", "NNPS")):
            return None  # "witnesses said it exploded": a thing, not the witnesses
        at = subjects[0].idx
        actor = next((m.actor for m in self.mentions if m.start <= at < m.end), None)
        if actor is None:
            return None
        person = cand.actor.kind == ActorKind.PERSON
        return actor if (self.actors[actor].kind == ActorKind.PERSON) == person else None

    def _antecedent(self, cand: Candidate) -> int | None:
        """The nearest earlier actor of the preferred kind within a few sentences."""
        found = self._antecedents(cand, 1)
        return found[0] if found else None

    def _antecedents(self, cand: Candidate, wanted: int) -> list[int]:
        """Up to ``wanted`` distinct earlier actors of the preferred kind, nearest first,
        within a few sentences; two states must be two countries."""
        start = self.parsed[cand.start].idx
        here = self.doc.sentence_at(start)
        subject = self._local_subject(cand)
        earlier = [
            m
            for m in self.mentions
            if m.end <= start
            and here - m.sentence <= COREF_WINDOW
            and m.rule != MentionRule.LOCATIVE
            and not subject[0] <= m.start < subject[1]
        ]
        for kind in COMPATIBLE[cand.actor.kind]:
            found: list[int] = []
            for mention in reversed(earlier):
                actor = self.actors[mention.actor]
                if actor.kind != kind or mention.actor in found:
                    continue
                if kind == ActorKind.STATE and any(
                    self.actors[f].country == actor.country for f in found
                ):
                    continue
                found.append(mention.actor)
                if len(found) == wanted:
                    return found
            if found:
                return found  # fewer than wanted of the preferred kind: the caller decides
        return []

    def _local_subject(self, cand: Candidate) -> tuple[int, int]:
        """The character span of the subject of the verb the description depends on: a
        description never refers to its own clause's subject ("Washington urged both
        governments" are two other governments)."""
        token = self.parsed[cand.head if cand.head is not None else cand.end - 1]
        while token.head.i != token.i:
            while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
                token = token.head
            for child in token.children:
                first, last = child.left_edge, child.right_edge
                if child.dep_ in ("nsubj", "nsubjpass") and not first.i <= cand.start <= last.i:
                    return first.idx, last.idx + len(last.text)
            if token.dep_ != "acl":
                break
            # "killed by a landmine planted by the group": a participle has no subject of
            # its own; the clause it hangs in has ("the group" is not the soldiers killed)
            token = token.head
        return 0, 0

    def _mention(self, cand: Candidate, actor: int, rule: MentionRule) -> None:
        start = self.parsed[cand.start].idx
        last = self.parsed[cand.end - 1]
        end = last.idx + len(last.text)
        sentence = self.doc.sentence_at(start)
        text = self.doc.text[start:end]
        self.mentions.append(Mention(start, end, text, sentence, actor, rule))
