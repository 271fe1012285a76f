"""JSON API and web pages over one store.

Every error under /api/ has one JSON shape, ``{"error": {"code", "message", "hint"}}``,
whatever raised it: storyweave, routing (404, 405), validation (422) or a bug (500);
pages answer with an error page instead. Pages are Jinja2 templates with autoescape on:
article text, titles and outlet names come from untrusted sources and are never
rendered as markup.
"""

from __future__ import annotations

from contextlib import contextmanager
from http import HTTPStatus
from typing import Iterator, Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from ..errors import InputError, NotFound, StoryweaveError
from ..render.html import render as render_html
from ..render.json import to_data as brief_data
from ..render.view import counted, short_outlet
from ..store import Store, open_store
from ..views import article_view, load_brief, stories_view, status_view


def create_app(db: str) -> FastAPI:
    # No /docs or /redoc: FastAPI's pages load Swagger UI and ReDoc from a CDN, blank offline.
    app = FastAPI(title="storyweave", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Stories, articles, sourced briefs and provenance over a storyweave store.")
    env = Environment(loader=PackageLoader("storyweave", "web/templates"),
                      autoescape=select_autoescape(default=True))
    env.filters.update(counted=counted, short_outlet=short_outlet)  # outlets named as the brief names them
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

    def error(request: Request, status: int, code: str, message: str, hint: str,
              headers: Mapping[str, str] | None = None) -> Response:
        """The one error shape: JSON under /api/, the error page elsewhere."""
        body = {"code": code, "message": message, "hint": hint}
        if _is_api(request.url.path):
            return JSONResponse({"error": body}, status_code=status, headers=headers)
        return pages.TemplateResponse(request, "error.html", {"error": body}, status_code=status, headers=headers)

    @app.exception_handler(StoryweaveError)
    async def _storyweave_error(request: Request, exc: StoryweaveError) -> Response:
        # The store's hints name CLI commands; a web client is pointed at what it can follow.
        hint = _not_found_hint(request.url.path) if isinstance(exc, NotFound) else exc.hint
        return error(request, _status(exc), type(exc).__name__, str(exc), hint)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        path, status = request.url.path, exc.status_code
        if status == 404:  # no route: Starlette's {"detail": "Not Found"} otherwise
            message, hint = f"nothing at {path}", _not_found_hint(path)
        elif status == 405:
            allowed = Headers(exc.headers or {}).get("allow", "GET")
            message, hint = f"{request.method} is not allowed on {path}", f"use {allowed}"
        else:
            message, hint = str(exc.detail), ""
        return error(request, status, HTTPStatus(status).phrase.replace(" ", ""), message, hint, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error(request, 422, InputError.__name__, message, "/openapi.json describes each route's parameters")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        # Starlette still re-raises after this response, so the server log keeps the traceback.
        return error(request, 500, "InternalError", "internal server error", "the server's log has the traceback")

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
    def page_article(request: Request, article_id: str, mark: str | None = None):
        with store() as s:
            data = article_view(s, article_id)
        return pages.TemplateResponse(request, "article.html", {"a": data, "parts": _marked(data["text"], mark)})

    return app


def _marked(text: str, mark: str | None) -> tuple[str, str, str] | None:
    """``text`` split around the span ``mark`` names ("START-END", a brief's citation link), for
    the article page to highlight; None when there is no mark or it does not fit the text."""
    start, _, end = (mark or "").partition("-")
    if not (start.isdigit() and end.isdigit()) or not int(start) < int(end) <= len(text):
        return None
    a, b = int(start), int(end)
    return text[:a], text[a:b], text[b:]


def _is_api(path: str) -> bool:
    """Paths whose answers, errors included, are JSON; every other path is a page."""
    return path == "/api" or path.startswith("/api/")


def _status(exc: StoryweaveError) -> int:
    """404 for an unknown id, 400 for input the client can correct; anything else (the store
    cannot be opened, a setting is wrong) is the server's fault, so 500, never a 400."""
    if isinstance(exc, NotFound):
        return 404
    return 400 if isinstance(exc, InputError) else 500


def _not_found_hint(path: str) -> str:
    """Where to find what exists, for a web client: the store's own hints name CLI commands."""
    if _is_api(path):
        return "GET /api/stories lists every story with its articles' ids; /openapi.json lists the routes"
    return "the story list at / links to every story and article"
