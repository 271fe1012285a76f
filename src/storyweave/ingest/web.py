"""URLs as sources: an article page, an RSS/Atom feed, or a sitemap.

What a URL holds is decided from its content, not its name: feeds and sitemaps
expand into the article URLs they list (bounded by ``max_items``), each then
fetched through the same guarded ``Fetcher``. A feed entry that already carries
a full body is used as it is, sparing a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import feedparser
from lxml import etree

from ..errors import FetchError
from ..records import RawDocument, Rejected
from .http import Fetcher, Refused

# Feed entries shorter than this are teasers: fetch the linked page for the full text.
FULL_ENTRY_CHARS = 1500
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Whether ``source`` names a URL of any scheme, not a file.

    Any ``scheme://`` counts, so ``ftp://host/x.html`` reaches the fetcher and is refused
    as ``unsupported-scheme`` instead of being looked up as a local path ("ftp:/host/x.html:
    not-found")."""
    return bool(_SCHEME.match(source))


Known = Callable[[str], bool]


@dataclass(frozen=True)
class Stored:
    """An article URL a feed or sitemap lists that the store holds already: not fetched again,
    but reported, so a poll that finds nothing new says so and counts it as already stored."""

    url: str


def _never(url: str) -> bool:
    return False


def read_url(
    url: str, fetcher: Fetcher, position: int = 0, max_items: int = 500, known: Known = _never
) -> Iterator[RawDocument | Rejected | Stored]:
    """Documents behind ``url``; ``known(url)`` says which article URLs are stored already (``Stored``, not fetched again)."""
    try:
        body, ctype = fetcher.get(url)
    except FetchError as exc:
        yield _failed(url, exc)
        return
    head = body[:1000].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        yield from _sitemap(url, body, fetcher, position, max_items, known)
    elif b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or "rss" in ctype or "atom" in ctype:
        yield from _feed(url, body, fetcher, position, max_items, known)
    else:
        yield _document(url, body, ctype, {"url": url}, position)


def _failed(url: str, exc: FetchError) -> Rejected:
    """A fetch that failed, as a rejection: a refusal keeps its own reason (``too-large``,
    ``private-address``, ``unsupported-scheme``, ``robots-disallowed``) because each asks
    something else of the user; anything else (network, HTTP status) is ``fetch-failed``."""
    return Rejected(url, "fetch", exc.reason if isinstance(exc, Refused) else "fetch-failed", str(exc))


def _document(url: str, body: bytes, ctype: str, meta: dict[str, Any], position: int) -> RawDocument:
    """A fetched body: text when served as text/plain, else HTML (pages come under many types)."""
    return RawDocument(url, body, "text" if ctype == "text/plain" else "html", meta, position)


def _page(url: str, fetcher: Fetcher, position: int, meta: dict[str, Any]) -> RawDocument | Rejected:
    try:
        body, ctype = fetcher.get(url)
    except FetchError as exc:
        return _failed(url, exc)
    return _document(url, body, ctype, {"url": url, **meta}, position)


def _entry_meta(entry: Any) -> dict[str, Any]:
    """What a feed entry declares of its article that may stand over what its page says: the date
    and the author.

    Extraction takes declared metadata over the page's (records.RawDocument), so only what the
    entry knows at least as well as the page goes here. The date and author are fields the
    publisher's system wrote for this very item, where a page's date may be a guess from its
    text. The entry's title and the channel's title are left out: the page's own headline is
    the article's, and a channel title names the feed ("Top stories", "Test feed"), not the site,
    so the page's og:site_name (or else its domain) is the outlet."""
    return _present({
        "published": entry.get("published") or entry.get("updated"),
        "authors": [entry["author"]] if entry.get("author") else None,
    })


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that hold a value: feedparser gives "" or None for what an entry lacks."""
    return {k: v for k, v in fields.items() if v}


def _feed(url: str, body: bytes, fetcher: Fetcher, position: int, max_items: int, known: Known) -> Iterator[RawDocument | Rejected | Stored]:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield Rejected(url, "fetch", "malformed-feed", str(parsed.get("bozo_exception", "unparseable feed")))
        return
    if not parsed.entries:
        yield Rejected(url, "fetch", "empty-feed", "the feed lists no entries")
        return
    for i, entry in enumerate(parsed.entries[:max_items]):
        content = " ".join(c.get("value", "") for c in entry.get("content", []))
        link = entry.get("link")
        if link and known(link):
            yield Stored(link)
        elif len(content) >= FULL_ENTRY_CHARS or not link:
            yield _entry(url, i, entry, content, parsed.feed.get("title"), position + i)
        else:
            yield _page(link, fetcher, position + i, _entry_meta(entry))


def _entry(url: str, i: int, entry: Any, content: str, channel: str | None, position: int) -> RawDocument | Rejected:
    """A feed entry whose body is in the feed: no page to read, so the entry's own title and the
    channel's title (the only name the source gives) are its title and outlet."""
    link = entry.get("link")
    if not content:
        return Rejected(f"{url}#{i + 1}", "fetch", "no-text", "feed entry has neither content nor link")
    meta = _present({**_entry_meta(entry), "title": entry.get("title"), "outlet": channel, "url": link})
    return RawDocument(link or f"{url}#{i + 1}", content.encode("utf-8"), "html", meta, position)


def _sitemap(url: str, body: bytes, fetcher: Fetcher, position: int, max_items: int, known: Known) -> Iterator[RawDocument | Rejected | Stored]:
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        yield Rejected(url, "fetch", "malformed-sitemap", str(exc))
        return
    locs = [el.text.strip() for el in root.iter(f"{_SITEMAP_NS}loc", "loc") if el.text]
    if not locs:
        yield Rejected(url, "fetch", "empty-sitemap", "the sitemap lists no URLs")
        return
    nested = root.tag.endswith("sitemapindex")
    for i, loc in enumerate(locs[:max_items]):
        if nested:
            yield from read_url(loc, fetcher, position + i * max_items, max_items, known)
        elif known(loc):
            yield Stored(loc)
        else:
            yield _page(loc, fetcher, position + i, {})
