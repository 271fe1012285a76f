"""The fast Maxout and LayerNorm forward passes give thinc's numbers bit for bit, in every encoder of the model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import spacy

from storyweave.facts.fast_maxout import speed_up_layernorm, speed_up_maxout
from storyweave.settings import load as load_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_same_vectors_as_thinc():
    nlp = spacy.load(load_settings().spacy_model)  # a private copy: the patch changes the model in place
    with (DATA / "clustering" / "ecbplus-dev.jsonl").open() as lines:
        texts = [json.loads(next(lines))["text"] for _ in range(12)] + ["", "One.", "  \n\n  "]
    docs = [nlp.make_doc(t) for t in texts]
    encoders = [
        nlp.get_pipe("tok2vec").model,
        nlp.get_pipe("ner").model.get_ref("tok2vec"),
        nlp.get_pipe("senter").model,
    ]
    before = [encoder.predict(docs) for encoder in encoders]
    assert [speed_up_maxout(encoder) for encoder in encoders] == [5, 5, 3]
    assert [speed_up_maxout(encoder) for encoder in encoders] == [0, 0, 0]  # applied once
    assert [speed_up_layernorm(encoder) for encoder in encoders] == [5, 5, 3]
    assert [speed_up_layernorm(encoder) for encoder in encoders] == [0, 0, 0]
    for encoder, old in zip(encoders, before):
        new = encoder.predict(docs)
        assert len(new) == len(old)
        for a, b in zip(old, new):
            assert a.shape == b.shape and numpy.array_equal(a, b)
