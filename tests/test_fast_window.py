"""The per-distinct-token first window layer gives each encoder's vectors within rounding, empty docs included."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import spacy

from storyweave.facts.fast_blas import one_blas_thread, use_numpy_blas
from storyweave.facts.fast_embed import cache_embeddings
from storyweave.facts.fast_window import speed_up_first_window
from storyweave.settings import load as load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _arrays(output) -> list:
    return list(output) if isinstance(output, list) else [output]


def test_first_window_layer_matches_thinc(monkeypatch):
    from storyweave.facts import fast_window

    calls = []
    original = fast_window._first_layer
    monkeypatch.setattr(fast_window, "_first_layer", lambda *args: calls.append(1) or original(*args))
    nlp = spacy.load(load_settings().spacy_model, disable=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    with (DATA / "clustering" / "ecbplus-dev.jsonl").open() as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(8)]
    docs = [nlp.make_doc(t) for t in texts + ["", "One.", "  \n\n  "]]
    batches = [docs[:4], docs[4:8], docs[7:], docs[8:9]]  # the last batches hold empty docs
    encoders = [nlp.get_pipe("tok2vec").model, nlp.get_pipe("ner").model.get_ref("tok2vec"), nlp.get_pipe("senter").model]
    with one_blas_thread():
        for encoder in encoders:
            use_numpy_blas(encoder)
        before = [[encoder.predict(batch) for batch in batches] for encoder in encoders]
        assert [speed_up_first_window(encoder) for encoder in encoders] == [1, 1, 1]
        assert [speed_up_first_window(encoder) for encoder in encoders] == [0, 0, 0]  # applied once
        untabled = [[encoder.predict(batch) for batch in batches] for encoder in encoders]  # no table: thinc's path
        assert not calls  # without the embedding table the fast layer stands aside
        for encoder in encoders:
            cache_embeddings(encoder)
        after = [[encoder.predict(batch) for batch in batches] for encoder in encoders]
    assert len(calls) >= len(encoders)  # the tabled predictions above went through the fast layer
    for old, same, new in zip(before, untabled, after):
        for x, y, z in zip(old, same, new):
            for a, b, c in zip(_arrays(x), _arrays(y), _arrays(z), strict=True):
                assert numpy.array_equal(a, b)
                assert a.shape == c.shape and numpy.allclose(a, c, atol=1e-4)
