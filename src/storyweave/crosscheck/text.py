"""Word-level signals the aligners combine with sentence embeddings.

Embeddings alone cannot separate two sentences about the same summit from two
sentences saying the same thing: inside one story almost every pair is close.
What separates them is the words they share that the rest of the story rarely
uses ("Nippon Steel", "natural gas"), so overlap is weighted by how few
articles of the story use a word.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import numpy as np

from ..embed import get_embedder
from ..facts.modality import DENY_VERBS, NEGATIVE_PRONOUNS, REPORT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """Lowercased word tokens; "U.S." and "US" give the same token."""
    return [w.lower().replace(".", "").replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude stem: enough to join "reassuring"/"reassurance" and "plans"/"plan"."""
    return word.removesuffix("s")[:6]


def stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (stop words dropped)."""
    stop = _stop_words()
    return frozenset(stem(w) for w in words(text) if w not in stop and len(w) > 1)


def containment(short: Sequence[str], long: Sequence[str]) -> float:
    """Share of ``short``'s tokens found, in order, as a contiguous run inside ``long``."""
    if not short or len(short) > len(long):
        return 0.0
    n = len(short)
    best = 0
    for start in range(len(long)):
        k = 0
        while k < n and start + k < len(long) and long[start + k] == short[k]:
            k += 1
        best = max(best, k)
    return best / n


class Vocabulary:
    """Inverse document frequency of stems over one story's sentences.

    Sentences, not articles, are the documents: with five articles every topic
    word appears in most of them, while among 150 sentences "Nippon" is rare.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        docs = [stems(t) for t in texts]
        self.n = max(len(docs), 1)
        self.df: dict[str, int] = {}
        for d in docs:
            for s in d:
                self.df[s] = self.df.get(s, 0) + 1

    def weight(self, s: str) -> float:
        return math.log(1.0 + self.n / self.df.get(s, 1))

    def rare_shared(self, a: frozenset[str], b: frozenset[str], share: float = 0.05) -> float:
        """Summed weight of the shared stems that at most ``share`` of the sentences use.

        A shared stem is in two sentences at least (three when a rewrite repeats
        it), so small stories allow three.
        """
        limit = max(3.0, share * self.n)
        return sum(math.log(self.n / self.df[s]) for s in a & b if self.df.get(s, 0) <= limit)

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted share of the smaller side's stems that the other side has too."""
        if not a or not b:
            return 0.0
        shared = sum(self.weight(s) for s in a & b)
        return shared / min(sum(self.weight(s) for s in a), sum(self.weight(s) for s in b))


class Vectors:
    """Embeddings of a set of texts, encoded once in one batch."""

    def __init__(self, texts: Iterable[str]) -> None:
        unique = sorted({t for t in texts if t})
        matrix = get_embedder().encode(unique) if unique else np.zeros((0, 1), dtype=np.float32)
        self._index = {t: i for i, t in enumerate(unique)}
        self._matrix = matrix

    def cos(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        ia, ib = self._index.get(a), self._index.get(b)
        if ia is None or ib is None:
            return 0.0
        return float(self._matrix[ia] @ self._matrix[ib])

    def vector(self, text: str) -> np.ndarray | None:
        i = self._index.get(text)
        return None if i is None else self._matrix[i]


_NAMING = {"NOUN", "PROPN", "NUM"}


def parse(texts: Iterable[str]) -> dict[str, "Doc"]:
    """Each distinct text tagged and parsed once (no NER): the tense of statements, the nouns and
    names they are about, and the verb a prediction predicts all read the same Docs."""
    from ..nlp import load_nlp

    unique = sorted({t for t in texts if t})
    return dict(zip(unique, load_nlp(disable=("ner",)).pipe(unique, batch_size=64)))


def naming_stems(docs: Mapping[str, "Doc"]) -> dict[str, frozenset[str]]:
    """Stems of the nouns and names of each parsed text: what a sentence is *about*.

    Anchors between a prediction and its outcome must be things (LNG, Nippon
    Steel, investment, harbour), not style words ("long-standing", "reinforce")
    that a story's writers happen to share; the tagger tells them apart.
    """
    stop = _stop_words()
    return {
        text: frozenset(stem(w) for tok in doc if tok.pos_ in _NAMING for w in words(tok.text)
                        if w not in stop and len(w) > 1)  # fmt: skip
        for text, doc in docs.items()
    }


def completed(docs: Mapping[str, "Doc"]) -> dict[str, bool]:
    """Whether each parsed sentence reports a completed event: its main verb in the past or perfect.

    "Ishiba is traveling to the US on Thursday" (a trip ahead) and "Trump and
    Ishiba have come together in talks" (the meeting done) are about one event
    yet say different things; the tense of the main verb tells them apart.
    """
    out = {}
    for text, doc in docs.items():
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        # Past tense, perfect ("have come"), or a past auxiliary ("did not open", "was closed").
        out[text] = root is not None and (root.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or (c.lemma_ == "have" and root.tag_ == "VBN"))
            for c in root.children))
    return out


