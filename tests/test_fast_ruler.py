"""FastAttributeRuler must give the model's attribute_ruler output token for token."""

from __future__ import annotations

from pathlib import Path

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from storyweave.facts.fast_ruler import FastAttributeRuler
from storyweave.nlp import load_nlp

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def test_same_annotation_as_the_model_ruler():
    nlp = load_nlp()
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("I'd say y'all ain't gonna get it, let's see; there's nothing he's doin' about it.")
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    attrs = [POS, TAG, LEMMA, MORPH, DEP, HEAD]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        a, b = Doc(nlp.vocab).from_bytes(doc.to_bytes()), Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert (ruler(a).to_array(attrs) == fast(b).to_array(attrs)).all()
