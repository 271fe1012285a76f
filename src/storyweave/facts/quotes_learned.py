"""A learned cue detector: which parsed tokens head an attribution cue.

The cue lexicon of ``quotes_cues`` finds the common reporting verbs, but most of
the recall it misses is a long tail no lexicon lists: "seems", "is expected",
"called for", "was critical of", "his claim that". A logistic regression over
the token's own words, its dependency neighbourhood and its complements
("has a ccomp", "has a subject that is a person") reads that tail from PolNeAR
train/. The weights ship as a small JSON file (feature -> weight) so scoring is
a dictionary lookup per feature, with no scikit-learn at run time;
``bench/train_attribution.py`` rebuilds the file from train/ deterministically.

``cue_probability`` is the only decision the model makes; what the cue's source
and content are stays with the dependency rules (``quotes_cues``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

__all__ = ["CANDIDATE_POS", "MODEL_PATH", "CueModel", "cue_features", "is_candidate", "load_cue_model"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "attribution.json"
# Parts of speech that can head a cue: verbs, nouns ("claim that"), adjectives
# ("critical of"), and "according" (tagged VERB or ADP).
CANDIDATE_POS = frozenset("VERB AUX NOUN ADJ".split())


def is_candidate(tok) -> bool:
    return bool(tok.dep_) and (tok.pos_ in CANDIDATE_POS or tok.lower_ == "according")


def cue_features(tok, in_quote: bool, lexicon_class: str) -> list[str]:
    """String features of one token: itself, its head, its children, its neighbours."""
    lemma = tok.lemma_.lower()
    head = tok.head
    doc = tok.doc
    feats = [
        "b",
        f"l={lemma}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"ld={lemma}|{tok.dep_}",
        f"lt={lemma}|{tok.tag_}",
        f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}|{tok.dep_}",
        f"lex={lexicon_class}",
        f"lexd={lexicon_class}|{tok.dep_}",
        f"q={in_quote}",
        f"pw={doc[tok.i - 1].lower_ if tok.i > 0 else '<s>'}",
        f"nw={doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else '</s>'}",
    ]
    deps = set()
    for c in tok.children:
        deps.add(c.dep_)
        if c.dep_ == "prep":
            feats.append(f"pr={lemma}|{c.lower_}")
        elif c.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            feats.append(f"s={c.dep_}|{c.ent_type_ or c.pos_}")
        elif c.dep_ in ("aux", "auxpass", "neg") and c.lower_ in ("will", "would", "not", "n't", "to", "is", "was"):
            feats.append(f"a={c.lower_}")
    for d in deps:
        feats.append(f"c={d}")
        feats.append(f"lc={lemma}|{d}")
        feats.append(f"lexc={lexicon_class}|{d}")
    return feats


class CueModel:
    """Logistic weights over ``cue_features`` with the decision threshold chosen on a train hold-out."""

    def __init__(self, weights: dict[str, float], threshold: float, veto: float = 0.0, lemmas: frozenset = frozenset()):
        self.weights = weights
        self.lemmas = lemmas  # lemmas that head a cue somewhere in train/: only these are scored (speed)
        self.threshold = threshold  # a token outside the lexicon at or above it is a cue
        self.veto = veto  # a lexicon verb below it is not

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        data = {"threshold": self.threshold, "veto": self.veto, "lemmas": sorted(self.lemmas), "weights": self.weights}
        return json.dumps(data, sort_keys=True, indent=0)


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the file is absent (the rules then work alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["threshold"], data["veto"], frozenset(data["lemmas"]))
