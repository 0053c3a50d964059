"""Unnamed victims and the place an act hit, on wire sentences written for these tests:
"people" and "civilians" take their country from the story (often the attacker's); the
place the act hit, in another country, is the target."""

from __future__ import annotations

from event_dyads import coded


def test_unnamed_victims_in_another_country_are_that_place_s():
    assert coded("Israeli drone strikes killed 14 people in Rafah on Monday.") == [
        ("1823", "ISR", "PSE")
    ]


def test_a_strike_on_a_place_named_on_the_subject_targets_that_place():
    text = "A Russian missile strike on a shopping centre in Kremenchuk killed 18 civilians."
    assert coded(text) == [("1823", "RUS", "UKR")]


def test_victims_in_the_attacker_s_own_country_stay():
    assert coded("Ethiopian soldiers killed 30 villagers in the Amhara region.") == [
        ("1823", "ETH", "ETH")
    ]


def test_killed_in_labelled_strikes_names_the_striker_and_the_place_hit():
    text = "At least 18 people were killed in Israeli strikes across Rafah on Sunday."
    assert coded(text) == [("1823", "ISR", "PSE")]


def test_died_in_a_labelled_drone_attack_names_the_attacker():
    text = "Two people died in a Russian drone attack on the Ukrainian city of Sumy."
    assert coded(text) == [("190", "RUS", "UKR")]


def test_the_toll_of_fighting_between_named_sides_is_that_fighting():
    text = "Clashes between rival militias in Tripoli killed at least nine people on Friday."
    assert coded(text) == [("190", "LBY", "LBY")]


def test_a_labelled_attack_on_a_capital_that_kills_targets_that_capital_s_country():
    assert coded("A Russian missile attack on Kyiv killed three people.") == [
        ("1823", "RUS", "UKR")
    ]
