"""Strategic and diplomatic wire sentences (issue 10, tuned_q8): each rule on a sentence
written for it, never one of the gold corpus's."""

from __future__ import annotations

from event_dyads import coded, typed


def test_a_court_sentence_is_a_penalty_imposed_not_a_verdict():
    # PETRARCH2 SENTENCE [172] (COERCE); "convicted" stays 116 (found guilty)
    assert coded("A court in Tehran sentenced a Swedish doctor to death on Monday.") == [
        ("172", "IRN", "SWE")
    ]


def test_the_act_an_accusation_attributes_is_no_second_event():
    assert typed(
        "Ecuador's foreign ministry accused Peruvian troops of shelling a border post."
    ) == [("ACCUSE", "ECU", "PER")]
    assert typed("Kazakhstan accused Kyrgyz guards of raiding farms in Almaty province.") == [
        ("ACCUSE", "KAZ", "KGZ")
    ]


def test_an_accusation_between_companies_leaves_nothing_behind():
    # the accusation is company news (events/business.py); the act it alleges is its content
    text = "Shell accused BP of violating a supply contract, court filings showed on Monday."
    assert coded(text) == []


def test_what_a_poll_shows_is_no_event():
    text = "A survey found that 61 percent of Italians oppose sending troops to Libya."
    assert coded(text) == []


def test_an_obituary_tells_a_life_not_the_news():
    text = (
        "Former Chilean foreign minister Ana Rojas, who negotiated a border treaty with Peru, "
        "has died at the age of 91, her family said."
    )
    assert coded(text) == []


def test_a_vote_in_an_election_is_no_event():
    assert coded("Romanians vote in a presidential election on Sunday.") == []


def test_a_converted_petrarch_pattern_needs_a_target():
    # PETRARCH2 codes an event only with a target: "present a plan" alone appeals to nobody
    assert coded("The transport minister is due to present an infrastructure plan on Monday.") == []


def test_a_local_office_holder_takes_the_place_of_the_story():
    text = (
        "Ukrainian drones hit an oil depot in the Bryansk region overnight, the regional "
        "governor said. The governor accused Kyiv of terrorising civilians."
    )
    assert typed(text) == [("ACCUSE", "RUS", "UKR"), ("ASSAULT", "UKR", "RUS")]


def test_a_place_noun_with_a_gazetteer_name_is_that_place():
    text = "Thai officials said Cambodian troops had shelled a village in Surin province."
    assert typed(text) == [("ASSAULT", "KHM", "THA")]


def test_the_city_of_a_place_hit_is_that_place():
    assert typed("Russian forces shelled the city of Kherson overnight.") == [
        ("ASSAULT", "RUS", "UKR")
    ]


def test_the_leaders_of_several_states_are_those_states():
    assert typed("The presidents of Ghana and Togo met in Lome on Friday.") == [
        ("CONSULT", "GHA", "TGO"),
        ("CONSULT", "TGO", "GHA"),
    ]


def test_a_second_target_hung_on_the_noun_before_the_preposition_counts():
    # the parser hangs "two Chinese firms" on "sanctions", not on "on"
    text = "Canada imposed sanctions on Iran's central bank and two Chinese firms on Monday."
    assert typed(text) == [("COERCE", "CAN", "CHN"), ("COERCE", "CAN", "IRN")]


def test_a_threat_is_aimed_at_whom_its_condition_is_on():
    assert typed("Russia threatened to respond if Finland joined NATO.") == [
        ("THREATEN", "RUS", "FIN")
    ]


def test_the_talks_a_request_asks_for_are_no_event():
    assert typed("The United Nations urged Sudan and Chad to resume talks.") == [
        ("REQUEST", None, "SDN"),
        ("REQUEST", None, "TCD"),
    ]


def test_money_given_to_a_state_is_aid():
    text = "Germany will provide $50 million in humanitarian aid to Jordan, the ministry said."
    assert typed(text) == [("AGREE", "DEU", "JOR")]


def test_each_other_makes_the_doers_each_others_targets():
    assert typed("Ghana and Togo accused each other of arming the rebels.") == [
        ("ACCUSE", "GHA", "TGO"),
        ("ACCUSE", "TGO", "GHA"),
    ]


def test_a_phone_call_told_by_its_medium():
    text = "Italy's prime minister spoke by telephone with the Tunisian president on Friday."
    assert typed(text) == [("CONSULT", "ITA", "TUN")]


def test_a_visiting_minister_is_the_subject_not_the_participle():
    text = "Visiting Polish Foreign Minister Jan Nowak met Lithuanian President Ona Petraite."
    assert typed(text) == [("CONSULT", "POL", "LTU")]


def test_the_summit_a_meeting_was_held_at_is_no_second_meeting():
    text = "The Polish and Czech prime ministers met on the sidelines of the EU summit in Brussels."
    assert [t for t, _, _ in typed(text)] == ["CONSULT", "CONSULT"]
    # a circumstance is no setting: the fighting after which a town was retaken is told too
    text = "Somali troops retook the town of Bulo Burde after fierce fighting with al-Shabaab."
    assert "ASSAULT" in {t for t, _, _ in typed(text)}


def test_suspending_a_foreign_broadcaster_restricts_expression():
    assert coded("Niger suspended the broadcasts of a French television channel.") == [
        ("1721", "NER", "FRA")
    ]


def test_the_talks_a_request_asks_to_return_to_are_no_event():
    assert typed("Qatar urged Hamas to return to talks.") == [("REQUEST", "QAT", "PSE")]


def test_warning_of_a_danger_is_no_threat():
    assert coded("The finance minister warned of excessive currency moves.") == []
    assert typed("Russia warned Norway of severe consequences.") == [("THREATEN", "RUS", "NOR")]


def test_an_act_told_as_years_past_is_history():
    assert coded("Twenty years ago, the United States invaded Iraq.") == []
    assert typed("Three days ago, Serbia shelled a border post in Kosovo.") == [
        ("ASSAULT", "SRB", "XKX")
    ]


def test_the_acts_a_narrative_describes_are_its_story():
    assert coded("In her memoir, the former envoy describes the talks with Iran.") == []


def test_a_phone_call_received_is_a_consultation_with_the_caller():
    text = "Jordan's king received a phone call from the French president on Sunday."
    assert typed(text) == [("CONSULT", "JOR", "FRA")]


def test_calling_an_earlier_act_unacceptable_condemns_its_doer():
    text = "Iran expelled the Danish ambassador. Copenhagen called the decision unacceptable."
    assert typed(text) == [("ACCUSE", "DNK", "IRN"), ("SANCTION", "IRN", "DNK")]


def test_a_judgement_verb_is_no_light_verb_for_its_object():
    # "call" is a light verb in "called off the talks", not in "called the visit a provocation"
    assert typed("Serbia called the visit a provocation.") == [("ACCUSE", "SRB", None)]


def test_suspending_imports_from_a_country_is_an_embargo():
    assert typed("Russia suspended imports of Moldovan wine on Friday.") == [
        ("COERCE", "RUS", "MDA")
    ]


def test_a_title_whose_of_phrase_names_no_actor_keeps_its_own_actor():
    text = "The Peruvian Minister of Culture met the Bolivian ambassador in Lima."
    assert typed(text)[0][:2] == ("CONSULT", "PER")
