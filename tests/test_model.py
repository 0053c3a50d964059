"""The model's own helpers: which sentence holds an offset, where the dateline stands."""

from __future__ import annotations

import re

from dateline import events
from dateline.events import modality
from dateline.model import (
    FACTUAL_MODALITIES,
    MODALITIES,
    Actor,
    ActorKind,
    Dateline,
    Document,
    Mention,
    MentionRule,
    Modality,
    Sentence,
)

TEXT = "Iran protested. Iraq replied at once. Syria kept quiet."


def document(text: str = TEXT, dateline: Dateline | None = None) -> Document:
    doc = Document(doc_id="d", path="<test>", text=text, dateline=dateline)
    for index, found in enumerate(re.finditer(r"\S[^.]*\.", text)):
        doc.sentences.append(Sentence(index, found.start(), found.end(), found.group()))
    return doc


def test_sentence_at_every_offset():
    doc = document()
    for sentence in doc.sentences:
        assert doc.sentence_at(sentence.start) == sentence.index
        assert doc.sentence_at(sentence.end - 1) == sentence.index
    assert [doc.sentence_at(TEXT.index(w)) for w in ("Iran", "once", "quiet")] == [0, 1, 2]


def test_sentence_at_an_offset_before_the_first_sentence_is_the_first():
    doc = document("  Iran protested. Iraq replied.")
    assert doc.sentence_at(0) == 0
    assert document("").sentence_at(5) == 0


def test_the_dateline_is_found_in_the_text_when_no_offsets_were_recorded():
    text = "Preamble. CAIRO, May 2 (AFP) - Egypt protested."
    located = document(text, Dateline("CAIRO, May 2 (AFP)")).dateline_in_text()
    assert text[located.start : located.end] == "CAIRO, May 2 (AFP)"


def test_recorded_dateline_offsets_win_over_the_text():
    text = "CAIRO, May 2 (AFP) - Egypt protested. CAIRO, May 2 (AFP) - again."
    second = text.rindex("CAIRO")
    dateline = Dateline("CAIRO, May 2 (AFP)", start=second, end=second + 18)
    assert document(text, dateline).dateline_in_text() is dateline


def test_no_dateline_in_the_text():
    assert document().dateline_in_text() is None
    assert document(dateline=Dateline("OSLO, May 3")).dateline_in_text() is None
    assert document(dateline=Dateline("")).dateline_in_text() is None


def test_an_actor_ref_carries_the_actor_index():
    doc = document()
    doc.actors = [
        Actor("Iran", "IRN", None, ActorKind.STATE, "t"),
        Actor("Iraq", "IRQ", None, ActorKind.STATE, "t"),
    ]
    at = TEXT.index("Iraq")
    mention = Mention(at, at + 4, "Iraq", 1, 1, MentionRule.DICTIONARY)
    ref = doc.actor_ref(mention)
    assert (ref.actor, ref.name, ref.text) == (1, "Iraq", "Iraq")
    assert doc.actors[ref.actor].country == ref.country


def test_mention_rules_are_their_stored_spelling():
    assert MentionRule("locative") is MentionRule.LOCATIVE
    assert MentionRule.COREF_SURNAME == "coref:surname"
    assert len({rule.value for rule in MentionRule}) == len(MentionRule)


def test_modality_is_one_enum_that_the_events_stage_and_the_record_share():
    assert modality.Modality is Modality  # the events stage decides it with the model's enum
    assert MODALITIES[0] == Modality.ASSERTED == "asserted"
    assert set(FACTUAL_MODALITIES) == {Modality.ASSERTED, Modality.REPORTED}
    assert set(FACTUAL_MODALITIES) < set(Modality)
    assert "ASSAULT" in events.PLOVER_TYPES  # the web reads the types from the events face
