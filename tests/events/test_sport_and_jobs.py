"""Sport, jobs and backstory are no event, on sentences written for these tests: a tournament's
name makes a sport story even with no score or sport noun, firing a person from a job is
no shooting, and a past-perfect relative clause tells backstory."""

from __future__ import annotations

from event_dyads import coded


def test_a_win_at_a_named_tournament_is_no_assault():
    assert coded("Iga Swiatek beat Elena Rybakina at the Australian Open on Thursday.") == []


def test_a_beating_outside_sport_is_still_an_assault():
    assert coded("Police beat opposition supporters in Harare on Monday.") == [
        ("182", "ZWE", "ZWE")
    ]


def test_firing_a_coach_or_a_minister_is_no_shooting():
    assert coded("Juventus fired their coach on Sunday after a defeat.") == []
    assert coded("The Peruvian president fired his interior minister on Tuesday.") == []


def test_firing_on_people_is_still_shooting():
    assert coded("Soldiers fired on villagers near Bamako on Friday.") == [("193", "MLI", "MLI")]


def test_what_a_victim_had_done_before_is_backstory_not_an_event():
    text = "An activist who had denounced the army was shot dead in Honduras on Sunday."
    assert coded(text) == [("193", None, "HND")]


def test_a_blast_that_rips_through_a_plant_is_an_accident():
    assert coded("An explosion ripped through a fertiliser plant in Egypt, killing 5.") == []


def test_a_blast_that_rips_through_a_market_stays_an_attack():
    assert coded("An explosion ripped through a market in Kandahar on Friday.") != []


def test_racing_and_cricket_words_make_a_sport_story():
    assert coded("Lando Norris attacked Charles Leclerc on the last lap in Monza.") == []
    assert coded("The English bowler struck twice before lunch in Adelaide.") == []
