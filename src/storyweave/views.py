"""Data views shared by the CLI's --json output and the JSON API, so both say the same thing."""

from __future__ import annotations

from typing import Any

from .records import Article, Story, to_dict
from .store import Store


def article_ref(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title, "published": a.published}


def story_view(store: Store, story: Story) -> dict[str, Any]:
    return {
        "id": story.id, "title": story.headline, "first_seen": story.first_seen, "last_seen": story.last_seen,
        "outlets": list(story.outlets), "articles": [article_ref(a) for a in store.articles(story.article_ids)],
    }


def stories_view(store: Store) -> list[dict[str, Any]]:
    return [story_view(store, s) for s in store.stories()]


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    """The article (id prefix accepted) with its story and, once extracted, its facts."""
    a = store.find_article(article_id)
    data = to_dict(a)
    data["story"] = store.story_of(a.id)
    facts = store.facts(a.id)
    if facts is not None:
        f = to_dict(facts)
        data.update({k: f[k] for k in ("kind", "figures", "quotes", "actors", "statements")})
    return data


def status_view(store: Store) -> dict[str, Any]:
    rejections = store.rejections()
    by_reason: dict[str, int] = {}
    for r in rejections:
        by_reason[r.reason] = by_reason.get(r.reason, 0) + 1
    return {
        "counts": store.counts(),
        "rejections_by_reason": dict(sorted(by_reason.items(), key=lambda kv: -kv[1])),
        "rejections": [{"source": r.source, "stage": r.stage, "reason": r.reason, "detail": r.detail}
                       for r in rejections],
    }


def load_brief(store: Store, story_id: str, cache: dict | None = None):
    """The Brief of a story (id prefix accepted), built from what the store holds.

    Building a brief embeds every sentence of the story, so a long-running caller (the web
    server) passes a ``cache``: it is keyed by the story's members and edges, so a story that
    gained articles or edges is rebuilt.
    """
    from .brief import make_brief

    story = store.story(story_id)
    derivations = store.derivations(story.article_ids)
    key = (story.id, story.article_ids, len(derivations))
    if cache is not None and key in cache:
        return cache[key]
    articles = list(store.articles(story.article_ids))
    facts = {a.id: f for a in articles if (f := store.facts(a.id)) is not None}
    brief = make_brief(story, articles, facts, derivations)
    if cache is not None:
        cache[key] = brief
    return brief
