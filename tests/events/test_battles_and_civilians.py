"""Battles, violence against civilians and their look-alikes, in sentences written for these
tests: people driven from their homes, victims told as travellers or children, a noun read as
a gerund's object, a backer's nationality, and acts that are a film's story, an animal's or
an accident."""

from __future__ import annotations

import pytest

from event_dyads import coded


def test_people_driven_from_their_homes_are_a_mass_expulsion():
    text = (
        "NAIROBI (Reuters) - Militiamen drove hundreds of Somali families from their village "
        "near Beledweyne on Monday, elders said."
    )
    assert [code for code, _, _ in coded(text)] == ["201"]
    # diplomats sent home stay an expulsion of diplomats
    text = "PRAGUE (Reuters) - The Czech Republic expelled two Russian diplomats on Friday."
    assert coded(text) == [("166", "CZE", "RUS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BAMAKO (AFP) - Jihadists kidnapped nine travellers from a bus near Mopti in "
            "central Mali on Sunday.",
            ("181", "MLI", "MLI"),
        ),
        (
            "MAIDUGURI, Nigeria (AP) — Insurgents abducted 14 children from a village in "
            "Borno state on Tuesday.",
            ("181", "NGA", "NGA"),
        ),
    ],
)
def test_travellers_and_children_are_victims_of_the_place(text, expected):
    assert expected in coded(text)


def test_the_noun_after_a_participle_read_as_a_gerund_is_the_target():
    text = "Ethiopian soldiers opened fire at fleeing villagers in the Amhara region on Friday."
    assert ("193", "ETH", "ETH") in coded(text)


def test_a_backers_nationality_yields_to_the_groups_own():
    text = "BEIRUT (Reuters) - Iranian-backed Iraqi militiamen attacked a base in Syria on Monday."
    assert [source for _, source, _ in coded(text)] == ["IRQ"]
    text = "KYIV (Reuters) - Russian-backed separatists shelled Ukrainian positions on Monday."
    assert [source for _, source, _ in coded(text)] == ["RUS"]


@pytest.mark.parametrize(
    "text",
    [
        "A new documentary about the siege of Sarajevo, in which Serb gunners shell the city "
        "for years, opened the Berlin festival on Friday.",
        "NAIROBI (AFP) - A leopard attacked and killed a herder near Lake Nakuru on Monday, "
        "wildlife officials said.",
        "MADRID (Reuters) - A farmer was accidentally shot dead by a fellow hunter during a "
        "deer hunt in the province of Toledo on Saturday, police said.",
    ],
)
def test_a_films_story_an_animal_and_an_accident_are_no_event(text):
    assert coded(text) == []


def test_a_capitalised_animal_name_stays_an_armed_group():
    text = "COLOMBO (Reuters) - Tamil Tigers attacked an army camp in northern Sri Lanka."
    assert [code for code, _, _ in coded(text)] == ["190"]


def test_rape_is_sexual_violence_and_rapped_is_not():
    text = "BUKAVU, Congo (AFP) - Armed men raped 12 women near Bukavu on Sunday, a doctor said."
    assert coded(text) == [("1821", "COD", "COD")]
    assert coded("The United States rapped China over its trade practices.") == []


def test_an_act_still_awaited_is_no_event():
    text = "The multinational security mission has yet to deploy in the Artibonite region."
    assert coded(text) == []


def test_denying_a_claim_targets_who_reported_it():
    text = (
        "YEREVAN (Reuters) - Armenia said Azerbaijani troops fired on its border posts on "
        "Monday. Baku denied the claim."
    )
    assert ("120", "AZE", "ARM") in coded(text)


def test_a_first_conjunct_folded_into_the_second_phrase_is_an_actor_of_its_own():
    text = (
        "JUBA (Reuters) - Fighting between the South Sudanese army and White Army militiamen "
        "killed 20 people near Nasir on Tuesday, officials said."
    )
    events = coded(text)
    assert ("190", "SSD", "SSD") in events and len(events) == 2
