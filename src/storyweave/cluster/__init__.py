"""Story clustering: articles about one real-world event become one ``Story``.

``StoryClusterer.assign`` places each new article, in publication order, into
an existing story or a new one (online; history is never re-clustered);
``build_stories`` turns assignments into ``Story`` records.
"""

from .features import ArticleFeatures, featurize
from .headline import choose_headline
from .online import StoryClusterer
from .stories import build_stories

__all__ = ["ArticleFeatures", "StoryClusterer", "build_stories", "choose_headline", "featurize"]
