"""Whose is a described group, and whose is a story: the place of the group's own clause,
the dateline's country (written after the city, or a city the country tables lack), then
the story's most named country; machines, people by title and companies take no place."""

from __future__ import annotations

import pytest

from dateline.actors import ActorCoder
from dateline.actors.setting import dateline_country
from dateline.model import Dateline
from dateline.settings import Settings


@pytest.fixture(scope="module")
def coder():
    return ActorCoder(Settings())


@pytest.fixture
def code(parsed, coder):
    def run(text, place=None):
        doc = parsed(text)
        doc.dateline = Dateline(f"{place} (AP)", place=place) if place else None
        return coder(doc)

    return run


def codes(doc, phrase):
    start = doc.text.index(phrase)
    mention = doc.mention_at(start, start + len(phrase))
    assert mention is not None, f"no mention at {phrase!r}"
    actor = doc.actor_ref(mention)
    return actor.country, actor.sector


def test_protesters_take_the_city_of_their_clause_not_the_most_named_country(code):
    doc = code("Protesters marched through Dhaka on Sunday against India's ban on Indian rice.")
    assert codes(doc, "Protesters") == ("BGD", "OPP")
    assert codes(doc, "India") == ("IND", None)


def test_gunmen_take_the_town_the_tagger_may_read_as_a_person(code):
    doc = code("Gunmen killed four farmers near Goma on Friday, Rwandan officials said.")
    assert codes(doc, "Gunmen") == ("COD", "REB")
    assert codes(doc, "four farmers")[0] == "COD"
    assert codes(doc, "Rwandan officials")[0] == "RWA"


def test_a_two_word_town_read_as_a_person_still_places_the_victims(code):
    doc = code("Hamas said Israeli strikes killed 20 people in Khan Younis.")
    assert codes(doc, "20 people")[0] == "PSE"
    assert codes(doc, "Khan Younis") == ("PSE", "GOV")


def test_a_sea_or_a_small_namesake_abroad_places_nobody(code):
    doc = code("Kenya's interior ministry said police had arrested 12 Somalis in Eastleigh.")
    assert codes(doc, "police")[0] == "KEN"
    doc = code("Gunmen attacked a ship in the Red Sea, Egyptian officials said.")
    assert codes(doc, "Gunmen")[0] == "EGY"  # the story's country, not a Sudanese state


def test_a_province_and_its_owner_place_a_group(code):
    doc = code(
        "Gunmen shot two engineers in Pakistan's Balochistan province, Chinese officials said."
    )
    assert codes(doc, "Gunmen")[0] == "PAK"
    doc = code("Villagers blocked a road in Sindh province, Indian media said.")
    assert codes(doc, "Villagers")[0] == "PAK"


def test_the_place_a_group_is_of_beats_the_clause(code):
    doc = code("Residents of Kherson said Russian drones attacked a bus in Belgorod.")
    assert codes(doc, "Residents") == ("UKR", "CVL")


def test_a_group_of_a_named_body_takes_that_body_not_the_bodies_it_is_linked_to(code):
    doc = code("Fighters of the al Qaeda-linked JNIM group ambushed a convoy in Burkina Faso.")
    assert codes(doc, "Fighters") == ("MLI", "REB")
    doc = code("Fighters of the Islamic State attacked a village in Mozambique.")
    assert codes(doc, "Fighters") == (None, "REB")  # a body of no country: none


def test_a_town_named_on_a_role_places_the_group_and_its_sentence(code):
    doc = code("Lagos police arrested 20 protesters on Monday, a Ghanaian rights group said.")
    assert codes(doc, "Lagos police") == ("NGA", "COP")
    assert codes(doc, "20 protesters")[0] == "NGA"
    doc = code("Kherson officials said Russian shelling killed two civilians.")
    assert codes(doc, "Kherson officials")[0] == "UKR"


