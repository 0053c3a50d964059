"""Protest and battle wordings the shipped patterns missed, on wire sentences written for
these tests: a protest noun as the subject of its clause, workers who walk out, burning
tyres, and repelling an attack (a fight both ways)."""

from __future__ import annotations

from event_dyads import coded


def test_a_protest_noun_that_is_its_clause_subject_is_a_protest_of_the_place():
    text = "A march by market traders blocked the centre of Kampala in Uganda on Monday."
    assert coded(text) == [("141", "UGA", "UGA")]


def test_workers_who_walk_out_strike():
    assert coded("Nurses in Kenya walked out of public hospitals on Monday over pay.") == [
        ("143", "KEN", "KEN")
    ]


def test_a_delegation_that_walks_out_of_talks_does_not_strike():
    assert all(c != "143" for c, _, _ in coded("The Sudanese delegation walked out of the talks."))


def test_burning_tyres_is_a_violent_protest():
    assert coded("Youths burned tyres on roads leading into Conakry in Guinea.") == [
        ("145", "GIN", "GIN")
    ]


def test_repelling_an_attack_is_a_fight_both_ways():
    text = "Somali troops repelled an Ethiopian attack on the border town of Dolow."
    assert ("190", "ETH", "SOM") in coded(text)
    assert ("190", "SOM", "ETH") in coded(text)


def test_rockets_fired_by_a_group_that_hit_a_place_are_one_strike_by_that_group():
    text = "Rockets fired by Hamas hit a town in southern Israel on Monday, the army said."
    assert coded(text) == [("195", "PSE", "ISR")]


def test_killed_and_wounded_in_one_strike_is_one_event():
    text = "Four people were killed and 11 wounded in an air strike on a village in Yemen."
    assert len(coded(text)) == 1


def test_shooting_down_drones_targets_their_owner():
    assert coded("Ukraine shot down 25 Russian drones over the Odesa region overnight.") == [
        ("195", "UKR", "RUS")
    ]


def test_a_vehicle_that_hits_a_landmine_is_the_victim_not_the_attacker():
    text = "A Nigerien army vehicle hit a landmine near Diffa on Tuesday, officials said."
    assert coded(text) == [("183", None, "NER")]


def test_protests_that_erupt_are_protests_not_eruptions():
    assert coded("Protests erupted in Khartoum on Thursday.") == [("141", "SDN", "SDN")]


def test_barricades_and_blocked_motorways_are_protest_blockades():
    assert coded("Truck drivers blocked motorways around Madrid on Monday.") == [
        ("144", "ESP", "ESP")
    ]
    assert coded("Protesters put up barricades in the streets of Caracas.") == [
        ("144", "VEN", "VEN")
    ]


def test_seizing_control_of_a_town_is_capturing_it():
    assert coded("Malian troops seized control of the town of Kidal from Tuareg rebels.") == [
        ("192", "MLI", "MLI")
    ]
    assert coded("The Taliban took control of Kabul on Sunday.") == [("192", "AFG", "AFG")]


def test_burning_a_symbol_is_a_demonstration_against_what_it_stands_for():
    text = "Demonstrators in Baghdad burned Swedish flags outside the embassy on Thursday."
    assert coded(text) == [("141", "IRQ", "SWE")]
