"""Embedded SQLite backend: one file, WAL mode (readers never block the writer)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any, Sequence

from ..errors import StoreError
from .sql import SQLStore


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            # autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT) in _transaction
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=10000"):
                self.db.execute(f"PRAGMA {pragma}")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}",
                             hint="check the path exists and is writable") from exc
        self._depth = 0
        self._migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(r) for r in self.db.execute(sql, params).fetchall()]

    @contextlib.contextmanager
    def _transaction(self):
        # Nested use (a stage writing inside an ingest batch) joins the outer transaction.
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.db.close()

    def own_files(self) -> frozenset[Path]:
        """The database file and the journal files SQLite writes beside it."""
        main = Path(self.path).resolve()
        return frozenset(main.with_name(main.name + suffix) for suffix in ("", "-wal", "-shm", "-journal"))
