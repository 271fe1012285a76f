"""A learned cue detector: which parsed tokens head an attribution cue.

The cue lexicon of ``quotes_cues`` finds the common reporting verbs, but most of
the recall it misses is a long tail no lexicon lists: "seems", "is expected",
"called for", "was critical of", "his claim that". A logistic regression over
the token's own words, its dependency neighbourhood and its complements
("has a ccomp", "has a subject that is a person"), the word of a light verb's
complement ("made a *call* for", "is *critical* of") and the head's lemma reads
that tail from PolNeAR train/ (hold-out cue-head F1 at threshold 0.4: 80.4
without the complement, subject-word and head-lemma features, 80.9 with them).
The weights ship as a JSON file (feature -> weight) so scoring is a dictionary
lookup per feature, with no scikit-learn at run time;
``bench/train_attribution.py`` rebuilds the file from train/ deterministically.

The cue model only decides which tokens are cues; what the cue's source and
content are stays with the dependency rules (``quotes_cues``). A second small
model, the attribution filter (``FilterModel``, ``bench/train_filter.py``),
judges each finished attribution from ``attribution_features`` and drops the
unlikely ones: on a PolNeAR train/ hold-out (every fifth text, cue model fitted
without it) content/source overlap F1 85.8/74.2 -> 86.3/74.8 when it was introduced,
86.2/75.8 -> 86.5/76.5 with the present cue model and rules. A third, the
source extent model (``SourceModel``), decides how much of the phrase around a
source's head is the mention: PolNeAR keeps an apposition or a relative clause
in one sentence and leaves it out in the next, and no single rule fits both
(5-fold CV on train/, unfiltered source overlap F1: clause rule 74.9, model 75.1;
the hold-out fifth with the filter: 74.8 -> 75.8 together with the source rules;
refitted with the present cue model: clause rule 77.1, model 77.4).
"""

from __future__ import annotations

import json
import math
from itertools import repeat
from functools import lru_cache
from pathlib import Path

from .doc_columns import DocColumns

__all__ = [
    "CANDIDATE_POS", "FILTER_PATH", "SOURCE_FILTERED", "SOURCE_PATH", "MODEL_PATH", "CueModel", "FilterModel", "SourceModel",
    "attribution_features", "cue_features_at", "is_candidate_at", "load_cue_model", "load_filter_model", "load_source_model",
    "source_children", "source_child_features",
]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "attribution.json"
# Parts of speech that can head a cue: verbs, nouns ("claim that"), adjectives
# ("critical of"), and "according" (tagged VERB or ADP).
CANDIDATE_POS = frozenset("VERB AUX NOUN ADJ".split())


# Complements whose word says what kind of attitude a light verb reports.
_COMPLEMENT_DEPS = frozenset("dobj attr acomp xcomp ccomp oprd".split())


def is_candidate_at(cols: DocColumns, i: int) -> bool:
    """Whether token ``i`` can head a cue (CANDIDATE_POS or "according"), read from the doc's columns."""
    names = cols.names
    return bool(cols.dep[i]) and (names[cols.pos[i]] in CANDIDATE_POS or names[cols.lower[i]] == "according")


def _score(weights: dict[str, float], feats: list[str]) -> float:
    """The summed weights of ``feats`` in order (unknown features weigh 0), without a generator frame per feature."""
    return sum(map(weights.get, feats, repeat(0.0)))


def _probability(weights: dict[str, float], feats: list[str]) -> float:
    """The logistic of the summed weights, clipped so that exp never overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, _score(weights, feats)))))


def _read_model(path: Path) -> dict | None:
    """A shipped model's JSON, or None when the file is absent."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def cue_features_at(cols: DocColumns, i: int, in_quote: bool, lexicon_class: str) -> list[str]:
    """String features of token ``i``: itself, its head, its children, its neighbours, from the doc's
    columns (built once per doc by the caller: the cue scorer reads about twenty attributes of each
    of ~100 candidates per article)."""
    names, lowered = cols.names, cols.lowered
    lemma = lowered[cols.lemma[i]]
    head = cols.head[i]
    dep, tag, head_lemma = names[cols.dep[i]], names[cols.tag[i]], lowered[cols.lemma[head]]
    feats = [
        "b",
        f"l={lemma}",
        f"p={names[cols.pos[i]]}",
        f"t={tag}",
        f"d={dep}",
        f"ld={lemma}|{dep}",
        f"lt={lemma}|{tag}",
        f"hl={head_lemma}",
        f"hp={names[cols.pos[head]]}|{dep}",
        f"hld={head_lemma}|{dep}",
        f"hhd={names[cols.dep[head]]}|{dep}",
        f"lex={lexicon_class}",
        f"lexd={lexicon_class}|{dep}",
        f"q={in_quote}",
        f"pw={names[cols.lower[i - 1]] if i > 0 else '<s>'}",
        f"nw={names[cols.lower[i + 1]] if i + 1 < len(cols) else '</s>'}",
    ]
    deps = set()
    for c in cols.children(i):
        child_dep = names[cols.dep[c]]
        deps.add(child_dep)
        if child_dep in _COMPLEMENT_DEPS:
            # the light verb's object or the adjective names the attitude: "made a call for", "is critical of"
            child = lowered[cols.lemma[c]]
            feats += [f"o={child_dep}|{child}", f"lo={lemma}|{child}"]
        elif child_dep == "prep":
            word = names[cols.lower[c]]
            feats.append(f"pr={lemma}|{word}")
            feats += [
                f"pg={word}|{names[cols.ent[g]] or names[cols.pos[g]]}"
                for g in cols.children(c)
                if names[cols.dep[g]] in ("pobj", "pcomp")
            ]
        elif child_dep in ("nsubj", "nsubjpass", "poss", "agent"):
            pos = names[cols.pos[c]]
            kind = names[cols.ent[c]] or pos
            feats += [f"s={child_dep}|{kind}", f"sl={lemma}|{kind}", f"sw={names[cols.lower[c]] if pos == 'PRON' else kind}"]
        elif child_dep in ("aux", "auxpass", "neg") and names[cols.lower[c]] in ("will", "would", "not", "n't", "to", "is", "was"):
            feats.append(f"a={names[cols.lower[c]]}")
    for d in deps:
        feats.append(f"c={d}")
        feats.append(f"lc={lemma}|{d}")
        feats.append(f"lexc={lexicon_class}|{d}")
    return feats


