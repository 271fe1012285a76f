"""URLs as sources: an article page, an RSS/Atom feed, or a sitemap.

What a URL holds is decided from its content, not its name: feeds and sitemaps
expand into the article URLs they list (bounded by ``max_items``), each then
fetched through the same guarded ``Fetcher``. A feed entry that already carries
a full body is used as it is, sparing a request.
"""

from __future__ import annotations

from typing import Callable, Iterator

import feedparser
from lxml import etree

from ..errors import FetchError
from ..records import RawDocument, Rejected
from .http import Fetcher

# Feed entries shorter than this are teasers: fetch the linked page for the full text.
FULL_ENTRY_CHARS = 1500
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


Known = Callable[[str], bool]


def _never(url: str) -> bool:
    return False


def read_url(
    url: str, fetcher: Fetcher, position: int = 0, max_items: int = 500, known: Known = _never
) -> Iterator[RawDocument | Rejected]:
    """Documents behind ``url``; ``known(url)`` says which article URLs are stored already (not fetched again)."""
    try:
        body, ctype = fetcher.get(url)
    except FetchError as exc:
        yield Rejected(url, "fetch", "fetch-failed", str(exc))
        return
    head = body[:1000].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        yield from _sitemap(url, body, fetcher, position, max_items, known)
    elif b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or "rss" in ctype or "atom" in ctype:
        yield from _feed(url, body, fetcher, position, max_items, known)
    else:
        kind = "text" if ctype == "text/plain" else "html"
        yield RawDocument(url, body, kind, {"url": url}, position)


def _page(url: str, fetcher: Fetcher, position: int, meta: dict) -> RawDocument | Rejected:
    try:
        body, ctype = fetcher.get(url)
    except FetchError as exc:
        return Rejected(url, "fetch", "fetch-failed", str(exc))
    return RawDocument(url, body, "text" if ctype == "text/plain" else "html", {"url": url, **meta}, position)


def _feed(url: str, body: bytes, fetcher: Fetcher, position: int, max_items: int, known: Known) -> Iterator[RawDocument | Rejected]:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield Rejected(url, "fetch", "malformed-feed", str(parsed.get("bozo_exception", "unparseable feed")))
        return
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries[:max_items]):
        meta = {k: v for k, v in {
            "title": entry.get("title"), "published": entry.get("published") or entry.get("updated"),
            "outlet": outlet, "authors": [entry["author"]] if entry.get("author") else None,
        }.items() if v}
        content = " ".join(c.get("value", "") for c in entry.get("content", []))
        link = entry.get("link")
        if link and known(link):
            continue
        if len(content) >= FULL_ENTRY_CHARS or not link:
            if not content:
                yield Rejected(f"{url}#{i + 1}", "fetch", "no-text", "feed entry has neither content nor link")
                continue
            meta["url"] = link or None
            yield RawDocument(link or f"{url}#{i + 1}", content.encode("utf-8"), "html", meta, position + i)
        else:
            yield _page(link, fetcher, position + i, meta)


def _sitemap(url: str, body: bytes, fetcher: Fetcher, position: int, max_items: int, known: Known) -> Iterator[RawDocument | Rejected]:
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        yield Rejected(url, "fetch", "malformed-sitemap", str(exc))
        return
    locs = [el.text.strip() for el in root.iter(f"{_SITEMAP_NS}loc", "loc") if el.text]
    nested = root.tag.endswith("sitemapindex")
    for i, loc in enumerate(locs[:max_items]):
        if nested:
            yield from read_url(loc, fetcher, position + i * max_items, max_items, known)
        elif not known(loc):
            yield _page(loc, fetcher, position + i, {})
