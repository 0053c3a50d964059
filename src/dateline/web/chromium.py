"""Debian's Chromium, headless, through Playwright: how the browser tests and
benchmarks/web.py open the dashboard. Never downloads a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium's own connections are refused in
# closed networks, and a browser start waits on them.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch(playwright: Any, profile: str | Path, **options: Any) -> Any:
    """A persistent browser context on a fresh profile folder (``--user-data-dir``)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install chromium")
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=list(FLAGS), **options
    )