class CueModel:
    """Logistic weights over ``cue_features_at`` with the decision threshold chosen on a train hold-out."""

    def __init__(self, weights: dict[str, float], threshold: float, veto: float = 0.0, lemmas: frozenset = frozenset()):
        self.weights = weights
        self.lemmas = lemmas  # lemmas that head a cue somewhere in train/: only these are scored (speed)
        self.threshold = threshold  # a token outside the lexicon at or above it is a cue
        self.veto = veto  # a lexicon verb below it is not

    def probability(self, feats: list[str]) -> float:
        return _probability(self.weights, feats)

    def probability_at(self, cols: DocColumns, i: int, lexicon_class: str) -> float:
        """The probability that token ``i`` heads a cue (outside any quotation)."""
        return self.probability(cue_features_at(cols, i, False, lexicon_class))

    def to_json(self) -> str:
        data = {"threshold": self.threshold, "veto": self.veto, "lemmas": sorted(self.lemmas), "weights": self.weights}
        return json.dumps(data, sort_keys=True, indent=0)


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the file is absent (the rules then work alone)."""
    data = _read_model(MODEL_PATH)
    return None if data is None else CueModel(data["weights"], data["threshold"], data["veto"], frozenset(data["lemmas"]))


# ------------------------------------------------------------------ the attribution filter

FILTER_PATH = Path(__file__).resolve().parent / "models" / "attribution_filter.json"
# Cue classes whose sources the filter may drop: they never become quotes' speakers.
SOURCE_FILTERED = frozenset(("stance", "evidence"))
_PRONOUNS = frozenset("i you he she it we they who which that this these those one".split())


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16-31" if n < 32 else "32+"


def attribution_features(doc, text: str, att) -> list[str]:
    """String features of one assembled attribution (``quotes.Attributed``): how it was
    found, its cue, its source phrase and its content, and how they sit in the sentence.

    The cue rules and the cue model decide *whether* a token is a cue; these
    features let a second logistic model judge the finished attribution (is this
    the speaker PolNeAR would mark? is this the content?), which reads what no
    single token shows: a relative pronoun as source, a content of one word, a
    source after its cue. ``text`` is ``doc.text``, which spaCy rebuilds on every access."""
    cue_span = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    cue = cue_span.root if cue_span is not None and len(cue_span) else doc[0]
    lemma = cue.lemma_.lower() if att.cue_text != ":" else ":"
    via = att.via
    feats = ["b", f"via={via}", f"cls={att.cue_class}", f"l={lemma}", f"lv={lemma}|{via}",
             f"cd={cue.dep_}", f"ct={cue.tag_}", f"chp={cue.head.pos_}", f"cls_d={att.cue_class}|{cue.dep_}",
             f"lis={att.listener is not None}"]
    if att.source is None:
        feats.append("src=none")
    else:
        a, b = att.source
        words = text[a:b].split()
        src = doc.char_span(a, b, alignment_mode="expand")
        head = src.root if src is not None and len(src) else cue
        first = words[0].lower() if words else ""
        feats += [
            f"sn={_bucket(len(words))}", f"sp={head.pos_}", f"se={head.ent_type_ or '-'}", f"sd={head.dep_}",
            f"spron={first if len(words) == 1 and first in _PRONOUNS else '-'}",
            f"sside={'before' if b <= att.cue[0] else 'after' if a >= att.cue[1] else 'over'}",
            f"sdist={_bucket(abs(head.i - cue.i))}",
            f"scap={words[0][:1].isupper() if words else False}",
            f"sv={via}|{head.pos_}", f"sl={lemma}|{head.pos_}",
        ]
    n = sum(len(text[a:b].split()) for a, b in att.content)
    quoted = sum(q.inner[1] - q.inner[0] for q in att.quoted)
    chars = sum(b - a for a, b in att.content) or 1
    start = min(a for a, _ in att.content) if att.content else att.cue[0]
    feats += [
        f"cn={_bucket(n)}", f"cfrag={min(len(att.content), 3)}", f"cq={round(4 * min(quoted / chars, 1.0))}",
        f"cside={'after' if start >= att.cue[1] else 'before'}", f"cnl={_bucket(n)}|{via}",
        f"cnl2={_bucket(n)}|{att.cue_class}",
    ]
    return feats


class FilterModel:
    """Logistic models over ``attribution_features``: ``keep`` an attribution when its content
    is likely PolNeAR content, and ``keep_source`` of a stance or evidence attribution
    ("X supports Y", "a poll shows ...") when its source is likely the one PolNeAR marks.
    Speech and belief sources are never dropped: they become the speakers of quotes, and
    dropping the ones the model doubted cost the seed quotes their speakers."""

    def __init__(self, weights: dict[str, float], threshold: float, source_weights=None, source_threshold: float = 0.0):
        self.weights, self.threshold = weights, threshold
        self.source_weights, self.source_threshold = source_weights or {}, source_threshold

    def keep(self, feats: list[str]) -> bool:
        return _probability(self.weights, feats) >= self.threshold

    def keep_source(self, feats: list[str]) -> bool:
        return _probability(self.source_weights, feats) >= self.source_threshold

    def to_json(self) -> str:
        data = {
            "weights": self.weights, "threshold": self.threshold,
            "source_weights": self.source_weights, "source_threshold": self.source_threshold,
        }
        return json.dumps(data, sort_keys=True, indent=0)


@lru_cache(maxsize=1)
def load_filter_model() -> FilterModel | None:
    """The shipped attribution filter, or None when the file is absent (everything is kept)."""
    data = _read_model(FILTER_PATH)
    if data is None:
        return None
    return FilterModel(data["weights"], data["threshold"], data.get("source_weights"), data.get("source_threshold", 0.0))


# ------------------------------------------------------------------ the source extent model

SOURCE_PATH = Path(__file__).resolve().parent / "models" / "attribution_source.json"


def source_children(head):
    """The right children of a source head in order, each with the dependencies of the
    non-punctuation children around it (a comma after an apposition is not one after a
    name, nor one before a relative clause)."""
    rights = list(head.rights)
    deps = [c.dep_ for c in rights]
    prev = "-"
    for k, child in enumerate(rights):
        following = next((d for d in deps[k + 1 :] if d != "punct"), "-")
        yield child, f"{prev}>{following}"
        if child.dep_ != "punct":
            prev = child.dep_


def source_child_features(head, child, around: str, cue_lemmas: frozenset) -> list[str]:
    """String features of one right child of a source head: is it part of the mention?
    Its dependency ("appos", "relcl", "acl", "prep", "punct"), size, whether it holds a
    verb or a cue of its own ("Graham, who says ..., tweeted"), the relative word, the
    punctuation mark, and what follows the child."""
    sub = list(child.subtree)
    doc = head.doc
    nxt = doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(doc) else None
    nxt_dep = nxt.dep_ if nxt is not None else "</s>"
    n = _bucket(len(sub))
    feats = [
        "b", f"d={child.dep_}", f"dp={child.dep_}|{child.pos_}", f"n={n}", f"dn={child.dep_}|{n}",
        f"hp={head.pos_}", f"he={head.ent_type_ or '-'}", f"hd={head.dep_}", f"ar={around}",
        f"dprev={child.dep_}|{around}", f"nxt={nxt_dep}", f"nxtp={nxt.pos_ if nxt is not None else '</s>'}",
        f"cue={any(t.pos_ in ('VERB', 'AUX') and t.lemma_.lower() in cue_lemmas for t in sub)}",
        f"verb={any(t.pos_ in ('VERB', 'AUX') for t in sub)}",
        f"side={'before' if head.i < head.head.i else 'after'}",
    ]
    if child.dep_ == "relcl":
        feats.append(f"rel={sub[0].lower_ if sub[0].tag_ in ('WP', 'WDT', 'WP$') else '-'}")
    elif child.dep_ == "punct":
        feats += [f"pt={child.text}", f"ptd={child.text}|{around}|{nxt_dep}"]
    elif child.dep_ == "prep":
        feats.append(f"pw={child.lower_}")
    return feats


class SourceModel:
    """Logistic weights over ``source_child_features``: a right child of a source head at or
    above ``threshold`` is part of the mention; the mention ends before the first one below."""

    def __init__(self, weights: dict[str, float], threshold: float):
        self.weights, self.threshold = weights, threshold

    def keep(self, feats: list[str]) -> bool:
        return _probability(self.weights, feats) >= self.threshold

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "threshold": self.threshold}, sort_keys=True, indent=0)


@lru_cache(maxsize=1)
def load_source_model() -> SourceModel | None:
    """The shipped source extent model, or None when the file is absent (a fixed rule then cuts clauses)."""
    data = _read_model(SOURCE_PATH)
    return None if data is None else SourceModel(data["weights"], data["threshold"])
