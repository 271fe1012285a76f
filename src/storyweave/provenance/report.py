"""The lineage of one story as data: roots, edges with quoted evidence, groups.

Pure: the CLI (and later the web view) read the store and hand the records in,
so the JSON they print and the text they render come from one structure.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..records import Article, Derivation, Span, Story
from .attribution import agency_credit
from .groups import groups

SNIPPET = 160


def _cut(text: str, span: Span | Sequence[int]) -> str:
    piece = " ".join(text[span[0] : span[1]].split())
    return piece if len(piece) <= SNIPPET else piece[: SNIPPET - 1] + "…"


def lineage(story: Story, articles: Mapping[str, Article], derivations: Sequence[Derivation]) -> dict[str, Any]:
    """``{"story", "articles", "roots", "edges", "groups"}`` restricted to the story's articles."""
    ids = [a for a in story.article_ids if a in articles]
    inside = [d for d in derivations if d.derived in articles and d.source in articles
              and d.derived in story.article_ids and d.source in story.article_ids]
    inside.sort(key=lambda d: (ids.index(d.source), ids.index(d.derived)))
    derived = {d.derived for d in inside}
    edges = []
    for d in inside:
        dt, st = articles[d.derived].text, articles[d.source].text
        edges.append({
            "derived": d.derived, "source": d.source, "relation": d.relation, "score": d.score, "agency": d.agency,
            "evidence": [{"kind": e.kind, "score": e.score, "derived": _cut(dt, e.derived), "source": _cut(st, e.source),
                          "derived_span": list(e.derived), "source_span": list(e.source)} for e in d.evidence],
            "added": [_cut(dt, s) for s in d.added],
            "dropped": [_cut(st, s) for s in d.dropped],
            "changed": [{"derived": _cut(dt, c.derived), "source": _cut(st, c.source)} for c in d.changed],
            "dropped_attributions": [dict(x) for x in d.dropped_attributions],
        })
    agencies = {a: agency_credit(articles[a]) for a in ids}
    return {
        "story": story.id,
        "articles": {a: {"outlet": articles[a].outlet, "title": articles[a].title, "published": articles[a].published,
                         "agency": agencies[a]} for a in ids},
        "roots": [a for a in ids if a not in derived],
        "edges": edges,
        "groups": groups(ids, inside, agencies),
    }
