"""The sourced brief of a story: summary, checked facts, quotes, conflicts,
expectations, coverage, omissions and lineage, each citing source spans.

``make_brief`` is pure: the CLI and the web server load the records from the
store and pass them in; renderers (``storyweave.render``) only format a ``Brief``.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..records import Article, ArticleFacts, Derivation, Story
from .model import Brief

__all__ = ["Brief", "make_brief"]


def make_brief(
    story: Story, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], derivations: Sequence[Derivation]
) -> Brief:
    """The brief of ``story`` from its articles, their facts and the provenance edges among them."""
    # Imported here: the cross-check imports this package's records, so a top-level import would be circular.
    from .build import make_brief as build

    return build(story, articles, facts, derivations)
