"""FastAttributeRuler and FastLemmatizer must give the model's own output token for token."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from storyweave.facts.fast_ruler import FastAttributeRuler, FastLemmatizer
from storyweave.nlp import load_nlp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ATTRS = [POS, TAG, LEMMA, MORPH, DEP, HEAD]


def _texts() -> list[str]:
    texts = [p.read_text() for p in sorted((DATA / "seeds").glob("*.txt"))]
    with (DATA / "clustering" / "ecbplus-dev.jsonl").open() as lines:
        texts += [json.loads(next(lines))["text"] for _ in range(15)]
    texts.append("I'd say y'all ain't gonna get it, let's see; there's nothing he's doin' about it.")
    texts.append("C'mon, you gotta admit it: did you do it?  Nothin' but   spaces \n\n and it's there.")
    return texts


def _copy(doc) -> Doc:
    return Doc(doc.vocab).from_bytes(doc.to_bytes())


def test_same_annotation_as_the_model_ruler_and_lemmatizer():
    nlp = load_nlp()
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast_ruler, fast_lemmatizer = FastAttributeRuler(ruler), FastLemmatizer(lemmatizer)
    for _ in range(2):  # the second round answers from the caches
        for doc in nlp.pipe(_texts(), disable=["attribute_ruler", "lemmatizer", "ner"]):
            a, b = _copy(doc), _copy(doc)
            assert (ruler(a).to_array(ATTRS) == fast_ruler(b).to_array(ATTRS)).all()
            assert (lemmatizer(a).to_array(ATTRS) == fast_lemmatizer(b).to_array(ATTRS)).all()
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
