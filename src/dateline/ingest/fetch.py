"""Fetch http(s) inputs: timeout, size cap, redirects and user agent from Settings.

``Fetcher`` is the one place that touches the network; tests point it at a local
server, and callers may inject their own object with the same ``fetch`` method.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import InputError
from ..settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str | None


class Fetcher:
    """GET a URL with urllib (redirects followed), refusing bodies over ``max_bytes``."""

    def __init__(self, settings: Settings):
        self.timeout = settings.fetch_timeout
        self.max_bytes = settings.max_bytes
        self.user_agent = settings.user_agent

    def fetch(self, url: str) -> Fetched:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        log.info("fetching %s", url)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self._check_length(url, response.headers.get("Content-Length"))
                data = response.read(self.max_bytes + 1)
                final_url = response.geturl()
                content_type = response.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(url, f"cannot fetch: {reason}") from None
        if len(data) > self.max_bytes:
            raise InputError(url, f"response is over the {self.max_bytes} byte limit")
        return Fetched(final_url, data, content_type)

    def _check_length(self, url: str, length: str | None) -> None:
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise InputError(url, f"response is {length} bytes, over the {self.max_bytes} limit")
