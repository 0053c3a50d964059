"""The casualties stage: people killed, injured and arrested, read around the trigger."""

from __future__ import annotations

import pytest

from dateline.casualties import CasualtyCounter
from dateline.model import Cameo, Event
from dateline.settings import Settings


@pytest.fixture(scope="module")
def counter():
    return CasualtyCounter(Settings())


def counted(parsed, counter, text: str, trigger: str, code: str = "190") -> Event:
    doc = parsed(text)
    token = next(t for t in doc.parsed if t.text == trigger)
    sentence = next(s.index for s in doc.sentences if s.start <= token.idx < s.end)
    event = Event(sentence, trigger, Cameo(code, code[:2], -10.0, 4), None, None, None)
    event.token = token.i
    doc.events = [event]
    counter(doc)
    return event


def test_a_number_counting_the_people_killed(parsed, counter):
    text = "At least 106 protesters in 21 cities have been killed by security forces."
    event = counted(parsed, counter, text, "killed", "1823")
    assert event.fatalities.number == 106  # not the 21 cities
    assert event.fatalities.text == "At least 106 protesters in 21 cities have been killed"
    assert event.injured is None and event.arrested is None


def test_killing_and_wounding_in_one_sentence(parsed, counter):
    event = counted(
        parsed, counter, "Gunmen attacked the village, killing three and wounding 12.", "attacked"
    )
    assert (event.fatalities.number, event.injured.number) == (3, 12)
    assert event.fatalities.text == "killing three"


def test_arrests_with_digits_and_qualifiers(parsed, counter):
    event = counted(
        parsed, counter, "More than 1,200 people were detained by police.", "detained", "173"
    )
    assert event.arrested.number == 1200
    assert event.arrested.text == "More than 1,200 people were detained"
    event = counted(
        parsed, counter, "Police arrested 40 protesters in the capital.", "arrested", "173"
    )
    assert (event.arrested.number, event.arrested.text) == (40, "arrested 40 protesters")


def test_a_death_toll_and_a_plain_fatalities_count(parsed, counter):
    event = counted(
        parsed, counter, "Troops shelled the town, and the death toll rose to 12.", "shelled"
    )
    assert event.fatalities.number == 12
    event = counted(
        parsed, counter, "Rebels stormed the base; there were three fatalities.", "stormed"
    )
    assert event.fatalities.number == 3


def test_no_number_no_count_and_other_codes_get_none(parsed, counter):
    assert (
        counted(parsed, counter, "Soldiers fired on the crowd, killing dozens.", "fired").fatalities
        is None
    )
    talks = counted(parsed, counter, "Envoys met after 12 people were killed.", "met", "040")
    assert talks.fatalities is None  # a meeting counts no casualties


def test_a_share_is_no_count_of_people(parsed, counter):
    text = "The disease swept the region, killing up to 60 percent of the herds."
    assert counted(parsed, counter, text, "killing", "1823").fatalities is None
