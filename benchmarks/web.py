"""Dashboard and HTTP API speed on a large database: API latency and time to first render.

    .venv/bin/python benchmarks/web.py [--rows 1000000] [--db FILE] [--repeat 5]

1. The database: the store benchmark's synthetic events (``benchmarks/store.py``:
   ingested, then grown inside DuckDB to ``--rows`` event rows and merged), built in a
   temporary folder, or ``--db FILE`` (built there when missing, reused when present).
2. API latency: each endpoint over HTTP (uvicorn on 127.0.0.1, FastAPI app) against the
   same Python call made in-process, the baseline; the ratio is what the HTTP shell adds.
3. Pages in headless Chromium (Debian's ``chromium``): first contentful paint and the
   time until the page's data is drawn (timeline bars, map markers, table rows).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from dateline.store import Store, open_db
from dateline.use import analysis
from store import bench_ingest, grow, timed

BUDGET_S = 2.0  # the bound on time to first render


def build(path: Path, rows: int) -> None:
    docs = max(1, min(20_000, rows // 50))
    bench_ingest(path, docs, 5, 500)
    grow(path, rows)


def api_cases(store: Store, event_id: str) -> dict[str, tuple[str, Callable[[], object]]]:
    """Endpoint -> (URL path, the in-process call it shells)."""
    return {
        "events, first page": ("/api/events", lambda: store.events(limit=50)),
        "events IRN->IRQ ASSAULT": (
            "/api/events?source=IRN&target=IRQ&type=ASSAULT",
            lambda: store.events(source="IRN", target="IRQ", type=["ASSAULT"], limit=50),
        ),
        "events, page 1000 by -goldstein": (
            "/api/events?sort=-goldstein&offset=50000",
            lambda: store.events(sort="-goldstein", offset=50_000, limit=50),
        ),
        "events, merged": ("/api/events?merged=true", lambda: store.events(merged=True, limit=50)),
        "event detail": (f"/api/events/{event_id}", lambda: store.event(event_id)),
        "series by month": (
            "/api/series?by=month",
            lambda: analysis.series(store, by="month", modality=None, merged=False),
        ),
        "series IRN->IRQ by week": (
            "/api/series?by=week&source=IRN&target=IRQ",
            lambda: analysis.series(
                store, by="week", source="IRN", target="IRQ", modality=None, merged=False
            ),
        ),
        "network": (
            "/api/network",
            lambda: analysis.network(store, modality=None, merged=False).head(100),
        ),
        "places": ("/api/places", lambda: analysis.places(store, limit=2000)),
        "stats": ("/api/stats", store.stats),
    }


def bench_api(base: str, store: Store, event_id: str, repeat: int) -> None:
    print(f"API latency, median of {repeat} after a warm-up (HTTP vs the in-process call):")
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, (url, direct) in api_cases(store, event_id).items():
            over_http = timed(lambda url=url: client.get(url).raise_for_status(), repeat)
            in_process = timed(direct, repeat)
            print(
                f"  {name:34} {over_http * 1000:8.1f} ms  in-process {in_process * 1000:8.1f} ms"
                f"  ({over_http / in_process:.2f}x)"
            )
    # The count over every row is part of each events page: shown on its own.
    print(f"  (count of all events alone: {timed(store.count_events, repeat) * 1000:.1f} ms)")


PAGES = {  # page -> the selector that is there once its data is drawn
    "overview /": ("/", "#timeline[data-ready] svg rect"),
    "map /map": ("/map", "#map[data-markers] path.leaflet-interactive, .cluster"),
    "events /events": ("/events", "#events-table[data-total] tbody tr"),
    "events, filtered": (
        "/events?source=IRN&type=ASSAULT&since=2007",
        "#events-table[data-total] tbody tr",
    ),
    "events, merged": ("/events?merged=true", "#events-table[data-total] tbody tr"),
    "dyad /dyad": ("/dyad?source=IRN&target=IRQ", "#dyad-series[data-ready] svg"),
}


def bench_pages(base: str, event_id: str, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    from dateline.web import chromium

    if not chromium.CHROMIUM.exists():
        print(f"pages: skipped, {chromium.CHROMIUM} is not installed (apt-get install chromium)")
        return

    pages = {**PAGES, "event detail": (f"/events/{event_id}", "#sentence")}
    print(f"pages in headless Chromium, median of {repeat} loads (budget {BUDGET_S:.0f} s):")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = chromium.launch(playwright, profile)
        tab = context.new_page()
        tab.set_viewport_size({"width": 1366, "height": 860})
        for name, (url, ready) in pages.items():
            paints, drawn = [], []
            for _ in range(repeat + 1):  # the first load warms the caches
                started = time.perf_counter()
                tab.goto(base + url)
                tab.wait_for_selector(ready, timeout=60_000)
                drawn.append(time.perf_counter() - started)
                paints.append(
                    tab.evaluate(
                        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime"
                        " ?? NaN"
                    )
                    / 1000
                )
            paint, data = statistics.median(paints[1:]), statistics.median(drawn[1:])
            verdict = "within" if data <= BUDGET_S else "OVER"
            print(
                f"  {name:20} first paint {paint * 1000:7.0f} ms, data drawn {data * 1000:7.0f} ms"
                f"  ({verdict} budget)"
            )
        context.close()


def serve(db: Path):
    """Uvicorn on a free loopback port in a thread; returns (base URL, server)."""
    import socket
    import threading

    import uvicorn

    from dateline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def run(db: Path, repeat: int) -> None:
    with open_db(db, read_only=True) as store:
        rows = store.count_events()
        print(f"database: {rows:,} event rows, {store.count_events(merged=True):,} merged events")
        event_id = store.events(source="IRN", limit=1)[0]["id"]
        base, server = serve(db)
        try:
            bench_api(base, store, event_id, repeat)
            bench_pages(base, event_id, repeat)
        finally:
            server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="Database to build (when missing) and reuse.")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("figures are wall times on a shared machine (2 cores, other jobs running)")
    if args.db:
        if not args.db.exists():
            build(args.db, args.rows)
        run(args.db, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "web.duckdb"
        build(path, args.rows)
        run(path, args.repeat)


if __name__ == "__main__":
    main()
