"""Protest and riot acts, written for these tests (issue 10, protests and riots): a crowd's
or a civilian group's arson is the riot and its blockade an obstruction, people who protest
demonstrate (a state complains), strikes one is "on", acts done "in protest", walkouts,
pickets and placards, and the marches of festivities that are no protest."""

from __future__ import annotations

import pytest

from event_dyads import coded


def codes(text: str) -> list[str]:
    return [code for code, _, _ in coded(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Protesters torched the mayor's office in Bamako on Tuesday.",
        "Angry villagers burned down a police post in Kasese on Sunday.",
        "Rioters set a bank on fire in Lusaka.",
    ],
)
def test_a_crowds_arson_is_the_riot(text):
    assert codes(text) == ["145"]


def test_one_mans_arson_and_armed_mens_arson_are_no_riot():
    assert "145" not in codes("A man set fire to a mosque in Oslo on Friday.")
    assert "145" not in codes("Gunmen torched homes in a village in Plateau state.")


def test_a_crowds_blockade_obstructs_passage_a_states_blockades():
    assert ("144", "KEN", "KEN") in coded("Demonstrators blockaded the port of Mombasa on Friday.")
    assert codes("Turkey blockaded the ports of Cyprus.") == ["191"]


def test_blocking_the_gates_of_a_mine_is_a_blockade():
    assert codes("Villagers blocked the gates of a gold mine in Obuasi on Monday.") == ["144"]


def test_protesters_who_occupy_a_place_demonstrate():
    assert codes("Students occupied the rector's office in Belgrade on Wednesday.") == ["141"]


def test_people_who_protest_demonstrate_a_state_complains():
    assert ("141", "URY", "URY") in coded(
        "Thousands of pensioners protested against the reform in Montevideo."
    )
    assert "114" in codes("Russia protested against the arrest of its diplomat.")


def test_a_present_participle_protest_takes_the_noun_it_modifies_as_subject():
    text = "Workers protesting against job cuts marched to the ministry in Tunis."
    assert codes(text) == ["141"]


def test_a_strike_its_strikers_are_on():
    assert ("143", "SEN", "SEN") in coded("Drivers in Dakar have been on strike since Monday.")
    assert ("142", "EGY", "EGY") in coded("Detained activists in Cairo remained on hunger strike.")
    assert codes("The minister in Lima commented on the strike.") == []


def test_an_act_done_in_protest():
    assert ("141", "KEN", "KEN") in coded(
        "Farmers dumped vegetables outside parliament in Nairobi in protest."
    )
    # the act is an event itself: that one event
    assert codes("Lawyers boycotted the courts in Lahore in protest at the arrests.") == ["143"]


def test_walkouts_strikes_joined_pickets_and_placards():
    assert codes("Firefighters in Lisbon walked out on Tuesday over pay.") == ["143"]
    assert codes("Dockers joined the national strike in Marseille on Thursday.") == ["143"]
    assert ("141", "LTU", "RUS") in coded("Activists picketed the Russian embassy in Vilnius.")
    assert codes("Nurses waved placards outside the health ministry in Kampala.") == ["141"]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands marched through Rio de Janeiro in the carnival parade on Sunday.",
        "Cricket fans poured into the streets of Lahore to celebrate the win.",
        "Supporters blocked traffic in Accra to celebrate the victory of the national team.",
    ],
)
def test_a_festivitys_march_or_crowd_is_no_protest(text):
    assert not [code for code in codes(text) if code.startswith("14")]


def test_fans_who_riot_still_riot():
    assert codes("Football fans rioted in Cairo on Sunday, police said.") == ["145"]


def test_a_repression_with_no_target_named_hits_the_people_of_its_country():
    assert ("175", "TZA", "TZA") in coded("Police fired tear gas to clear the road in Arusha.")
    # a protest with no target named is aimed at the government, as before
    assert ("141", "TZA", "TZA") in coded("Hundreds of teachers protested in Arusha on Monday.")


def test_a_crowd_that_gathers_protests():
    text = (
        "A crowd gathered outside the police station in Lusaka, demanding the release of the"
        " activist."
    )
    assert codes(text) == ["141"]  # the demand is the protest's aim


def test_burning_a_symbol_in_protest_is_a_demonstration_not_arson():
    assert codes("Women in Kabul burned their headscarves in protest.") == ["141"]


def test_a_general_strike_is_no_army_general_and_no_air_strike():
    assert ("143", "BGD", "BGD") in coded("A general strike was held in Dhaka on Monday.")
    text = "A general strike called by the unions paralysed Dhaka on Tuesday."
    assert ("143", "BGD", "BGD") in coded(text)
    # a strike long past, in a feature, names no strikers
    assert (
        codes("Sixty years after the general strike of 1926, historians in Leeds disagree.") == []
    )
