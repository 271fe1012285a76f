"""Sentence alignment between a candidate pair, lexical first, embeddings when needed.

Two reports of one event share names and figures; a rewrite shares the *run of
its sentences*. So the unit of evidence is a sentence of the derived text matched
one-to-one to a sentence of the source. A pair of sentences matches when its
content words mostly coincide (copy, light edit) or when MiniLM puts them close
(paraphrase). Embeddings cost ~5 ms a sentence here, so they are computed only
for pairs the lexical pass cannot settle, and each article is embedded at most
once per run (``DocCache``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..embed import get_embedder
from ..records import Article, Span
from .attribution import agency_credit, dateline
from .lsh import Views
from .text import Sentence, attributed, content, figure_spans, ngrams, quoted, sentences

# A sentence pair matches when: content-word containment >= LEX_MATCH, or cosine
# >= COS_MATCH, or cosine >= COS_WITH_LEX with containment >= LEX_WITH_COS.
# Chosen on bench/data/provenance-dev.jsonl (seed 0, 7,033 candidate pairs): with these,
# cross-story pairs matched at most 8 sentences (99% at most 5) while the median gold
# pair matched 12, which leaves the document-level decision (detect.py) room to work.
LEX_MATCH = 0.6
COS_MATCH = 0.75
COS_WITH_LEX, LEX_WITH_COS = 0.6, 0.3
# A "strong" match is a near-verbatim sentence: what partial copies are made of.
LEX_STRONG = 0.8
# The lexical pass settles a pair without embeddings when it already aligns this
# share of the shorter text (a copy with light edits: paraphrase matching adds nothing).
LEX_SETTLES = 0.8


def stem(tok: str) -> str:
    return tok[:6]  # "reassuring"/"reassurance", "invest"/"investors": crude, fast, enough for overlap


@dataclass
class Doc:
    """Everything the aligner reads from one article, computed once per run."""

    article: Article
    sents: list[Sentence]
    words: list[frozenset[str]]  # stemmed content words per sentence
    grams: set[str]
    prose_grams: set[str]  # 3-grams of the reporter's own sentences (no quote, no "said"/"statement")
    figs: dict[str, list[Span]]
    quotes: list[tuple[Span, str]]
    agency: str | None
    dateline: bool
    vecs: np.ndarray | None = None

    @classmethod
    def of(cls, article: Article) -> "Doc":
        sents = sentences(article.text)
        grams: set[str] = set()
        prose: set[str] = set()
        for s in sents:
            g = ngrams(s.tokens, 3)
            grams |= g
            if not attributed(s):
                prose |= g
        return cls(article, sents, [frozenset(stem(t) for t in content(s.tokens)) for s in sents], grams, prose,
                   figure_spans(article.text), quoted(article.text), agency_credit(article), dateline(article))


@dataclass
class DocCache:
    """Per-run cache of ``Doc``s and their sentence vectors."""

    docs: dict[str, Doc] = field(default_factory=dict)
    _views: dict[str, Views] = field(default_factory=dict)
    embedded: int = 0  # sentences embedded so far: the cost that dominates a run

    def get(self, article: Article) -> Doc:
        doc = self.docs.get(article.id)
        if doc is None:
            doc = self.docs[article.id] = Doc.of(article)
        return doc

    def views(self, article: Article) -> Views:
        v = self._views.get(article.id)
        if v is None:
            v = self._views[article.id] = Views(article.text)
        return v

    def vectors(self, doc: Doc) -> np.ndarray:
        if doc.vecs is None:
            doc.vecs = get_embedder().encode([s.text for s in doc.sents])
            self.embedded += len(doc.sents)
        return doc.vecs


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[int, int, float], ...]  # (derived sentence, source sentence, similarity)
    strong: int  # near-verbatim pairs
    shared_grams: int
    n_derived: int
    n_source: int
    embedded: bool

    @property
    def n(self) -> int:
        return len(self.pairs)

    @property
    def cover_derived(self) -> float:
        return self.n / max(1, self.n_derived)

    @property
    def cover_source(self) -> float:
        return self.n / max(1, self.n_source)

    @property
    def cover_shorter(self) -> float:
        return self.n / max(1, min(self.n_derived, self.n_source))


def _lexical(d: Doc, s: Doc) -> np.ndarray:
    """Containment of content words: shared / smaller set, per sentence pair."""
    lex = np.zeros((len(d.sents), len(s.sents)), dtype=np.float32)
    for i, a in enumerate(d.words):
        if not a:
            continue
        for j, b in enumerate(s.words):
            if b:
                shared = len(a & b)
                if shared >= 3:  # two shared words make "Japan ... relations" headings match anything
                    lex[i, j] = shared / min(len(a), len(b))
    return lex


def _match(sim: np.ndarray) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, best pairs first (optimal enough for a few dozen sentences)."""
    pairs, used_i, used_j = [], set(), set()
    flat = np.argsort(-sim, axis=None, kind="stable")
    for k in flat.tolist():
        i, j = divmod(k, sim.shape[1])
        if sim[i, j] <= 0:
            break
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j, float(sim[i, j])))
    return sorted(pairs)


def align(d: Doc, s: Doc, cache: DocCache) -> Alignment:
    """Align the sentences of ``d`` (the later/derived text) to those of ``s``."""
    shared = len(d.grams & s.grams)
    if not d.sents or not s.sents:
        return Alignment((), 0, shared, len(d.sents), len(s.sents), False)
    lex = _lexical(d, s)
    sim = np.where(lex >= LEX_MATCH, lex, 0.0)
    pairs = _match(sim)
    settled = len(pairs) >= LEX_SETTLES * min(len(d.sents), len(s.sents))
    embedded = False
    if not settled:
        cos = cache.vectors(d) @ cache.vectors(s).T
        ok = (lex >= LEX_MATCH) | (cos >= COS_MATCH) | ((cos >= COS_WITH_LEX) & (lex >= LEX_WITH_COS))
        pairs = _match(np.where(ok, np.maximum(cos, lex), 0.0))
        embedded = True
    strong = sum(1 for i, j, _ in pairs if lex[i, j] >= LEX_STRONG)
    return Alignment(tuple(pairs), strong, shared, len(d.sents), len(s.sents), embedded)
