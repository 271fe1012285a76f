"""URL, feed and sitemap ingestion against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import threading

import pytest

from storyweave.errors import FetchError
from storyweave.ingest import read_path
from storyweave.ingest.http import Fetcher, check_url
from storyweave.ingest.limits import MAX_BYTES
from storyweave.ingest.web import Stored, read_url
from storyweave.pipeline import ingest
from storyweave.records import RawDocument, Rejected
from storyweave.store import open_store

ARTICLE = b"""<html><head><title>Harbour bridge reopens</title></head><body>
<article><h1>Harbour bridge reopens</h1>
<p>The harbour bridge reopened to traffic on Monday after six weeks of repairs, the city council said.</p>
<p>Engineers replaced 40 cables and resurfaced the deck, according to the council's chief engineer.</p>
</article></body></html>"""

# A page that names its own site, and a feed whose channel and item titles say something else.
LEDGER = b"""<html><head><title>Mill Street flood barrier approved</title>
<meta property="og:site_name" content="Norvale Daily Ledger">
<meta property="og:title" content="Mill Street flood barrier approved"></head><body>
<article><h1>Mill Street flood barrier approved</h1>
<p>The Norvale council approved a flood barrier along Mill Street on Thursday after a second vote, the mayor said.</p>
<p>Work on the 300-metre barrier starts in spring and is due to finish before the autumn storms, officials said.</p>
</article></body></html>"""
BIG = b"<html>" + b"a" * MAX_BYTES + b"</html>"


def _pages(port: int) -> dict[str, tuple[str, bytes]]:
    base = f"http://127.0.0.1:{port}"
    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/a1": ("text/html", ARTICLE),
        "/a2": ("text/html", ARTICLE.replace(b"Monday", b"Tuesday")),
        "/private/secret": ("text/html", ARTICLE),
        "/feed.xml": ("application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Harbour Gazette</title><item><title>Bridge reopens</title><link>{base}/a1</link>
<pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate></item></channel></rss>""".encode()),
        "/sitemap.xml": ("application/xml", f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/a1</loc></url>
<url><loc>{base}/a2</loc></url></urlset>""".encode()),
        "/moved": ("redirect", b"/a1"),
        "/ledger": ("text/html", LEDGER),
        "/ledger.xml": ("application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Test feed</title><item><title>Feed item title</title><link>{base}/ledger</link>
<author>Ada Brook</author><pubDate>Thu, 06 Mar 2025 09:00:00 GMT</pubDate></item></channel></rss>""".encode()),
        "/empty-sitemap.xml": ("application/xml", b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>"""),
        "/empty-feed.xml": ("application/rss+xml", b"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Quiet feed</title></channel></rss>"""),
        "/big": ("text/html", BIG),  # sent with its Content-Length
        "/big-unsized": ("text/html", BIG),  # sent without: the size is only known by reading
    }


@pytest.fixture(scope="module")
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            page = _pages(self.server.server_port).get(self.path)
            if page is None:
                self.send_response(404)
                self.end_headers()
                return
            ctype, body = page
            if ctype == "redirect":
                self.send_response(302)
                self.send_header("Location", body.decode())
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            if self.path != "/big-unsized":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8080/x", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/", "http://2130706433/", "http://192.168.0.10/feed",
])
def test_private_addresses_are_refused(url):
    with pytest.raises(FetchError, match="non-public|resolve"):
        check_url(url)


def test_only_http_schemes():
    with pytest.raises(FetchError, match="only http"):
        check_url("file:///etc/passwd")


def test_other_schemes_are_rejected_as_unsupported_not_looked_up_as_files(db_path):
    """ftp:// used to reach the file reader: "ftp:/example.com/x.html: not-found"."""
    report = ingest(["ftp://example.com/x.html"], open_store(db_path), fetcher=Fetcher(min_interval=0))
    [rejected] = report.rejected
    assert (rejected.source, rejected.reason) == ("ftp://example.com/x.html", "unsupported-scheme")
    assert "only http and https" in rejected.detail


