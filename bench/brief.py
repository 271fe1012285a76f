"""Faithfulness of the briefs of every story in a store.

    python bench/brief.py --db storyweave.db

Prints, over all stories: the share of summary sentences found verbatim (modulo
whitespace) inside every span they cite (must be 1.0: the brief only copies),
the share of ledger facts with at least one valid source span, and stories/s.
Last line: ``faithfulness <v>``.
"""

from __future__ import annotations

import argparse
import re
import time

from storyweave.brief import make_brief
from storyweave.crosscheck.text import stems
from storyweave.embed import get_embedder
from storyweave.store import open_store

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL of a store after `storyweave run`")
    args = parser.parse_args()
    # Model and stop-word loads are one-off costs, not per-story speed.
    get_embedder().encode(["warm-up"])
    stems("warm-up")
    store = open_store(args.db)
    sentences = faithful = facts = spanned = n_stories = 0
    elapsed = 0.0
    try:
        for story in store.stories():
            articles = list(store.articles(story.article_ids))
            texts = {a.id: a.text for a in articles}
            fact_records = {a.id: f for a in articles if (f := store.facts(a.id)) is not None}
            derivations = store.derivations(story.article_ids)
            start = time.perf_counter()
            brief = make_brief(story, articles, fact_records, derivations)
            elapsed += time.perf_counter() - start
            n_stories += 1
            for s in brief.summary:
                sentences += 1
                faithful += bool(s.citations) and all(
                    squash(s.text) in squash(texts[c.article_id][c.span[0] : c.span[1]]) for c in s.citations
                )
            for entry in (*brief.facts, *brief.quotes):
                facts += 1
                spanned += any(
                    m.article_id in texts and 0 <= m.span[0] < m.span[1] <= len(texts[m.article_id])
                    and texts[m.article_id][m.span[0] : m.span[1]] == m.text
                    for m in entry.mentions
                )
    finally:
        store.close()
    faithfulness = faithful / sentences if sentences else 1.0
    print(f"stories {n_stories}  summary sentences {sentences}  facts {facts}")
    print(f"facts-with-span {spanned / facts if facts else 1.0:.4f}")
    print(f"stories/s {n_stories / elapsed if elapsed else 0.0:.2f}")
    print(f"faithfulness {faithfulness:.4f}")


if __name__ == "__main__":
    main()
