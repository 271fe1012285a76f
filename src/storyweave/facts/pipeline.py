"""The facts stage: one spaCy pass per article, the parser only where it pays.

Cost is what shapes this module. On this machine the NER model costs about as
much as the shared tok2vec, and tok2vec + tagger + parser together cost twice
that, so the whole text gets only the cheap components (``senter`` and
``ner``, which carries its own tok2vec). Sentences that need syntax (a
quotation or cue verb for quotes, a number for figures, a modality cue
word) are then cut out as small docs, those of a whole batch run together
through tok2vec, tagger, parser, attribute ruler and lemmatizer; their
annotation is written back into the article's doc, so every extractor sees one
Doc whose unparsed sentences simply have no dependency labels
(``token.dep_ == ""``) and no tags.

The model's annotations are kept, computed more cheaply: the attribute ruler
and lemmatizer are table-driven twins (``fast_ruler``), the encoders' Maxout
layers pick their best piece with numpy (``fast_maxout``), their LayerNorms run
in place, each encoder's embedding block is computed once per distinct token
(``fast_embed``), and the matrix products run on numpy's OpenBLAS on one thread
instead of blis (``fast_blas``); batches are small enough for each encoder's
activations to stay in cache. The last two change the vectors in their last
bits, not the facts: every figure, quote, actor and statement came out the same
on the seeds, the sample corpus, PolNeAR dev and ECB+ dev (596 articles). The
Python glue (choosing the sentences to parse, building their doc, the ruler's
writes, the quote cue candidates) works on ``Doc.to_array`` rows rather than
Token and Span objects, and each small doc keeps the norms the tokenizer gave
its words (the encoders read them: without them a curly "n’t" was tagged a
proper noun).

Where the time goes (one process, ``bench/facts_speed.py`` articles, second
pass, ``process_time`` per part, load ~3; the idle-machine bench reads 44-47 ms
with two processes): the matrix products ~13 ms, the parser's and NER's
compiled transition loops ~8, the tokenizer 2, the quote extractor 8-9, the
figures 4-6, statements, actors and kind ~3, and the glue (sentence selection,
small docs, ruler, lemmatizer, write-back) ~4. Since then the quote extractor
reads cue features from per-doc columns (``doc_columns``) and scores only the
candidates that could make a cue, and figure windows come from one array per
doc: quotes 8.7 -> 6.7 ms and figures 3.8 -> 3.2 (in-process turn-about on
60 bench docs, medians of 9), the whole stage ~3% less CPU (in-process
turn-about every 8 articles, medians of 7 rounds; bench 51.1/51.9 -> 50.4/49.5
ms). About two thirds of what is left is the two encoders' and the parsers'
compiled numerics, whose BLAS products already run near this CPU's peak; a
larger cut needs the model to compute less (NER only where entities are read,
a narrower parse selection), which changes facts.

``extract_facts`` splits the articles over worker processes (one per CPU by
default, forked once and reused) that each run the whole stage, because the
parse of selected sentences and the extractors are Python work that
``nlp.pipe(n_process=...)`` alone would leave in the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc

from ..nlp import load_nlp
from ..records import Article, ArticleFacts
from .actors import extract_actors
from .fast_blas import one_blas_thread, use_numpy_blas
from .fast_embed import cache_embeddings
from .fast_window import speed_up_first_window
from .fast_maxout import speed_up_layernorm, speed_up_maxout
from .fast_ruler import FastAttributeRuler, FastLemmatizer
from .figures import extract_figures
from .kind import article_kind
from .modality import has_cue, statements
from .quotes import extract_quotes
from .quotes import needs_parse as _quote_needs_parse
from .sentences import reader_sentences

__all__ = ["extract_facts", "analyse", "needs_parse"]

_WHOLE_TEXT = ("senter", "ner")
# The model's attribute_ruler and lemmatizer run as table-driven twins (same output, a fraction of the cost).
_SENTENCE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_PARSE_ATTRS = [TAG, POS, LEMMA, HEAD, DEP]
_NUMBER = re.compile(r"\d|\b(?:hundred|thousand|million|billion|trillion|dozen|percent)\b", re.I)
# Articles per batch through each component. Small batches keep each encoder's activations
# (rows x 288 floats) in the core's cache: CPU ms/article on ECB+ dev texts tiled to 600 words
# (/tmp A/B in one process, medians of 3, load 8): 2 -> 66.0, 4 -> 64.0, 8 -> 69.0, 32 -> 75.4.
_BATCH = 4  # quotes_marks.find_quoted caches 8 texts (read by sentences and quotes): keep a batch within it
# Below this many articles per worker, forking costs more than it saves.
_MIN_PER_PROCESS = 8


def needs_parse(sentence_text: str) -> bool:
    """True when a sentence may hold a quote, a figure or a modality cue.

    Figures read only tags and lemmas, but their word-rule fallback picks worse
    units ("27 polling stations abroad" -> "abroad"): dropping number sentences
    from the parse changed 26 of 1526 figures on ECB+ dev, seeds and PolNeAR
    dev, nearly all for the worse, to save 5% of the parsed sentences.
    """
    return _quote_needs_parse(sentence_text) or bool(_NUMBER.search(sentence_text)) or has_cue(sentence_text)


def extract_facts(articles: Sequence[Article], n_process: int | None = None) -> list[ArticleFacts]:
    """Facts of every article, in input order.

    ``n_process=None`` uses every CPU this process may run on; worker
    processes are forked once, after the model is loaded, and kept for later
    calls (the pipeline calls this once per batch). Inside a daemonic process
    (a Dask worker), which may not fork, the stage runs in-process.
    """
    articles = list(articles)
    if n_process is None:
        n_process = 1 if multiprocessing.current_process().daemon else len(os.sched_getaffinity(0))
    workers = min(n_process, len(articles) // _MIN_PER_PROCESS)
    if workers <= 1:
        return _facts_chunk(articles)
    size = -(-len(articles) // (workers * 4))  # several chunks per worker even out uneven articles
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    return [f for part in _pool(workers).map(_facts_chunk, chunks) for f in part]


@lru_cache(maxsize=None)
def _nlp():
    """The cached model with numpy's BLAS, embedding tables and the fast Maxout and LayerNorm forward passes.

    ``nlp.components`` includes the senter, which the model ships disabled and this stage runs."""
    nlp = load_nlp()
    for _, component in nlp.components:
        if getattr(component, "model", None) is not None:
            use_numpy_blas(component.model)
            cache_embeddings(component.model)
            speed_up_first_window(component.model)
            speed_up_maxout(component.model)
            speed_up_layernorm(component.model)
    return nlp


@lru_cache(maxsize=None)
def _pool(workers: int) -> ProcessPoolExecutor:
    _nlp()  # forked workers inherit the loaded model
    # Each worker moves what it inherited (the model, its tables) out of the garbage collector's view:
    # the full collections that came every ~100 articles walked it all, ~0.7 ms CPU per article (/tmp gc callbacks).
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze)


def _facts_chunk(articles: list[Article]) -> list[ArticleFacts]:
    with one_blas_thread():
        return list(_facts_stream(articles))


def _facts_stream(articles: list[Article]) -> Iterable[ArticleFacts]:
    nlp = _nlp()
    for start in range(0, len(articles), _BATCH):
        batch = articles[start : start + _BATCH]
        docs = (nlp.make_doc(a.text) for a in batch)
        for name in _WHOLE_TEXT:
            docs = nlp.get_pipe(name).pipe(docs, batch_size=_BATCH)
        docs = [reader_sentences(doc, a.text) for doc, a in zip(docs, batch)]
        _parse_selected(nlp, docs, [a.text for a in batch])
        for article, doc in zip(batch, docs):
            yield facts_of(article, doc)


def analyse(text: str):
    """The Doc the stage works on for one text: whole-text NER and sentences, selective parse."""
    nlp = _nlp()
    with one_blas_thread():
        doc = nlp.make_doc(text)
        for name in _WHOLE_TEXT:
            doc = nlp.get_pipe(name)(doc)
        reader_sentences(doc, text)
        _parse_selected(nlp, [doc], [text])
    return doc


def facts_of(article: Article, doc) -> ArticleFacts:
    """Run every extractor on an analysed doc of ``article.text``."""
    stmts = statements(article.id, doc.sents, article.text)
    return ArticleFacts(
        article_id=article.id,
        kind=article_kind(stmts),
        figures=tuple(extract_figures(article.id, article.text, doc)),
        quotes=tuple(extract_quotes(article.id, article.text, doc)),
        actors=tuple(extract_actors(article.id, doc, article.text)),
        statements=tuple(stmts),
    )


def _parse_selected(nlp, docs: list, texts: list[str]) -> None:
    """Parse the sentences that need it and copy their annotation back into each doc (``texts``
    are the docs' texts: ``Doc.text`` would join the tokens again).

    The selected sentences of an article go through the pipeline as one small
    doc with their sentence starts preset (the parser keeps preset
    boundaries), which costs far less than one doc per sentence; the small docs
    of a whole batch go through each component together, which the parser and
    lemmatizer amortise.
    """
    picked = []
    for doc, text in zip(docs, texts):  # sentences are sliced from the text, not joined from tokens
        rows = doc.to_array([IDX, LENGTH, SPACY, SENT_START, NORM, ORTH])
        bounds = [s for s in _sentences(rows) if _selected(text[s[2] : s[3]])]
        if bounds:
            index = np.concatenate([np.arange(a, b) for a, b, _, _ in bounds])
            picked.append((doc, index, _small_doc(doc.vocab, rows, index, [a for a, _, _, _ in bounds])))
    smalls = [small for _, _, small in picked]
    for name in _SENTENCE:
        pipe = _fast_pipe(nlp, name)
        smalls = list(pipe.pipe(smalls, batch_size=_BATCH))
    for (doc, index, _), small in zip(picked, smalls):
        starts = doc.to_array([SENT_START])
        merged = np.zeros((len(doc), len(_PARSE_ATTRS)), dtype="uint64")
        merged[index] = small.to_array(_PARSE_ATTRS)
        doc.from_array(_PARSE_ATTRS, merged)
        # heads rebuild sentence starts only inside parsed sentences; keep the segmentation we had
        doc.from_array([SENT_START], starts)


def _selected(sentence_text: str) -> bool:
    return bool(sentence_text.strip()) and needs_parse(sentence_text)


@lru_cache(maxsize=None)
def _fast_pipe(nlp, name: str):
    fast = {"attribute_ruler": FastAttributeRuler, "lemmatizer": FastLemmatizer}.get(name)
    return fast(nlp.get_pipe(name)) if fast else nlp.get_pipe(name)


def _sentences(rows: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(first token, end token, first char, end char) of each sentence, from the to_array rows
    (IDX, LENGTH, SPACY, SENT_START): ``doc.sents`` builds a Span per sentence and its offsets
    from Token objects, which costs more than the selection itself."""
    starts = np.flatnonzero(rows[:, 3] == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(rows)]
    last = (rows[:, 0] + rows[:, 1]).tolist()  # each token's end char
    return [(a, b, int(rows[a, 0]), last[b - 1]) for a, b in zip(starts, ends) if b > a]


def _small_doc(vocab, rows: np.ndarray, index: np.ndarray, sent_starts: list[int]) -> Doc:
    """The tokens ``index`` of a doc (whole sentences, ``sent_starts`` their first tokens) as one
    new doc, each sentence still a sentence of its own; words are given by their ORTH ids (the
    doc's lexemes, no strings sliced and hashed again), ``rows`` being the doc's
    (IDX, LENGTH, SPACY, SENT_START, NORM, ORTH) array.

    Each token keeps the norm the tokenizer gave it: its exceptions set norms that are not
    the word's own ("n’t" -> "not", "’re" -> "are"), the encoders read the norm, and a doc built
    from words alone would give "n’t" its lexeme's norm "n’t" and the tagger a proper noun.
    """
    picked = rows[index]
    first = set(sent_starts)
    small = Doc(vocab, words=picked[:, 5].tolist(), spaces=(picked[:, 2] != 0).tolist(), sent_starts=[i in first for i in index.tolist()])
    return small.from_array([NORM], picked[:, 4:5])
