"""storyweave: what happened, who says so, how many independent sources back each fact, and where they disagree.

The pipeline entry points are imported on first use, so ``import storyweave.records``
in a Dask worker or a test does not load every stage.
"""

from .records import (
    Actor, AlignedSpan, Article, ArticleFacts, Derivation, Figure, Quote, RawDocument, Rejected, Statement, Story,
)

__all__ = [
    "Actor", "AlignedSpan", "Article", "ArticleFacts", "Derivation", "Figure", "Quote", "RawDocument",
    "Rejected", "RunReport", "Statement", "Story", "Store", "analyse", "open_store", "run",
]
__version__ = "0.1.0"

_LAZY = {"run": "pipeline", "analyse": "pipeline", "RunReport": "pipeline",
         "open_store": "store", "Store": "store"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'storyweave' has no attribute {name!r}")
