"""The embedding tables give the embedding blocks' own vectors, grow only with new tokens, and keep the entities."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import numpy
import spacy

from storyweave.facts.fast_blas import one_blas_thread
from storyweave.facts.fast_embed import cache_embeddings
from storyweave.settings import load as load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _tables(model) -> list:
    return [node._func.keywords["table"] for node in model.walk() if isinstance(node._func, partial)]


def test_cached_vectors_match_the_computed_ones():
    nlp = spacy.load(load_settings().spacy_model, disable=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    with (DATA / "clustering" / "ecbplus-dev.jsonl").open() as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(8)] + ["", "One.", "  \n\n  "]
    docs = [nlp.make_doc(t) for t in texts]
    encoders = [nlp.get_pipe("tok2vec").model, nlp.get_pipe("ner").model, nlp.get_pipe("senter").model]
    with one_blas_thread():
        before = [encoder.get_ref("tok2vec").predict(docs) for encoder in encoders[1:]] + [encoders[0].predict(docs)]
        before_ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
        assert [cache_embeddings(encoder) for encoder in encoders] == [1, 1, 1]
        assert [cache_embeddings(encoder) for encoder in encoders] == [0, 0, 0]  # applied once
        for _ in range(2):  # first pass fills the tables, second reads them
            after = [encoder.get_ref("tok2vec").predict(docs) for encoder in encoders[1:]] + [encoders[0].predict(docs)]
            for old, new in zip(before, after):
                assert len(old) == len(new)
                for a, b in zip(old, new):
                    assert a.shape == b.shape and numpy.allclose(a, b, atol=1e-5)
        sizes = [len(table.index) for encoder in encoders for table in _tables(encoder)]
        assert 0 < sizes[0] < sum(len(doc) for doc in docs)  # one row per distinct token, not per token
        after_ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    assert after_ents == before_ents
    assert [len(table.index) for encoder in encoders for table in _tables(encoder)] == sizes  # nothing new
