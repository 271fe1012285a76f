"""Each encoder's first window layer computed once per distinct token of a batch instead of once per token.

After the embedding block, an encoder of the English model runs residual layers
whose Maxout reads a window of three tokens, ``[x(i-1), x(i), x(i+1)]``, with a
(288 x 288) product per token. For the first of those layers the inputs are the
embeddings, which ``fast_embed`` keeps per distinct token, and a product with a
window is the sum of three products with its parts: ``W . [a; b; c] =
W0 . a + W1 . b + W2 . c``. So the three parts are multiplied once per distinct
token of the batch and each token's window sums three rows of that. A batch of
four PolNeAR articles has 29 distinct tokens per 100, so the layer's product
shrinks to under a third. The rest of the layer (bias, best piece, LayerNorm,
residual sum) and the following layers are the model's own, on the same padded
layout thinc's ``with_array`` builds (zero rows before, between and after the
docs).

The sums run in another order than one product over the window, so the vectors
differ from thinc's in the last bits (tests/test_fast_window.py bounds it); the
facts came out the same (see ``storyweave.facts.pipeline``).
"""

from __future__ import annotations

from functools import partial

import numpy
from thinc.api import NumpyOps

from .fast_embed import embedding_rows

__all__ = ["speed_up_first_window"]

_PAD = -1  # row id of the zero rows thinc's with_array puts around each doc


def speed_up_first_window(model) -> int:
    """Give every encoder under ``model`` (embedding block, then window layers) the per-distinct-token
    first layer; returns how many changed. Only encoders whose embedding block has a table gain."""
    changed = 0
    for node in model.walk():
        if _is_encoder(node) and not isinstance(node._func, partial):
            node._func = partial(_forward, original=node._func)
            changed += 1
    return changed


def _is_encoder(node) -> bool:
    if len(node.layers) != 2 or not node.layers[1].name.startswith("with_array(residual(expand_window>>maxout"):
        return False
    leaves = _leaves(node.layers[1].layers[0].layers[0])  # with_array > chain of residuals > first residual
    names = [layer.name for layer in leaves]
    return names == ["expand_window", "maxout", "layernorm", "dropout"] and leaves[0].attrs["window_size"] == 1


def _leaves(model) -> list:
    """The layers without sublayers under ``model``, in the order they run (thinc nests chains)."""
    return [leaf for layer in model.layers for leaf in _leaves(layer)] if model.layers else [model]


def _forward(model, docs, is_train: bool, *, original):
    embed, encode = model.layers
    found = None if is_train or not isinstance(encode.ops, NumpyOps) else embedding_rows(embed, docs)
    if found is None:
        return original(model, docs, is_train)
    table, lengths, rows = found
    pad = encode.attrs["pad"]
    layers = encode.layers[0].layers
    # the padded layout of with_array: pad zero rows before each non-empty doc and after the last
    padded = numpy.full(sum(lengths) + pad * (1 + sum(1 for n in lengths if n)), _PAD, dtype=numpy.intp)
    position, start = pad, 0
    for n in lengths:
        if n:
            padded[position : position + n] = rows[start : start + n]
            position, start = position + n + pad, start + n
    ids, inverse = numpy.unique(padded, return_inverse=True)  # ids[0] is _PAD: every layout has pad rows
    vectors = table.vectors[ids]
    vectors[0] = 0
    X = vectors[inverse]
    Y = X + _first_layer(_leaves(layers[0]), vectors, inverse)
    for layer in layers[1:]:
        Y = layer.predict(Y)
    return encode.ops.unflatten(Y, numpy.asarray(lengths), pad=pad), _inference_only


def _first_layer(layers, vectors: numpy.ndarray, inverse: numpy.ndarray) -> numpy.ndarray:
    """LayerNorm(Maxout(window of three)) for every row, from the distinct rows ``vectors``
    (row 0 the zero row) and each row's index ``inverse`` into them."""
    _, maxout, layernorm, _ = layers
    n_out, n_pieces, n_in = maxout.get_dim("nO"), maxout.get_dim("nP"), vectors.shape[1]
    width = n_out * n_pieces
    # (nO, nP, 3 * nI) -> per window part, piece-major rows: (3, nP * nO, nI)
    weights = maxout.get_param("W").transpose(1, 0, 2).reshape(width, 3, n_in).transpose(1, 0, 2)
    parts = maxout.ops.gemm(vectors, numpy.ascontiguousarray(weights.reshape(3 * width, n_in)), trans2=True)
    parts = parts.reshape(len(vectors), 3, width)
    before = numpy.concatenate(([0], inverse[:-1]))  # outside the layout: the zero row
    after = numpy.concatenate((inverse[1:], [0]))
    scores = parts[before, 0]
    scores += parts[inverse, 1]
    scores += parts[after, 2]
    scores += maxout.get_param("b").T.reshape(width)
    best = numpy.maximum(scores[:, :n_out], scores[:, n_out : 2 * n_out])
    for piece in range(2, n_pieces):
        numpy.maximum(best, scores[:, piece * n_out : (piece + 1) * n_out], out=best)
    return layernorm.predict(best)


def _inference_only(_):
    raise NotImplementedError("the per-token first window layer is for inference; train with thinc's own")
