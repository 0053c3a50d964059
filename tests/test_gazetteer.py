"""The gazetteer: GeoNames names, alternate names, regions, and choosing among namesakes."""

import pytest

from dateline.errors import ConfigError
from dateline.gazetteer import Context, haversine_km, load_gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(5000)


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
    assert small, "the 5000 gazetteer has small Alexandrias"
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
    place = load_gazetteer(5000, (path,)).resolve("Blue Valley")
    assert (place.country, place.precision, place.lat) == ("KEN", "region", 0.5)


def test_a_malformed_place_file_is_a_config_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,country,lat,lon,precision,geonameid\nNowhere,KEN,north,,region,\n")
    with pytest.raises(ConfigError, match="bad.csv"):
        load_gazetteer(5000, (path,))


def test_neighbouring_towns_pull_a_name_to_their_region(gazetteer):
    texan = gazetteer.resolve("Paris", gazetteer.context_for(["Paris", "Tyler", "Texarkana"]))
    assert (texan.country, texan.admin1) == ("USA", "Texas")
    french = gazetteer.resolve("Paris", gazetteer.context_for(["Paris", "Lyon", "Marseille"]))
    assert french.country == "FRA"
