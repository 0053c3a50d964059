"""The role table (events/roles.py ROLE_TABLE): each rule finds its phrase on a sentence
written for it, and every role a shipped pattern names is a rule or a preposition."""

from __future__ import annotations

import pytest

from dateline.events.patterns import load_patterns
from dateline.events.roles import ROLE_RULES, ROLE_TABLE, role_of
from dateline.events.syntax import RoleSpec

# spec -> (sentence, trigger word, the head word the rule must find)
EXAMPLES = {
    "nsubj": ("Chile is about to restore ties with Peru.", "restore", "Chile"),
    "agent": ("The convoy was attacked by rebels.", "attacked", "rebels"),
    "surface-subject": ("Chile is opposed to the plan.", "opposed", "Chile"),
    "dobj": ("Peru attacked the convoy.", "attacked", "convoy"),
    "poss": ("Peru's attack failed.", "attack", "Peru"),
    "verb": ("Rebels launched an attack on the town.", "attack", "Rebels"),
    "compound": ("Iranian shelling killed two men.", "shelling", "Iranian"),
    "verb-place": ("The minister arrived in Lima on a visit.", "visit", "Lima"),
    "ccomp": ("Chile alleged that Peru funds the rebels.", "alleged", "Peru"),
    "xcomp": ("Chile agreed to withdraw from Peru.", "agreed", "Peru"),
    "custody": ("Two men were tortured in Chilean custody.", "tortured", "Chilean"),
    "undergoer": ("A prisoner died of torture.", "torture", "prisoner"),
    "condition": ("Chile threatened to shut the port if Peru acts.", "threatened", "Peru"),
}


@pytest.fixture(scope="module")
def patterns():
    return load_patterns()


def test_every_rule_has_an_example():
    assert set(EXAMPLES) == set(ROLE_RULES) == set(RoleSpec)
    assert all(rule.finds for rule in ROLE_TABLE)


@pytest.mark.parametrize("spec", sorted(EXAMPLES))
def test_each_rule_finds_its_phrase(parsed, patterns, spec):
    text, trigger_word, head = EXAMPLES[spec]
    doc = parsed(text)
    if spec in {"verb-place", "xcomp", "custody"}:
        _mark(doc, head)  # these rules only return a phrase that names an actor
    trigger = next(t for t in doc.parsed if t.text == trigger_word)
    role = role_of(trigger, spec, doc, patterns)
    assert role is not None and role.token.text == head


def test_a_preposition_spec_finds_its_object_on_the_verb_or_its_object(parsed, patterns):
    doc = parsed("Chile cut diplomatic ties with Peru on Monday.")
    cut = next(t for t in doc.parsed if t.text == "cut")
    assert role_of(cut, "with", doc, patterns).token.text == "Peru"
    assert role_of(cut, "on", doc, patterns) is None  # a date is no argument


def test_hand_written_patterns_name_only_known_roles(patterns):
    prepositions = set()
    for found in patterns.by_lemma.values():
        for pattern in (p for p in found if not p.converted):
            prepositions.update(s for s in pattern.source + pattern.target if s not in ROLE_RULES)
    # every other spec is a single lower-case word (a preposition), never a typo of a rule
    assert all(spec.isalpha() and spec.islower() for spec in prepositions), prepositions
    assert not prepositions & {"subj", "obj", "nsubjpass", "possessor", "agents"}


def _mark(doc, word):
    """A minimal actors stage: ``word`` becomes a country actor's mention."""
    from dateline.model import Actor, Mention

    token = next(t for t in doc.parsed if t.text == word)
    doc.actors.append(Actor(word, "CHL", "GOV", "state", "test"))
    doc.mentions.append(Mention(token.idx, token.idx + len(token), word, 0, 0, "test"))


def test_a_role_found_through_another_word_is_inherited(parsed, patterns):
    doc = parsed("Chile vowed to attack Peru.")
    attack = next(t for t in doc.parsed if t.text == "attack")
    vowed = next(t for t in doc.parsed if t.text == "vowed")
    assert role_of(attack, "nsubj", doc, patterns).inherited
    assert not role_of(vowed, "nsubj", doc, patterns).inherited


def test_a_subject_constraint_is_a_need_of_the_sentence(patterns):
    from dateline.events.triggers import triggers

    needs = {need for rule in triggers(patterns)["land"] for need in rule.needs}
    assert any({"mortar", "rocket"} <= need for need in needs)


def test_an_infinitive_on_an_actor_noun_is_done_by_that_actor():
    # "a militia to attack": the infinitive hangs on the noun (as the parser also hangs
    # "to disperse" on "Police" when it misreads "Police in X used tear gas")
    from event_dyads import coded

    text = "The army formed a militia to attack rebel villages in Myanmar's Sagaing region."
    assert [source for _, source, _ in coded(text)] == ["MMR"]
