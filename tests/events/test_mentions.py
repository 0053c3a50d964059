"""Mention look-up (events/mentions.py): the events stage reads the actors stage's mentions
and never adds one of its own."""

from __future__ import annotations

from dateline.events.mentions import SURFACE_RULE, actor_mentions, mention_of
from dateline.model import Actor, Mention


def _mark(doc, words: str, country: str | None = "USA"):
    start = doc.text.index(words)
    doc.actors.append(Actor(words, country, "MIL", "group", "test"))
    doc.mentions.append(Mention(start, start + len(words), words, 0, len(doc.actors) - 1, "test"))


def test_an_unmarked_word_names_the_actor_of_a_mention_elsewhere(parsed):
    doc = parsed("US commanders said two men died in US custody.")
    _mark(doc, "US commanders")
    custody_us = next(t for t in doc.parsed if t.text == "US" and t.i > 0)
    found = mention_of(doc, custody_us)
    assert (found.text, found.start, found.rule, found.actor) == (
        "US",
        custody_us.idx,
        SURFACE_RULE,
        0,
    )
    ref = found.actor_ref(doc)
    assert (ref.text, ref.name, ref.country) == ("US", "US commanders", "USA")
    assert len(doc.mentions) == 1  # nothing added to the actors stage's mentions


def test_a_word_naming_an_actor_without_country_names_nobody_else(parsed):
    doc = parsed("Rebel commanders said two men died in Rebel custody.")
    _mark(doc, "Rebel commanders", country=None)
    custody_rebel = [t for t in doc.parsed if t.text == "Rebel"][1]
    assert mention_of(doc, custody_rebel) is None


def test_conjoined_heads_name_one_actor_each(parsed):
    doc = parsed("Chile and Peru signed a treaty.")
    _mark(doc, "Chile", "CHL")
    _mark(doc, "Peru", "PER")
    chile = doc.parsed[0]
    assert [words.text for words in actor_mentions(doc, chile)] == ["Chile", "Peru"]
    assert actor_mentions(doc, None) == []
