"""Trigger words: the lemmas the patterns code and the words a pattern needs around them.

``triggers`` lists, for the pre-parse sentence filter, every lemma a pattern may match and
what else its sentence must hold; ``constraints_hold`` checks one pattern's constraints
(object, particle, preposition, clause auxiliary, complement, PETRARCH word slots) on a
parsed trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .patterns import Pattern, PatternSet
from .syntax import OBJECTS, SUBJECTS, TIME_ENTITIES, dependent

# clauses on a verb that a PETRARCH pattern's words never reach into
UNRELATED_CLAUSES = frozenset({"conj", "cc", "advcl", "parataxis", "punct", "relcl"})


@dataclass(frozen=True)
class Trigger:
    """A lemma the coder may take as a trigger, and the words one of its patterns needs
    beside it in the sentence (its object, particle, preposition, clause auxiliary or
    complement constraints): a sentence lacking them cannot match that pattern."""

    lemma: str
    needs: tuple[frozenset[str], ...] = ()  # one entry of each set; "take part": both words


def triggers(patterns: PatternSet) -> dict[str, tuple[Trigger, ...]]:
    """Every lemma the coder matches (``by_lemma`` keys, adjective patterns as written, the
    parser's known wrong lemmas) -> what its patterns need: the pre-parse sentence filter
    reads it, so it follows the patterns whatever they become."""
    found: dict[str, set[Trigger]] = {}
    for (_, lemma), candidates in patterns.by_lemma.items():
        for pattern in candidates:
            constraints = (
                pattern.object,
                pattern.subject,
                pattern.particle,
                pattern.prep,
                pattern.clause_aux,
                pattern.complement,
                # a PETRARCH word slot: one of the forms its phrases start with
                *(slot.firsts for slot in (*pattern.before, *pattern.after)),
            )
            found.setdefault(lemma, set()).add(Trigger(lemma, tuple(c for c in constraints if c)))
    for wrong, right in patterns.words.lemma_fixes.items():
        if right in found:
            found.setdefault(wrong, set()).update(found[right])
    # a pattern with no constraint makes the lemma enough: the others add nothing
    return {
        lemma: (Trigger(lemma),) if any(not t.needs for t in rules) else tuple(rules)
        for lemma, rules in found.items()
    }


def constraints_hold(token, pattern: Pattern, words: TriggerWords | None = None) -> bool:
    if pattern.object and not (_object_words(token) & pattern.object):
        return False
    if pattern.subject and not (_subject_words(token) & pattern.subject):
        return False
    if pattern.before or pattern.after:
        words = words or TriggerWords(token)
        as_written = pattern.from_user_verb_dictionary
        before = words.before_as_written if as_written else words.before
        after = words.after_as_written if as_written else words.after
        if not (_in_order(before, pattern.before) and _in_order(after, pattern.after)):
            return False
    # a particle before "of" is often parsed as a preposition: "forced X out of the country"
    particles = _child_words(token, {"prt", "advmod", "prep"})
    if pattern.particle and not (particles & pattern.particle):
        return False
    if pattern.prep and not (_argument_prepositions(token) & pattern.prep):
        return False
    if pattern.clause_aux and not (_clause_auxiliaries(token) & pattern.clause_aux):
        return False
    if pattern.complement and not (_complement_words(token) & pattern.complement):
        return False
    return True


class TriggerWords:
    """The words a PETRARCH-style pattern may name around its verb, computed once per token:
    ``after``, what the verb governs after it (object phrase, particles, prepositional
    phrases; not its coordinated, adverbial or parenthetical clauses); ``before``, the words
    before it in its subject phrase, its auxiliaries and adverbs and the verbs governing it;
    each by form and lemma, or ``_as_written`` by form alone."""

    def __init__(self, token):
        self.token = token

    @cached_property
    def after(self) -> list[frozenset[str]]:
        return [_token_forms(t) for t in self._after_tokens]

    @cached_property
    def before(self) -> list[frozenset[str]]:
        return [_token_forms(t) for t in self._before_tokens]

    @cached_property
    def after_as_written(self) -> list[frozenset[str]]:
        return [frozenset({t.lower_}) for t in self._after_tokens]

    @cached_property
    def before_as_written(self) -> list[frozenset[str]]:
        return [frozenset({t.lower_}) for t in self._before_tokens]

    @cached_property
    def _after_tokens(self) -> list:
        cut = [c for c in self.token.rights if c.dep_ in UNRELATED_CLAUSES]
        skipped = {t.i for c in cut for t in c.subtree}
        return [t for t in self.token.subtree if t.i > self.token.i and t.i not in skipped]

    @cached_property
    def _before_tokens(self) -> list:
        token = self.token
        near = {t.i for c in token.lefts for t in c.subtree}
        for governor in token.ancestors:
            near.add(governor.i)
            near.update(c.i for c in governor.children if c.dep_ in {"aux", "neg", "advmod"})
        sentence_start = token.sent.start
        return [token.doc[i] for i in sorted(near) if sentence_start <= i < token.i]


def _token_forms(token) -> frozenset[str]:
    return frozenset({token.lower_, token.lemma_.lower()})


def _in_order(tokens: list[frozenset[str]], slots) -> bool:
    """Each slot found after the previous one: one of its phrases on consecutive tokens."""
    at = 0
    for slot in slots:
        ends = (
            _phrase_end(tokens, phrase, start)
            for start in range(at, len(tokens))
            if tokens[start] & slot.firsts
            for phrase in slot.phrases
        )
        at = next((end for end in ends if end is not None), -1)
        if at < 0:
            return False
    return True


def _phrase_end(tokens: list[frozenset[str]], phrase, start: int) -> int | None:
    """The index after ``phrase`` when it is found at ``start``, else None."""
    end = start + len(phrase)
    if end > len(tokens):
        return None
    if all(tokens[start + k] & forms for k, forms in enumerate(phrase)):
        return end
    return None


def _complement_words(token) -> set[str]:
    """ "allowed X to take part", "let them return": the lemmas of the clause the trigger
    governs (an infinitive may be parsed as xcomp, ccomp or advcl)."""
    words = set()
    for clause in (c for c in token.children if c.dep_ in {"xcomp", "ccomp", "advcl"}):
        words.add(clause.lemma_.lower())
        words.update(
            f"{clause.lemma_.lower()} {o.lemma_.lower()}"
            for o in clause.children
            if o.dep_ in OBJECTS
        )
    return words


def _clause_auxiliaries(token) -> set[str]:
    """ "said Iraq must cooperate": the auxiliaries of the clause the trigger governs."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    return {a.lower_ for c in clauses for a in c.children if a.dep_ == "aux"}


def _argument_prepositions(token) -> set[str]:
    """The prepositions on a word, but not those of a date ("a strike on Monday")."""
    words = set()
    for child in token.children:
        if child.dep_ in {"prep", "prt", "dative"}:
            pobj = dependent(child, {"pobj"})
            if pobj is None or pobj.ent_type_ not in TIME_ENTITIES:
                words.add(child.lemma_.lower())
    return words


def _child_words(token, deps: set[str]) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in deps}


