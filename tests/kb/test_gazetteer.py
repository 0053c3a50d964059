"""The gazetteer: GeoNames names, alternate names, regions, and choosing among namesakes."""

import pickle

import pytest

from dateline.errors import ConfigError
from dateline.kb.gazetteer import (
    Context,
    Gazetteer,
    cache_dir,
    haversine_km,
    load_gazetteer,
    name_key,
    open_gazetteer,
)
from dateline.kb.gazetteer import build as gazetteer_build
from dateline.settings import Settings

SMALL = 15000  # a quick gazetteer for the cache tests


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(Settings().min_city_population)


def context_of(gazetteer, *names):
    context = Context()
    for name in names:
        context.add(gazetteer.resolve(name))
    return context


@pytest.mark.parametrize(
    "alias, name, country",
    [("Arbil", "Erbil", "IRQ"), ("Irbil", "Erbil", "IRQ"), ("Kiev", "Kyiv", "UKR")],
)
def test_alternate_names_reach_the_geonames_place(gazetteer, alias, name, country):
    place = gazetteer.resolve(alias)
    assert (place.name, place.country, place.precision) == (name, country, "city")
    assert place.geonameid and place.lat and place.lon


def test_countries_by_their_news_names(gazetteer):
    for name in ("U.S.", "the United States", "America"):
        assert gazetteer.resolve(name).country == "USA"
    britain = gazetteer.resolve("Britain")
    assert (britain.country, britain.precision) == ("GBR", "country")
    assert haversine_km(britain.lat, britain.lon, 54.0, -2.0) < 300


def test_the_story_context_chooses_among_namesakes(gazetteer):
    egyptian = gazetteer.resolve("Alexandria", context_of(gazetteer, "Egypt"))
    assert egyptian.country == "EGY"
    louisiana = gazetteer.resolve("Alexandria", context_of(gazetteer, "Louisiana"))
    assert (louisiana.country, louisiana.admin1) == ("USA", "Louisiana")


def test_a_state_beats_a_country_in_an_american_story(gazetteer):
    assert gazetteer.resolve("Georgia").precision == "country"
    state = gazetteer.resolve("Georgia", context_of(gazetteer, "Atlanta", "Texas"))
    assert (state.country, state.precision) == ("USA", "admin1")


def test_without_context_the_most_prominent_place_wins(gazetteer):
    assert gazetteer.resolve("Paris").country == "FRA"
    assert gazetteer.most_populous("Alexandria").country == "EGY"


def test_regions_are_not_cities(gazetteer):
    gulf = gazetteer.resolve("the Gulf")
    assert gulf.precision == "region" and gulf.country is None
    assert gazetteer.resolve("West Bank").country == "PSE"
    north = gazetteer.resolve("northern Iraq")
    assert (north.country, north.precision) == ("IRQ", "region")
    assert gazetteer.resolve("Kurdistan").precision == "admin1"


def test_unknown_names_give_nothing(gazetteer):
    assert gazetteer.resolve("Xqzville") is None
    assert gazetteer.lookup("") == []


def test_name_keys_ignore_case_accents_and_articles():
    assert name_key("the Gulf") == name_key("GULF")
    assert name_key("Al Fallūjah") == name_key("al-fallujah")
    assert name_key("U.S.") == name_key("US")


def test_population_threshold_drops_small_towns(gazetteer):
    small = [p for p in gazetteer.lookup("Alexandria") if p.population < 15000]
    assert small, "the default gazetteer has small Alexandrias"
    big_only = load_gazetteer(15000)
    assert all(
        p.population >= 15000 for p in big_only.lookup("Alexandria") if p.precision == "city"
    )


def test_user_place_files_add_regions(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "# test regions\nname,country,lat,lon,precision,geonameid\n"
        "Blue Valley,KEN,0.5,36.1,region,\n",
        encoding="utf-8",
    )
    place = load_gazetteer(SMALL, (path,)).resolve("Blue Valley")
    assert (place.country, place.precision, place.lat) == ("KEN", "region", 0.5)


def test_a_malformed_place_file_is_a_config_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,country,lat,lon,precision,geonameid\nNowhere,KEN,north,,region,\n")
    with pytest.raises(ConfigError, match="bad.csv"):
        load_gazetteer(SMALL, (path,))


def test_neighbouring_towns_pull_a_name_to_their_region(gazetteer):
    texan = gazetteer.resolve("Paris", gazetteer.context_for(["Paris", "Tyler", "Texarkana"]))
    assert (texan.country, texan.admin1) == ("USA", "Texas")
    french = gazetteer.resolve("Paris", gazetteer.context_for(["Paris", "Lyon", "Marseille"]))
    assert french.country == "FRA"


def test_us_counties_resolve_in_their_state(gazetteer):
    fulton = gazetteer.resolve("Fulton County", context_of(gazetteer, "Atlanta", "Georgia"))
    assert (fulton.precision, fulton.country, fulton.admin1) == ("admin2", "USA", "Georgia")
    assert haversine_km(fulton.lat, fulton.lon, 33.75, -84.39) < 60
    indiana = gazetteer.resolve("Marion County", context_of(gazetteer, "Indianapolis"))
    assert indiana.admin1 == "Indiana"
    florida = gazetteer.resolve("Marion County", context_of(gazetteer, "Ocala", "Florida"))
    assert florida.admin1 == "Florida"


