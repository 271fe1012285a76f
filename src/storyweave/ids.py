"""Stable identifiers: the same article gets the same id on every machine and run."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Lowercased, whitespace-folded text: the basis of exact-duplicate detection."""
    return _SPACE.sub(" ", text).strip().lower()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_id(url: str | None, text_hash: str) -> str:
    """16 hex chars of the normalised URL's hash, else of the content hash."""
    basis = f"url:{url}" if url else f"text:{text_hash}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def story_id(first_article_id: str) -> str:
    """A story is named after the article that opened it, so ids survive re-runs."""
    return "s" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:11]
