"""Embedded SQLite store: one file, WAL mode, named forward-only migrations."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Iterable, Iterator

from ..errors import NotFound, StoreError
from ..records import Article, ArticleFacts, Derivation, Rejected, Story, from_dict, to_dict
from .base import AddResult, Store
from .migrations import pending


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dedup_key(article: Article) -> str:
    """Same URL, or same text when there is no URL: stored once."""
    return f"url:{article.url}" if article.url else f"hash:{article.content_hash}"


class SQLiteStore(Store):
    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:  # translated at the adapter
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=10000")
        self._migrate()

    # ------------------------------------------------------------ plumbing
    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT name FROM schema_migrations")}
        for name, sql in pending(done):
            with self._tx():
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))

    def _tx(self):
        return _Transaction(self.db)

    # ------------------------------------------------------------ articles
    def add_batch(self, articles: Iterable[Article], rejected: Iterable[Rejected]) -> AddResult:
        added: list[str] = []
        existing: list[str] = []
        try:
            with self._tx():
                for a in articles:
                    key = dedup_key(a)
                    row = self.db.execute(
                        "SELECT id FROM articles WHERE dedup_key = ? OR id = ?", (key, a.id)
                    ).fetchone()
                    if row is not None:
                        existing.append(row[0])
                        continue
                    self.db.execute(
                        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            a.id, key, a.source, a.url, a.outlet, a.title, json.dumps(list(a.authors)),
                            a.published, a.language, a.text, json.dumps([list(p) for p in a.paragraphs]),
                            a.extraction_method, a.extraction_confidence, int(a.teaser), a.content_hash,
                            a.position, _now(),
                        ),
                    )
                    added.append(a.id)
                for r in rejected:
                    self.db.execute(
                        "INSERT INTO rejections (source, stage, reason, detail, at) VALUES (?,?,?,?,?)",
                        (r.source, r.stage, r.reason, r.detail, _now()),
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"batch not stored (nothing from it was kept): {exc}") from exc
        return AddResult(tuple(added), tuple(existing))

    def _article(self, row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], source=row["source"], url=row["url"], outlet=row["outlet"], title=row["title"],
            authors=tuple(json.loads(row["authors"])), published=row["published"], language=row["language"],
            text=row["text"], paragraphs=tuple(tuple(p) for p in json.loads(row["paragraphs"])),
            extraction_method=row["extraction_method"], extraction_confidence=row["extraction_confidence"],
            teaser=bool(row["teaser"]), content_hash=row["content_hash"], position=row["position"],
        )

    def article(self, article_id: str) -> Article:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id!r}", hint="list them with `storyweave stories`")
        return self._article(row)

    def find_article(self, prefix: str) -> Article:
        rows = self.db.execute(
            "SELECT * FROM articles WHERE id LIKE ? ORDER BY position LIMIT 2", (prefix.replace("%", "") + "%",)
        ).fetchall()
        if len(rows) != 1:
            what = "no article" if not rows else "more than one article"
            raise NotFound(f"{what} with id starting {prefix!r}", hint="give more of the id")
        return self._article(rows[0])

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY position, id").fetchall()
        else:
            wanted = list(ids)
            rows = []
            for chunk in _chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk).fetchall()
            rows.sort(key=lambda r: (r["position"], r["id"]))
        for row in rows:
            yield self._article(row)

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "rejections", "facts", "derivations", "stories"):
            out[table] = self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out

    def rejections(self) -> list[Rejected]:
        rows = self.db.execute("SELECT source, stage, reason, detail FROM rejections ORDER BY id").fetchall()
        return [Rejected(*row) for row in rows]

    def has_source(self, source: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE source = ? LIMIT 1", (source,)).fetchone() is not None

    def next_position(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM articles").fetchone()[0]

    # ------------------------------------------------------------ facts
    def put_facts(self, facts: Iterable[ArticleFacts]) -> None:
        with self._tx():
            self.db.executemany(
                "INSERT OR REPLACE INTO facts VALUES (?, ?)",
                [(f.article_id, json.dumps(to_dict(f))) for f in facts],
            )

    def facts(self, article_id: str) -> ArticleFacts | None:
        row = self.db.execute("SELECT body FROM facts WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else from_dict(ArticleFacts, json.loads(row[0]))

    # ------------------------------------------------------------ provenance
    def put_derivations(self, derivations: Iterable[Derivation]) -> None:
        with self._tx():
            self.db.executemany(
                "INSERT OR REPLACE INTO derivations VALUES (?, ?, ?, ?, ?)",
                [(d.derived, d.source, d.relation, d.score, json.dumps(to_dict(d))) for d in derivations],
            )

    def derivations(self, article_ids: Iterable[str] | None = None) -> list[Derivation]:
        if article_ids is None:
            rows = self.db.execute("SELECT body FROM derivations").fetchall()
        else:
            ids = list(article_ids)
            rows = []
            for chunk in _chunks(ids, 400):
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(
                    f"SELECT body FROM derivations WHERE derived IN ({marks}) OR source IN ({marks})",
                    chunk + chunk,
                ).fetchall()
        unique = {r[0]: None for r in rows}
        return [from_dict(Derivation, json.loads(body)) for body in unique]

    # ------------------------------------------------------------ stories
    def put_stories(self, stories: Iterable[Story]) -> None:
        with self._tx():
            for s in stories:
                self.db.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?, ?, ?)", (s.id, json.dumps(to_dict(s)), s.last_seen)
                )
                self.db.execute("DELETE FROM story_members WHERE story_id = ?", (s.id,))
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_members VALUES (?, ?)", [(a, s.id) for a in s.article_ids]
                )

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self._tx():
            for sid in story_ids:
                self.db.execute("DELETE FROM story_members WHERE story_id = ?", (sid,))
                self.db.execute("DELETE FROM stories WHERE id = ?", (sid,))

    def stories(self) -> list[Story]:
        rows = self.db.execute("SELECT body FROM stories ORDER BY last_seen DESC NULLS LAST, id").fetchall()
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story:
        row = self.db.execute("SELECT body FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            rows = self.db.execute(
                "SELECT body FROM stories WHERE id LIKE ? LIMIT 2", (story_id.replace("%", "") + "%",)
            ).fetchall()
            if len(rows) != 1:
                raise NotFound(f"no story {story_id!r}", hint="list them with `storyweave stories`")
            row = rows[0]
        return from_dict(Story, json.loads(row[0]))

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------------------ blobs
    def put_blob(self, name: str, body: bytes) -> None:
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO blobs VALUES (?, ?)", (name, body))

    def blob(self, name: str) -> bytes | None:
        row = self.db.execute("SELECT body FROM blobs WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def close(self) -> None:
        self.db.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (connection is in autocommit)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration file (no semicolons inside our migration statements)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
