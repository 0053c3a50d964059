"""Riots and hyphenated event nouns, on wire sentences written for these tests: a crowd's
fight, storming or arson is a riot (CAMEO 145) against its own government; "sit-in" is
one noun, a protest."""

from __future__ import annotations

import dateline
from event_dyads import coded


def test_a_crowd_that_clashes_with_police_riots():
    assert coded("Demonstrators clashed with riot police in the centre of Lima on Friday.") == [
        ("145", "PER", "PER")
    ]


def test_a_crowd_that_storms_a_building_riots():
    assert coded("Hundreds of protesters stormed a police station in Lahore on Sunday.") == [
        ("145", "PAK", "PAK")
    ]


def test_armed_men_who_clash_still_fight():
    assert coded("Rebels clashed with Malian troops near Kidal on Monday.")[0][0] == "190"


def test_a_sit_in_is_one_noun_and_a_protest():
    doc = dateline.code_text("Nurses staged a sit-in outside the health ministry in Accra.")
    assert [(e.cameo.code, e.source.country) for e in doc.events] == [("141", "GHA")]
    assert doc.events[0].trigger == "sit-in"


def test_a_harm_told_with_the_strike_of_its_when_clause_is_one_event():
    text = "Three civilians were killed when a drone struck a minibus near Kherson, officials said."
    assert coded(text) == [("195", None, "UKR")]


def test_a_harm_after_another_act_is_a_second_event():
    text = "Two soldiers were wounded after rebels attacked a convoy near Beni in Congo."
    assert len(dateline.code_text(text).events) == 2


def test_in_clashes_between_protesters_and_police_only_the_protesters_riot():
    text = "Clashes between demonstrators and police in Conakry left three people dead."
    assert coded(text) == [("145", "GIN", "GIN")]


def test_a_riot_at_a_foreign_embassy_is_against_that_country():
    assert coded("Pakistani protesters stormed the French embassy in Islamabad.") == [
        ("145", "PAK", "FRA")
    ]
