"""The shipped coder on wire-shaped sentences written for these tests (issue 10, kinds 1, 2
and 4): the target where the clause names it, lists of actors, the doer of a passive or a
participle, conflict language, and reactions to an event named earlier in the story."""

from __future__ import annotations

import pytest

import dateline


@pytest.fixture
def dyads(settings):
    def run(text: str) -> list[tuple[str, str | None, str | None]]:
        return [
            (
                e.cameo.root,
                e.source.country if e.source else None,
                e.target.country if e.target else None,
            )
            for e in dateline.code_text(text, settings=settings).events
        ]

    return run


# 1. arguments: lists, labels, passives and participles


def test_a_list_parsed_as_an_apposition_gives_every_member(dyads):
    found = dyads(
        "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic ties with Qatar in June."
    )
    assert sorted(found) == [
        ("16", "ARE", "QAT"),
        ("16", "BHR", "QAT"),
        ("16", "EGY", "QAT"),
        ("16", "SAU", "QAT"),
    ]


def test_conjoined_national_labels_are_two_targets(dyads):
    found = dyads("Britain imposed sanctions on Russian and Belarusian banks.")
    assert sorted(found) == [("16", "GBR", "BLR"), ("16", "GBR", "RUS")]


def test_conjoined_national_labels_are_two_sides_of_a_fight(dyads):
    found = dyads("Armenian and Azerbaijani forces exchanged fire along the border.")
    assert sorted(found) == [("19", "ARM", "AZE"), ("19", "AZE", "ARM")]


def test_a_labelled_thing_where_an_act_lands_is_a_place_of_that_country(dyads):
    assert dyads("The United States fired 59 cruise missiles at a Syrian airfield.") == [
        ("19", "USA", "SYR")
    ]


def test_the_doer_of_the_means_is_never_its_victim_nor_a_place_near_it(settings):
    events = dateline.code_text(
        "Three Malian soldiers were killed by a landmine planted by the group near Gao.",
        settings=settings,
    ).events
    assert [(e.cameo.root, e.source, e.target.country) for e in events] == [("18", None, "MLI")]


def test_a_passive_participle_targets_the_noun_it_qualifies(dyads):
    found = dyads("Syrian government forces attacked by Islamic State fighters lost the town.")
    assert [(root, target) for root, _, target in found] == [("19", "SYR")]


def test_an_event_noun_done_by_the_agent_of_a_passive_support_verb(dyads):
    text = "The attack on the Pakistani embassy in Kabul was carried out by the Taliban."
    assert dyads(text) == [("19", "AFG", "PAK")]


def test_an_envoy_recalled_from_a_posting_targets_the_host(dyads):
    assert dyads("Morocco recalled its ambassador to Germany.") == [("16", "MAR", "DEU")]


def test_ground_taken_from_a_force_targets_that_force(dyads):
    assert dyads("Kenyan troops seized the town of Dhobley from Somali forces.") == [
        ("19", "KEN", "SOM")
    ]


def test_two_parties_restoring_ties_restore_them_with_each_other(dyads):
    found = dyads("Qatar and Saudi Arabia agreed to restore full diplomatic ties.")
    assert sorted(found) == [("03", "QAT", "SAU"), ("03", "SAU", "QAT")]


def test_tariffs_slapped_on_goods_are_sanctions(dyads):
    assert dyads("The United States slapped tariffs on Chinese steel.") == [("16", "USA", "CHN")]


def test_a_labelled_raid_has_its_doer(dyads):
    assert [(r, s) for r, s, _ in dyads("The Israeli raid on Jenin left four dead.")] == [
        ("19", "ISR")
    ]
