"""Story clustering: articles about one real-world event become one ``Story``.

``StoryClusterer.assign`` places each new article, in publication order, into
an existing story or a new one (online; history is never re-clustered);
``build_stories`` turns assignments into ``Story`` records.
"""

from .online import StoryClusterer

__all__ = ["StoryClusterer"]