def test_the_story_state_chooses_among_american_namesakes(gazetteer):
    illinois = gazetteer.resolve("Springfield", gazetteer.context_for(["Springfield", "Illinois"]))
    assert illinois.admin1 == "Illinois"
    assert haversine_km(illinois.lat, illinois.lon, 39.8, -89.65) < 30
    names = ["Springfield", "Massachusetts"]
    assert gazetteer.resolve("Springfield", gazetteer.context_for(names)).admin1 == "Massachusetts"


def test_provinces_have_names_and_news_short_names(gazetteer):
    anbar = gazetteer.resolve("Anbar")
    assert (anbar.precision, anbar.country, anbar.admin1) == ("admin1", "IRQ", "Anbar")
    assert haversine_km(anbar.lat, anbar.lon, 33.4, 42.0) < 200
    assert gazetteer.resolve("Mosul").admin1 == "Ninawa"
    # GeoNames says "Salah ad Din Governorate"; news copy and our records say "Salah ad Din".
    salah = gazetteer.resolve("Salah ad Din Governorate")
    assert (salah.precision, salah.name) == ("admin1", "Salah ad Din")
    assert gazetteer.resolve("Salah ad Din") == salah
    assert gazetteer.resolve("Basra").admin1 == "Basra"


def test_a_province_named_after_its_city_yields_to_the_city(gazetteer):
    baghdad = gazetteer.resolve("Baghdad")
    assert (baghdad.name, baghdad.precision) == ("Baghdad", "city")
    kirkuk = gazetteer.resolve("Kirkuk")
    assert kirkuk.precision == "city"


def test_our_regions_override_a_province_of_the_same_name(gazetteer):
    bank = gazetteer.lookup("West Bank")
    assert [p.precision for p in bank] == ["region"]


def test_the_index_is_cached_on_disk_and_reloaded(tmp_path, monkeypatch):
    built = open_gazetteer(SMALL, (), tmp_path)
    [cached] = tmp_path.glob("gazetteer-*.pickle")

    def no_build(*args):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(gazetteer_build, "build_gazetteer", no_build)
    loaded = open_gazetteer(SMALL, (), tmp_path)
    assert loaded is not built and len(loaded) == len(built)
    assert loaded.resolve("Baghdad") == built.resolve("Baghdad")
    assert cached.stat().st_size > 0


def test_the_same_place_file_elsewhere_reads_the_same_cache(tmp_path, monkeypatch):
    rows = "name,country,lat,lon,precision,geonameid\nBlue Valley,KEN,0.5,36.1,region,\n"
    first, second = tmp_path / "a" / "places.csv", tmp_path / "b" / "places.csv"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(rows)
    cache = tmp_path / "cache"
    open_gazetteer(SMALL, (first,), cache)

    def no_build(*args):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(gazetteer_build, "build_gazetteer", no_build)
    assert open_gazetteer(SMALL, (second,), cache).resolve("Blue Valley").lat == 0.5


def test_a_corrupt_cache_is_rebuilt(tmp_path):
    open_gazetteer(SMALL, (), tmp_path)
    [cached] = tmp_path.glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert open_gazetteer(SMALL, (), tmp_path).resolve("Baghdad").country == "IRQ"
    cached.write_bytes(pickle.dumps({"a": "dict"}))
    assert isinstance(open_gazetteer(SMALL, (), tmp_path), Gazetteer)
    assert isinstance(pickle.loads(cached.read_bytes()), Gazetteer)


