"""Company news, vehicle accidents, looting by armed men and forecasts, on sentences written
for these tests: businesses acting on businesses code no political event (a state acting
on a company still does), harm told as the result of a vehicle's accident has no doer,
looting by armed men is violence rather than a riot, and a forecast is no event."""

from __future__ import annotations

import dateline
from event_dyads import coded


def test_a_company_selling_a_stake_is_no_agreement():
    assert coded("Glencore agreed to sell its stake in a copper smelter on Monday.") == []


def test_two_companies_battling_over_patents_is_no_fight():
    assert coded("Huawei and Samsung battled over smartphone patents in court.") == []


def test_a_company_buying_an_unknown_firm_is_no_agreement():
    assert coded("Chevron Corp agreed to buy Delmar Shale Resources for $5 billion.") == []


def test_a_company_acting_on_a_state_is_still_coded():
    assert coded("BP agreed to pay Angola $40 million in back taxes.") == [("030", None, "AGO")]


def test_a_state_acting_on_a_company_is_still_coded():
    events = coded("Iran seized a British-flagged tanker owned by a Swedish company on Friday.")
    assert events == [("171", "IRN", "GBR")]
    assert coded("Kenya's government accused Safaricom of overcharging customers.") == [
        ("112", "KEN", None)
    ]


def test_protesters_acting_on_a_company_are_still_coded():
    assert coded("Villagers protested against Glencore outside its mine in Zambia.") == [
        ("141", "ZMB", None)
    ]


def test_deaths_in_a_military_vehicle_accident_are_no_attack():
    assert coded("A police truck overturned near Kisumu on Monday, killing three officers.") == []
    text = "An army bus plunged into a gorge near Gilgit, killing six soldiers and injuring 9."
    assert coded(text) == []


def test_an_ambush_on_a_military_vehicle_stays_an_attack():
    assert coded("Rebels ambushed an army truck near Beni, killing six soldiers.") != []


def test_looting_by_armed_men_is_violence_not_a_protest():
    doc = dateline.code_text("Bandits looted homes in a village in Niger's Tillaberi region.")
    assert [(e.cameo.code, e.plover.type) for e in doc.events] == [("180", "ASSAULT")]
    assert "armed men's act: violence (180)" in doc.events[0].explanation


def test_looting_by_a_crowd_stays_a_riot():
    events = dateline.code_text("Rioters looted shops in downtown Nairobi on Tuesday.").events
    assert [(e.cameo.code, e.plover.type) for e in events] == [("145", "PROTEST")]


def test_burning_tyres_and_sit_ins_are_protests():
    assert [c for c, _, _ in coded("Protesters burned tyres on a highway outside Lusaka.")] == [
        "145"
    ]
    sit_in = coded("Teachers staged a sit-in outside the education ministry in Kampala.")
    assert [c[:2] for c, _, _ in sit_in] == ["14"]


def test_a_forecast_of_an_agreement_is_no_agreement():
    assert coded("Armenia and Azerbaijan are unlikely to agree on a peace treaty this year.") == []
    assert coded("Observers say Chad is likely to accept the proposal.") == []


def test_an_agreement_still_codes():
    assert coded("Armenia and Azerbaijan agreed on a peace treaty on Friday.") != []


def test_an_attack_and_its_casualties_are_one_event():
    text = "Jihadists attacked an army checkpoint in Burkina Faso, killing seven soldiers."
    assert len(coded(text)) == 1


def test_traders_protesting_is_still_a_protest():
    assert [c[:2] for c, _, _ in coded("Market vendors marched on the city hall in Accra.")] == [
        "14"
    ]


def test_a_flag_state_named_with_a_hyphen_is_the_target():
    text = "Iran seized a Greek-flagged tanker owned by a Danish company on Tuesday."
    assert coded(text) == [("171", "IRN", "GRC")]


def test_the_owner_of_the_place_of_a_sit_in_is_not_its_doer():
    text = "Eritrean migrants staged a sit-in outside the office of the UN refugee agency in Tunis."
    assert coded(text) == [("141", "ERI", "ERI")]
