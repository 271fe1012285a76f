"""numpy's BLAS in the model: every layer switched once, vectors within rounding of blis's, same entities."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import spacy
from thinc.api import NumpyOps

from storyweave.facts.fast_blas import one_blas_thread, use_numpy_blas
from storyweave.settings import load as load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_numpy_blas_matches_blis_within_rounding():
    nlp = spacy.load(load_settings().spacy_model, disable=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    with (DATA / "clustering" / "ecbplus-dev.jsonl").open() as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(8)] + ["", "One."]
    encoder = nlp.get_pipe("tok2vec").model
    before_vectors = encoder.predict([nlp.make_doc(t) for t in texts])
    before_ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    assert isinstance(encoder.ops, NumpyOps) and encoder.ops.use_blis
    assert use_numpy_blas(encoder) > 0 and use_numpy_blas(nlp.get_pipe("ner").model) > 0
    assert use_numpy_blas(encoder) == 0  # applied once
    assert all(not node.ops.use_blis for node in encoder.walk())
    with one_blas_thread():
        after_vectors = encoder.predict([nlp.make_doc(t) for t in texts])
        after_ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    for old, new in zip(before_vectors, after_vectors):
        assert old.shape == new.shape and numpy.allclose(old, new, atol=1e-4)
    assert after_ents == before_ents
