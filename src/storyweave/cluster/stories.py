"""Assignments to ``Story`` records: the stage's output for the store."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from .. import ids
from ..records import Article, Story
from .features import publication_day
from .headline import choose_headline


def build_stories(assignments: Iterable[tuple[str, str]], articles: Sequence[Article]) -> list[Story]:
    """One ``Story`` per story id in ``assignments`` (article id, story id).

    Members keep the order of ``assignments`` (the clusterer's processing
    order); the story id is recomputed from the first member, so a story
    built here and one named by the clusterer agree. Members missing from
    ``articles`` are skipped. Stories come newest (by last seen) first.
    """
    by_id = {a.id: a for a in articles}
    members: dict[str, list[Article]] = defaultdict(list)
    seen: set[str] = set()
    for article_id, story_id in assignments:
        if article_id in by_id and article_id not in seen:
            seen.add(article_id)
            members[story_id].append(by_id[article_id])
    stories = [_story(group) for group in members.values()]
    return sorted(stories, key=lambda s: publication_day(s.last_seen) or float("-inf"), reverse=True)


def _story(group: list[Article]) -> Story:
    dated = sorted((day, a.published) for a in group if (day := publication_day(a.published)) is not None)
    outlets = tuple(dict.fromkeys(a.outlet for a in group if a.outlet))
    return Story(
        id=ids.story_id(group[0].id),
        headline=choose_headline(group),
        first_seen=dated[0][1] if dated else None,
        last_seen=dated[-1][1] if dated else None,
        article_ids=tuple(a.id for a in group),
        outlets=outlets,
    )
