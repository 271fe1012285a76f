"""Stores chosen by URL: ``open_store("x.db")``, ``"sqlite:///x.db"`` or ``"postgresql://..."``."""

from __future__ import annotations

from ..errors import ConfigError
from .base import AddResult, Store

__all__ = ["AddResult", "Store", "open_store"]


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # imported lazily: psycopg is only needed here

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url.removeprefix("sqlite:///")
    elif "://" in url:
        raise ConfigError(f"unknown store URL {url!r}", hint="use a file path, sqlite:///PATH or postgresql://...")
    from .sqlite import SQLiteStore

    return SQLiteStore(url)
