"""Explosions and remote violence, and their look-alikes, on sentences written for these
tests: a town hit is its country's, an attack and its toll are one event, a claim of
responsibility names the attack's doer, and game strokes, mine blasts and support
participles are no attack."""

from __future__ import annotations

from event_dyads import coded


def test_a_town_shelled_is_the_target_and_its_toll_is_the_same_event():
    text = "Russian troops shelled the city of Kramatorsk overnight, killing a woman."
    assert coded(text) == [("194", "RUS", "UKR")]
    assert [e[1:] for e in coded("Russian troops bombed Kramatorsk on Sunday.")] == [("RUS", "UKR")]


def test_a_state_named_as_the_object_stays_the_target_actor():
    assert [e[1:] for e in coded("Israel did not strike Iran on Monday.")] == [("ISR", "IRN")]


def test_a_later_claim_of_responsibility_names_the_doer():
    text = (
        "A bomb exploded at a bus station in Maiduguri on Monday, killing six people. "
        "Boko Haram claimed the bombing on Tuesday."
    )
    events = coded(text)
    assert len(events) == 1 and events[0][1:] == ("NGA", "NGA")
    claimed = "A roadside bomb killed four soldiers near Gao. JNIM later claimed responsibility."
    assert [e[1:] for e in coded(claimed)] == [("MLI", "MLI")]


def test_a_claim_of_an_act_of_its_own_keeps_its_event():
    text = "Hezbollah claimed a rocket attack on an Israeli army base on Friday."
    assert [e[2] for e in coded(text)] == ["ISR"]


def test_a_group_that_often_attacks_reports_no_attack():
    assert coded("The militia often carries out such raids in the region.") == []


def test_toll_and_fighting_with_no_doer_beside_the_doers_act_are_that_act():
    text = "Rebels attacked an army base in Mali overnight, and nine soldiers were killed."
    assert [e[1:] for e in coded(text)] == [("MLI", "MLI")]
    text = "Soldiers killed 9 villagers in Mali and burned dozens of huts, residents said."
    assert [e[1:] for e in coded(text)] == [("MLI", "MLI")]


def test_game_strokes_are_no_shooting():
    assert coded("Jon Rahm shot a six-under 66 on Friday to lead by two.") == []
    assert coded("Kylian Mbappe struck twice in the second half.") == []
    assert coded("Nikola Jokic hit the winning shot as Denver beat Phoenix 101-99.") == []


def test_an_unknown_person_attacking_someone_is_still_an_attack():
    assert coded("Ahmed Ali shot dead a policeman in Kabul on Monday.") != []


def test_a_blast_at_a_gold_mine_is_an_accident():
    assert coded("An explosion at a gold mine in Ghana killed nine workers on Monday.") == []


def test_troops_backed_by_militias_is_no_support_event():
    text = "Iraqi troops backed by tribal fighters recaptured the town of Rutba."
    assert [e[0][:2] for e in coded(text)] == ["19"]


def test_a_mine_that_collapses_is_an_accident_a_mine_that_explodes_is_not():
    assert coded("Twelve miners died when a copper mine collapsed in Zambia.") == []
    assert coded("A mine exploded under a bus in Mali, killing five people.") != []


def test_victims_no_country_names_take_the_place_they_were_hit_in():
    text = "A U.S. drone killed two al-Qaida fighters travelling through Yemen's Abyan province."
    assert [e[1:] for e in coded(text)] == [("USA", "YEM")]


def test_a_town_retaken_from_a_force_targets_that_force():
    text = (
        "Ukrainian troops recaptured the village of Klishchiivka in the east from Russian forces."
    )
    assert [e[1:] for e in coded(text)] == [("UKR", "RUS")]


def test_abducted_pupils_are_of_the_place():
    assert [e[2] for e in coded("Gunmen kidnapped 30 pupils in Nigeria's Zamfara state.")] == [
        "NGA"
    ]


def test_a_military_parade_is_a_show_of_force_not_an_attack():
    assert coded("Russia held a military parade in Moscow on Thursday.") == [("150", "RUS", None)]


def test_old_ordnance_made_safe_is_no_bombing():
    assert coded("Sappers safely detonated an unexploded shell near Kherson on Monday.") == []
    assert coded("Police defused a World War Two bomb in a Warsaw park.") == []
