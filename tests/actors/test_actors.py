"""Actors stage: one small text per rule, with negative cases."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.actors import COMPATIBLE, ActorCoder, ActorVocabulary
from dateline.kb.gazetteer import load_gazetteer
from dateline.model import ActorKind, Dateline, MentionRule
from dateline.settings import Settings


@pytest.fixture(scope="module")
def coder():
    return ActorCoder(Settings())


@pytest.fixture
def code(parsed, coder):
    def run(text, dateline=None, published=None):
        doc = parsed(text, published=published)
        doc.dateline = dateline
        return coder(doc)

    return run


def ref(doc, phrase, nth=0):
    """The actor (as an event would see it) mentioned at the nth occurrence of ``phrase``."""
    mention = doc.mention_at(*_span(doc, phrase, nth))
    assert mention is not None, f"no mention at {phrase!r}"
    return doc.actor_ref(mention)


def ref_mention(doc, phrase, nth=0):
    mention = doc.mention_at(*_span(doc, phrase, nth))
    assert mention is not None, f"no mention at {phrase!r}"
    return mention


def codes(doc, phrase, nth=0):
    actor = ref(doc, phrase, nth)
    return actor.country, actor.sector


def test_title_with_possessive_country(code):
    doc = code("Kenya's interior minister Joseph Otieno arrived in Kampala on Monday.")
    actor = ref(doc, "Joseph Otieno")
    assert (actor.country, actor.sector, actor.name) == ("KEN", "GOV", "Joseph Otieno")
    assert actor.text.startswith("Kenya's interior minister")


def test_title_takes_country_from_dateline(code):
    text = "Prime Minister Anna Berg met the delegation on Friday."
    doc = code(text, dateline=Dateline("OSLO, May 3", place="OSLO"))
    assert codes(doc, "Anna Berg") == ("NOR", "GOV")


def test_opposition_candidate_takes_country_from_story(code):
    doc = code(
        "Belarus held a vote on Sunday. Opposition candidate Maria Kovalenko said "
        "the count was rigged."
    )
    assert codes(doc, "Maria Kovalenko") == ("BLR", "OPP")


def test_demonym_and_role_noun_groups(code):
    doc = code(
        "Kenyan police arrested two men. Russian forces shelled the town. "
        "U.S. commanders said Iranian agents were involved. Belarusian riot police "
        "detained students."
    )
    assert codes(doc, "Kenyan police") == ("KEN", "COP")
    assert codes(doc, "Russian forces") == ("RUS", "MIL")
    assert codes(doc, "U.S. commanders") == ("USA", "MIL")
    assert codes(doc, "Iranian agents") == ("IRN", "SPY")
    assert codes(doc, "Belarusian riot police") == ("BLR", "COP")


def test_capital_stands_for_government_but_a_place_is_only_a_locative(code):
    doc = code("Washington says talks in Baghdad failed. New Delhi described the plan as unfair.")
    assert codes(doc, "Washington") == ("USA", "GOV")
    assert codes(doc, "New Delhi") == ("IND", "GOV")
    start = doc.text.index("Baghdad")
    assert doc.mention_at(start, start + len("Baghdad")).rule == "locative"


def test_locative_places_code_their_country_government(code):
    doc = code(
        "The envoy flew from northern Ruritania to Kabul. Shells landed near Taiwan, "
        "and the convoy stopped outside Basra."
    )
    located = {m.text: m for m in doc.mentions if m.rule == "locative"}
    assert set(located) == {"Taiwan", "Basra"}
    assert codes(doc, "Taiwan") == ("TWN", "GOV")
    assert codes(doc, "Basra") == ("IRQ", "GOV")
    assert doc.actors[located["Basra"].actor].kind == "state"


def test_locative_covers_the_phrase_and_shares_the_country_actor(code):
    doc = code("Jordan protested. Troops were later seen in southern Jordan.")
    located = next(m for m in doc.mentions if m.rule == "locative")
    assert located.text == "southern Jordan"
    assert located.actor == ref_mention(doc, "Jordan").actor


def test_pronoun_skips_an_actor_named_only_as_a_place(code):
    doc = code("Officials met in Lebanon. Ahmed Karimi said he wanted calm.")
    he = ref_mention(doc, "he")
    assert doc.actors[he.actor].name == "Ahmed Karimi"
    doc = code("The talks were held in Lebanon. They failed.")
    assert all(m.rule != "coref:pronoun" for m in doc.mentions)


def test_a_place_named_first_becomes_the_actor_named_later(code):
    doc = code("Rebels crossed into Chad. Chad said it would respond.")
    assert ref_mention(doc, "Chad", 1).actor == ref_mention(doc, "Chad").actor
    assert codes(doc, "it") == ("TCD", "GOV")


def test_country_holding_custody_is_an_actor(code):
    doc = code("Two fishermen died in Turkish custody; one later died in Greek hands.")
    assert codes(doc, "Turkish") == ("TUR", "GOV")
    assert ref_mention(doc, "Turkish").text == "Turkish"
    assert codes(doc, "Greek") == ("GRC", "GOV")
    doc = code("The fishermen were taken into custody.")
    assert [(a.country, a.sector) for a in doc.actors] == [(None, "AGR")]  # no holder


def test_lower_case_words_are_not_dictionary_names(code):
    doc = code("The valley flooded and the turkey farms were lost.")
    assert doc.actors == []


def test_country_as_subject_and_object_is_an_actor(code):
    doc = code("Iran insists the envoy will visit Iraq next week.")
    assert codes(doc, "Iran") == ("IRN", None)
    assert ref(doc, "Iraq").country == "IRQ"


def test_washington_post_is_media_not_the_us_government(code):
    doc = code("The Washington Post reported that the Pentagon had moved troops.")
    assert codes(doc, "Washington Post") == ("USA", "MED")
    assert codes(doc, "Pentagon") == ("USA", "MIL")


def test_metonyms_and_international_organisations(code):
    doc = code("The Kremlin rejected a NATO proposal, and the IAEA asked for inspections.")
    assert codes(doc, "Kremlin") == ("RUS", "GOV")
    assert codes(doc, "NATO") == (None, "IGO")
    assert codes(doc, "IAEA") == (None, "IGO")


def test_named_units(code):
    doc = code("Officers of the Qods Force trained the militia, diplomats said.")
    assert codes(doc, "Qods Force") == ("IRN", "SPY")


def test_state_television_takes_the_story_country(code):
    doc = code(
        "Egypt closed the border crossing on Tuesday, state television reported.",
    )
    assert codes(doc, "state television") == ("EGY", "MED")


@pytest.mark.parametrize(
    ("text", "phrase", "sector"),
    [
        ("The Supreme Court judge ordered the arrest of the general.", "judge", "JUD"),
        ("Rebels seized the airport on Monday.", "Rebels", "REB"),
        ("The opposition boycotted the vote.", "opposition", "OPP"),
        ("Striking workers blocked the port.", "workers", "LAB"),
        ("Students marched to the ministry.", "Students", "EDU"),
        ("A local cleric condemned the killings.", "cleric", "REL"),
        ("Doctors treated the wounded.", "Doctors", "HLH"),
        ("Civilians fled the fighting.", "Civilians", "CVL"),
        ("The company denied the report.", "company", "BUS"),
        ("A rights group documented the abuses.", "rights group", "NGO"),
    ],
)
def test_role_nouns_give_sectors(code, text, phrase, sector):
    assert ref(code(text), phrase).sector == sector


def test_surname_and_pronoun_corefer(code):
    doc = code(
        "Chile's foreign minister Carla Ruiz arrived in Lima on Sunday. "
        "Ruiz said she would meet the president. Later he called her."
    )
    first = doc.mention_at(*_span(doc, "Carla Ruiz"))
    surname = doc.mention_at(*_span(doc, "Ruiz", 1))
    pronoun = doc.mention_at(*_span(doc, "she"))
    assert first.actor == surname.actor == pronoun.actor
    assert surname.rule == "coref:surname" and pronoun.rule == "coref:pronoun"
    assert doc.actors[first.actor].country == "CHL"


def test_definite_description_refers_to_earlier_group(code):
    doc = code(
        "Three Syrian officials were detained at the border on Monday. "
        "Ankara says the men are spies."
    )
    group = doc.mention_at(*_span(doc, "Three Syrian officials"))
    men = doc.mention_at(*_span(doc, "the men"))
    assert men is not None and men.actor == group.actor
    assert men.rule == "coref:description"


@pytest.mark.parametrize(
    "text",
    [
        "Carlos Mendes, Brazil's defence minister, said talks would resume.",
        "Brazil's defence minister, Carlos Mendes, said talks would resume.",
    ],
)
def test_appositive_codes_the_named_person(code, text):
    doc = code(text)
    mendes = ref(doc, "Carlos Mendes")
    assert (mendes.name, mendes.country, mendes.sector) == ("Carlos Mendes", "BRA", "GOV")
    title = doc.mention_at(*_span(doc, "defence minister"))
    assert title.actor == doc.mention_at(*_span(doc, "Carlos Mendes")).actor


def test_two_leaders_and_neighbours_refer_to_earlier_actors(code):
    doc = code(
        "President Ana Silva of Brazil met President Luis Vega of Peru in Lima. "
        "The two leaders signed a trade pact. Argentina said the neighbours had "
        "ignored it."
    )
    leaders = doc.mention_at(*_span(doc, "The two leaders"))
    assert doc.actors[leaders.actor].kind == "person"
    assert leaders.rule == "coref:description"
    neighbours = doc.mention_at(*_span(doc, "the neighbours"))
    assert doc.actors[neighbours.actor].kind == "state"


def test_a_titled_name_is_not_a_description(code):
    doc = code(
        "Chinese Foreign Minister Wang Yi called for restraint. "
        "The opposition leader Maria Kovalenko said she was not surprised."
    )
    leader = ref(doc, "The opposition leader Maria Kovalenko")
    assert (leader.name, leader.sector) == ("Maria Kovalenko", "OPP")
    assert ref(doc, "she").name == "Maria Kovalenko"


def test_ethnic_and_pro_labels_are_not_nationalities(code):
    doc = code("Serbia said ethnic Albanians and pro-Russian militants clashed near the border.")
    assert ref(doc, "ethnic Albanians").country == "SRB"
    assert ref(doc, "militants").country != "RUS"


def test_former_leaders_are_elites_and_parliaments_legislatures(code):
    doc = code("Former president Jorge Lima criticised the Chilean parliament.")
    assert ref(doc, "Jorge Lima").sector == "ELI"
    assert codes(doc, "Chilean parliament") == ("CHL", "LEG")


def test_conjoined_countries_give_one_actor_each(code):
    doc = code("Saudi Arabia, Bahrain and Egypt cut ties with Qatar.")
    countries = {ref(doc, name).country for name in ("Saudi Arabia", "Bahrain", "Egypt")}
    assert countries == {"SAU", "BHR", "EGY"}
    assert len({ref(doc, n).name for n in ("Saudi Arabia", "Bahrain", "Egypt")}) == 3


def test_conjoined_demonyms_split_the_group(code):
    doc = code("Senior Hungarian and Romanian officials agreed to cooperate.")
    countries = {a.country for a in doc.actors if a.sector == "GOV"}
    assert countries == {"HUN", "ROU"}


def test_mentions_share_the_actor_and_evidence_is_kept(code):
    doc = code("Iran rejected the offer. Iran said talks were over.")
    mentions = [m for m in doc.mentions if m.text == "Iran"]
    assert len(mentions) == 2 and mentions[0].actor == mentions[1].actor
    assert "countries.csv" in doc.actors[mentions[0].actor].evidence
    assert [m.sentence for m in mentions] == [0, 1]


@pytest.mark.parametrize("start, end", [(None, None), (0, 20)])
def test_dateline_place_is_not_an_actor(code, start, end):
    text = "CAIRO, May 2 (AFP) - Egyptian police arrested a journalist."
    dateline = Dateline("CAIRO, May 2 (AFP) -", place="CAIRO", agency="AFP", start=start, end=end)
    doc = code(text, dateline=dateline)
    assert doc.mention_at(0, 5) is None
    assert codes(doc, "Egyptian police") == ("EGY", "COP")


def test_every_mention_is_linked_by_a_named_rule(code):
    text = (
        "Iran's foreign minister Ali Larijani arrived in Baghdad. Larijani met Iraqi officials."
        " He said both governments would meet the Syrian delegation in Damascus."
    )
    doc = code(text)
    rules = {m.rule for m in doc.mentions}
    assert {MentionRule.LOCATIVE, MentionRule.COREF_SURNAME, MentionRule.COREF_PRONOUN} <= rules
    assert all(isinstance(m.rule, MentionRule) for m in doc.mentions)
    assert doc.actors and all(isinstance(actor.kind, ActorKind) for actor in doc.actors)


def test_user_dictionary_with_dates(parsed, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,country,sector,kind,valid_from,valid_to\n"
        "Tomas Varga,Varga,HUN,GOV,person,2010-01-01,2014-12-31\n"
        "Tomas Varga,Varga,HUN,OPP,person,2015-01-01,\n",
        encoding="utf-8",
    )
    coder = ActorCoder(Settings(actor_files=(path,)))
    early = coder(parsed("Tomas Varga criticised the plan.", published=date(2012, 1, 1)))
    late = coder(parsed("Tomas Varga criticised the plan.", published=date(2016, 1, 1)))
    assert codes(early, "Tomas Varga") == ("HUN", "GOV")
    assert codes(late, "Tomas Varga") == ("HUN", "OPP")


def test_document_without_parse_is_left_alone(coder):
    from dateline.model import Document

    doc = coder(Document(doc_id="x", path="x", text="Iran said no."))
    assert doc.actors == [] and doc.mentions == []


def _span(doc, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_shipped_leader_gets_country_from_the_dictionary_not_the_story(code):
    doc = code("President Bush spoke in Cairo on Monday.", published=date(2004, 6, 1))
    actor = ref(doc, "President Bush")
    assert (actor.country, actor.sector, actor.name) == ("USA", "GOV", "George W. Bush")
    doc = code("President Bush spoke in Cairo on Monday.", published=date(1990, 6, 1))
    assert ref(doc, "President Bush").name == "George Bush"


def test_residents_and_detainees_are_civilians(code):
    doc = code("Iraqi detainees were freed and Kurdish inhabitants returned.")
    assert codes(doc, "Iraqi detainees") == ("IRQ", "CVL")
    assert codes(doc, "Kurdish inhabitants")[1] == "CVL"


def test_town_named_after_a_place_noun_is_a_locative(code):
    doc = code("A mine exploded near the village of Samarra and in the town of Cizre.")
    assert ref_mention(doc, "Samarra").rule == "locative"
    assert codes(doc, "Samarra") == ("IRQ", "GOV")
    assert codes(doc, "Cizre") == ("TUR", "GOV")
    doc = code("The mayor of Samarra spoke.")
    assert all(m.rule != "locative" for m in doc.mentions)


def test_country_in_the_text_beats_a_dictionary_namesake(code):
    doc = code("President Mubarak of Morocco replied.")
    assert codes(doc, "President Mubarak") == ("MAR", "GOV")
    doc = code("President Mubarak of Ruritania replied.")
    assert codes(doc, "President Mubarak") == ("EGY", "GOV")


def test_named_bodies_and_rulers_get_their_sector(code):
    doc = code("The Ruritania Anti-Fraud Commission charged the Montenegro Assembly speaker.")
    commission = ref(doc, "Anti-Fraud Commission")
    assert commission.sector == "GOV"
    assert doc.actors[ref_mention(doc, "Anti-Fraud Commission").actor].kind == "organisation"
    doc = code("The Montenegro Assembly voted. Belarus's rulers jailed him.")
    assert codes(doc, "Montenegro Assembly") == ("MNE", "LEG")
    assert codes(doc, "rulers") == ("BLR", "GOV")


def test_former_office_holder_is_elite_and_police_custody_stays_police(code):
    doc = code("Ousted President Hosni Mubarak spoke.", published=date(2005, 1, 1))
    assert codes(doc, "Hosni Mubarak") == ("EGY", "ELI")
    doc = code("President Hosni Mubarak spoke.", published=date(2005, 1, 1))
    assert codes(doc, "Hosni Mubarak") == ("EGY", "GOV")
    doc = code("A man died in Israeli police custody.")
    assert codes(doc, "Israeli police") == ("ISR", "COP")


def test_every_shipped_pronoun_kind_can_find_an_antecedent():
    pronouns = ActorVocabulary.shipped().pronouns
    assert {"he", "she", "they", "its"} <= set(pronouns)
    assert set(pronouns.values()) <= set(COMPATIBLE)
    assert all(isinstance(kind, ActorKind) for kind in pronouns.values())


class OneCityGazetteer:
    """A gazetteer that knows one city: which gazetteer the stage asks shows in its answer."""

    def __init__(self, city: str, country: str):
        self.city, self.country = city, country

    def city_country(self, name: str) -> str | None:
        return self.country if name == self.city else None

    def place_country(self, name: str, prefer=()) -> str | None:
        return self.city_country(name)


def test_the_stage_asks_its_own_gazetteer_for_a_city_country(parsed):
    coder = ActorCoder(Settings())
    assert coder.gazetteer is load_gazetteer(Settings().min_city_population, ())
    coder.gazetteer = OneCityGazetteer("Basra", "KEN")
    doc = coder(parsed("The convoy stopped outside Basra."))
    assert codes(doc, "Basra") == ("KEN", "GOV")


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Ethopia has reopened its border with Kenya.", "Ethopia", "ETH"),
        ("The Afganistan government rejected the offer from Iran.", "Afganistan", "AFG"),
        ("Quatar's emir met the Saudi king on Sunday.", "Quatar's emir", "QAT"),
    ],
)
def test_misspelt_country_is_coded(code, text, phrase, country):
    doc = code(text)
    assert ref(doc, phrase).country == country
    assert "misspelt" in doc.actors[ref_mention(doc, phrase).actor].evidence


def test_a_lower_case_word_is_never_respelt(code):
    doc = code("The ethopia project was approved by Kenyan officials.")
    assert all(m.text != "ethopia" for m in doc.mentions)


def test_shipped_armed_groups_are_coded(code):
    doc = code("The NPFL attacked a town held by Guinean troops, and Kifaya protested in Cairo.")
    assert codes(doc, "NPFL") == ("LBR", "REB")
    assert codes(doc, "Kifaya") == ("EGY", "OPP")


def test_named_leader_administration_takes_the_leader_country(code, tmp_path):
    leaders = tmp_path / "leaders.csv"
    leaders.write_text("name,aliases,country,sector,kind\nMaria Quispe,Quispe,PER,GOV,person\n")
    doc = ActorCoder(Settings(actor_files=(leaders,)))(
        code("The Quispe administration accused Chilean officials of spying.")
    )
    assert codes(doc, "The Quispe administration") == ("PER", "GOV")


def test_security_forces_are_military(code):
    doc = code("Nepalese security forces arrested forty students on Friday.")
    assert codes(doc, "Nepalese security forces") == ("NPL", "MIL")


def test_regions_stand_for_their_country(code):
    doc = code("The rebels in Darfur attacked a convoy, and troops left the Gaza Strip.")
    assert codes(doc, "The rebels") == ("SDN", "REB")
    assert codes(doc, "Gaza Strip")[0] == "PSE"


def test_relative_clause_country_places_the_group_not_the_story(code):
    doc = code(
        "American officials and US diplomats said the militia that controls Afghanistan "
        "must release the hostages."
    )
    militia = ref_mention(doc, "the militia")
    assert militia.text == "the militia"  # the clause is no part of the mention
    assert codes(doc, "the militia") == ("AFG", "REB")
    # the country in the clause keeps its own actor
    assert ref_mention(doc, "Afghanistan").actor != militia.actor


def test_a_possessors_title_is_not_the_heads_role(code):
    doc = code("President Ana Silva's new plan was welcomed by the Dutch government.")
    assert all("plan" not in m.text for m in doc.mentions)


def test_context_falls_back_to_the_known_actors_country(code):
    doc = code("President Jose Mbala conceded to demands from the NPFL on Friday.")
    assert codes(doc, "President Jose Mbala") == ("LBR", "GOV")


@pytest.mark.parametrize(
    ("text", "description", "countries"),
    [
        (
            "Iran and Iraq signed a border pact. Both governments said it would hold.",
            "Both governments",
            {"IRN", "IRQ"},
        ),
        (
            "Peru accused Chile of spying. The two countries have quarrelled for years.",
            "The two countries",
            {"PER", "CHL"},
        ),
        # a verbless sentence: the search for the clause's subject stops at the root
        (
            "Peru accused Chile of spying. Talks between the two countries in Lima.",
            "the two countries",
            {"PER", "CHL"},
        ),
        # never its own clause's subject: Brazil urged the two others
        (
            "Peru accused Chile of spying. Brazil urged both governments to talk.",
            "both governments",
            {"PER", "CHL"},
        ),
    ],
)
def test_a_dual_description_gives_one_mention_per_actor(code, text, description, countries):
    doc = code(text)
    mentions = _mentions_on(doc, description)
    assert len(mentions) == 2
    assert {doc.actors[m.actor].country for m in mentions} == countries


def test_a_dual_description_with_one_country_named_gives_one_mention(code):
    doc = code("Peru closed its border. The two countries have quarrelled for years.")
    mentions = _mentions_on(doc, "The two countries")
    assert [doc.actors[m.actor].country for m in mentions] == ["PER"]


def _mentions_on(doc, phrase):
    """Every mention on exactly this phrase: a dual description has one per actor."""
    span = _span(doc, phrase)
    return [m for m in doc.mentions if (m.start, m.end) == span]


def test_a_national_label_refused_as_nationality_codes_no_national_phrase(code):
    # "ethnic Albanian houses": the demonym names descent, so the phrase has no country;
    # this shape crashed the stage with an IndexError on a real page
    doc = code("Police burned ethnic Albanian houses in the village on Monday.")
    assert all(m.text != "ethnic Albanian houses" for m in doc.mentions)
    assert ref(doc, "Police").sector == "COP"


@pytest.fixture(scope="module")
def user_coder(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "user.actors.txt"
    path.write_text(
        "VALDORIA_ [VAL]\nKESTRIA_ [KES]\nSTAND_UP_ [SUP]\nCOUNCIL_OF_ELDERS_ [KESGOV]\n",
        encoding="utf-8",
    )
    return ActorCoder(Settings(actor_files=(path,)))


def test_a_user_name_the_parse_reads_as_a_verb_is_still_an_actor(parsed, user_coder):
    doc = user_coder(parsed("Stand Up accused Valdoria of fraud."))
    assert codes(doc, "Stand Up") == ("SUP", None)
    assert codes(doc, "Valdoria") == ("VAL", None)


def test_a_user_name_across_phrases_is_one_mention(parsed, user_coder):
    doc = user_coder(parsed("The Council of Elders condemned Valdoria."))
    assert codes(doc, "The Council of Elders") == ("KES", "GOV")
    assert doc.mention_at(*_span(doc, "Elders")) is None or (
        doc.mention_at(*_span(doc, "Elders")).text == "The Council of Elders"
    )


def test_a_user_place_after_a_preposition_beats_the_taggers_person(parsed, user_coder):
    doc = user_coder(parsed("Valdoria welcomed the memos from Kestria."))
    mention = ref_mention(doc, "Kestria")
    assert (doc.actors[mention.actor].country, mention.rule) == ("KES", "locative")
