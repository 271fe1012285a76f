"""The extraction stage: ``RawDocument -> Article | Rejected``.

Bytes are decoded (:mod:`.decode`), HTML goes through an extractor cascade
(:mod:`.html`), plain text through title detection (:mod:`.text`), and both
through the same boilerplate line rules (:mod:`.boilerplate`). Metadata the
source declared wins over anything read from the page (:mod:`.metadata`).
Every refusal is a ``Rejected`` with a short countable reason, never an exception.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import ids
from ..records import Article, RawDocument, Rejected
from .boilerplate import is_paywall_notice, words
from .decode import decode
from .html import extract_html
from .language import guess_language
from .metadata import authors, iso_date, normalise_url, outlet_name
from .text import extract_plain, fallback_title

__all__ = ["extract", "MAX_BYTES", "MIN_WORDS", "TEASER_WORDS"]

STAGE = "extract"
MAX_BYTES = 10_000_000  # larger inputs are not articles (archives, dumps) and would stall a worker
MIN_WORDS = 15  # fewer body words than a one-sentence brief: nothing to cluster or check
# Bodies shorter than this are teasers (a lead and a link): a real news report,
# even a brief, runs past 80 words; seed 002, the shortest seed, has ~400.
TEASER_WORDS = 80
_TEXT_CONFIDENCE = 0.95  # plain text needs no block selection; only line rules can err


def extract(raw: RawDocument) -> Article | Rejected:
    """Clean text and metadata of ``raw``, or why it cannot be an article."""
    if len(raw.content) > MAX_BYTES:
        return _reject(raw, "too-large", f"{len(raw.content)} bytes; the limit is {MAX_BYTES}")
    # Ingest maps each source's field names onto the RawDocument keys (records.py), so only those are read.
    meta = raw.metadata or {}
    decoded = decode(raw.content, declared=meta.get("charset"))
    if decoded.text is None:
        return _reject(raw, decoded.reason or "undecodable", decoded.detail)
    declared_title = meta.get("title")
    declared_url = meta.get("url")
    page: dict[str, Any] = {}  # what the page itself says of its metadata
    if raw.kind == "html":
        found = extract_html(decoded.text, url=declared_url, title=declared_title)
        paragraphs, title = found.paragraphs, found.title
        method, confidence, raw_lines = found.method, found.confidence, found.raw_paragraphs
        page = {"author": found.author, "date": found.date, "sitename": found.sitename,
                "url": found.url, "language": found.language}  # fmt: skip
        if not paragraphs:
            return _reject(raw, "no-text", "no extractor found article text in the page")
    else:
        title, paragraphs, page["date"] = extract_plain(decoded.text, title=declared_title)
        method, confidence, raw_lines = "text", _TEXT_CONFIDENCE, decoded.text.splitlines()
    n_words = len(words(" ".join(paragraphs)))
    if n_words < MIN_WORDS:
        return _reject(raw, "too-short", f"the body has {n_words} of the {MIN_WORDS} words needed after cleanup")
    return _article(raw, meta, page, title, paragraphs, method, confidence,
                    teaser=n_words < TEASER_WORDS or any(map(is_paywall_notice, raw_lines)))  # fmt: skip


def _article(
    raw: RawDocument,
    meta: Mapping[str, Any],
    page: Mapping[str, Any],
    title: str | None,
    paragraphs: list[str],
    method: str,
    confidence: float,
    teaser: bool,
) -> Article:
    text, spans = _join(paragraphs)
    url = normalise_url(meta.get("url")) or normalise_url(page.get("url"))
    digest = ids.content_hash(text)
    return Article(
        id=ids.article_id(url, digest),
        source=raw.source,
        url=url,
        outlet=outlet_name(meta.get("outlet"), page.get("sitename"), url, raw.source),
        title=title or fallback_title(paragraphs),
        authors=authors(meta.get("authors"), page.get("author")),
        published=iso_date(meta.get("published"), page.get("date")),
        language=meta.get("language") or guess_language(text) or page.get("language"),
        text=text,
        paragraphs=spans,
        extraction_method=method,
        extraction_confidence=confidence,
        teaser=teaser,
        content_hash=digest,
        position=raw.position,
    )


def _join(paragraphs: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans, start = [], 0
    for p in paragraphs:
        spans.append((start, start + len(p)))
        start += len(p) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def _reject(raw: RawDocument, reason: str, detail: str) -> Rejected:
    return Rejected(source=raw.source, stage=STAGE, reason=reason, detail=detail)
