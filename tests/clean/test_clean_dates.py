"""Where the dateline stands in the text, the one date grammar, edited vocabularies."""

from __future__ import annotations

import os
from datetime import date

import pytest

from dateline.clean import clean_document, load_vocabulary, parse_date
from dateline.kb.timex import find_timexes, resolve
from dateline.model import RawDocument
from dateline.settings import Settings

STORY = (
    "Talks resume\n\n"
    "DAMASCUS, February 27, 2025 (AFP) - Turkey's minister arrived on Thursday. "
    "Reporters quoted DAMASCUS, February 27, 2025 (AFP) in full."
)


def clean(text: str, settings: Settings | None = None, **meta):
    raw = RawDocument(path="story.txt", content=text, kind="text", **meta)
    return clean_document(raw, settings or Settings())


def test_the_head_dateline_is_cut_from_the_text_where_it_starts():
    doc = clean(STORY)
    assert doc.text.startswith("Turkey's minister")
    # its copy later in the text is not the dateline: the offsets say where it stood
    assert (doc.dateline.start, doc.dateline.end) == (0, 0)
    assert doc.text.find(doc.dateline.text) > 0


def test_a_story_without_a_dateline_records_none():
    assert clean("Officials said on Monday that the talks would resume soon.").dateline is None


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("27-MAR-1987", date(1987, 3, 27)),
        ("Tuesday, April 29, 2007", date(2007, 4, 29)),
        ("29 of April 2007", date(2007, 4, 29)),
        ("Sept. 9, 2023", date(2023, 9, 9)),
    ],
)
def test_clean_and_the_time_expressions_read_a_date_alike(written, day):
    assert parse_date(written, load_vocabulary()) == day
    assert resolve(written, date(2024, 1, 1)).value == day.isoformat()


def test_a_dateline_dash_is_no_year_separator():
    """``BRUSSELS, April 8 - 1986 Year``: the year is the report's, not the dateline's."""
    doc = clean("Net loss\n\nBRUSSELS, April 8 - 1986 Year net loss 198 mln francs vs profit")
    assert doc.dateline.place == "Brussels"
    assert doc.dateline.date is None and doc.published is None
    found = find_timexes("on April 8 - 1986 Year", date(1987, 4, 9))
    assert [(t.text, t.value) for t in found] == [("April 8", "1987-04-08")]


def test_an_edited_agency_file_is_read_again(tmp_path):
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("name,aliases\nGondor Herald,GH\n", encoding="utf-8")
    settings = Settings(agency_files=(agencies,))
    story = "MINAS TIRITH (GH) - The beacons were lit on Monday, officials said."
    assert clean(story, settings).dateline.agency == "Gondor Herald"
    agencies.write_text("name,aliases\nHerald of Gondor,GH\n", encoding="utf-8")
    stat = agencies.stat()
    os.utime(agencies, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert clean(story, settings).dateline.agency == "Herald of Gondor"
