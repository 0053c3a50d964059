"""Machines, installations and pits: the things whose harm is an accident, not an attack.

"a gas explosion", "a tank at the chemical plant", "when a truck rammed into a bus", "when a
gold mine collapsed": read by doers.py with the words of data/patterns/doers.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .doers import NonEventWords

NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})


def accidental_noun(noun, words: NonEventWords):
    """ "a gas explosion", "a tank at the chemical plant", "a bulk carrier", "lightning
    strikes": the machine, installation or natural cause on the noun or among its
    modifiers, or None."""
    if noun.lemma_.lower() in words.accidental_things:
        return noun
    for child in noun.children:
        modifier = child.lemma_.lower()
        is_harmless = modifier in words.accidental_things or words.is_cause(modifier)
        if child.dep_ in NOUN_MODIFIERS and is_harmless:
            return child
        if child.dep_ == "prep" and child.lower_ in {"at", "in", "on"}:
            place = next((g for g in child.children if g.dep_ == "pobj"), None)
            if place is not None and is_installation(place, words):
                return place
    return None


def is_installation(place, words: NonEventWords) -> bool:
    """ "at the plant", "at a coal mine": a machine or installation, or a place a machine
    word modifies."""
    if place.lemma_.lower() in words.accidental_things:
        return True
    return any(
        c.dep_ == "compound" and c.lemma_.lower() in words.accidental_things for c in place.children
    )


def a_pit(weapon, words: NonEventWords) -> bool:
    """ "when a gold mine collapsed": a weapon's word with a material on it, as the subject of
    an accident's verb, names the pit or works, not a weapon ("a mine exploded" stays)."""
    verb = weapon.head.lemma_.lower() in words.accident_verbs
    return verb and accidental_noun(weapon, words) not in (None, weapon)


def collision(subject, words: NonEventWords) -> bool:
    """ "when a truck rammed into a bus": a vehicle or machine whose verb hits another."""
    if subject.dep_ != "nsubj" or subject.lemma_.lower() not in words.accidental_things:
        return False
    verb = subject.head
    hit = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    hit += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(h.lemma_.lower() in words.accidental_things for h in hit)
