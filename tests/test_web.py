"""The JSON API and the web UI, the UI driven by a real Chromium through Playwright."""

from __future__ import annotations

import re
import shutil
import threading
import time

import httpx
import pytest

from storyweave.pipeline import run
from storyweave.store import open_store

from conftest import SEEDS, _free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from storyweave.web import create_app

    db = str(tmp_path_factory.mktemp("web") / "web.db")
    run([SEEDS], db=db)
    with open_store(db) as store:  # a hostile outlet name must come out escaped everywhere
        a = next(store.articles())
        store.db.execute("UPDATE articles SET outlet = ?, title = ? WHERE id = ?", (HOSTILE, HOSTILE + a.title, a.id))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/status", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, db
    srv.should_exit = True
    thread.join(timeout=5)


def test_api(server):
    base, _ = server
    stories = httpx.get(base + "/api/stories").json()
    assert stories and all({"id", "title", "articles"} <= set(s) for s in stories)
    biggest = max(stories, key=lambda s: len(s["articles"]))
    brief = httpx.get(f"{base}/api/stories/{biggest['id']}/brief", timeout=300).json()
    assert brief["summary"] and all(item["citations"] for item in brief["summary"])
    art = httpx.get(f"{base}/api/articles/{biggest['articles'][0]['id']}").json()
    assert art["text"] and "quotes" in art
    missing = httpx.get(base + "/api/articles/zzzz")
    assert missing.status_code == 404 and set(missing.json()["error"]) == {"code", "message", "hint"}


def test_every_api_error_has_the_documented_shape(server):
    base, _ = server
    cases = [("GET", "/api/nosuch", 404), ("GET", "/api/stories/UNKNOWN", 404),
             ("GET", "/api/stories/UNKNOWN/brief", 404), ("GET", "/api/articles/zzzz", 404),
             ("POST", "/api/stories", 405), ("DELETE", "/api/status", 405)]
    for method, path, status in cases:
        res = httpx.request(method, base + path)
        error = res.json()["error"]
        assert res.status_code == status and set(res.json()) == {"error"}, path
        assert set(error) == {"code", "message", "hint"} and error["message"] and error["hint"], path
        assert "storyweave " not in error["hint"], path  # a web client is pointed at the API, not the CLI
    assert "/api/stories" in httpx.get(base + "/api/stories/UNKNOWN/brief").json()["error"]["hint"]
    assert httpx.post(base + "/api/stories").headers["allow"] == "GET"
    page = httpx.get(base + "/nosuch<b>")  # pages answer with the error page, the path escaped
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "nothing at /nosuch&lt;b&gt;" in page.text
    story = httpx.get(base + "/stories/nope")  # the error page says what went wrong and leads back
    assert story.status_code == 404 and "<title>NotFound · storyweave</title>" in story.text
    assert '<a href="/">' in story.text.split("</nav>", 1)[1]


def test_invalid_input_and_bugs_keep_the_shape(tmp_path):
    """422 and 500 through the app's own handlers, on two routes added for the test: no route of
    the API takes input that can fail validation, and none is meant to raise."""
    from fastapi.testclient import TestClient

    from storyweave.web import create_app

    app = create_app(str(tmp_path / "unused.db"))

    @app.get("/api/probe/{n}")
    def probe(n: int) -> int:
        return n

    @app.get("/api/bug")
    def broken() -> float:
        return 1 / 0

    client = TestClient(app, raise_server_exceptions=False)
    invalid = client.get("/api/probe/seven")
    assert invalid.status_code == 422 and invalid.json()["error"]["code"] == "InputError"
    assert "n" in invalid.json()["error"]["message"]
    bug = client.get("/api/bug")
    assert bug.status_code == 500 and bug.json() == {"error": {
        "code": "InternalError", "message": "internal server error", "hint": "the server's log has the traceback"}}


