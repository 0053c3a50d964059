"""Shipped patterns (data/patterns/verbs.yaml) for the shapes wire stories use, through the
full pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from event_dyads import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest somewhere is a demonstration; one to someone, a complaint
        ("Thousands of Chileans protested in Santiago against the pension reform.", "141"),
        ("Peru protested to Chile over the new fishing quotas.", "114"),
    ],
)
def test_where_a_protest_is_tells_a_demonstration_from_a_complaint(text, expected):
    assert [code for code, _, _ in coded(text)] == [expected]


def test_walking_off_the_job_is_a_strike():
    assert [code for code, _, _ in coded("Nurses in Kenya walked off the job on Monday.")] == [
        "143"
    ]


def test_suspending_or_dissolving_parties_bans_them():
    assert coded("The Guinean junta suspended the activities of political parties.") == [
        ("1722", "GIN", "GIN")
    ]
    assert coded("Thai authorities dissolved the main opposition party on Tuesday.") == [
        ("1722", "THA", "THA")
    ]


def test_a_retaken_town_is_occupied_territory():
    # the model lemmatises "retook" as "retook": words.yaml's lemma_fixes set it right
    assert [code for code, _, _ in coded("Kenyan troops retook the town of Mandera.")] == ["192"]


def test_warships_and_carriers_are_forces_moved():
    assert coded("France deployed an aircraft carrier to the Red Sea on Monday.") == [
        ("154", "FRA", None)
    ]


def test_two_sides_that_clashed_fought_each_other():
    assert coded("Chile and Peru clashed over the border on Monday.") == [
        ("190", "CHL", "PER"),
        ("190", "PER", "CHL"),
    ]
