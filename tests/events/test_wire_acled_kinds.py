"""Wire sentences written for these tests, one ACLED kind at a time (battles, explosions and
remote violence, violence against civilians, protests and riots, strategic developments),
through the full pipeline: the CAMEO code with the source's and the target's countries."""

from __future__ import annotations

import pytest

from event_dyads import coded

BATTLES = [
    (
        "MOGADISHU (Reuters) - Al Shabaab fighters attacked a military base in Lower Shabelle "
        "on Thursday, killing at least 10 Somali soldiers.",
        ("190", "SOM", "SOM"),
    ),
    (
        "GOMA (AFP) - M23 rebels clashed with Congolese troops near Sake on Wednesday.",
        ("190", "COD", "COD"),
    ),
    ("TRIPOLI (AFP) - Rival militias exchanged fire in Tripoli on Friday.", ("190", "LBY", "LBY")),
    (
        "ADEN (Reuters) - Government forces clashed with Houthi rebels near Taiz on Sunday.",
        ("190", "YEM", "YEM"),
    ),
]
REMOTE_VIOLENCE = [
    # munitions as the subject: no doer named, the place they hit is the target
    (
        "KYIV (Reuters) - Mortar shells landed near a school in Kherson on Tuesday, "
        "local officials said.",
        ("195", None, "UKR"),
    ),
    (
        "BAGHDAD (Reuters) - Rockets landed inside the Green Zone in Baghdad on Sunday.",
        ("195", None, "IRQ"),
    ),
    (
        "GAZA (Reuters) - An Israeli airstrike hit a house in Rafah on Tuesday, "
        "killing five people.",
        ("195", "ISR", "PSE"),
    ),
    (
        "DONETSK (AFP) - A Russian drone struck a residential building in Odesa on Monday.",
        ("195", "RUS", "UKR"),
    ),
    (
        "KABUL (AP) - A roadside bomb exploded near a police vehicle in Kandahar, "
        "wounding three officers.",
        ("183", None, "AFG"),
    ),
]
AGAINST_CIVILIANS = [
    (
        "LAGOS (Reuters) - Gunmen abducted 30 students from a school in Kaduna state on Friday.",
        ("181", "NGA", "NGA"),
    ),
    (
        "JERUSALEM (Reuters) - Israeli settlers attacked Palestinian villagers near Nablus "
        "on Sunday.",
        ("190", "ISR", "PSE"),
    ),
    (
        "BAMAKO (AP) - Malian soldiers and Wagner mercenaries killed dozens of civilians in the "
        "village of Moura, rights groups said.",
        ("1823", "MLI", "MLI"),
    ),
]
PROTESTS_AND_RIOTS = [
    # who gathers outside an embassy protests there, against the embassy's country
    (
        "BAGHDAD (AP) - Protesters gathered outside the US embassy in Baghdad on Friday.",
        ("141", "IRQ", "USA"),
    ),
    (
        "DHAKA (AFP) - Thousands of garment workers took to the streets of Dhaka on Monday "
        "to demand higher wages.",
        ("141", "BGD", "BGD"),
    ),
    (
        "PARIS (Reuters) - Farmers blocked highways around Paris on Wednesday to protest "
        "against fuel taxes.",
        ("144", "FRA", "FRA"),
    ),
    (
        "NAIROBI (Reuters) - Kenyan police fired tear gas at protesters in Nairobi on Tuesday.",
        ("175", "KEN", "KEN"),
    ),
    (
        "TEHRAN (AP) - Iranian security forces arrested dozens of protesters in Tehran "
        "on Thursday.",
        ("173", "IRN", "IRN"),
    ),
    # a crowd that storms a building riots (CAMEO 145), against its own government
    (
        "COLOMBO (Reuters) - Protesters stormed the presidential palace in Colombo on Saturday.",
        ("145", "LKA", "LKA"),
    ),
]
STRATEGIC = [
    # drills near someone are a show of force; drills with someone, cooperation
    (
        "TAIPEI (Reuters) - China conducted military drills near Taiwan on Saturday.",
        ("150", "CHN", "TWN"),
    ),
    (
        "BEIJING (Reuters) - China sent warplanes near Taiwan on Monday, Taipei said.",
        ("154", "CHN", "TWN"),
    ),
    (
        "CARACAS (AFP) - Venezuelan authorities expelled the Spanish ambassador on Tuesday.",
        ("166", "VEN", "ESP"),
    ),
    (
        "WASHINGTON (Reuters) - The United States imposed sanctions on Iran's central bank "
        "on Friday.",
        ("163", "USA", "IRN"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    BATTLES + REMOTE_VIOLENCE + AGAINST_CIVILIANS + PROTESTS_AND_RIOTS + STRATEGIC,
)
def test_a_wire_sentence_codes_its_act_and_dyad(text, expected):
    assert expected in coded(text)


def test_drills_with_a_partner_stay_cooperation():
    text = "MANILA (AP) - The Philippines held naval drills with Japan on Monday."
    assert ("062", "PHL", "JPN") in coded(text)


def test_a_gerund_subject_fighting_between_two_sides_is_theirs_both_ways():
    text = (
        "KHARTOUM (AFP) - Fighting between the Sudanese army and Chadian troops raged on Saturday."
    )
    assert {(c, s, t) for c, s, t in coded(text)} >= {("190", "SDN", "TCD"), ("190", "TCD", "SDN")}


def test_a_subject_constraint_needs_its_word():
    # "landed" with no munition as subject is an arrival, not a strike
    text = "CAIRO (Reuters) - Sudan's foreign minister landed in Cairo on Monday."
    assert all(code != "195" for code, _, _ in coded(text))


def test_rioters_who_loot_and_torch_riot():
    # a crowd's arson is the riot (CAMEO 145), not an assault on property (1712, ASSAULT)
    text = "LIMA (AFP) - Rioters looted shops and torched police stations in Juliaca on Monday."
    assert [code for code, _, _ in coded(text)] == ["145"]  # one riot: the same dyad, merged


@pytest.mark.parametrize(
    "text",
    [
        "LAGOS (Reuters) - Nigerian riot police patrolled the streets of Lagos on Monday.",
        "LIMA (AFP) - Protest leaders spoke to reporters in Lima on Monday.",
    ],
)
def test_an_event_noun_naming_a_kind_of_thing_is_no_event(text):
    assert coded(text) == []


def test_attack_helicopters_delivered_are_weapons_given():
    text = "MOSCOW (Reuters) - Russia delivered attack helicopters to Mali on Friday."
    assert coded(text) == [("072", "RUS", "MLI")]


def test_back_references_take_the_dyad_of_the_act_they_name():
    text = (
        "ANKARA (Reuters) - Turkish warplanes struck Kurdish militant targets in northern Iraq "
        "on Sunday. Baghdad condemned the strikes as a violation of its sovereignty."
    )
    assert ("111", "IRQ", "TUR") in coded(text)
    text = (
        "BRUSSELS (Reuters) - The European Union imposed new sanctions on Belarus on Monday. "
        "Minsk rejected the decision."
    )
    assert [(c, s) for c, s, _ in coded(text) if c == "120"] == [("120", "BLR")]
