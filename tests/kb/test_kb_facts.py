"""Facts the knowledge base keeps once and the stages share: prepositions, place nouns, the
plural of a demonym, the city -> country index, and dictionaries re-read when edited."""

import os
from datetime import date

from dateline.kb import spatial
from dateline.kb.countries import plural_demonym
from dateline.kb.gazetteer import load_gazetteer
from dateline.kb.lexicon import EntryKind, load_lexicon, phrase_key, vocabulary


def test_one_preposition_table_serves_every_stage():
    weights = spatial.place_weights()
    assert (weights["in"], weights["to"]) == (2, 1) and "from" not in weights
    assert {"in", "from", "beyond"} <= spatial.locative_prepositions()
    assert "to" not in spatial.locative_prepositions()
    assert spatial.locating_prepositions() == {"near", "off", "along", "inside", "outside"}
    assert spatial.institution_prepositions() == {"in", "at", "into", "inside", "outside"}


def test_one_place_noun_list_for_actors_and_places():
    nouns = spatial.place_nouns()
    assert {"town", "suburb", "airport", "province"} <= nouns
    assert load_lexicon().place_nouns == nouns


def test_one_plural_rule_for_demonyms():
    assert plural_demonym("Iraqi") == "Iraqis"
    assert [plural_demonym(w) for w in ("Swiss", "French", "Chinese", "Manx", "")] == [None] * 5
    lexicon = load_lexicon()
    assert lexicon.best(phrase_key("Iraqis"), None).country == "IRQ"
    assert lexicon.best(phrase_key("Frenchs"), None) is None


def test_the_gazetteer_gives_a_city_country():
    gazetteer = load_gazetteer()
    assert gazetteer.city_country("Basra") == "IRQ"
    assert gazetteer.city_country("Samarra") == "IRQ"
    assert gazetteer.city_country("Baghdad Province") is None  # a province, not a city
    assert gazetteer.city_country("Nowhereville") is None


def test_an_edited_user_dictionary_is_read_again(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,country,sector\nBlue Brigade,KEN,MIL\n", encoding="utf-8")
    assert load_lexicon([path]).best(phrase_key("Blue Brigade"), None).country == "KEN"
    assert load_lexicon([path]) is load_lexicon([path])  # unchanged: built once
    path.write_text("name,country,sector\nBlue Brigade,UGA,MIL\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_lexicon([path]).best(phrase_key("Blue Brigade"), None).country == "UGA"


def test_the_misspelling_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(vocabulary, "NEAR_MEMO_WORDS", 3)
    lexicon = vocabulary.Lexicon()
    words = ["Ethopia", "Ghanians", "Khatmandu", "Somalai", "Nigerai"]
    for word in words:
        lexicon.misspelt(word, date(2020, 1, 1), load_gazetteer())
    assert len(lexicon._near) == 3


def test_one_countries_table_for_actors_and_places():
    lexicon, gazetteer = load_lexicon(), load_gazetteer()
    for name in ("Czechia", "Czech Republic"):  # the names the two old tables gave CZE
        assert lexicon.best(phrase_key(name), None).country == "CZE"
        assert (gazetteer.resolve(name).country, gazetteer.resolve(name).precision) == (
            "CZE",
            "country",
        )
    aruban = lexicon.best(phrase_key("Aruban"), None)  # a demonym only the places' table had
    assert (aruban.country, aruban.kind) == ("ABW", EntryKind.DEMONYM)
    assert lexicon.best(phrase_key("French"), None).country == "FRA"  # not a territory's


def test_a_place_that_stands_for_a_state_stays_a_place_in_the_gazetteer():
    lexicon, gazetteer = load_lexicon(), load_gazetteer()
    assert lexicon.best(phrase_key("Gaza"), None).country == "PSE"
    assert gazetteer.resolve("Gaza").precision == "city"
    assert lexicon.best(phrase_key("Yugoslavia"), None).country == "SRB"
    assert gazetteer.resolve("Yugoslavia").country == "SCG"
    assert lexicon.best(phrase_key("Congo"), None).country == "COD"