@pytest.mark.parametrize(
    ("noun", "sector"),
    [("Supporters", "CVL"), ("Mourners", "CVL"), ("Herders", "AGR"), ("Miners", "LAB")],
)
def test_the_people_of_protest_stories_are_groups_of_their_place(code, noun, sector):
    doc = code(f"{noun} blocked a road outside Kano on Monday, Ghanaian media said.")
    assert codes(doc, noun) == ("NGA", sector)


def test_juntas_and_chiefs_have_their_sector(code):
    doc = code("The Malian junta expelled the head of the UN mission.")
    assert codes(doc, "The Malian junta") == ("MLI", "GOV")
    doc = code("Gunmen shot dead a village chief in Cabo Delgado province on Thursday.")
    assert codes(doc, "a village chief") == ("MOZ", "GOV")
    doc = code("The chief executive of Kibo Mining Ltd met Zambian officials.")
    assert codes(doc, "The chief executive")[1] == "BUS"


def test_victims_take_the_place_of_the_attack(code):
    doc = code("Russian shelling killed three civilians in Kherson on Tuesday.")
    assert codes(doc, "three civilians")[0] == "UKR"


def test_the_own_clause_beats_a_place_in_a_relative_clause(code):
    doc = code("Police in Karachi arrested five men who had been trained in India.")
    assert codes(doc, "Police") == ("PAK", "COP")


def test_a_group_with_no_place_in_its_sentence_takes_the_place_named_before(code):
    text = (
        "Hundreds of people marched through Nairobi on Monday against a Somali ban on khat. "
        "Somali officials said the ban protected Somali farmers. Police fired tear gas."
    )
    assert codes(code(text), "Police")[0] == "KEN"  # not Somalia, the most named
    # where the story happens beats where the reporter files from
    assert codes(code(text, place="Mogadishu"), "Police")[0] == "KEN"
    text = "A minister flew in from Nairobi on Monday. Police fired tear gas at students."
    assert codes(code(text, place="Kampala"), "Police")[0] == "UGA"  # "from": no setting


def test_a_dateline_country_written_after_the_city(code):
    text = "Police arrested ten Kenyan traders on Thursday, Kenya's embassy said."
    assert codes(code(text, place="Kampala, Uganda"), "Police")[0] == "UGA"
    assert codes(code(text, place="Maiduguri, Nigeria"), "Police")[0] == "NGA"


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Goma, Congo", "COD"),  # a town of the country written
        ("Brazzaville, Congo", "COG"),  # the capital, though "Congo" alone is Kinshasa's
        ("Paris, Texas", "USA"),  # a town of the state written, not the capital
        ("Atlanta, Georgia", "USA"),  # a city abroad: Georgia is a state here
        ("Tbilisi, Georgia", "GEO"),
        ("Smalltownia, Kenya", "KEN"),  # a town nobody knows: the country written
    ],
)
def test_the_dateline_country_weighs_the_city_against_what_is_written_after_it(
    coder, place, country
):
    found = dateline_country(place, coder.lexicon, coder.gazetteer)
    assert found is not None and found.country == country


def test_a_dateline_city_the_country_tables_lack(code):
    doc = code("Police dispersed the crowd on Monday, Ghanaian officials said.", place="Lagos")
    assert codes(doc, "Police")[0] == "NGA"


def test_a_person_by_title_is_a_visitor_not_of_the_place(code):
    doc = code("The foreign minister arrived in Kabul on Monday.", place="Islamabad")
    assert codes(doc, "The foreign minister") == ("PAK", "GOV")


def test_a_machine_takes_no_country_from_its_place(code):
    doc = code("A storage tank at a chemical plant in Texas exploded on Sunday.")
    assert codes(doc, "A storage tank")[0] is None
    doc = code("A storage tank at a chemical plant in Kenya exploded, Kenyan police said.")
    assert codes(doc, "A storage tank")[0] is None  # nor the story's country
    doc = code("Israeli tanks shelled a village in Lebanon.")
    assert codes(doc, "Israeli tanks")[0] == "ISR"


