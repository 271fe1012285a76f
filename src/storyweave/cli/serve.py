"""`storyweave serve`: the JSON API and web UI over a store."""

from __future__ import annotations

from typing import Optional

import typer

from ..settings import load
from .app import app
from .common import DbOption


@app.command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", help="interface to listen on"),
    port: int = typer.Option(8000, help="port"),
) -> None:
    """Serve the web UI (/) and the JSON API (/api/..., docs at /docs)."""
    import uvicorn

    from ..web import create_app

    uvicorn.run(create_app(db or load().db), host=host, port=port, log_level="warning")
