"""Fetch http(s) inputs: deadline, size cap, redirects and user agent from Settings.

``Fetcher`` is the one place that touches the network; tests point it at a local
server, and callers may inject their own object with the same ``fetch`` method.
``fetch_timeout`` is the time a URL may take in all (connection, redirects, body): a
server that sends a byte now and then cannot keep a run alive. Only http and https
are followed, at every redirect.
"""

from __future__ import annotations

import http.client
import logging
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError
from ..settings import Settings

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
READ_CHUNK = 65536


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str | None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed to http and https addresses only (urllib also follows ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in SCHEMES:
            raise InputError(req.full_url, f"redirected to a {scheme or 'relative'}: address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Deadline:
    """The time one URL may take: when it is up, every socket opened for that URL is shut,
    so a server that drips its headers or chains redirects cannot hold a run either."""

    def __init__(self, seconds: float):
        self.sockets: list[socket.socket] = []
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def _expire(self) -> None:
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed
                pass

    def connection(self, base: type[http.client.HTTPConnection]):
        """A connection class of ``base`` whose sockets this deadline watches."""
        deadline = self

        class Watched(base):
            def connect(self):
                super().connect()
                deadline.sockets.append(self.sock)

        return Watched


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.watched = deadline.connection(http.client.HTTPConnection)

    def http_open(self, req):
        return self.do_open(self.watched, req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.watched = deadline.connection(http.client.HTTPSConnection)

    def https_open(self, req):
        return self.do_open(self.watched, req, context=self._context)


class Fetcher:
    """GET a URL with urllib (http/https redirects followed), refusing bodies over
    ``max_bytes`` and giving up after ``fetch_timeout`` seconds in all."""

    def __init__(self, settings: Settings):
        self.timeout = settings.fetch_timeout
        self.max_bytes = settings.max_bytes
        self.user_agent = settings.user_agent

    def fetch(self, url: str) -> Fetched:
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise InputError(url, "only http and https addresses are fetched")
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        log.info("fetching %s", url)
        deadline = time.monotonic() + self.timeout
        watchdog = _Deadline(self.timeout)
        opener = urllib.request.build_opener(
            _HttpOnlyRedirects, _WatchedHTTP(watchdog), _WatchedHTTPS(watchdog)
        )
        watchdog.timer.start()
        try:
            with opener.open(request, timeout=self.timeout) as response:
                self._check_length(url, response.headers.get("Content-Length"))
                data = self._read(url, response, deadline)
                final_url = response.geturl()
                content_type = response.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise InputError(url, self._gave_up) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise InputError(url, self._gave_up) from None
            if time.monotonic() >= deadline:  # the watchdog shut the socket
                raise InputError(url, self._gave_up) from None
            reason = getattr(exc, "reason", exc)
            raise InputError(url, f"cannot fetch: {reason}") from None
        finally:
            watchdog.timer.cancel()
        return Fetched(final_url, data, content_type)

    def _read(self, url: str, response, deadline: float) -> bytes:
        """The body, chunk by chunk, each read given only the time left."""
        chunks: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(url, self._gave_up)
            _set_read_timeout(response, left)
            chunk = response.read1(READ_CHUNK)
            if not chunk:
                if time.monotonic() >= deadline:  # shut by the watchdog, not ended
                    raise InputError(url, self._gave_up)
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"response is over the {self.max_bytes} byte limit")
            chunks.append(chunk)

    @property
    def _gave_up(self) -> str:
        return f"gave up after {self.timeout:g} s (fetch_timeout)"

    def _check_length(self, url: str, length: str | None) -> None:
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise InputError(url, f"response is {length} bytes, over the {self.max_bytes} limit")


def _set_read_timeout(response, seconds: float) -> None:
    """Bound the next socket read of ``response`` by ``seconds`` (http.client keeps the
    socket as ``response.fp.raw._sock``; another response object keeps its own timeout)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(seconds)
