"""Fetching user-named URLs safely: SSRF guard, robots.txt, per-host rate limit, size cap.

A URL given to a news engine is untrusted input: it may point at the cloud
metadata service or a database on localhost, or redirect there. Every hop of
every request is resolved and refused when any address it resolves to is
private, loopback, link-local, reserved or multicast, unless the caller opts
in (``allow_private=True``, e.g. for tests against a local server). The check
runs on the resolved addresses, so ``http://localtest.me`` or a decimal IP is
caught like ``http://127.0.0.1``. (A DNS answer that changes between the check
and the connection is not caught; run behind an egress proxy where that matters.)
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError
from .limits import MAX_BYTES, over_limit

USER_AGENT = "storyweave/0.1 (+https://example.invalid/storyweave; news research)"
MAX_REDIRECTS = 5


class Refused(FetchError):
    """A URL storyweave will not fetch, or a body it will not read, for a reason of its own.

    Unlike a network failure ("fetch-failed"), each of these asks something different of the
    person who gave the URL (another scheme, ``--allow-private``, a smaller page, another source
    than a site whose robots.txt refuses), so ``reason`` is the short countable rejection reason
    that says which."""

    def __init__(self, reason: str, message: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.reason = reason


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


_PRIVATE_HINT = "pass --allow-private to fetch it, only for hosts you trust"


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and every address it resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused("unsupported-scheme", f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve {parts.hostname} ({exc.strerror})") from exc
    for info in infos:
        address = info[4][0]
        if not _is_public(address):
            # The hint is in the message too: a rejection line shows the message, not the hint.
            raise Refused(
                "private-address",
                f"{url}: refused, {parts.hostname} resolves to non-public address {address}; {_PRIVATE_HINT}",
                hint=_PRIVATE_HINT,
            )


@dataclass
class Fetcher:
    """An HTTP client that is polite (robots.txt, rate limit) and safe (SSRF guard, size cap)."""

    allow_private: bool = False
    respect_robots: bool = True
    min_interval: float = 1.0  # seconds between two requests to the same host
    timeout: float = 20.0
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            follow_redirects=False, timeout=self.timeout, headers={"User-Agent": self.user_agent}
        )

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, 0.0) + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()

    def _allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                status, body, _ = self._get(origin + "/robots.txt", check_robots=False)
                if status >= 400:
                    parser = None  # no robots.txt: everything allowed
                else:
                    parser.parse(body.decode("utf-8", "replace").splitlines())
            except FetchError:
                parser = None
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _get(self, url: str, check_robots: bool = True) -> tuple[int, bytes, httpx.Headers]:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, self.allow_private)
            if check_robots and self.respect_robots and not self._allowed_by_robots(url):
                raise Refused("robots-disallowed", f"{url}: disallowed by the site's robots.txt",
                              hint="storyweave respects robots.txt; ask the site or use another source")
            self._wait_turn(urlsplit(url).netloc)
            try:
                with self.client.stream("GET", url) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return resp.status_code, _read_capped(url, resp), resp.headers
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def get(self, url: str) -> tuple[bytes, str]:
        """Body and content type of a successful GET; FetchError otherwise."""
        status, body, headers = self._get(url)
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status}")
        return body, headers.get("content-type", "").split(";")[0].strip().lower()


def _read_capped(url: str, resp: httpx.Response) -> bytes:
    """The body, refused as too-large as soon as it passes the limit every source shares.

    A declared Content-Length over the limit is refused before any byte is read; the
    count while streaming catches servers that declare nothing or lie."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise Refused("too-large", f"{url}: {over_limit(int(declared))}")
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise Refused("too-large", f"{url}: {over_limit()}")
        chunks.append(chunk)
    return b"".join(chunks)
