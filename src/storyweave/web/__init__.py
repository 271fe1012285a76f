"""JSON API and web UI (FastAPI + Jinja2)."""

from .app import create_app

__all__ = ["create_app"]
