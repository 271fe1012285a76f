"""A story's headline: the member title that best represents the others.

The first title is often a preview ("X to meet Y") and the last a follow-up;
the title sharing the most words with the other titles (a medoid under word
overlap) names what most outlets reported. Cheap: no model, titles only.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..records import Article

_WORD = re.compile(r"[^\W_]+")
# Titles shorter than this (in words) are section labels or fragments, not headlines.
MIN_WORDS = 4
_FALLBACK_CHARS = 120


def _words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.lower()) if len(w) > 2}


def title_of(article: Article) -> str:
    """The article's title, or its first line when extraction found none."""
    if article.title.strip():
        return article.title.strip()
    first = article.text.strip().split("\n", 1)[0]
    return first[:_FALLBACK_CHARS].rsplit(" ", 1)[0] if len(first) > _FALLBACK_CHARS else first


def _written(article: Article, title: str) -> bool:
    """False for a title made from the article's own first sentence (extraction's fallback).

    Such stand-ins overlap each other heavily, so without this check they would outvote the
    one headline an editor actually wrote.
    """
    return not article.text.lstrip().startswith(title.rstrip("…").rstrip())


def choose_headline(articles: Sequence[Article]) -> str:
    """The title with the largest summed word overlap (Jaccard) with the others.

    Written headlines are preferred to first-sentence stand-ins; ties go to the
    earlier article; fragments under MIN_WORDS words compete only when nothing
    longer exists.
    """
    titles = [title_of(a) for a in articles]
    if not titles:
        return ""
    bags = [_words(t) for t in titles]
    long_enough = [i for i, t in enumerate(titles) if len(t.split()) >= MIN_WORDS] or list(range(len(titles)))
    eligible = [i for i in long_enough if _written(articles[i], titles[i])] or long_enough

    def centrality(i: int) -> float:
        return sum(len(bags[i] & bags[j]) / (len(bags[i] | bags[j]) or 1) for j in range(len(bags)) if j != i)

    return titles[max(eligible, key=lambda i: (centrality(i), -i))]
