"""The store contract every backend implements.

Stages never touch a database; the pipeline hands their records to a ``Store``.
SQLite is the embedded default and PostgreSQL the shared-server backend; one
contract test suite (tests/test_store_contract.py) runs against each.
"""

from __future__ import annotations

import abc
import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Article, ArticleFacts, Derivation, Rejected, Story


@dataclass(frozen=True)
class AddResult:
    added: tuple[str, ...]  # ids of articles stored by this call
    existing: tuple[str, ...]  # ids already present (same URL or same content)


class Store(abc.ABC):
    """Persistence for articles, rejections and every stage's output."""

    # --- articles and rejections
    @abc.abstractmethod
    def add_batch(self, articles: Iterable[Article], rejected: Iterable[Rejected]) -> AddResult:
        """Store one ingest batch atomically: all of it or, on error, none of it."""

    @abc.abstractmethod
    def article(self, article_id: str) -> Article: ...

    @abc.abstractmethod
    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in arrival order (all, or those in ``ids``)."""

    @abc.abstractmethod
    def find_article(self, prefix: str) -> Article:
        """The article whose id starts with ``prefix`` (ids are long hashes), else the one article
        of the outlet ``prefix`` names as a brief cites it ("004" for the file "004_5fd6….txt")."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abc.abstractmethod
    def rejections(self) -> list[Rejected]: ...

    @abc.abstractmethod
    def has_source(self, source: str) -> bool:
        """True when an article from this file/URL is stored: lets ingestion resume."""

    @abc.abstractmethod
    def next_position(self) -> int:
        """Arrival number for the next article, so later runs sort after earlier ones."""

    @abc.abstractmethod
    def article_ids(self) -> list[str]:
        """Every article id, in arrival order."""

    @abc.abstractmethod
    def transaction(self) -> contextlib.AbstractContextManager:
        """Group several writes into one transaction (writes inside it join it)."""

    @abc.abstractmethod
    def without(self, output: str) -> list[str]:
        """Ids (arrival order) of articles lacking a stage's output: "facts" or "story".

        Stages run on these rather than on "what this run added", so a run interrupted
        after ingestion finishes its analysis on the next run.
        """

    # --- facts
    @abc.abstractmethod
    def put_facts(self, facts: Iterable[ArticleFacts]) -> None: ...

    @abc.abstractmethod
    def facts(self, article_id: str) -> ArticleFacts | None: ...

    # --- provenance
    @abc.abstractmethod
    def put_derivations(self, derivations: Iterable[Derivation]) -> None: ...

    @abc.abstractmethod
    def derivations(self, article_ids: Iterable[str] | None = None) -> list[Derivation]:
        """Edges touching any of ``article_ids`` (all when None)."""

    # --- stories
    @abc.abstractmethod
    def put_stories(self, stories: Iterable[Story]) -> None:
        """Insert or replace stories and their membership."""

    @abc.abstractmethod
    def delete_stories(self, story_ids: Iterable[str]) -> None: ...

    @abc.abstractmethod
    def stories(self) -> list[Story]:
        """All stories, newest (by last_seen) first."""

    @abc.abstractmethod
    def story(self, story_id: str) -> Story: ...

    @abc.abstractmethod
    def story_of(self, article_id: str) -> str | None: ...

    # --- opaque stage state
    @abc.abstractmethod
    def put_blob(self, name: str, body: bytes) -> None: ...

    @abc.abstractmethod
    def blob(self, name: str) -> bytes | None: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def own_files(self) -> frozenset[Path]:
        """The files the store itself keeps on disk (resolved), which ingesting a directory that
        holds them must pass over: a database server's keep none here."""
        return frozenset()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