def test_companies_are_businesses_of_no_country(code):
    doc = code("The company said Kenyan police had arrested two of its guards.")
    assert codes(doc, "The company") == (None, "BUS")
    doc = code("Glencore said it would close a copper smelter in Zambia.")
    assert codes(doc, "Glencore") == (None, "BUS")
    doc = code("Kibo Mining Ltd said Kenyan police had arrested two guards.")
    assert codes(doc, "Kibo Mining Ltd") == (None, "BUS")


def test_a_company_the_text_gives_a_country_is_that_countrys(code):
    doc = code("Russia's Gazprom cut gas supplies to Moldova on Friday.")
    assert codes(doc, "Russia's Gazprom") == ("RUS", "BUS")
    doc = code("Gazprom cut gas supplies to Moldova on Friday, Russian officials said.")
    assert codes(doc, "Gazprom") == (None, "BUS")  # the story's country is not the firm's


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("RSF fighters shelled a market on Monday, Chadian officials said.", "RSF fighters", "SDN"),
        (
            "The Rapid Support Forces shelled a market, Chadian officials said.",
            "The Rapid Support Forces",
            "SDN",
        ),
        ("JNIM fighters ambushed a convoy, Nigerien officials said.", "JNIM fighters", "MLI"),
        ("ISWAP fighters raided a base, Chadian officials said.", "ISWAP fighters", "NGA"),
        ("Wagner fighters killed 30 men, Malian officials said.", "Wagner fighters", "RUS"),
        (
            "Tehrik-i-Taliban fighters attacked a post, Afghan officials said.",
            "Tehrik-i-Taliban fighters",
            "PAK",
        ),
    ],
)
def test_armed_groups_have_their_country(code, text, phrase, country):
    assert codes(code(text), phrase)[0] == country


def test_a_pronoun_subject_of_a_reported_clause_is_the_one_who_reports(code):
    text = (
        "Al-Shabaab militants attacked a Somali army base near Kismayo on Friday. "
        "The group said it killed 20 soldiers."
    )
    doc = code(text)
    start = text.index(" it ") + 1
    mention = doc.mention_at(start, start + 2)
    assert doc.actor_ref(mention).sector == "REB"  # the group, not the army base it hit
    doc = code("Police arrested a man near a bus in Kano. Witnesses said it exploded later.")
    start = doc.text.index(" it ") + 1
    mention = doc.mention_at(start, start + 2)
    assert mention is None or doc.actor_ref(mention).sector != "CVL"  # not the witnesses


def test_a_demonym_inside_a_tagged_person_is_the_groups_country(code):
    doc = code("Egyptian President Abdel Fattah el-Sisi met Kenyan MPs in Cairo.")
    assert codes(doc, "Kenyan MPs") == ("KEN", "LEG")  # not Egypt, the story's country


def test_security_services_are_intelligence_bodies_of_their_country(code):
    doc = code("Ukraine's SBU security service arrested two Russian agents in Odesa.")
    assert codes(doc, "Ukraine's SBU security service") == ("UKR", "SPY")
    doc = code("The ISI arrested three men in Lahore, Indian media said.")
    assert codes(doc, "The ISI") == ("PAK", "SPY")


def test_a_force_that_reports_what_soldiers_did_reports_its_own(code):
    doc = code("Soldiers killed 12 jihadists near the border with Niger, the Malian army said.")
    assert codes(doc, "Soldiers") == ("MLI", "MIL")
    # a group that is no force keeps the story's country: rebels are not the army's own
    doc = code("Rebels killed 12 soldiers near the border with Niger, the Malian army said.")
    assert codes(doc, "Rebels")[0] == "NER"


def test_a_capitals_namesake_in_the_storys_own_country(code):
    doc = code("Lebanese troops clashed with militias in Tripoli on Monday, Lebanon's army said.")
    assert codes(doc, "militias")[0] == "LBN"
    doc = code("Gunmen attacked a hotel in Tripoli, Libyan officials said.")
    assert codes(doc, "Gunmen")[0] == "LBY"
