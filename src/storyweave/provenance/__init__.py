"""Provenance: exact and near duplicates, rewrites of wire copy, independent lines of reporting.

    index = ProvenanceIndex.from_bytes(blob) if blob else ProvenanceIndex()
    edges = detect(new_articles, index, store.article)
    groups(story.article_ids, store.derivations(story.article_ids))
"""

from .align import DocCache
from .attribution import agency_credit
from .detect import detect
from .groups import groups
from .lsh import ProvenanceIndex

__all__ = ["DocCache", "ProvenanceIndex", "agency_credit", "detect", "groups"]
