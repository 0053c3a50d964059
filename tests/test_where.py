"""The place stage: each event placed where its own clause says, on a parsed document."""

from datetime import date

import pytest

from dateline.model import Actor, ActorRef, Cameo, Dateline, Event, Mention, MentionRule
from dateline.settings import Settings
from dateline.where import EventPlacer

DAY = date(2024, 3, 12)


def event_at(doc, word, code="190", source=None, target=None, nth=0) -> Event:
    """An event whose trigger is the ``nth`` token spelled ``word``."""
    token = [t for t in doc.parsed if t.text == word][nth]
    sentence = next(s.index for s in doc.sentences if s.start <= token.idx < s.end)
    cameo = Cameo(code, code[:2], 0.0, 1)
    return Event(sentence, word, cameo, None, source, target, token=token.i)


def actor(text, country):
    return ActorRef(text, text, country, "GOV")


@pytest.fixture(scope="module")
def placer():
    return EventPlacer(Settings())


def placed(placer, doc, *events):
    doc.events = list(events)
    placer(doc)
    return [e.place for e in doc.events]


@pytest.mark.parametrize(
    "text, trigger, name, country",
    [
        ("Gunmen attacked a checkpoint in Baghdad.", "attacked", "Baghdad", "IRQ"),
        ("Militants shelled Baghdad airport overnight.", "shelled", "Baghdad", "IRQ"),
        ("Troops searched cars at Baghdad airport.", "searched", "Baghdad", "IRQ"),
        (
            "Protesters rallied outside the legislature in Hong Kong.",
            "rallied",
            "Hong Kong",
            "HKG",
        ),
        ("Police detained two bloggers in the Saudi city of Jeddah.", "detained", "Jeddah", "SAU"),
        ("Agents seized five men in the northern city of Arbil.", "seized", "Erbil", "IRQ"),
        # the tagger calls Mandera an ORG; the text calls it a town
        ("Police arrested traders in the border town of Mandera.", "arrested", "Mandera", "KEN"),
    ],
)
def test_the_place_in_the_event_clause(parsed, placer, text, trigger, name, country):
    doc = parsed(text, published=DAY)
    [place] = placed(placer, doc, event_at(doc, trigger))
    assert (place.name, place.country) == (name, country)
    assert place.geonameid and place.lat is not None


def test_two_events_two_places(parsed, placer):
    doc = parsed("Police arrested the editor in Mosul and released him in Kirkuk.", published=DAY)
    first, second = placed(placer, doc, event_at(doc, "arrested"), event_at(doc, "released"))
    assert (first.name, second.name) == ("Mosul", "Kirkuk")


def test_a_place_the_sentence_gives(parsed, placer):
    doc = parsed("In Kabul, officials said the army attacked a camp.", published=DAY)
    [place] = placed(placer, doc, event_at(doc, "attacked"))
    assert place.name == "Kabul"


def test_a_visit_is_placed_in_the_host_country(parsed, placer):
    doc = parsed("The Iranian envoy visited Iraq for two days.", published=DAY)
    visit = event_at(doc, "visited", "042", actor("Iranian envoy", "IRN"), actor("Iraq", "IRQ"))
    [place] = placed(placer, doc, visit)
    assert (place.name, place.country, place.precision) == ("Iraq", "IRQ", "country")


def test_a_visit_prefers_the_city_named_in_its_paragraph(parsed, placer):
    text = "The Iranian envoy visited Iraq for two days. He landed in Baghdad before dawn."
    doc = parsed(text, published=DAY)
    visit = event_at(doc, "visited", "042", actor("Iranian envoy", "IRN"), actor("Iraq", "IRQ"))
    [place] = placed(placer, doc, visit)
    assert (place.name, place.precision) == ("Baghdad", "city")


def test_a_country_standing_for_its_government_is_not_the_place(parsed, placer):
    doc = parsed("Iran accused Israel of sabotage.", published=DAY)
    accuse = event_at(doc, "accused", "112", actor("Iran", "IRN"), actor("Israel", "ISR"))
    assert placed(placer, doc, accuse) == [None]
    doc = parsed("Iran accused Israel of a bombing in Damascus.", published=DAY)
    accuse = event_at(doc, "accused", "112", actor("Iran", "IRN"), actor("Israel", "ISR"))
    assert placed(placer, doc, accuse)[0].name == "Damascus"


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        # the story's countries choose among namesakes
        ("Louisiana deputies arrested a man in Alexandria.", "Alexandria", "USA", "Louisiana"),
        ("Egypt's police arrested a man in Alexandria.", "Alexandria", "EGY", None),
        # so does the state written after the town
        ("Police arrested a man in Paris, Tenn., on Thursday night.", "Paris", "USA", "Tennessee"),
        ("Police arrested a man in Paris on Thursday night.", "Paris", "FRA", None),
    ],
)
def test_namesakes_are_told_apart(parsed, placer, text, name, country, admin1):
    doc = parsed(text, published=DAY)
    [place] = placed(placer, doc, event_at(doc, "arrested"))
    assert (place.name, place.country) == (name, country)
    assert admin1 is None or place.admin1 == admin1


