"""PostgreSQL backend for a shared server: same contract, same SQL as SQLite."""

from __future__ import annotations

import contextlib
from typing import Any, Sequence

from ..errors import ConfigError, StoreError
from .sql import SQLStore


class PostgresStore(SQLStore):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise ConfigError("psycopg is not installed", hint="pip install 'psycopg[binary]'") from exc
        self.driver_errors = (psycopg.Error,)
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip(),
                             hint="check the postgresql:// URL and that the server runs") from exc
        self._migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        # Our SQL has no literal '?' or '%', so placeholder translation is a plain replace.
        cur = self.db.execute(sql.replace("?", "%s"), list(params) or None)
        return [tuple(r) for r in cur.fetchall()] if cur.description else []

    @contextlib.contextmanager
    def _transaction(self):
        with self.db.transaction():
            yield

    def close(self) -> None:
        self.db.close()
