"""The array reads of the facts stage give what Token and Span objects give.

``doc_columns`` (cue scoring) and ``figures_measures.tokens`` (figure windows)
read token attributes from ``Doc.to_array`` instead of Token objects, for
speed; the facts must not change, so each read is compared with the object
API on articles the stage analysed for real (selective parse: some sentences
carry no dependency labels, which the columns must mirror too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.facts.doc_columns import DocColumns
from storyweave.facts.figures_measures import _WINDOW, tokens
from storyweave.facts.pipeline import analyse

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def analysed():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS[:2]]
    texts.append('"We will not back down," the minister said on Friday.\n\nPrices rose 4.5% to $1.2 billion in May.')
    return [(text, analyse(text)) for text in texts]


def test_columns_read_as_tokens(analysed):
    checked = 0
    for _, doc in analysed:
        cols = DocColumns(doc)
        names, lowered = cols.names, cols.lowered
        assert len(cols) == len(doc)
        for tok in doc:
            i = tok.i
            assert lowered[cols.lemma[i]] == tok.lemma_.lower()
            assert (names[cols.pos[i]], names[cols.tag[i]], names[cols.dep[i]]) == (tok.pos_, tok.tag_, tok.dep_)
            assert (names[cols.lower[i]], names[cols.ent[i]]) == (tok.lower_, tok.ent_type_)
            assert cols.head[i] == tok.head.i
            assert cols.children(i) == [c.i for c in tok.children]
            checked += bool(tok.dep_)
    assert checked > 100  # the parsed part of the docs was compared, not only unlabelled tokens


def test_figure_windows_match_char_span(analysed):
    for text, doc in analysed:
        # windows that open at the text's start, inside a word, at a word's trailing space and
        # just after it, and that run to the end
        spaces = [i for i, c in enumerate(text) if c == " " and i > _WINDOW][:2]
        spans = [(0, 1), (len(text) // 3, len(text) // 3 + 5), (len(text) - 2, len(text))]
        spans += [(i + d + _WINDOW, i + d + _WINDOW + 1) for i in spaces for d in (0, 1)]
        for span in spans:
            got = [(t.start, t.end, t.text, t.pos, t.lemma) for t in tokens(text, [span], doc)]
            a, b = max(0, span[0] - _WINDOW), min(len(text), span[1] + _WINDOW)
            want = [(t.idx, t.idx + len(t), t.text, t.pos_ or None, t.lemma_ or t.text)
                    for t in doc.char_span(a, b, alignment_mode="expand")]
            assert got == want, span
