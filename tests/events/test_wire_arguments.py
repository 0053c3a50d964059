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


def test_troops_moved_to_a_border_target_the_other_side(dyads):
    assert dyads("Turkey deployed additional troops to its border with Syria.") == [
        ("15", "TUR", "SYR")
    ]


def test_tariffs_slapped_on_goods_are_sanctions(dyads):
    assert dyads("The United States slapped tariffs on Chinese steel.") == [("16", "USA", "CHN")]


def test_a_labelled_raid_has_its_doer(dyads):
    assert [(r, s) for r, s, _ in dyads("The Israeli raid on Jenin left four dead.")] == [
        ("19", "ISR")
    ]


def test_a_claimed_attack_is_the_claimers(dyads):
    assert dyads("Houthi rebels claimed a drone attack on Saudi oil facilities.") == [
        ("19", "YEM", "SAU")
    ]
    found = dyads("Al-Shabaab claimed responsibility for the attack on a hotel in Mogadishu.")
    assert [(root, source) for root, source, _ in found] == [("19", "SOM")]


def test_a_summoned_envoy_is_an_official_complaint_to_the_envoys_country(dyads):
    assert dyads("Iran summoned the British ambassador over the seizure of a tanker.") == [
        ("11", "IRN", "GBR")
    ]


# 2. conflict language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unnamed crowd is the people of the place it protests in
        ("Hundreds of women protested outside the parliament in Kabul.", ("14", "AFG")),
        ("Mourners marched through the streets of Tehran chanting slogans.", ("14", "IRN")),
        # with no country named, a city named gives the story's country
        ("Police arrested 40 protesters during a demonstration in Istanbul.", ("17", "TUR")),
    ],
)
def test_the_place_gives_an_unnamed_crowd_its_country(dyads, text, expected):
    assert [(root, source) for root, source, _ in dyads(text)] == [expected]


def test_riots_are_violent_protest(settings):
    events = dateline.code_text("Riots broke out in several cities in Kenya.", settings=settings)
    assert [(e.cameo.code, e.plover.mode) for e in events.events] == [("145", "riot")]


def test_a_weapons_fire_is_no_blaze(dyads):
    assert [root for root, _, _ in dyads("Mortar fire killed two soldiers near Gao.")] == ["18"]
    assert dyads("A fire destroyed 20 homes in Lagos.") == []


@pytest.mark.parametrize(
    "text",
    [
        "An explosion at a checkpoint in Mogadishu killed three soldiers.",
        "A grenade attack on a church in Kenya wounded 15 people.",
    ],
)
def test_a_violent_noun_that_does_a_violent_verb_is_one_event(dyads, text):
    assert len(dyads(text)) == 1


def test_a_date_after_the_verb_is_nobody_called_on(dyads):
    found = dyads("Qatar and Saudi Arabia agreed on Tuesday to restore full diplomatic ties.")
    assert sorted(found) == [("03", "QAT", "SAU"), ("03", "SAU", "QAT")]


def test_a_province_owned_by_a_country_places_the_group_in_it(dyads):
    found = dyads("Russian warplanes struck rebel-held villages in Syria's Idlib province.")
    assert found == [("19", "RUS", "SYR")]


# 4. reactions to an event named earlier in the story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea fired a ballistic missile into the sea. Japan condemned the launch.",
            ("11", "JPN", "PRK"),
        ),
        (
            "China banned imports of Australian wine. Canberra protested against the ban.",
            ("11", "AUS", "CHN"),
        ),
        (
            "Russia announced the expulsion of 20 Czech diplomats. Prague condemned the decision.",
            ("11", "CZE", "RUS"),
        ),
        (
            "Iran seized a British tanker in the Gulf. London condemned the seizure.",
            ("11", "GBR", "IRN"),
        ),
        (
            "Saudi Arabia accused Qatar of funding militants. The accusations came after weeks "
            "of tension. Doha rejected the allegations as baseless.",
            ("12", "QAT", "SAU"),
        ),
    ],
)
def test_a_reaction_targets_the_doer_of_the_event_it_names(dyads, text, expected):
    assert expected in dyads(text)


def test_an_expulsion_announced_is_an_expulsion(dyads):
    assert dyads("Russia announced the expulsion of 20 Czech diplomats.") == [("16", "RUS", "CZE")]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Clashes between Israeli troops and Palestinian gunmen erupted in Jenin overnight.",
            [("19", "ISR", "PSE"), ("19", "PSE", "ISR")],
        ),
        (
            "Talks between Serbia and Kosovo took place in Brussels on Thursday.",
            [("04", "SRB", "XKX"), ("04", "XKX", "SRB")],
        ),
    ],
)
def test_an_event_between_two_parties_is_theirs_both_ways(dyads, text, pairs):
    assert sorted(dyads(text)) == pairs


def test_an_act_told_twice_by_one_actor_is_the_one_with_its_target(dyads):
    text = "The Kremlin condemned the drone attack on Moscow and blamed Ukraine for it."
    assert [d for d in dyads(text) if d[0] == "11"] == [("11", "RUS", "UKR")]


def test_a_country_owning_the_place_is_the_target_of_an_act_there(dyads):
    text = "Gunmen shot dead eight worshippers outside a church in Nigeria's Benue state."
    assert [target for _, _, target in dyads(text)] == ["NGA"]
