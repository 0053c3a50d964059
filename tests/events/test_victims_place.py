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
