"""The Store contract written once in portable SQL; backends supply a connection and a dialect.

All statements use ``?`` placeholders and only SQL that SQLite and PostgreSQL
both accept (upserts are DELETE + INSERT inside one transaction), so the two
backends cannot drift apart. Driver errors are translated into ``StoreError``.
"""

from __future__ import annotations

import abc
import contextlib
import json
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from ..errors import NotFound, StoreError
from ..records import Article, ArticleFacts, Derivation, Rejected, Story, from_dict, to_dict
from .base import AddResult, Store
from .migrations import pending, statements

_WHOLE_ID = 16  # characters of an article id (ids.article_id)
_ARTICLE_COLUMNS = (
    "id, dedup_key, source, url, outlet, title, authors, published, language, text, paragraphs, "
    "extraction_method, extraction_confidence, teaser, content_hash, position, ingested_at"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dedup_key(article: Article) -> str:
    """Same URL, or same text when there is no URL: stored once."""
    return f"url:{article.url}" if article.url else f"hash:{article.content_hash}"


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class SQLStore(Store):
    dialect: str
    driver_errors: tuple[type[BaseException], ...]

    # --- what a backend provides
    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run one statement with ``?`` placeholders; rows as tuples (empty for writes)."""

    @abc.abstractmethod
    def _transaction(self) -> contextlib.AbstractContextManager:
        """Commit on success, roll back on any exception."""

    def _blob(self, value: Any) -> bytes:
        return bytes(value)

    # --- plumbing
    @contextlib.contextmanager
    def _tx(self):
        try:
            with self._transaction():
                yield
        except self.driver_errors as exc:
            raise StoreError(f"{self.dialect}: {exc}".strip()) from exc

    def _migrate(self) -> None:
        with self._tx():
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        done = {r[0] for r in self._execute("SELECT name FROM schema_migrations")}
        for name, sql in pending(self.dialect, done):
            with self._tx():
                for statement in statements(sql):
                    self._execute(statement)
                self._execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))

    def _in(self, sql: str, ids: Sequence[str], repeat: int = 1) -> list[tuple]:
        """``sql`` with one ``{marks}`` placeholder list, run over chunks of ``ids``."""
        rows: list[tuple] = []
        for chunk in _chunks(list(ids), 400):
            marks = ",".join("?" * len(chunk))
            rows += self._execute(sql.format(marks=marks), list(chunk) * repeat)
        return rows

    # --- articles and rejections
    def add_batch(self, articles: Iterable[Article], rejected: Iterable[Rejected]) -> AddResult:
        added: list[str] = []
        existing: list[str] = []
        with self._tx():
            for a in articles:
                key = dedup_key(a)
                row = self._execute("SELECT id FROM articles WHERE dedup_key = ? OR id = ?", (key, a.id))
                if row:
                    existing.append(row[0][0])
                    continue
                self._execute(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        a.id, key, a.source, a.url, a.outlet, a.title, json.dumps(list(a.authors)), a.published,
                        a.language, a.text, json.dumps([list(p) for p in a.paragraphs]), a.extraction_method,
                        a.extraction_confidence, int(a.teaser), a.content_hash, a.position, _now(),
                    ),
                )
                added.append(a.id)
            for r in rejected:
                # the same input rejected again for the same reason is recorded once
                if self._execute("SELECT 1 FROM rejections WHERE source = ? AND stage = ? AND reason = ?",
                                 (r.source, r.stage, r.reason)):
                    continue
                self._execute(
                    "INSERT INTO rejections (source, stage, reason, detail, at) VALUES (?,?,?,?,?)",
                    (r.source, r.stage, r.reason, r.detail, _now()),
                )
        return AddResult(tuple(added), tuple(existing))

    @staticmethod
    def _article(row: tuple) -> Article:
        (id_, _key, source, url, outlet, title, authors, published, language, text, paragraphs, method,
         confidence, teaser, chash, position, _at) = row
        return Article(
            id=id_, source=source, url=url, outlet=outlet, title=title, authors=tuple(json.loads(authors)),
            published=published, language=language, text=text,
            paragraphs=tuple(tuple(p) for p in json.loads(paragraphs)), extraction_method=method,
            extraction_confidence=confidence, teaser=bool(teaser), content_hash=chash, position=position,
        )

    def article(self, article_id: str) -> Article:
        rows = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id!r}", hint="list them with `storyweave stories --json`")
        return self._article(rows[0])

    def find_article(self, prefix: str) -> Article:
        if len(prefix) >= _WHOLE_ID and all(c in "0123456789abcdef" for c in prefix):
            rows = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (prefix,))
            if rows:  # a whole id, as the web UI's links give: no scan of the outlets
                return self._article(rows[0])
        # the label a brief cites first ("004" is also the start of some ids): an outlet, or a part
        # of a file-stem outlet between underscores ("004" of "004_5fd6...", "saltmere-evening-post")
        part = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE lower(outlet) = ? OR lower(outlet) LIKE ? ESCAPE '\\' "
            "OR lower(outlet) LIKE ? ESCAPE '\\' OR lower(outlet) LIKE ? ESCAPE '\\' ORDER BY position LIMIT 2",
            (prefix.lower(), part + "\\_%", "%\\_" + part + "\\_%", "%\\_" + part),
        )
        if len(rows) != 1:
            ids = self._execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? ORDER BY position LIMIT 2",
                (prefix.replace("%", "").replace("_", "") + "%",),
            )
            rows = ids or rows
        if len(rows) != 1:
            what = "no article" if not rows else "more than one article"
            raise NotFound(f"{what} with id or outlet {prefix!r}",
                           hint="give more of the id (`storyweave stories --json` lists them)")
        return self._article(rows[0])

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            rows = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY position, id")
        else:
            rows = self._in(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({{marks}})", list(ids))
            rows.sort(key=lambda r: (r[15], r[0]))
        for row in rows:
            yield self._article(row)

    def counts(self) -> dict[str, int]:
        return {
            table: self._execute(f"SELECT COUNT(*) FROM {table}")[0][0]
            for table in ("articles", "rejections", "facts", "derivations", "stories")
        }

    def rejections(self) -> list[Rejected]:
        return [Rejected(*r) for r in self._execute("SELECT source, stage, reason, detail FROM rejections ORDER BY id")]

    def has_source(self, source: str) -> bool:
        return bool(self._execute("SELECT 1 FROM articles WHERE source = ? LIMIT 1", (source,)))

    def next_position(self) -> int:
        return self._execute("SELECT COALESCE(MAX(position), -1) + 1 FROM articles")[0][0]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._execute("SELECT id FROM articles ORDER BY position, id")]

    def transaction(self):
        return self._tx()

    _OUTPUT_TABLES = {"facts": ("facts", "article_id"), "story": ("story_members", "article_id")}

    def without(self, output: str) -> list[str]:
        table, column = self._OUTPUT_TABLES[output]
        rows = self._execute(
            f"SELECT a.id FROM articles a LEFT JOIN {table} t ON t.{column} = a.id "
            f"WHERE t.{column} IS NULL ORDER BY a.position, a.id"
        )
        return [r[0] for r in rows]

    # --- facts
    def put_facts(self, facts: Iterable[ArticleFacts]) -> None:
        with self._tx():
            for f in facts:
                self._execute("DELETE FROM facts WHERE article_id = ?", (f.article_id,))
                self._execute("INSERT INTO facts VALUES (?, ?)", (f.article_id, json.dumps(to_dict(f))))

    def facts(self, article_id: str) -> ArticleFacts | None:
        rows = self._execute("SELECT body FROM facts WHERE article_id = ?", (article_id,))
        return from_dict(ArticleFacts, json.loads(rows[0][0])) if rows else None

    # --- provenance
    def put_derivations(self, derivations: Iterable[Derivation]) -> None:
        with self._tx():
            for d in derivations:
                self._execute("DELETE FROM derivations WHERE derived = ? AND source = ?", (d.derived, d.source))
                self._execute(
                    "INSERT INTO derivations VALUES (?, ?, ?, ?, ?)",
                    (d.derived, d.source, d.relation, d.score, json.dumps(to_dict(d))),
                )

    def derivations(self, article_ids: Iterable[str] | None = None) -> list[Derivation]:
        if article_ids is None:
            rows = self._execute("SELECT body FROM derivations ORDER BY derived, source")
        else:
            rows = self._in("SELECT body FROM derivations WHERE derived IN ({marks}) OR source IN ({marks})",
                            list(article_ids), repeat=2)
        unique = dict.fromkeys(r[0] for r in rows)
        return [from_dict(Derivation, json.loads(body)) for body in unique]

    # --- stories
    def put_stories(self, stories: Iterable[Story]) -> None:
        with self._tx():
            for s in stories:
                self._execute("DELETE FROM stories WHERE id = ?", (s.id,))
                self._execute("INSERT INTO stories VALUES (?, ?, ?)", (s.id, json.dumps(to_dict(s)), s.last_seen))
                self._execute("DELETE FROM story_members WHERE story_id = ?", (s.id,))
                for a in s.article_ids:
                    self._execute("DELETE FROM story_members WHERE article_id = ?", (a,))
                    self._execute("INSERT INTO story_members VALUES (?, ?)", (a, s.id))

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self._tx():
            for sid in story_ids:
                self._execute("DELETE FROM story_members WHERE story_id = ?", (sid,))
                self._execute("DELETE FROM stories WHERE id = ?", (sid,))

    def stories(self) -> list[Story]:
        rows = self._execute("SELECT body FROM stories ORDER BY last_seen DESC NULLS LAST, id")
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story:
        rows = self._execute("SELECT body FROM stories WHERE id = ?", (story_id,))
        if not rows:
            rows = self._execute("SELECT body FROM stories WHERE id LIKE ? LIMIT 2",
                                 (story_id.replace("%", "").replace("_", "") + "%",))
            if len(rows) != 1:
                raise NotFound(f"no story {story_id!r}", hint="list them with `storyweave stories`")
        return from_dict(Story, json.loads(rows[0][0]))

    def story_of(self, article_id: str) -> str | None:
        rows = self._execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))
        return rows[0][0] if rows else None

    # --- blobs
    def put_blob(self, name: str, body: bytes) -> None:
        with self._tx():
            self._execute("DELETE FROM blobs WHERE name = ?", (name,))
            self._execute("INSERT INTO blobs VALUES (?, ?)", (name, body))

    def blob(self, name: str) -> bytes | None:
        rows = self._execute("SELECT body FROM blobs WHERE name = ?", (name,))
        return self._blob(rows[0][0]) if rows else None
