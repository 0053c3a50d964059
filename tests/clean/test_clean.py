"""Clean stage: residue, repeated paragraphs, title, datelines, publication date, language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dateline.clean import clean_document, load_vocabulary, parse_dateline
from dateline.errors import InputError
from dateline.kb.timex import vocabulary
from dateline.model import RawDocument, content_hash
from dateline.settings import Settings

LEDE = (
    "DAMASCUS, February 27, 2025 (AFP) – Turkey's foreign minister arrived in Damascus on "
    "Thursday for talks with the interim government, officials said."
)
SCRAPED = f"""Monday, March 3, 2025
HomeWorld NewsMiddle EastTurkish envoy holds talks with Syrian leaders in Damascus

Turkish envoy holds talks with Syrian leaders in Damascus

{LEDE}

{LEDE}

The visit came a week after Ankara pledged reconstruction aid to its neighbour.

Share this article
Related: Syria's new rulers seek sanctions relief
© 2025 Example News. All rights reserved.
"""


def clean(text: str, settings: Settings | None = None, **meta) -> object:
    raw = RawDocument(path=meta.pop("path", "story.txt"), content=text, kind="text", **meta)
    return clean_document(raw, settings or Settings())


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def test_scraped_story_keeps_the_dateline_date_not_the_scrape_date():
    doc = clean(SCRAPED)
    assert doc.published == date(2025, 2, 27)
    assert doc.published_from == "dateline"
    assert doc.dateline.place == "Damascus" and doc.dateline.agency == "AFP"
    assert doc.title == "Turkish envoy holds talks with Syrian leaders in Damascus"


def test_scraped_story_body_has_one_lede_and_no_residue():
    doc = clean(SCRAPED)
    assert doc.text.count("foreign minister arrived in Damascus") == 1
    assert doc.text.startswith("Turkey's foreign minister")
    for residue in ("Monday, March 3", "HomeWorld", "Share this", "Related:", "rights reserved"):
        assert residue not in doc.text
    assert "Turkish envoy holds talks" not in doc.text  # the title is not part of the body
    assert doc.text == doc.text.strip() and "\n\n" in doc.text


def test_document_ids_and_hash_are_stable():
    first, second = clean(SCRAPED), clean(SCRAPED)
    assert first.doc_id == second.doc_id and len(first.doc_id) == 16
    assert first.content_hash == content_hash(first.text)
    assert clean(SCRAPED, path="other.txt").doc_id != first.doc_id


@pytest.mark.parametrize(
    ("opening", "place", "agency", "day"),
    [
        ("BAGHDAD, April 29, 2007 (AFP) - Talks", "Baghdad", "AFP", date(2007, 4, 29)),
        ("SEOUL, Jan. 5 (Yonhap) -- Talks", "Seoul", "Yonhap", date(2024, 1, 5)),
        ("NEW DELHI, Dec 30 (IANS) — Talks", "New Delhi", "IANS", date(2023, 12, 30)),
        ("BEIJING (Xinhua) – Talks", "Beijing", "Xinhua", None),
        ("LONDON (Reuters) - Talks", "London", "Reuters", None),
        ("KABUL, Afghanistan, May 2 — Talks", "Kabul, Afghanistan", None, date(2024, 5, 2)),
        ("Moscow, 14 March 2022 (TASS) - Talks", "Moscow", "TASS", date(2022, 3, 14)),
        ("BERLIN, Tuesday (dpa) - Talks", "Berlin", "dpa", None),
        ("ANKARA, Sept. 9 (Anadolu Agency) - Talks", "Ankara", "AA", date(2023, 9, 9)),
        ("(Reuters) — Talks", None, "Reuters", None),
    ],
)
def test_dateline_forms(vocab, opening, place, agency, day):
    parsed = parse_dateline(opening, vocab, date(2024, 1, 20) if day else None)
    dateline, rest = parsed.dateline, parsed.rest
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, day)
    assert rest == "Talks"


@pytest.mark.parametrize(
    "prose",
    [
        "The deal — signed on Monday — ends the strike.",
        "Barack Obama - the former president - spoke.",
        "(CORRECTED) - Minister resigns",
        "Officials said: the talks failed.",
    ],
)
def test_prose_is_not_a_dateline(vocab, prose):
    assert parse_dateline(prose, vocab, date(2024, 1, 1)) is None


def test_yearless_dateline_takes_the_year_from_metadata():
    doc = clean("CAIRO, Jan. 2 (MENA) - Egypt opened the crossing.", published="2020-12-31")
    assert doc.published == date(2021, 1, 2)
    assert doc.published_from == "dateline"


def test_publication_date_order_metadata_page_file():
    body = "Officials in the capital opened the talks on Monday and spoke of progress."
    assert clean(body, published="Mon, 06 Sep 2021 16:45:00 +0000").published_from == "metadata"
    page = clean(f"Updated: 16 July 2024 10:31\n\n{body}")
    assert (page.published, page.published_from) == (date(2024, 7, 16), "page")
    stamp = datetime(2022, 5, 1, 12, tzinfo=UTC)
    filed = clean(body, file_time=stamp)
    assert (filed.published, filed.published_from) == (date(2022, 5, 1), "file")
    assert clean(body).published is None


def test_residue_lines_bylines_menus_are_dropped():
    text = (
        "Home | World | Politics | Business\n\nNews\nSport\nWeather\nCulture\n\n"
        "Ministers agree budget deal after long night\n\n"
        "By Jane Doe and Omar Farouk\n\n"
        "The finance ministers agreed on a budget on Friday after talks that lasted all night.\n\n"
        "Advertisement\n\nRead more: Budget talks stall\n\nPhoto: Reuters/File\n\n"
        "The deal still needs the approval of parliament, which meets next week."
    )
    doc = clean(text)
    assert doc.title == "Ministers agree budget deal after long night"
    assert doc.author == "Jane Doe and Omar Farouk"
    assert doc.text.split("\n\n") == [
        "The finance ministers agreed on a budget on Friday after talks that lasted all night.",
        "The deal still needs the approval of parliament, which meets next week.",
    ]


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    text = (
        "HARBOUR STRIKE ENDS\n\nROTTERDAM, March 2 - Dock workers ended a strike that\n"
        "had shut the port for a week, the union said on Monday.\n"
        "    The strike began over pay.\n"
    )
    doc = clean(text, published="02-MAR-1987 10:00:00")
    assert doc.text.startswith("Dock workers ended a strike that had shut the port for a week")
    assert doc.title == "HARBOUR STRIKE ENDS"
    assert doc.dateline.date == date(1987, 3, 2)


def test_user_residue_and_agency_files(tmp_path):
    residue = tmp_path / "residue.txt"
    residue.write_text("# ours\nlisten to this story\n", encoding="utf-8")
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("name,aliases\nNTB,Norsk Telegrambyra\n", encoding="utf-8")
    settings = Settings(residue_files=(residue,), agency_files=(agencies,))
    text = "OSLO (Norsk Telegrambyra) - Norway raised its rate.\n\nListen to this story"
    doc = clean(text, settings)
    assert doc.dateline.agency == "NTB"
    assert doc.text == "Norway raised its rate."


def test_html_goes_through_trafilatura_and_the_dateline_wins():
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story says the ministers met again and talked at length "
        f"about the water agreement and the border.</p>"
        for n in range(2, 6)
    )
    html = (
        "<html><head><title>Nile talks resume</title>"
        '<meta property="article:published_time" content="2024-03-09"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Nile talks resume</h1>"
        "<p>KHARTOUM, March 7, 2024 (AFP) - Sudan and Egypt resumed talks on the Nile dam "
        "on Thursday, officials said.</p>"
        f"{paragraphs}</article><footer>© 2024 Example</footer></body></html>"
    )
    raw = RawDocument(path="page.html", content=html.encode(), kind="html")
    doc = clean_document(raw, Settings())
    assert doc.title == "Nile talks resume"
    assert doc.published == date(2024, 3, 7) and doc.published_from == "dateline"
    assert doc.text.startswith("Sudan and Egypt resumed talks")
    assert "Home" not in doc.text and "©" not in doc.text


def test_other_languages_are_skipped_with_a_reason():
    doc = clean("Le gouvernement français a annoncé mardi une nouvelle loi sur l'immigration.")
    assert doc.language == "fr"
    assert doc.skipped == "language: fr"
    assert clean("The government announced a new immigration law on Tuesday.").skipped is None


def test_nothing_left_is_an_input_error():
    with pytest.raises(InputError) as caught:
        clean("Share this article\n\nAdvertisement\n\n© 2024 Example. All rights reserved.")
    assert caught.value.path == "story.txt"
    assert "no text" in caught.value.reason


WIRE_PAGE = """Skip to main content
Menu
Search
World
Africa
Asia Pacific
Army says it retook the river bridge
By Ann Example
March 21, 2025 10:32 AM GMT+3
Updated 2 hours ago
KHARTOUM, March 21 (Reuters) - The army said on Friday it had retaken the river bridge from the paramilitary forces after weeks of fighting.
Advertisement · Scroll to continue
The paramilitary forces did not comment on the claim, which could not be verified.
Reporting by A. Writer; Editing by B. Editor
Our Standards: The Trust Principles., opens new tab
Suggested Topics:
Africa
Sign up here.
"""  # noqa: E501


def test_wire_page_copy_paste_residue():
    doc = clean(WIRE_PAGE)
    assert doc.title == "Army says it retook the river bridge"
    assert doc.author == "Ann Example"
    assert (doc.dateline.place, doc.dateline.agency) == ("Khartoum", "Reuters")
    assert (doc.published, doc.published_from) == (date(2025, 3, 21), "dateline")
    assert doc.text.split("\n\n") == [
        "The army said on Friday it had retaken the river bridge from the paramilitary forces "
        "after weeks of fighting.",
        "The paramilitary forces did not comment on the claim, which could not be verified.",
    ]


def test_all_caps_headline_with_a_dash_is_not_a_dateline(vocab):
    assert parse_dateline("CORRECTED - MINISTRY TO CUT RATES", vocab, None) is None
    doc = clean(
        "CORRECTED - MINISTRY TO CUT RATES\n\nLIMA, March 3 - The ministry said it would cut "
        "rates.",
        published="03-MAR-1987 10:00:00.00",
    )
    assert doc.title == "CORRECTED - MINISTRY TO CUT RATES"
    assert (doc.dateline.place, doc.dateline.date) == ("Lima", date(1987, 3, 3))


def test_english_that_reads_partly_as_another_language_is_not_skipped():
    # the identifier's first guess is Nigerian Pidgin, with English well above nil
    assert clean("Nigeria cut diplomatic ties with Niger after the coup.").skipped is None
    pidgin = clean("Wetin dey happen for Lagos? Dem don close di market, na wetin I dey tell you.")
    assert pidgin.skipped == "language: pcm"


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Uganda met Ethiopia.",  # the names read as Kikuyu
        "Gunmen killed five villagers in Nigeria's Zamfara state.",  # as Nigerian Pidgin
    ],
)
def test_a_short_english_text_is_not_skipped_for_what_its_names_read_as(text):
    assert clean(text).skipped is None


def test_a_short_text_in_another_language_is_still_skipped():
    assert clean("Der Bundestag hat am Montag die Reform beschlossen.").skipped == "language: de"


def test_a_low_confidence_language_guess_does_not_skip():
    doc = clean("Shr 81 cts vs 2.78 dlrs\n\nNet 53.5 mln vs 180.9 mln")
    assert doc.skipped is None


def test_month_and_weekday_names_are_the_time_vocabulary(vocab):
    words = vocabulary()
    months, weekdays = vocab.dates.months, vocab.dates.weekdays
    assert months == words["months"] and weekdays == words["weekdays"]
    assert months["sept"] == 9 and weekdays["thurs"] == 3


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("Rio de Janeiro (Reuters) - Talks", "Rio de Janeiro"),
        ("Stratford upon Avon (PA) - Talks", "Stratford upon Avon"),
    ],
)
def test_place_particles_may_stay_lower_case_without_a_date(vocab, opening, place):
    parsed = parse_dateline(opening, vocab, None)
    assert (parsed.dateline.place, parsed.rest) == (place, "Talks")


def test_a_lower_case_word_that_is_no_particle_is_not_a_place(vocab):
    assert parse_dateline("Rio grande town (Reuters) - Talks", vocab, None) is None


def test_byline_openers_give_the_author_and_page_date_labels_any_case():
    story = "Officials in the capital opened the talks on Monday and spoke of progress."
    doc = clean(f"BY ANN EXAMPLE\n\nLAST UPDATED ON: 3 May 2021\n\n{story}")
    assert doc.author == "ANN EXAMPLE"
    assert (doc.published, doc.published_from) == (date(2021, 5, 3), "page")
    credit = clean(f"Written by Ann Example\n\n{story}")  # residue, but no byline opener
    assert credit.author is None and "Written by" not in credit.text


WIRE = "SALVADOR, Feb 26 - Rebels attacked an army post near the capital, officials said."


def test_a_yearless_dateline_never_lands_after_the_file_time():
    doc = clean(WIRE, file_time=datetime(2026, 12, 2, tzinfo=UTC))
    assert doc.published == date(2026, 2, 26)  # not 2027-02-26, the nearest reading
    assert (doc.published_from, doc.dateline.year_from) == ("dateline", "file")
    assert doc.year_guessed and doc.published_is_bound


def test_the_user_year_or_date_beats_the_file_time():
    stamp = datetime(2026, 12, 2, tzinfo=UTC)
    by_year = clean(WIRE, Settings(year=1987), file_time=stamp)
    assert (by_year.published, by_year.dateline.year_from) == (date(1987, 2, 26), "settings")
    assert not by_year.year_guessed
    by_date = clean(WIRE, Settings(published=date(1987, 1, 10)), file_time=stamp)
    assert by_date.published == date(1986, 2, 26)  # never after the date given
    body = "Rebels attacked an army post near the capital on Monday, officials said."
    undated = clean(body, Settings(published=date(1987, 3, 4)), file_time=stamp)
    assert (undated.published, undated.published_from) == (date(1987, 3, 4), "settings")
    only_year = clean(body, Settings(year=1987), file_time=stamp)
    assert only_year.published is None  # the file's 2026 would contradict the year given


def test_a_written_year_or_metadata_date_is_not_a_guess():
    doc = clean("SALVADOR, Feb 26, 1987 - Rebels attacked an army post, officials said.")
    assert doc.dateline.year_from is None and not doc.year_guessed
    dated = clean(WIRE, published="1987-02-27")
    assert (dated.published, dated.dateline.year_from) == (date(1987, 2, 26), "metadata")
    assert not dated.year_guessed and not dated.published_is_bound


def page_around(*middle: str) -> str:
    """A two-paragraph story with ``middle`` paragraphs (page chrome) between them."""
    return "\n\n".join(
        (
            "Police fired tear gas at marchers in the capital on Tuesday, witnesses said.",
            *middle,
            "The marchers dispersed by nightfall, the city's mayor said.",
        )
    )


@pytest.mark.parametrize(
    "chrome",
    [
        ("Also on example.com Ministers trade barbs as the budget talks stall",),
        ("Like this story? Share it with a friend!",),
        ("Top stories", "Ministers trade barbs as budget talks stall", "Floods cut the road"),
    ],
)
def test_share_prompts_teasers_and_teaser_blocks_leave_the_body(chrome):
    doc = clean(page_around(*chrome))
    assert doc.text == clean(page_around()).text


PAGE_AS_ONE_BLOCK = (
    "| Security forces killed 106 protesters in Tehran on Tuesday, Amnesty said. "
    "The group urged the authorities to end the crackdown. Top stories Armenia named the "
    "most popular spot for travellers. An Armenian church in Armenia is restored. "
    "Partner news | Armenia and Georgia sign a trade pact |"
)


def test_a_page_read_as_one_block_loses_its_sidebar_from_the_first_teaser_heading():
    doc = clean(PAGE_AS_ONE_BLOCK)
    assert doc.text == (
        "Security forces killed 106 protesters in Tehran on Tuesday, Amnesty said. "
        "The group urged the authorities to end the crackdown."
    )


def test_top_stories_in_prose_is_no_heading():
    text = "The editor said the top stories of the year were about the war. Ministers agreed."
    assert clean(text).text == text


def test_user_teaser_headings(tmp_path):
    headings = tmp_path / "teasers.txt"
    headings.write_text("# ours\nElsewhere on the site\n", encoding="utf-8")
    text = "Ministers met in the capital on Monday. Elsewhere on the site Floods hit the coast."
    doc = clean(text, Settings(teaser_files=(headings,)))
    assert doc.text == "Ministers met in the capital on Monday."


def test_the_story_country_comes_from_its_body_not_a_sidebar():
    import dateline

    doc = dateline.code_text(PAGE_AS_ONE_BLOCK)
    countries = {actor.country for actor in doc.actors}
    assert "ARM" not in countries and "IRN" in countries
