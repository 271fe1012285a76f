"""Inference-only forward passes for thinc's Maxout and LayerNorm layers: the same numbers, cheaper.

The two tok2vec encoders of the English model (the shared one and the NER's own)
are five Maxout layers each, and after the matrix product thinc picks each
unit's best piece with a Cython loop that also records which piece won (for
training): on this machine that loop cost 0.7 ms per 600-word article and
layer, 3.6 ms per encoder. Laying the weight rows out piece by piece instead of
unit by unit makes each piece a contiguous block of columns, so the best piece
is two vectorised ``numpy.maximum`` calls (0.16 ms per layer). Every output
value is computed by the same BLAS product and bias addition as thinc's, so the
result is bit for bit the same (tests/test_fast_maxout.py checks it).

Each Maxout is followed by a LayerNorm, whose thinc forward pass allocates four
temporaries the size of its input (``X - mu`` twice, once inside ``X.var``,
then the scaled, shifted copies) for the backward pass it never gets at
inference. Here the centred input is computed once and scaled, multiplied and
shifted in place, and the variance is summed from it: the same operations in
the same order, so again the same bits (float32 division by the width rounds
as numpy's variance does), for a quarter less time per layer.
"""

from __future__ import annotations

from functools import partial

import numpy
from thinc.api import NumpyOps

__all__ = ["speed_up_layernorm", "speed_up_maxout"]


def speed_up_maxout(model) -> int:
    """Give every Maxout layer under ``model`` the fast forward pass; returns how many changed."""
    return _swap_forward(model, "maxout", _forward)


def speed_up_layernorm(model) -> int:
    """Give every LayerNorm layer under ``model`` the in-place forward pass; returns how many changed."""
    return _swap_forward(model, "layernorm", _layernorm_forward)


def _swap_forward(model, name: str, forward) -> int:
    """Wrap the forward function of every ``name`` layer once (a wrapped one is a ``partial``)."""
    changed = 0
    for node in model.walk():
        if node.name == name and not isinstance(node._func, partial):
            node._func = partial(forward, original=node._func)
            changed += 1
    return changed


def _layernorm_forward(model, X, is_train: bool, *, original):
    if is_train or not isinstance(model.ops, NumpyOps) or X.dtype != numpy.float32 or X.ndim != 2:
        return original(model, X, is_train)
    Y = X - X.mean(axis=1, keepdims=True)
    var = numpy.square(Y).sum(axis=1, keepdims=True)
    var /= X.shape[1]
    var += 1e-08  # thinc's epsilon
    Y *= var ** (-1.0 / 2.0)
    Y *= model.get_param("G")
    Y += model.get_param("b")
    return Y, _inference_only


def _forward(model, X, is_train: bool, *, original):
    n_out, n_pieces, n_in = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    if is_train or n_pieces < 2 or not isinstance(model.ops, NumpyOps) or X.dtype != numpy.float32:
        return original(model, X, is_train)
    # (nO, nP, nI) -> (nP * nO, nI): the rows of piece p are columns p*nO..(p+1)*nO of the product
    weights = numpy.ascontiguousarray(model.get_param("W").transpose(1, 0, 2)).reshape(n_pieces * n_out, n_in)
    scores = model.ops.gemm(X, weights, trans2=True)
    scores += model.get_param("b").T.reshape(n_pieces * n_out)
    best = numpy.maximum(scores[:, :n_out], scores[:, n_out : 2 * n_out])
    for piece in range(2, n_pieces):
        numpy.maximum(best, scores[:, piece * n_out : (piece + 1) * n_out], out=best)
    return best, _inference_only


def _inference_only(_):
    raise NotImplementedError("the fast forward passes are for inference; train with thinc's own")
