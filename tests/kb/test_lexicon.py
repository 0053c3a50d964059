"""Actor vocabularies: shipped data, user CSV/YAML dictionaries, PETRARCH/TABARI files."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import shared_path
from dateline.errors import ConfigError
from dateline.kb.gazetteer import load_gazetteer
from dateline.kb.lexicon import (
    EntryKind,
    Lexicon,
    edit_distance,
    load_lexicon,
    phrase_key,
    read_actor_file,
)
from dateline.model import ActorKind

PETRARCH_ACTORS = """\
# a TABARI actor file written for this test
FREEDONIA_  [FRD]
+FREEDONIAN_
RUFUS_T_FIREFLY_  # leader of Freedonia
\t[FRDGOV 330101-331231]
\t[FRDOPP >340101]
+FIREFLY_
GRAND_ALLIANCE_OF_NATIONS_ [IGOGAN]
FREEDONIA_GAZETTE_ [MED]
"""

PETRARCH_AGENTS = """\
!PERSON! = MAN, WOMAN
HARBOUR!PERSON! [~LAB]
SMUGGLER [~CRM]
MUEZZIN [~MUS]
"""


def test_shipped_vocabularies_code_countries_capitals_and_roles():
    lexicon = load_lexicon()
    assert lexicon.best(phrase_key("U.S."), None).country == "USA"
    capital = lexicon.best(phrase_key("New Delhi"), None)
    assert (capital.country, capital.sector, capital.kind) == ("IND", "GOV", EntryKind.CAPITAL)
    kinds = {type(e.kind) for entries in lexicon.phrases.values() for e in entries}
    assert kinds == {EntryKind}
    assert all(isinstance(role.kind, ActorKind) for role in lexicon.roles.values())
    assert all(isinstance(kind, ActorKind) for kind in lexicon.descriptions.values())
    assert lexicon.best(phrase_key("Kenyan"), None).country == "KEN"
    assert lexicon.best(phrase_key("NATO"), None).sector == "IGO"
    assert lexicon.best(phrase_key("NATO"), None).country is None
    assert lexicon.role(["riot", "police"]).sector == "COP"
    assert lexicon.role(["troop"]).sector == "MIL"


def test_longest_match_wins():
    lexicon = load_lexicon()
    words = list(phrase_key("the Washington Post said"))
    matches = list(lexicon.matches(words, None))
    assert [(m.start, m.end, m.entry.sector) for m in matches] == [(1, 3, "MED")]


def test_csv_dictionary_overrides_shipped_entries_and_honours_dates(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# my actors\n"
        "name,aliases,country,sector,kind,valid_from,valid_to\n"
        "Jane Roe,Roe|J. Roe,JAP,GOV,person,2001-01-01,2004-12-31\n"
        "Washington,,USA,MIL,organisation,,\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([path])
    roe = lexicon.best(phrase_key("J. Roe"), date(2003, 5, 1))
    assert (roe.name, roe.country, roe.sector) == ("Jane Roe", "JPN", "GOV")
    assert lexicon.best(phrase_key("Roe"), date(2006, 1, 1)) is None
    assert lexicon.best(phrase_key("Washington"), None).sector == "MIL"


def test_yaml_dictionary(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- name: Northern Patrol\n  aliases: [the Patrol]\n  country: NOR\n  sector: MIL\n"
        "- name: Lake Council\n  country: IGO\n  valid_from: 2001-02-03\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([path])
    entry = lexicon.best(phrase_key("the Patrol"), None)
    assert (entry.name, entry.country, entry.sector) == ("Northern Patrol", "NOR", "MIL")
    council = lexicon.best(phrase_key("Lake Council"), date(2005, 1, 1))
    assert (council.country, council.sector) == (None, "IGO")
    assert lexicon.best(phrase_key("Lake Council"), date(2000, 1, 1)) is None


def test_bad_user_dictionary_is_a_config_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,country,valid_from\nSomeone,USA,yesterday\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad date"):
        read_actor_file(Lexicon(), path)


def test_petrarch_actors_with_aliases_and_date_ranges(tmp_path):
    path = tmp_path / "freedonia.actors.txt"
    path.write_text(PETRARCH_ACTORS, encoding="utf-8")
    lexicon = Lexicon()
    read_actor_file(lexicon, path)
    assert lexicon.best(phrase_key("Freedonian"), None).country == "FRD"
    in_office = lexicon.best(phrase_key("Firefly"), date(1933, 6, 1))
    later = lexicon.best(phrase_key("Rufus T. Firefly"), date(1935, 1, 1))
    assert (in_office.sector, later.sector) == ("GOV", "OPP")
    assert lexicon.best(phrase_key("Firefly"), date(1920, 1, 1)) is None
    assert in_office.kind == "person"
    alliance = lexicon.best(phrase_key("Grand Alliance of Nations"), None)
    assert (alliance.country, alliance.sector, alliance.kind) == (None, "IGO", "organisation")
    gazette = lexicon.best(phrase_key("Freedonia Gazette"), None)
    assert (gazette.country, gazette.sector) == (None, "MED")
    assert "freedonia.actors.txt:4" in in_office.source


def test_petrarch_agents_with_substitution_sets(tmp_path):
    path = tmp_path / "my.agents.txt"
    path.write_text(PETRARCH_AGENTS, encoding="utf-8")
    lexicon = load_lexicon([path])
    assert lexicon.role(["harbourwoman"]).sector == "LAB"
    assert lexicon.role(["smuggler"]).sector == "CRM"
    assert lexicon.role(["muezzin"]).sector == "REL"  # CAMEO's religion code, as a sector


def test_real_phoenix_dictionaries_load():
    folder = shared_path("ontology", "petrarch2")
    lexicon = load_lexicon([folder / "Phoenix.Countries.actors.txt", folder / "Phoenix.agents.txt"])
    assert len(lexicon) > 30000
    maliki = lexicon.best(phrase_key("Nuri al-Maliki"), date(2007, 4, 29))
    assert (maliki.country, maliki.sector) == ("IRQ", "GOV")


def test_latest_range_wins_when_the_story_has_no_date(tmp_path):
    path = tmp_path / "heads.csv"
    path.write_text(
        "name,aliases,country,sector,kind,valid_from,valid_to\n"
        "Anna Old,Chief Berg,NOR,GOV,person,1990-01-01,1995-12-31\n"
        "Boris New,Chief Berg,SWE,GOV,person,2001-01-01,2004-12-31\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([path])
    assert lexicon.best(phrase_key("Chief Berg"), None).name == "Boris New"
    assert lexicon.best(phrase_key("Chief Berg"), date(1993, 5, 1)).name == "Anna Old"
    assert lexicon.best(phrase_key("Chief Berg"), date(1998, 5, 1)) is None


def test_the_narrowest_range_holding_on_the_day_wins(tmp_path):
    path = tmp_path / "envoy.txt"
    path.write_text(
        "OLGA_VANTER_\n\t[KESGOV 20080101-20121231]\n\t[VALMED 20100105-20100110]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([path])
    on_loan = lexicon.best(phrase_key("Olga Vanter"), date(2010, 1, 7))
    assert (on_loan.country, on_loan.sector) == ("VAL", "MED")
    back = lexicon.best(phrase_key("Olga Vanter"), date(2010, 2, 7))
    assert (back.country, back.sector) == ("KES", "GOV")


def test_petrarch_actors_give_each_block_its_names_and_dated_entries(tmp_path):
    from dateline.kb.lexicon import petrarch_actors

    path = tmp_path / "people.actors.txt"
    path.write_text(PETRARCH_ACTORS, encoding="utf-8")
    blocks = {names[0]: entries for names, entries in petrarch_actors(load_lexicon(), path)}
    firefly = blocks["RUFUS_T_FIREFLY_"]
    assert [(e.sector, e.valid_from, e.valid_to) for e in firefly] == [
        ("GOV", date(1933, 1, 1), date(1933, 12, 31)),
        ("OPP", date(1934, 1, 1), None),
    ]
    assert {e.kind for e in firefly} == {"person"}


def test_shipped_leaders_follow_the_story_date():
    lexicon = load_lexicon()
    before = lexicon.best(phrase_key("President Bush"), date(1991, 3, 1))
    after = lexicon.best(phrase_key("President Bush"), date(2003, 3, 1))
    assert before.name != after.name
    assert (after.country, after.sector, after.kind) == ("USA", "GOV", "person")
    assert lexicon.best(phrase_key("Mubarak"), date(2005, 1, 1)).country == "EGY"


PETRARCH_DATED = """\
FREEDONIAN_WAR_MINISTRY_ [FRDGOV >330101]
CHICOLINI_ [FRDGOV >330101]
SYLVANIAN_GUARDS_ [FRDMIL 330101-341231]
ACME_MUNITIONS_ [MNCFRD]
"""


def test_dated_petrarch_entries_are_bodies_when_named_by_an_organisation_noun(tmp_path):
    path = tmp_path / "dated.actors.txt"
    path.write_text(PETRARCH_DATED, encoding="utf-8")
    lexicon = Lexicon()
    read_actor_file(lexicon, path)
    day = date(1933, 6, 1)
    assert lexicon.best(phrase_key("Freedonian War Ministry"), day).kind == "organisation"
    assert lexicon.best(phrase_key("Sylvanian Guards"), day).kind == "organisation"
    assert lexicon.best(phrase_key("Chicolini"), day).kind == "person"
    acme = lexicon.best(phrase_key("Acme Munitions"), day)
    assert acme.country is None  # MNC names the actor type, not a country


def test_stateless_and_sector_codes_in_a_csv_country_column(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text(
        "name,country,sector\nHidden Hand,UIS,\nBlue Helmets,IGO,\nHarbour Board,FRD,BUS\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([path])
    hidden = lexicon.best(phrase_key("Hidden Hand"), None)
    helmets = lexicon.best(phrase_key("Blue Helmets"), None)
    board = lexicon.best(phrase_key("Harbour Board"), None)
    assert (hidden.country, hidden.sector) == (None, None)
    assert (helmets.country, helmets.sector) == (None, "IGO")
    assert (board.country, board.sector) == ("FRD", "BUS")
    assert lexicon.sector_code("GOV") == "GOV" and lexicon.sector_code("IMG") is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("kathmandu", "khatmandu", 2),
        ("ethiopia", "etihopia", 1),
        ("ethiopia", "ethopia", 1),
        ("qatar", "quatar", 1),
        ("iran", "iraq", 1),
        ("chile", "china", 2),
        ("abc", "", 3),
    ],
)
def test_edit_distance_counts_a_transposition_as_one(a, b, distance):
    assert edit_distance(a, b) == distance
    # with a limit it stops early but still tells whether the words are within it
    assert (edit_distance(a, b, 1) <= 1) == (distance <= 1)


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ethopia", "ETH"),
        ("Afganistan", "AFG"),
        ("Quatar", "QAT"),
        ("Phillippines", "PHL"),
        ("Ghanians", "GHA"),
        ("Khatmandu", "NPL"),
    ],
)
def test_misspelt_country_names_demonyms_and_capitals(word, country):
    entry = load_lexicon().misspelt(word, None, load_gazetteer())
    assert entry is not None and entry.country == country
    assert "misspelt" in entry.source


@pytest.mark.parametrize(
    "word",
    [
        "Nigerian",  # a known word is never respelt (not "Algerian")
        "Indiana",  # a US state, not "Indians"
        "Irak",  # too short to tell from other words
        "Austrians",  # spelt right
        "Zebrafish",  # near no country
    ],
)
def test_known_short_or_distant_words_are_not_respelt(word):
    assert load_lexicon().misspelt(word, None, load_gazetteer()) is None


def test_armed_groups_and_regions_are_shipped():
    lexicon = load_lexicon()
    npfl = lexicon.best(phrase_key("NPFL"), None)
    assert (npfl.country, npfl.sector) == ("LBR", "REB")
    assert lexicon.best(phrase_key("Kifaya"), None).sector == "OPP"
    gaza = lexicon.best(phrase_key("Gaza Strip"), None)
    assert (gaza.country, gaza.kind) == ("PSE", "region")
    assert lexicon.role(["security", "forces"]).sector == "MIL"