def test_default_fetcher_refuses_loopback_server_naming_the_flag(server):
    items = list(read_url(server + "/a1", Fetcher(min_interval=0)))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].reason == "private-address"  # was fetch-failed, like a network error
    assert "non-public" in items[0].detail and server in items[0].detail and "--allow-private" in items[0].detail


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_url_and_file_share_one_size_limit_and_reason(server, path, tmp_path):
    """A URL said "fetch-failed (... larger than 10485760 bytes)" where a file said "too-large (...; the
    limit is 10000000)"."""
    [page] = read_url(server + path, Fetcher(allow_private=True, min_interval=0))
    big = tmp_path / "big.html"
    big.write_bytes(BIG)
    [file] = read_path(big)
    for rejected in (page, file):
        assert isinstance(rejected, Rejected) and rejected.reason == "too-large"
        assert rejected.detail.endswith(f"bytes; the limit is {MAX_BYTES}")


@pytest.mark.parametrize("path, reason", [("/empty-sitemap.xml", "empty-sitemap"), ("/empty-feed.xml", "empty-feed")])
def test_empty_sitemap_or_feed_says_so(server, path, reason):
    """Nothing to read used to yield nothing at all: the run exited 1 without a word."""
    [rejected] = read_url(server + path, Fetcher(allow_private=True, min_interval=0))
    assert isinstance(rejected, Rejected) and (rejected.source, rejected.reason) == (server + path, reason)


def test_page_through_a_feed_keeps_its_own_outlet_and_headline(server, db_path):
    """The channel title ("Test feed") was the outlet and the item title the headline; the
    entry's date and author still apply."""
    store = open_store(db_path)
    report = ingest([server + "/ledger.xml"], store, fetcher=Fetcher(allow_private=True, min_interval=0))
    [article] = store.articles(report.added)
    assert article.outlet == "Norvale Daily Ledger"
    assert article.title == "Mill Street flood barrier approved"
    assert article.published.startswith("2025-03-06") and article.authors == ("Ada Brook",)


def test_page_feed_sitemap_redirect_and_robots(server):
    f = Fetcher(allow_private=True, min_interval=0)
    page = list(read_url(server + "/a1", f))
    assert isinstance(page[0], RawDocument) and page[0].kind == "html" and b"Harbour" in page[0].content
    feed = list(read_url(server + "/feed.xml", f))
    assert [d.source for d in feed] == [server + "/a1"]
    assert feed[0].metadata == {"url": server + "/a1", "published": "Mon, 03 Feb 2025 10:00:00 GMT"}
    sitemap = list(read_url(server + "/sitemap.xml", f))
    assert [d.source for d in sitemap] == [server + "/a1", server + "/a2"]
    known = list(read_url(server + "/sitemap.xml", f, known=lambda u: u.endswith("/a1")))
    assert known[0] == Stored(server + "/a1") and [d.source for d in known[1:]] == [server + "/a2"]
    moved = list(read_url(server + "/moved", f))
    assert isinstance(moved[0], RawDocument) and b"Harbour" in moved[0].content
    blocked = list(read_url(server + "/private/secret", f))
    assert isinstance(blocked[0], Rejected) and "robots.txt" in blocked[0].detail
    assert blocked[0].reason == "robots-disallowed"
    missing = list(read_url(server + "/nope", f))
    assert isinstance(missing[0], Rejected) and "404" in missing[0].detail


def test_rate_limit_spaces_requests(server):
    import time

    f = Fetcher(allow_private=True, min_interval=0.3, respect_robots=False)
    start = time.monotonic()
    for _ in range(3):
        f.get(server + "/a1")
    assert time.monotonic() - start >= 0.6


def test_stored_entries_of_a_feed_or_sitemap_are_counted(server, db_path):
    """A re-poll with nothing new counted nothing (exit 1), and an entry stored earlier, directly,
    was in no count on the first feed run."""
    store, f = open_store(db_path), Fetcher(allow_private=True, min_interval=0)
    assert len(ingest([server + "/a1"], store, fetcher=f).added) == 1
    feed = ingest([server + "/feed.xml"], store, fetcher=f)
    assert (feed.added, feed.skipped_sources, feed.rejected) == ([], 1, [])
    first = ingest([server + "/sitemap.xml"], store, fetcher=f)
    assert (len(first.added), first.skipped_sources) == (1, 1)
    again = ingest([server + "/sitemap.xml"], store, fetcher=f)
    assert (again.added, again.skipped_sources, again.rejected) == ([], 2, [])
