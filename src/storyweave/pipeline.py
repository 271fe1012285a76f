"""The pipeline: ingest sources, then run every analysis stage on what is new.

Stages are pure functions over records; this module is the only place that
moves records between them and the store. Ingestion commits one transaction per
batch, so an interrupted run keeps every batch it finished and a re-run skips
what is stored (files already stored are not even re-extracted).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .engine import Engine, LocalEngine
from .errors import StoreError
from .extract import extract
from .ingest import iter_paths, read_path
from .ingest.http import Fetcher
from .ingest.web import Stored, is_url, read_url
from .records import Article, Rejected
from .store import Store, open_store

log = logging.getLogger(__name__)

# progress(task, done, total): the CLI draws bars from it, library callers may pass None.
Progress = Callable[[str, int, int], None]

# One transaction per this many inputs: big enough to amortise commits, small enough that an
# interrupted run over thousands of files loses little work.
BATCH_SIZE = 200


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped_sources: int = 0  # files, and articles a feed or sitemap lists, already stored: not read again
    rejected: list[Rejected] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)


def _noop(task: str, done: int, total: int) -> None:
    pass


def _expand(paths: Iterable[str | os.PathLike], skip: frozenset[Path] = frozenset()) -> list:
    """Files under local paths, and URLs as given (a URL may be a page, a feed or a sitemap).

    ``skip`` are the store's own files: passed over in a directory that holds them
    (`storyweave run .` with the database in "."), rejected when named."""
    names = {f.name for f in skip}  # a file is resolved (a system call per path part) only when its name matches

    def own(path: Path) -> bool:
        return path.name in names and path.resolve() in skip

    out: list = []
    for p in paths:
        if is_url(str(p)):
            out.append(str(p))
        elif own(Path(p)):
            out.append(Rejected(str(p), "ingest", "own-store", "this is the store's own database file"))
        else:
            out += [f for f in iter_paths([p]) if isinstance(f, Rejected) or not own(f)]
    return out


def ingest(
    paths: Iterable[str | os.PathLike], store: Store, progress: Progress | None = None, fetcher: Fetcher | None = None
) -> RunReport:
    """Read, extract and store articles from files, directories, URLs, feeds and sitemaps."""
    progress = progress or _noop
    report = RunReport()
    sources = _expand(paths, store.own_files())
    position = store.next_position()
    articles: list[Article] = []
    rejected: list[Rejected] = []

    def flush() -> None:
        result = store.add_batch(articles, rejected)
        report.added += result.added
        report.existing += result.existing
        report.rejected += rejected
        articles.clear()
        rejected.clear()

    for done, source in enumerate(sources, 1):
        if isinstance(source, Rejected):
            rejected.append(source)
        elif store.has_source(str(source)):
            report.skipped_sources += 1
        else:
            if isinstance(source, str):
                fetcher = fetcher or Fetcher()
                items = read_url(source, fetcher, position, known=store.has_source)
            else:
                items = read_path(source, position)
            for item in items:
                if isinstance(item, Stored):
                    report.skipped_sources += 1
                    continue
                result = item if isinstance(item, Rejected) else extract(item)
                if isinstance(result, Rejected):
                    rejected.append(result)
                else:
                    articles.append(result)
                    position += 1
        if len(articles) + len(rejected) >= BATCH_SIZE:
            flush()
        progress("ingest", done, len(sources))
    flush()
    return report


def analyse(store: Store, progress: Progress | None = None, engine: Engine | None = None) -> list[str]:
    """Run every analysis stage on the stored articles that lack its output; returns the stage names run."""
    progress = progress or _noop
    engine = engine or LocalEngine()
    for _, stage in STAGES:
        stage(store, progress, engine)
    return [name for name, _ in STAGES]


def run(
    paths: Iterable[str | os.PathLike], db: str | None = None, progress: Progress | None = None,
    engine: Engine | None = None,
) -> RunReport:
    """Ingest ``paths`` into the store at ``db`` and run every stage on what is new."""
    from .settings import load

    store = open_store(db or load().db)
    try:
        report = ingest(paths, store, progress)
        report.stages = ["ingest"] + analyse(store, progress, engine)
        return report
    finally:
        store.close()


# Articles per engine task: large enough for spaCy's batching, small enough to spread over workers.
FACTS_BATCH = 64


def facts_stage(store: Store, progress: Progress, engine: Engine) -> None:
    """Figures, quotes, actors, statements and kind of each article (parallel: articles are independent)."""
    from .facts import extract_facts

    ids = store.without("facts")
    for start in range(0, len(ids), FACTS_BATCH * 4):
        chunk = list(store.articles(ids[start : start + FACTS_BATCH * 4]))
        store.put_facts(engine.map_batches(extract_facts, chunk, FACTS_BATCH))
        progress("facts", start + len(chunk), len(ids))


PROVENANCE_INDEX = "provenance-index"


def _saved_state(store: Store, name: str, load: Callable[[bytes], object]):
    """A stage's saved state, or None when there is none or another storyweave version wrote it.

    Upgrading must not strand a store: a stage whose state cannot be read starts afresh and
    reprocesses every stored article instead of failing every later run.
    """
    blob = store.blob(name)
    if blob is None:
        return None
    try:
        return load(blob)
    except (StoreError, KeyError, ValueError, TypeError) as exc:
        log.warning("%s: saved state unreadable (%s); rebuilding from the stored articles", name, exc)
        return None


def provenance_stage(store: Store, progress: Progress, engine: Engine) -> None:
    """Duplicates and derivations of each new article against everything stored (in arrival order).

    The index blob grows with the store (~0.8 KB an article), so writing it after every
    batch would make a long run quadratic in bytes written. It is saved once the articles
    detected since the last save reach an eighth of the index (at least one batch), with
    the edges found since: edges and the index that produced them stay in one transaction,
    and an interrupted run redoes at most the work since the last save.
    """
    from .provenance import ProvenanceIndex, detect

    index = _saved_state(store, PROVENANCE_INDEX, ProvenanceIndex.from_bytes) or ProvenanceIndex()
    pending = [i for i in store.article_ids() if i not in index]
    unsaved: list = []
    since_save = 0
    for start in range(0, len(pending), BATCH_SIZE):
        chunk = list(store.articles(pending[start : start + BATCH_SIZE]))
        unsaved += detect(chunk, index, store.article)
        since_save += len(chunk)
        if since_save >= max(BATCH_SIZE, len(index) // 8) or start + BATCH_SIZE >= len(pending):
            with store.transaction():
                store.put_derivations(unsaved)
                store.put_blob(PROVENANCE_INDEX, index.to_bytes())
            unsaved, since_save = [], 0
        progress("provenance", start + len(chunk), len(pending))


CLUSTER_STATE = "cluster-state"


def cluster_stage(store: Store, progress: Progress, engine: Engine) -> None:
    """Online story assignment in publication order; only the stories that changed are rewritten.

    A repair may move earlier articles between stories (their new stories come back from
    ``assign``) and a merge empties a story (``retired``), which is deleted.
    """
    from .cluster import StoryClusterer, build_stories

    clusterer = _saved_state(store, CLUSTER_STATE, StoryClusterer.from_bytes)
    if clusterer is None:
        clusterer = StoryClusterer()
        # Without the state that made them, stored stories cannot grow: rebuild them all.
        store.delete_stories([s.id for s in store.stories()])
    pending = store.without("story")
    for start in range(0, len(pending), BATCH_SIZE):
        chunk = list(store.articles(pending[start : start + BATCH_SIZE]))
        touched = dict.fromkeys(story for _, story in clusterer.assign(chunk))
        stories = []
        for story in touched:
            members = clusterer.members(story)
            stories += build_stories([(m, story) for m in members], list(store.articles(members)))
        with store.transaction():  # stories and the clusterer state that produced them are stored together
            store.delete_stories(clusterer.retired())
            store.put_stories(stories)
            store.put_blob(CLUSTER_STATE, clusterer.to_bytes())
        progress("stories", start + len(chunk), len(pending))


StageFn = Callable[[Store, Progress, Engine], None]
STAGES: list[tuple[str, StageFn]] = [
    ("facts", facts_stage), ("provenance", provenance_stage), ("cluster", cluster_stage),
]
