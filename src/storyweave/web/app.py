"""JSON API and web pages over one store.

Every JSON error has one shape, ``{"error": {"code", "message", "hint"}}``.
Pages are Jinja2 templates with autoescape on: article text, titles and outlet
names come from untrusted sources and are never rendered as markup.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import NotFound, StoryweaveError
from ..render.html import render as render_html
from ..render.json import to_data as brief_data
from ..store import Store, open_store
from ..views import article_view, load_brief, stories_view, status_view


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="storyweave", version="0.1.0",
                  description="Stories, articles, sourced briefs and provenance over a storyweave store.")
    env = Environment(loader=PackageLoader("storyweave", "web/templates"),
                      autoescape=select_autoescape(default=True))
    pages = Jinja2Templates(env=env)
    briefs: dict = {}  # built briefs, keyed by story members and edges (see views.load_brief)

    @contextmanager
    def store() -> Iterator[Store]:
        # One connection per request: SQLite connections are cheap, and PostgreSQL ones pool upstream.
        s = open_store(db)
        try:
            yield s
        finally:
            s.close()

    @app.exception_handler(StoryweaveError)
    async def _error(request: Request, exc: StoryweaveError):
        code = 404 if isinstance(exc, NotFound) else 400
        body = {"error": {"code": type(exc).__name__, "message": str(exc), "hint": exc.hint}}
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=code)
        return pages.TemplateResponse(request, "error.html", {"error": body["error"]}, status_code=code)

    # ------------------------------------------------------------------ JSON API
    @app.get("/api/stories")
    def api_stories() -> list[dict]:
        with store() as s:
            return stories_view(s)

    @app.get("/api/stories/{story_id}/brief")
    def api_brief(story_id: str) -> dict:
        with store() as s:
            return brief_data(load_brief(s, story_id, briefs))

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict:
        with store() as s:
            return article_view(s, article_id)

    @app.get("/api/status")
    def api_status() -> dict:
        with store() as s:
            return status_view(s)

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse)
    def page_stories(request: Request):
        with store() as s:
            items = stories_view(s)
            status = status_view(s)
        return pages.TemplateResponse(request, "stories.html", {"stories": items, "status": status})

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def page_brief(story_id: str) -> HTMLResponse:
        with store() as s:
            brief = load_brief(s, story_id, briefs)
        return HTMLResponse(render_html(brief, article_href="/articles/{}"))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def page_article(request: Request, article_id: str):
        with store() as s:
            data = article_view(s, article_id)
        return pages.TemplateResponse(request, "article.html", {"a": data})

    return app


