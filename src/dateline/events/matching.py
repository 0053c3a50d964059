"""Which words of a sentence are triggers, and which of those report an event of their own.

``TriggerMatcher.matches`` gives a sentence's trigger tokens with the pattern each matched;
``TriggerMatcher.reports_nothing`` tells a match that only names part of another coded
event (the object a verb pattern required, the act a request asks for, a protest's aim,
the cooperation a rejection refuses) or no event at all (a habit, a deferred pledge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document
from .doers import NonEventWords
from .festive import is_festive
from .mentions import mention_of
from .modality import is_infinitive, shipped_cues
from .patterns import Pattern, PatternSet
from .roles import phrase_verb
from .syntax import OBJECTS, is_passive
from .triggers import TriggerWords, constraints_hold

# how the act asked for hangs under the request
REQUESTED_CLAUSES = frozenset({"ccomp", "xcomp"})
# "staged rallies to demand", "blocked roads demanding"
PURPOSE_CLAUSES = frozenset({"advcl", "xcomp"})
REJECT_ROOT = "12"  # CAMEO REJECT: what it refuses did not happen
SUPPORT_ROOT = "05"  # CAMEO diplomatic cooperation: "backed by", "supported by"
FREQUENCY_ADVERBS = frozenset({"often", "frequently", "regularly", "routinely", "usually"})
SETTING_PREPOSITIONS = frozenset({"at", "on", "during"})  # "met at the summit"
# a clause that completes its head word
COMPLEMENTS = frozenset({"xcomp", "ccomp", "acl", "advcl"})
# how a noun modifies the noun after it, and the nouns that make the modifier their event
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
EVENT_HEAD_NOUNS = frozenset(
    {"campaign", "operation", "wave", "action", "spree", "season", "mission", "effort"}
    | {"bid", "attempt", "process", "initiative", "drive", "push", "round"}
)
POS_OF_TAG = {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective"}  # spaCy's -> a pattern's


@dataclass(frozen=True)
class _DiscardedSentence:
    doc: object  # the spaCy Doc, compared by identity only
    start: int  # token span
    end: int
    discarded: bool  # whether a PETRARCH discard phrase is in it


class TriggerMatcher:
    """Matches a sentence's words against the patterns, the non-event words aside."""

    def __init__(self, patterns: PatternSet, non_events: NonEventWords):
        self.patterns = patterns
        self.non_events = non_events
        self.reporting_verbs = shipped_cues().reporting_verbs
        self.sport_events = _phrase_finder(patterns.words.sport_event_names)
        self._sentence: _DiscardedSentence | None = None  # the sentence being matched

    def matches(self, span, doc: Document) -> dict[int, Pattern]:
        """Token index -> the pattern it matched, for every trigger of the sentence ``span``."""
        self._sentence = _DiscardedSentence(
            span.doc, span.start, span.end, self.patterns.discards.discards_sentence(span.text)
        )
        matches = {token.i: match for token in span if (match := self._match(token))}
        matches = _converted_as_fallback(matches)
        matches = self._without_occurrences(matches, doc.parsed)
        sport = self.patterns.words.sport_senses
        if self._sport(span):
            # sport results: "beat", "attack", "strike" mean no event there, "jailed" still does
            matches = {i: p for i, p in matches.items() if self._lemma(doc.parsed[i]) not in sport}
        words = self.patterns.words  # "marched in the parade": a festivity, no protest
        return {
            i: p
            for i, p in matches.items()
            if not (self._lemma(doc.parsed[i]) in sport and game_stroke(doc.parsed[i], doc))
            and not is_festive(doc.parsed[i], p.code, words)
        }

    def _sport(self, span) -> bool:
        """A sport story's sentence: a discard word, a tournament's name or a score."""
        discards = self.patterns.words.discard_words
        return (
            any(t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in discards for t in span)
            or self.sport_events.search(span.text) is not None
            or self.non_events.has_score(span.text)
        )

    def reports_nothing(self, token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """The match names a part of another match's event, or no event at all."""
        return (
            _object_of_a_match(token, matches)
            or self._manner_of_a_match(token, matches)
            or _kind_of_thing(token, matches)
            or _deferred(token, pattern, matches)
            or self._requested(token, matches)
            or self._protest_aim(token, pattern, matches)
            or self._refused_thing(token, pattern, matches)
            or _habitual(token)
            or _description(token, pattern)
            or _backstory(token)
            or self._alleged(token, matches)
            or self._polled(token)
            or self._life_story(token)
            or _setting_of_a_match(token, pattern, matches)
            or self._history(token)
        )

    def _manner_of_a_match(self, token, matches: dict[int, Pattern]) -> bool:
        """ "recalled its ambassador in protest": the act done in protest is the event."""
        verb = phrase_verb(token, self.patterns)
        return verb is not None and verb.i in matches and verb.i != token.i

    def _history(self, token) -> bool:
        """ "Ten years ago, Russia annexed Crimea", "the memoir describes the talks", "a film
        about a battle": an act told as long past, or as what a narrative tells, is no news
        event."""
        words = self.patterns.words
        clause = token
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head  # an event noun: the verb it hangs on
        for verb in (clause, *clause.ancestors):
            if self._lemma(verb) in words.narration_verbs:
                return True
            if _told_as_long_past(verb, words.history_units):
                return True
        works = words.narrative_nouns  # "a film about a battle in which troops encircle"
        return any(
            a.dep_ == "prep" and a.lower_ == "about" and self._lemma(a.head) in works
            for a in token.ancestors
        )

    def _alleged(self, token, matches: dict[int, Pattern]) -> bool:
        """ "accused Exxon of breaching the deal", "charged X with ...": the act an accusation
        attributes to its target is its content, coded as the accusation (words.yaml's
        ``allegation_verbs``), whether or not the accusation itself is coded. A reported
        clause ("Peru alleges that Chile attacked Bolivia") keeps its act, as alleged."""
        if token.pos_ != "VERB":
            return False  # "accused Russia of the attack": the attack happened
        node = token.head if token.dep_ == "amod" else token  # "of raiding villages"
        head = node.head
        if node.dep_ not in {"pcomp", "pobj"} or head.dep_ != "prep":
            return False
        if head.lower_ not in {"of", "for", "with"}:
            return False
        head = head.head.head if head.head.dep_ in OBJECTS else head.head  # "accused X of"
        if head.i == token.i or head.i not in matches:
            return False
        return self._lemma(head) in self.patterns.words.allegation_verbs

    def _polled(self, token) -> bool:
        """ "a poll showed that 58 percent of Germans support sending weapons": what a poll
        or survey shows is an opinion counted, no act."""
        polls = self.patterns.words.poll_nouns
        return any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in polls
            for clause in token.ancestors
            for c in clause.children
        )

    def _life_story(self, token) -> bool:
        """ "X, who negotiated his country's entry into the EU, has died": a relative clause
        on the subject of a death tells the dead person's life, not the news."""
        deaths = self.patterns.words.death_verbs
        for clause in (token, *token.ancestors):
            person = clause.head
            if clause.dep_ == "relcl" and person.dep_ in {"nsubj", "nsubjpass"}:
                return self._lemma(person.head) in deaths
        return False

    def _lemma(self, token) -> str:
        """The token's lemma, with the parser's known lemma mistakes corrected."""
        return self.patterns.lemma(token.lemma_.lower())

    def _match(self, token) -> Pattern | None:
        pos = POS_OF_TAG.get(token.pos_)
        if pos is None:
            return None
        candidates = self.patterns.candidates(pos, self._lemma(token))
        if pos == "verb" and token.lemma_.lower() not in self.reporting_verbs:
            candidates = _and_as_written(candidates, self.patterns.candidates(pos, token.lower_))
        if pos == "verb" and token.tag_ == "VBN" and (is_passive(token) or token.dep_ == "acomp"):
            # "Israel is opposed to ...": a participle that is an adjective pattern's word
            candidates = self.patterns.candidates("adjective", token.lower_) + candidates
        if candidates and self._discarded(token):
            return None
        words = TriggerWords(token)
        for pattern in candidates:
            if constraints_hold(token, pattern, words):
                if pattern.converted and self._complements_a_match(token):
                    return None
                # PETRARCH's null code: this construction is no event ("ran for office")
                return None if pattern.codes_nothing else pattern
        return None

    def _complements_a_match(self, token) -> bool:
        """ "threatened to stop talks", "the decision to close": a converted pattern leaves
        the act a coded word governs to that word's event, unless that word hands its act to
        its complement ("ready to contribute troops")."""
        head = token.head
        if token.dep_ not in COMPLEMENTS or head.i == token.i:
            return False
        governing = self._match(head)
        return governing is not None and not governing.defer_to_complement

    def _discarded(self, token) -> bool:
        """A sentence with a phrase of a PETRARCH discard list codes nothing."""
        known = self._sentence
        if known is not None and known.doc is token.doc and known.start <= token.i < known.end:
            return known.discarded  # the sentence is read once, not once per trigger
        return self.patterns.discards.discards_sentence(token.sent.text)

    def _without_occurrences(self, matches: dict[int, Pattern], parsed) -> dict[int, Pattern]:
        """ "a protest took place", "clashes broke out": the verb only says that the coded
        event noun, its subject, happened; the noun is the event."""
        return {
            i: pattern
            for i, pattern in matches.items()
            if not (
                self.non_events.says_it_happened(parsed[i])
                and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.i in matches for c in parsed[i].children
                )
            )
        }

    def _requested(self, token, matches: dict[int, Pattern]) -> bool:
        """ "demanded that Belarus release the journalist", "urged Iran to free them": the
        act asked for is the content of the request, coded as the request, not as an act."""
        # "urged X and Y to resume talks", "to return to talks": an event noun of the asked act
        clause = token
        if token.pos_ == "NOUN" and token.dep_ in OBJECTS | {"pobj"}:
            clause = token.head.head if token.dep_ == "pobj" else token.head
        while clause.dep_ in REQUESTED_CLAUSES and clause.head.i != clause.i:
            clause = clause.head
            asked = matches.get(clause.i)
            if asked is not None:
                return asked.code[:2] in self.patterns.words.request_roots
        return False

    def _protest_aim(self, token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """ "staged rallies to demand reforms", "blocked roads demanding his return": what a
        protest asks for or complains of is the protest's aim, not a second event."""
        if pattern.code[:2] not in self.patterns.words.aim_roots:
            return False
        if not (is_infinitive(token) or token.tag_ == "VBG") or token.dep_ not in PURPOSE_CLAUSES:
            return False
        # the protest is the governing verb or, after a light verb, its object ("staged rallies")
        head = token.head
        doers = [head, *(c for c in head.children if c.dep_ in OBJECTS)]
        protests = (matches.get(t.i) for t in doers)
        return any(
            p is not None and p.code[:2] in self.patterns.words.protest_roots for p in protests
        )

    def _refused_thing(self, token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
        """ "rejected French mediation", "is opposed to talks": the cooperation refused is the
        object of the rejection (coded there), it did not happen."""
        if token.pos_ != "NOUN" or self.patterns.refusal_code(pattern.code) == pattern.code:
            return False
        head = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ not in OBJECTS | {"pobj"} or head.i == token.i:
            return False
        refusal = matches.get(head.i)
        return refusal is not None and refusal.code[:2] == REJECT_ROOT


def game_stroke(verb, doc: Document) -> bool:
    """ "Scheffler shot a 64", "Messi struck twice": a game word's stroke, no attack. The
    object is a score ("a 64": a number under an article), or the doer is a person no
    dictionary knows who acts on nobody (no object, no actor after a preposition)."""
    if verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    if any(o.pos_ == "NUM" and any(d.lower_ in {"a", "an"} for d in o.children) for o in objects):
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if objects or subject is None or subject.ent_type_ != "PERSON":
        return False
    doer = mention_of(doc, subject)
    if doer is None or doc.actors[doer.actor].country is not None:
        return False
    phrases = (g for c in verb.children if c.dep_ == "prep" for g in c.children)
    return not any(g.dep_ == "pobj" and mention_of(doc, g) is not None for g in phrases)


def _told_as_long_past(verb, units: frozenset[str]) -> bool:
    """ "ten years ago": a span of years back from the day of the story. ("Five years after
    crowds burned its embassy" is still told as an event: a background fact of the story.)"""
    agos = (c for c in verb.children if c.lower_ == "ago")
    return any(span.lemma_.lower() in units for ago in agos for span in ago.children)


def _setting_of_a_match(token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
    """ "met on the sidelines of the NATO summit", "held talks at the summit": an event noun
    in a prepositional phrase of a coded verb of its own kind is where that act happened."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj":
        return False
    head, preposition = token, None
    for _ in range(4):  # pobj <- prep <- (pobj <- prep <-) verb
        preposition, head = head if head.dep_ == "prep" else preposition, head.head
        act = matches.get(head.i)
        if act is not None and head.pos_ == "VERB":
            # "after fierce fighting", "for talks": a circumstance or a purpose, not the setting
            at = preposition is not None and preposition.lower_ in SETTING_PREPOSITIONS
            return at and act.code[:2] == pattern.code[:2]
        if head.dep_ not in {"prep", "pobj"}:
            return False
    return False


def _deferred(token, pattern: Pattern, matches: dict[int, Pattern]) -> bool:
    """ "pledged to send aid": the intent is coded on the complement (send aid, intended)."""
    if not pattern.defer_to_complement:
        return False
    return any(c.dep_ == "xcomp" and c.i in matches for c in token.children)


def _object_of_a_match(token, matches: dict[int, Pattern]) -> bool:
    """ "lodged a protest with X": the noun a verb pattern required as its object is part
    of that event, not a second one."""
    head = matches.get(token.head.i) if token.head.i != token.i else None
    if head is None or not head.object:
        return False
    # "began a hunger strike": the constrained object's whole phrase belongs to the verb
    return token.lemma_.lower() in head.object or token.dep_ in OBJECTS


def _kind_of_thing(token, matches: dict[int, Pattern]) -> bool:
    """ "riot police", "attack helicopters", "protest leaders": an event noun before another
    noun says what kind of thing that is, unless the noun is an event itself ("a protest
    march", "a bombing campaign")."""
    if token.pos_ != "NOUN" or token.dep_ not in NOUN_MODIFIER_DEPS:
        return False
    head = token.head
    if head.i == token.i or head.pos_ not in {"NOUN", "PROPN"} or head.i in matches:
        return False
    return head.lemma_.lower() not in EVENT_HEAD_NOUNS


def _habitual(trigger) -> bool:
    """ "the militias, including those which target Iraqi forces": a present-tense relative
    clause says what a group does, it reports no event; so does a present tense with an
    adverb of frequency ("al-Shabab often carries out such attacks")."""
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in OBJECTS else trigger
    adverbs = (c for c in verb.children if c.dep_ == "advmod")
    if verb.tag_ in {"VBZ", "VBP"} and any(c.lower_ in FREQUENCY_ADVERBS for c in adverbs):
        return True  # "carries out such attacks": the light verb's tense and adverb
    if trigger.dep_ != "relcl" or trigger.tag_ not in {"VBZ", "VBP"}:
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in trigger.children)


def _description(token, pattern: Pattern) -> bool:
    """ "Somali troops backed by clan militias", "rebels supported by Rwanda": a support
    participle on a noun describes who the noun's group is, it reports no act."""
    return (
        pattern.code[:2] == SUPPORT_ROOT
        and token.dep_ == "acl"
        and token.tag_ == "VBN"
        and token.head.pos_ in {"NOUN", "PROPN"}
    )


def _phrase_finder(phrases: frozenset[str]) -> re.Pattern:
    """One pattern finding any of ``phrases`` as whole words, case aside."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives or '(?!)'})\b", re.IGNORECASE)


def _backstory(trigger) -> bool:
    """ "a journalist who had criticised the government was shot dead": a past-perfect
    relative clause tells what a participant had done before the reported event."""
    if trigger.dep_ != "relcl":
        return False
    return any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in trigger.children)


def _converted_as_fallback(matches: dict[int, Pattern]) -> dict[int, Pattern]:
    """The patterns converted from PETRARCH's dictionary code a sentence only when no other
    pattern does: on the gold corpora, beside a hand-written event, they mostly coded a
    detail of it ("walked out to demand", "closed its borders because of fighting")."""
    if all(p.converted for p in matches.values()):
        return matches
    return {i: p for i, p in matches.items() if not p.converted}


def _and_as_written(by_lemma: tuple[Pattern, ...], by_form: tuple[Pattern, ...]):
    """A user's verb dictionary may list a verb as written ("RISEN"), and PETRARCH matches
    words: that word's patterns are tried after its lemma's. Not for a reporting verb
    ("SAID"): it is the attribution of what it reports (its modality), not an event of its
    own; nor for the shipped conversion, whose irregular forms are indexed already."""
    if not by_form:
        return by_lemma
    tried = {id(p) for p in by_lemma}
    return by_lemma + tuple(p for p in by_form if id(p) not in tried and not p.converted)
