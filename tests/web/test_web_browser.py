"""The dashboard in a real headless Chromium (Debian's ``chromium``, driven by Playwright):
the server runs on 127.0.0.1 on a database coded from tests/web_articles.

Screenshots go to the test's temporary folder; with DATELINE_SCREENSHOTS=DIR the map and
event-detail screenshots are also copied there (``docs/`` holds the README's).
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright

from conftest import INJECTION
from dateline.store import open_db
from dateline.web import chromium, create_app

LAPTOP = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """Uvicorn on 127.0.0.1, a free port, in a thread; yields the base URL."""
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=_free_port(), log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        running.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(web_db):
    with serving(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def injection_server(injection_db):
    with serving(injection_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = chromium.launch(playwright, profile, viewport=LAPTOP, accept_downloads=True)
        yield context
        context.close()


@pytest.fixture
def page(browser, server) -> Page:
    """A fresh tab that fails the test on a script error or on any request that leaves
    the server (the dashboard ships every asset)."""
    tab = browser.new_page()
    tab.set_viewport_size(LAPTOP)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    tab.on(
        "request",
        lambda request: (
            request.url.startswith(("http://127.0.0.1:", "data:"))
            or problems.append(f"outside request: {request.url}")
        ),
    )
    tab.problems = problems
    yield tab
    tab.close()
    assert not problems, problems


def shoot(page: Page, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    copy_to = os.environ.get("DATELINE_SCREENSHOTS")
    if copy_to:
        shutil.copy(path, Path(copy_to) / path.name)
    return path


def test_the_map_shows_markers_coloured_and_lists_a_places_events(page, server, tmp_path):
    page.goto(f"{server}/map")
    # Addis Ababa, Kampala, Kigali, Ethiopia (the aid pledge) and Uganda (the condemnation
    # of the arrests, placed where the arrests it refers to were)
    expect(page.locator("#map")).to_have_attribute("data-markers", "5")
    expect(page.locator("path.leaflet-interactive").first).to_be_visible()
    expect(page.locator("#map-status")).to_contain_text("5 places")
    page.locator("#place-select").select_option(label="Kampala (1)")
    expect(page.locator("#place-events li")).to_have_count(1)
    expect(page.locator("#place-events")).to_contain_text("Ugandan police")
    shoot(page, tmp_path, "map")


def test_the_timeline_draws_cooperation_above_and_conflict_below(page, server, tmp_path):
    page.goto(f"{server}/")
    bars = page.locator("#timeline svg rect.q1, #timeline svg rect.q3, #timeline svg rect.q4")
    expect(bars.first).to_be_visible()
    assert bars.count() >= 3
    expect(page.locator(".figure").first).to_contain_text("10")
    shoot(page, tmp_path, "overview")


def test_a_filter_narrows_the_table_and_is_kept_in_the_url(page, server, tmp_path):
    page.goto(f"{server}/events")
    table = page.locator("#events-table")
    expect(table).to_have_attribute("data-total", "10")
    page.fill("input[name=source]", "UGA")
    page.select_option("select[name=modality]", "asserted")
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{server}/events?source=UGA&modality=asserted")
    expect(table).to_have_attribute("data-total", "2")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    for text in rows.all_inner_texts():
        assert "UGA" in text and "asserted" in text
    expect(page.locator("#map")).to_have_attribute("data-markers", "1")  # the condemnation
    shoot(page, tmp_path, "events-filtered")
    page.go_back()
    expect(table).to_have_attribute("data-total", "10")
    expect(page.locator("input[name=source]")).to_have_value("")


def test_a_shared_url_opens_the_same_view(page, server):
    page.goto(f"{server}/events?type=CONSULT&merged=true")
    expect(page.locator("#events-table")).to_have_attribute("data-total", "1")
    expect(page.locator("select[name=type]")).to_have_value("CONSULT")
    expect(page.locator("input[name=merged]")).to_be_checked()


def test_the_detail_page_highlights_the_trigger_actors_date_and_place(
    page, server, web_db, tmp_path
):
    with open_db(web_db, read_only=True) as store:
        meeting = store.events(cameo="040")[0]
    page.goto(f"{server}/events")
    page.locator("#events-table a", has_text=meeting["date"]).first.wait_for()
    page.goto(f"{server}/events/{meeting['id']}")
    sentence = page.locator("#sentence")
    expect(sentence.locator("mark.role-trigger")).to_have_text(meeting["trigger"])
    expect(sentence.locator("mark.role-source")).to_have_text(meeting["source"]["text"])
    expect(sentence.locator("mark.role-target")).to_have_text(meeting["target"]["text"])
    expect(sentence.locator("mark.role-date")).to_have_text("Thursday")
    expect(sentence.locator("mark.role-place")).to_have_text("Addis Ababa")
    expect(page.locator("#reports li")).to_have_count(2)
    expect(page.locator("#sentence-in-document")).to_have_text(meeting["sentence"])
    expect(page.locator("#explanation")).to_contain_text(meeting["trigger"])
    shoot(page, tmp_path, "event")


def test_the_download_returns_the_filtered_rows(page, server, web_db, tmp_path):
    page.goto(f"{server}/events?place=Kampala")
    expect(page.locator("#events-table")).to_have_attribute("data-total", "1")
    with page.expect_download() as download:
        page.click("#downloads a[data-format=csv]")
    saved = tmp_path / "download.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert [r["place_name"] for r in rows] == ["Kampala"]


def test_the_table_pages_and_sorts(page, server):
    page.goto(f"{server}/events?sort=-confidence")
    table = page.locator("#events-table")
    expect(table).to_have_attribute("data-rows", "10")
    expect(table.locator("th[aria-sort=descending]")).to_have_count(1)
    values = [float(v) for v in table.locator("tbody td.num").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    page.click("button[data-sort=date]")
    expect(table.locator("th[aria-sort=ascending] button")).to_have_text("Date")
    expect(page.locator("#page-next")).to_be_disabled()


def test_the_dyad_view_draws_the_series_and_the_network(page, server, tmp_path):
    page.goto(f"{server}/dyad?source=KEN&target=ETH")
    expect(page.locator("#dyad-series")).to_have_attribute("data-ready", "true")
    expect(page.locator("#dyad-series polyline.goldstein")).to_have_count(1)
    expect(page.locator("#network svg .partner")).not_to_have_count(0)
    expect(page.locator("#network")).to_contain_text("ETH")
    shoot(page, tmp_path, "dyad")


def test_the_events_page_fits_a_phone_and_is_keyboard_reachable(page, server, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/events")
    expect(page.locator("#events-table")).to_have_attribute("data-total", "10")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Dateline"
    shoot(page, tmp_path, "events-phone")


def test_stored_markup_stays_text_in_the_table_the_map_and_the_detail(page, injection_server):
    page.goto(f"{injection_server}/events")
    expect(page.locator("#events-table")).to_have_attribute("data-total", "1")
    expect(page.locator("#events-table tbody")).to_contain_text(INJECTION)
    page.goto(f"{injection_server}/map")
    page.locator("#place-select").select_option(index=1)
    expect(page.locator("#place-events")).to_contain_text(INJECTION)
    page.locator("#events-table, #place-events a").first.click()
    expect(page.locator("#sentence-title")).to_be_visible()
    expect(page.locator("#explanation")).to_have_text(INJECTION)
    assert page.evaluate("window.pwned") is None