def test_a_changed_place_file_gets_a_new_cache(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,country,lat,lon,precision,geonameid\nBlue Valley,KEN,0.5,36.1,region,\n")
    cache = tmp_path / "cache"
    assert open_gazetteer(SMALL, (path,), cache).resolve("Blue Valley").lat == 0.5
    path.write_text("name,country,lat,lon,precision,geonameid\nBlue Valley,KEN,1.5,36.1,region,\n")
    assert open_gazetteer(SMALL, (path,), cache).resolve("Blue Valley").lat == 1.5
    # The stale index is gone: one cache file per population threshold.
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1


def test_an_unwritable_cache_only_costs_the_rebuild(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    assert open_gazetteer(SMALL, (), blocker / "cache").resolve("Kyiv").country == "UKR"


def test_the_cache_directory_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DATELINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "dateline"
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_a_state_written_after_a_name_places_the_town_in_it(gazetteer):
    assert gazetteer.resolve("Paris").country == "FRA"
    tennessee = gazetteer.qualifier(", Tenn., on Thursday night")
    assert (tennessee.name, tennessee.precision) == ("Tennessee", "admin1")
    paris = gazetteer.resolve("Paris", within=tennessee)
    assert (paris.name, paris.country, paris.admin1) == ("Paris", "USA", "Tennessee")
    texas = gazetteer.resolve("Paris", within=gazetteer.qualifier(", Texas, police said"))
    assert (texas.country, texas.admin1) == ("USA", "Texas")
    assert haversine_km(paris.lat, paris.lon, texas.lat, texas.lon) > 500


def test_a_country_or_a_named_region_written_after_a_name_qualifies_it(gazetteer):
    london = gazetteer.resolve("London", within=gazetteer.qualifier(", Ontario, Canada"))
    assert (london.country, london.admin1) == ("CAN", "Ontario")
    english = gazetteer.resolve("London", within=gazetteer.qualifier(", England."))
    assert (english.country, english.admin1) == ("GBR", "England")


def test_no_qualifier_when_the_comma_opens_something_else(gazetteer):
    assert gazetteer.qualifier(", said the mayor") is None
    assert gazetteer.qualifier(" City Council met") is None
    assert gazetteer.qualifier(", Mayor Jay Williams said") is None


def test_a_qualifier_that_holds_no_namesake_changes_nothing(gazetteer):
    egypt = gazetteer.qualifier(", Egypt")
    assert gazetteer.resolve("Kuwait", within=egypt).country == "KWT"


def test_a_village_known_by_a_bigger_place_s_name_does_not_take_it(gazetteer):
    # Small American towns list "Egypt" or "Paris" among their GeoNames alternate names.
    ohio = context_of(gazetteer, "Ohio", "Columbus", "Dover")
    egypt = gazetteer.resolve("Egypt", ohio)
    assert (egypt.name, egypt.precision) == ("Egypt", "country")
    georgia = context_of(gazetteer, "Atlanta", "Savannah", "Macon")
    assert gazetteer.resolve("Paris", georgia).name == "Paris"


def test_abbreviated_place_words_reach_the_spelled_out_name(gazetteer):
    # GeoNames lists neither town under the abbreviation news copy writes.
    wayne = gazetteer.resolve("Ft. Wayne")
    assert (wayne.name, wayne.admin1) == ("Fort Wayne", "Indiana")
    genevieve = gazetteer.resolve("Ste. Genevieve")
    assert (genevieve.name, genevieve.admin1) == ("Sainte Genevieve", "Missouri")
    # A name found as written keeps its own places: "St. Albans" is the English city.
    assert gazetteer.resolve("St. Albans").country == "GBR"


def test_a_country_named_often_casts_no_vote_for_its_american_namesake_s_state(gazetteer):
    # Russia and Moscow are also Ohio villages; a story about Russia is no Ohio story.
    story = ["Moscow", "Russia", "Russia", "Russia", "London", "Salisbury"]
    london = gazetteer.resolve("London", gazetteer.context_for(story))
    assert (london.name, london.country) == ("London", "GBR")


def test_a_name_repeated_is_no_evidence_for_its_own_namesakes(gazetteer):
    # The county places the town; three mentions of "Paris" do not outvote it.
    story = ["Paris", "Paris", "Paris", "Henry County"]
    paris = gazetteer.resolve("Paris", gazetteer.context_for(story))
    assert (paris.name, paris.country, paris.admin1) == ("Paris", "USA", "Tennessee")
    alone = gazetteer.resolve("Paris", gazetteer.context_for(["Paris", "Paris", "Paris"]))
    assert alone.country == "FRA"


def test_a_phrase_falls_back_on_a_shorter_own_name(gazetteer):
    airport = gazetteer.resolve_phrase("Baghdad International Airport")
    assert (airport.name, airport.country) == ("Baghdad", "IRQ")
    south = gazetteer.resolve_phrase("southern Lebanon", skip={"southern"})
    assert (south.country, south.precision) == ("LBN", "country")
    assert gazetteer.resolve_phrase("Bank of Japan") is None
    # GeoNames lists "City" among a Canadian town's alternate names; a hall is no town.
    assert gazetteer.resolve("City") is not None
    assert gazetteer.resolve_phrase("City Hall") is None


def test_place_country_knows_states_and_prefers_the_story_country(gazetteer):
    # "Borno" is Nigeria's state, not the German town whose alias it is (city_country's answer)
    assert gazetteer.city_country("Borno") != "NGA"
    assert gazetteer.place_country("Borno") == "NGA"
    assert gazetteer.place_country("Sindh") == "PAK"  # a province, no city of that name
    # two big namesakes: the most populous, unless the story's country has one
    assert gazetteer.place_country("Hyderabad") == "IND"
    assert gazetteer.place_country("Hyderabad", prefer=("PAK",)) == "PAK"
    assert gazetteer.place_country("Nowhereville") is None
    assert gazetteer.place_country("Boni") is None  # an alternate name of Bonn only
    # a sea is no state of the countries on its shore
    assert gazetteer.place_country("Red Sea") is None
    assert gazetteer.place_country("Darfur") == "SDN"  # a curated region with its country
    # a small town abroad is taken only when the story has no country of its own
    assert gazetteer.place_country("Eastleigh") == "GBR"
    assert gazetteer.place_country("Eastleigh", prefer=("KEN",)) is None
    # ... unless it lies just across a border
    assert gazetteer.place_country("Jericho", prefer=("ISR",)) == "PSE"
