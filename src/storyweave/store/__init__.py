"""Stores chosen by URL: ``open_store("x.db")``, ``"sqlite:///x.db"`` or ``"postgresql://..."``."""

from __future__ import annotations

from ..errors import ConfigError
from .base import AddResult, Store

__all__ = ["AddResult", "Store", "open_store", "sqlite_path"]


def sqlite_path(url: str) -> str | None:
    """The SQLite file a store URL names (a path or sqlite:///PATH), None for any other URL."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return None if "://" in url else url


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # imported lazily: psycopg is only needed here

        return PostgresStore(url)
    path = sqlite_path(url)
    if path is None:
        raise ConfigError(f"unknown store URL {url!r}", hint="use a file path, sqlite:///PATH or postgresql://...")
    from .sqlite import SQLiteStore

    return SQLiteStore(path)
