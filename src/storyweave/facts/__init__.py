"""Facts of an article: figures, quotes, actors, statement modality and article kind.

``extract_facts`` is the stage; the per-fact functions are exported for
callers that already hold an analysed spaCy Doc.
"""

from __future__ import annotations

from .actors import extract_actors
from .kind import article_kind
from .modality import lexical_modality, predicate_modality, statements
from .pipeline import analyse, extract_facts, facts_of

__all__ = [
    "analyse",
    "article_kind",
    "extract_actors",
    "extract_facts",
    "facts_of",
    "lexical_modality",
    "predicate_modality",
    "statements",
]