def test_regions_resolve_at_region_level(parsed, placer):
    doc = parsed(
        "Jets struck targets in northern Iraq. Settlers razed olive groves in the West Bank."
    )
    north, bank = placed(placer, doc, event_at(doc, "struck"), event_at(doc, "razed"))
    assert (north.country, north.precision) == ("IRQ", "region")
    assert (bank.country, bank.precision) == ("PSE", "region")


def test_the_dateline_place_only_when_the_text_says_here(parsed, placer):
    text = "CAIRO, March 12, 2024 (Reuters) - Students protested. Police clashed with them here."
    doc = parsed(text, published=DAY)
    doc.dateline = Dateline("CAIRO, March 12, 2024 (Reuters)", "Cairo", "Reuters", DAY)
    protest, clash = placed(placer, doc, event_at(doc, "protested"), event_at(doc, "clashed"))
    assert protest is None
    assert (clash.name, clash.country) == ("Cairo", "EGY")


def test_a_compass_region_of_a_country_is_never_a_city(parsed, placer):
    doc = parsed("Drones hit a convoy in southern Lebanon.")
    [place] = placed(placer, doc, event_at(doc, "hit"))
    assert (place.country, place.precision) == ("LBN", "country")


def test_an_american_town_is_placed_in_the_state_the_story_names(parsed, placer):
    text = (
        "Illinois state troopers arrested a suspect in Springfield on Monday. "
        "The man was later moved to a jail in Peoria."
    )
    doc = parsed(text, published=DAY)
    [place] = placed(placer, doc, event_at(doc, "arrested"))
    assert (place.name, place.country, place.admin1) == ("Springfield", "USA", "Illinois")
    assert abs(place.lat - 39.8) < 0.3 and abs(place.lon + 89.65) < 0.3


def test_a_county_is_placed_at_county_level(parsed, placer):
    text = "Deputies raided a farm in Fulton County, outside Atlanta, Georgia."
    doc = parsed(text, published=DAY)
    [place] = placed(placer, doc, event_at(doc, "raided"))
    assert (place.name, place.precision, place.admin1) == ("Fulton County", "admin2", "Georgia")


def test_a_foreign_city_carries_its_province_name(parsed, placer):
    doc = parsed("Gunmen ambushed a patrol in Mosul.", published=DAY)
    [place] = placed(placer, doc, event_at(doc, "ambushed"))
    assert (place.name, place.admin1) == ("Mosul", "Ninawa")


def test_a_location_that_is_also_the_target_is_the_place(parsed, placer):
    doc = parsed("Israeli troops arrested five men in Lebanon.", published=DAY)
    event = event_at(
        doc, "arrested", "173", actor("Israeli troops", "ISR"), actor("Lebanon", "LBN")
    )
    [place] = placed(placer, doc, event)
    assert (place.name, place.precision) == ("Lebanon", "country")


def test_a_location_only_the_actors_stage_found_is_a_place(parsed, placer):
    doc = parsed("The minister arrived in Zzyzxville and then in Bamako.", published=DAY)
    at = doc.text.index("Bamako")
    doc.actors = [Actor("Mali", "MLI", "GOV", "state", "test")]
    doc.mentions = [Mention(at, at + len("Bamako"), "Bamako", 0, 0, MentionRule.LOCATIVE)]
    [place] = placed(placer, doc, event_at(doc, "arrived", "042"))
    assert (place.name, place.country) == ("Bamako", "MLI")


def test_a_decision_to_go_is_placed_where_it_goes_not_in_a_side_clause(parsed, placer):
    doc = parsed("Larijani, who met Assad in Damascus, decided to go to Iraq himself.")
    larijani, iraq = actor("Larijani", "IRN"), actor("Iraq", "IRQ")
    [place] = placed(placer, doc, event_at(doc, "decided", "036", larijani, iraq))
    assert (place.name, place.country) == ("Iraq", "IRQ")
    [met] = placed(placer, doc, event_at(doc, "met", "040", larijani, actor("Assad", "SYR")))
    assert (met.name, met.country) == ("Damascus", "SYR")


@pytest.mark.parametrize(
    "arrival, name, precision",
    [
        ("Larijani arrived in Baghdad on Sunday for talks.", "Baghdad", "city"),
        # another actor's arrival says nothing of where Larijani is
        ("Salehi arrived in Baghdad on Sunday for talks.", "Iran", "country"),
    ],
)
def test_an_event_without_a_place_happens_where_its_actor_arrived(
    parsed, placer, arrival, name, precision
):
    doc = parsed(f"{arrival}\n\nLarijani later met Rouhani in private.", published=DAY)
    larijani, rouhani = actor("Larijani", "IRN"), actor("Rouhani", "IRN")
    [place] = placed(placer, doc, event_at(doc, "met", "040", larijani, rouhani))
    assert (place.name, place.precision) == (name, precision)