_DEMONSTRATIVES = {"this", "that", "these", "those"}


def refers_back(docs: Mapping[str, "Doc"]) -> dict[str, bool]:
    """Whether each parsed sentence opens with a demonstrative for its subject ("This aligns with
    ...", "This move aligns with ..."): what it is about is in the sentence before, so two such
    sentences sharing a predicate ("aligns with Trump's energy exports") may be about different
    things. Read from the position of the main verb (at most one word after the demonstrative),
    since the tagger takes "aligns" after "This" for a noun as often as for a verb."""
    out = {}
    for text, doc in docs.items():
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        out[text] = len(doc) > 0 and doc[0].lower_ in _DEMONSTRATIVES and root is not None and 0 < root.i <= 2
    return out


_LIGHT_VERBS = {"be", "have", "do"}


def negated(doc: "Doc") -> frozenset[str]:
    """Lemmas of what a parsed sentence negates or denies: the verb under a "not"/"never" or its
    nobody/nothing, the object of a negated reporting verb ("did not confirm the deaths" ->
    death), the noun under a "no" ("there is no indication"), the verb a denial verb's
    complement names and its objects ("denied that it had cut 200 jobs" -> cut, job; "denied
    reports that the hospital had closed" -> report, close).

    A sentence that negates one thing is no denial of everything else it says: "nobody was
    injured, but the fire did $1 million in damage" negates an injury, not the damage. Not
    saying is no denial either: "police did not say whether anyone was hurt", "declined to
    confirm that three people died", "refused to confirm the arrest".
    """
    out: set[str] = set()
    for tok in doc:
        low = tok.lower_
        if tok.dep_ == "neg" or low == "never" or low in NEGATIVE_PRONOUNS:
            head = tok.head
            if _reports(head):  # "did not confirm the deaths" denies the deaths, not every confirmation
                if not _withholds(head):
                    out.update(c.lemma_ for c in head.children if c.dep_ == "dobj")
            else:
                out.add(head.lemma_)
        elif low == "no" and tok.dep_ == "det":
            out.update((tok.head.lemma_, tok.head.head.lemma_))
        elif tok.lemma_ in DENY_VERBS and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp", "dobj") and not _withholds(c) and not _open_question(c):
                    out.add(c.lemma_)
                    out.update(g.lemma_ for g in c.children if g.dep_ in ("dobj", "ccomp", "acl", "relcl"))
    return frozenset(w.lower() for w in out if w.lower() not in _LIGHT_VERBS)


def _reports(verb) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_ in REPORT_VERBS


def _withholds(verb) -> bool:
    """A reporting verb that is refused ("declined to confirm the arrest") or that governs a clause
    ("did not say whether anyone was hurt") withholds what follows: it denies nothing."""
    return _reports(verb) and (verb.dep_ == "xcomp" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children))


def _open_question(clause) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)


def contradicts(denial: "Doc", report: "Doc") -> bool:
    """Whether a denied sentence says no to what a reported sentence says happened: the report
    holds a word the denial negates, and does not negate that word itself."""
    said_no = negated(denial)
    reported = {t.lemma_.lower() for t in report}
    return bool(said_no & reported) and not (said_no & negated(report))