def _subject_words(token) -> set[str]:
    """Lemmas of the subject's head and its compounds: "mortar shells" gives both words (the
    noun a present participle modifies is its subject: "students protesting"). The
    model takes a capitalised plural opening a sentence ("Rockets landed") for a name and
    keeps it as its lemma, so a plural's singular counts too."""
    heads = [c for c in token.children if c.dep_ in SUBJECTS]
    if token.dep_ == "acl" and token.tag_ == "VBG":
        heads.append(token.head)  # "students protesting against fees": the students
    words = {
        t.lemma_.lower()
        for head in heads
        for t in (head, *(c for c in head.children if c.dep_ == "compound"))
    }
    return words | {w[:-1] for w in words if w.endswith("s")}


def _object_words(token) -> set[str]:
    """Lemmas of the object phrase: "cut diplomatic ties", "declared a state of emergency"."""
    words = set()
    heads = [c for c in token.children if c.dep_ in OBJECTS | {"nsubjpass"}]
    if not heads:
        # "took part in talks", "went on hunger strike": the object of a preposition counts
        heads = [
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
    for head in heads:
        words.add(head.lemma_.lower())
        for child in head.children:
            if child.dep_ in {"compound", "amod"}:
                words.add(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ == "of":
                # "declared a state of emergency"; not "held talks with leaders"
                words.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return words