def test_a_store_that_cannot_be_opened_is_a_server_fault(tmp_path):
    from fastapi.testclient import TestClient

    from storyweave.web import create_app

    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    client = TestClient(create_app(str(notes)))
    res = client.get("/api/status")
    assert res.status_code == 500 and res.json()["error"]["code"] == "StoreError"  # never a 400: not the client's
    assert client.get("/").status_code == 500


def test_api_schema_served_without_a_cdn(server):
    base, _ = server
    assert httpx.get(base + "/docs").status_code == 404 and httpx.get(base + "/redoc").status_code == 404
    assert {"/api/stories", "/api/status"} <= set(httpx.get(base + "/openapi.json").json()["paths"])
    home = httpx.get(base + "/").text
    assert 'href="/openapi.json"' in home and 'href="/docs"' not in home and "cdn." not in home
    assert re.search(r"\d+ articles in 1 story\b", home)  # the seeds are one story: "1 story", not "1 stories"


def test_article_page_marks_only_a_span_that_fits(server):
    base, db = server
    with open_store(db) as store:
        a = next(store.articles())
    page = httpx.get(f"{base}/articles/{a.id}", params={"mark": "0-12"}).text
    assert f'<mark id="cited">{a.text[:12]}</mark>' in page
    for bad in ("12-0", "0-99999999", "x-3", "<script>"):
        assert "<mark" not in httpx.get(f"{base}/articles/{a.id}", params={"mark": bad}).text, bad


def test_story_list_names_outlets_and_days_as_the_brief_does(server, tmp_path):
    """The list printed file-stem outlets ("000_55d8b5d33399f537") and full time stamps where the
    brief prints "000" and days; an empty store showed a table head under "No stories yet"."""
    base, _ = server
    page = httpx.get(base + "/").text
    assert ">004<" in page and not re.search(r">00\d_[0-9a-f]+<", page)
    assert not re.search(r"<td>\d{4}-\d\d-\d\dT", page)
    from storyweave.web import create_app
    from fastapi.testclient import TestClient

    empty = str(tmp_path / "empty.db")
    open_store(empty).close()
    listing = TestClient(create_app(empty)).get("/").text
    assert "No stories yet" in listing and "<table" not in listing


def test_pages_escape_source_text(server):
    base, _ = server
    for path in ["/"] + [f"/stories/{s['id']}" for s in httpx.get(base + "/api/stories").json()]:
        html = httpx.get(base + path, timeout=300).text
        assert "<script>window.__pwned" not in html and "onerror=\"window" not in html, path


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (scripts/system-deps.sh)")
def test_browser_from_story_list_to_brief_to_article(server, tmp_path):
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page()
        page.goto(base + "/")
        rows = page.locator("tr.story")
        assert rows.count() >= 1
        page.set_default_timeout(300_000)  # the first brief of a story is built on request
        page.locator("tr.story a").first.click()
        page.wait_for_load_state()
        assert "/stories/" in page.url
        body = page.inner_text("body")
        assert "summary" in body.lower() and "single-source" in body.lower()
        page.screenshot(path=str(tmp_path / "brief.png"), full_page=True)
        assert page.locator("nav a", has_text="all stories").count() == 1  # the way back
        brief_url = page.url
        first = page.locator("h2:has-text('Summary') + ul li").first
        sentence = " ".join(first.inner_text().rsplit("[", 1)[0].split())
        first.locator("span.src a").first.click()  # a citation opens the passage it cites, highlighted
        page.wait_for_load_state()
        assert "/articles/" in page.url and page.locator("pre.text").inner_text().strip()
        assert " ".join(page.locator("mark#cited").inner_text().split()) == sentence
        page.set_viewport_size({"width": 390, "height": 800})  # a phone: no sideways scrolling
        for path in ("/", brief_url, page.url):
            page.goto(path if path.startswith("http") else base + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base + "/")
        assert page.evaluate("window.__pwned === undefined")
        page.locator("tr.story .muted a").first.click()
        page.wait_for_load_state()
        assert "/articles/" in page.url and page.locator("pre.text").inner_text().strip()
        assert page.evaluate("window.__pwned === undefined")
        browser.close()
