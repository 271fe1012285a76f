"""The encoders' token embeddings looked up once per distinct token instead of computed per token.

Each encoder of the English model (the shared tok2vec, the NER's own, the
senter's) starts with the same block: a token's attributes (norm, prefix,
suffix, shape, and for some whitespace flags) are hashed into four to six
tables, the rows concatenated, then mixed by a Maxout layer and a LayerNorm.
That block reads nothing but the token's own attributes, so its output is a
function of those few integers, and a news stream repeats the same words all
the time. Here the block's output is kept per distinct attribute row: a new
row is computed by the block's own layers (all new rows of a batch in one
product), a known one is copied from a table. The mixing Maxout was a quarter
of each encoder's products and the hashing a few percent more: the two
encoders on the facts stage's path went from 17.5 and 16.2 to 11.6 and 9.5 ms
CPU per 600-word ECB+ dev article (/tmp per-component timer, load 9).

A table row holds the numbers the block computed when the token was first
seen, in a batch of other rows. OpenBLAS's sums for a row depend a little on
where the row falls in the product's blocks, so a row may differ from a fresh
computation in the last bits (up to 4e-6 here), as it already does from one
batch to another; the facts came out the same on the seeds, the sample corpus,
PolNeAR dev and ECB+ dev (596 articles, every figure, quote, actor and
statement compared).
"""

from __future__ import annotations

from functools import partial
from itertools import repeat

import numpy

__all__ = ["cache_embeddings"]

# Distinct tokens kept per encoder before its table is emptied: 2**17 rows of 96 float32 are 48 MB
# per encoder and process. On PolNeAR train (840 articles in order) 15 of 100 words were new keys
# in the first 100 articles, 3 after 500, and the table held 36k keys at the end.
_MAX_KEYS = 2**17


def cache_embeddings(model) -> int:
    """Give every embedding block under ``model`` a table of the rows it computed; returns how many changed."""
    changed = 0
    for node in model.walk():
        if _is_embedding_block(node) and not isinstance(node._func, partial):
            node._func = partial(_cached_forward, original=node._func, table=_Table())
            changed += 1
    return changed


def _is_embedding_block(node) -> bool:
    """extract_features >> list2ragged >> with_array(hash tables) >> with_array(mixing) >> ragged2list."""
    names = [layer.name for layer in node.layers]
    return len(names) == 5 and names[:2] == ["extract_features", "list2ragged"] and names[4] == "ragged2list"


class _Table:
    """Rows computed so far: a dict from a token's attribute bytes to its row in ``vectors``."""

    def __init__(self):
        self.index: dict[bytes, int] = {}
        self.vectors = numpy.empty((0, 0), dtype="float32")  # rows past len(index) are unused capacity

    def lookup(self, features: numpy.ndarray, compute) -> numpy.ndarray:
        """The vectors of ``features`` (one token per row), computing the ones not seen with ``compute``."""
        rows = self.rows(features, compute)  # first: it may grow the table
        return self.vectors[rows]

    def rows(self, features: numpy.ndarray, compute) -> numpy.ndarray:
        """The table rows of ``features`` (one token per row), computing the ones not seen with ``compute``."""
        if len(self.index) + len(features) > _MAX_KEYS:
            self.index.clear()
        keys = numpy.ascontiguousarray(features).view(f"V{features.shape[1] * features.itemsize}").ravel().tolist()
        rows = numpy.fromiter(map(self.index.get, keys, repeat(-1)), numpy.intp, len(keys))
        missed = numpy.flatnonzero(rows < 0).tolist()  # a few percent of a batch: only these are looped over
        if missed:
            new: dict[bytes, int] = {}
            for position in missed:
                new.setdefault(keys[position], position)
            self._add(new, compute(features[list(new.values())]))
            rows[missed] = [self.index[keys[position]] for position in missed]
        return rows

    def _add(self, new: dict[bytes, int], vectors: numpy.ndarray) -> None:
        start = len(self.index)
        if start + len(vectors) > len(self.vectors):
            size = max(min(2 * len(self.vectors), _MAX_KEYS), start + len(vectors), 4096)
            grown = numpy.empty((size, vectors.shape[1]), "float32")
            grown[:start] = self.vectors[:start] if start else 0
            self.vectors = grown
        self.vectors[start : start + len(vectors)] = vectors
        self.index.update(zip(new, range(start, start + len(vectors))))


def _cached_forward(model, docs, is_train: bool, *, original, table: _Table):
    if is_train:
        return original(model, docs, is_train)
    features = model.layers[0].predict(docs)
    lengths = [len(f) for f in features]
    if not sum(lengths):
        return original(model, docs, is_train)
    vectors = table.lookup(numpy.concatenate(features), partial(_compute, model))
    return numpy.split(vectors, numpy.cumsum(lengths)[:-1]), _inference_only


def embedding_rows(block, docs) -> tuple[_Table, list[int], numpy.ndarray] | None:
    """For a block ``cache_embeddings`` changed: its table, the docs' lengths and their tokens'
    rows in the table (new tokens computed and added); None for any other block."""
    if not (isinstance(block._func, partial) and block._func.func is _cached_forward):
        return None
    features = block.layers[0].predict(docs)
    lengths = [len(f) for f in features]
    if not sum(lengths):
        return None
    table = block._func.keywords["table"]
    return table, lengths, table.rows(numpy.concatenate(features), partial(_compute, block))


def _compute(block, features: numpy.ndarray) -> numpy.ndarray:
    """The block's own layers on rows of token features: hash tables, then the mixing layers."""
    return block.layers[3].layers[0].predict(block.layers[2].layers[0].predict(features))


def _inference_only(_):
    raise NotImplementedError("the cached embeddings are for inference; train with thinc's own forward pass")
