"""Command-line interface: thin commands over the library; data on stdout, progress and errors on stderr."""

from __future__ import annotations

from ..errors import StoryweaveError
from . import brief, ingest, lineage, serve, show  # noqa: F401  (registers commands)
from .app import app
from .common import fail

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except StoryweaveError as exc:
        fail(exc)
