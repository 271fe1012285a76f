"""The model's matrix products on numpy's OpenBLAS, one thread per process, instead of thinc's blis.

Matrix products are most of the facts stage's cost: the Maxout layers of the
two encoders, the parser's and NER's precomputed hidden layers. thinc computes
them with blis, which on this CPU (AMD EPYC, AVX2) reaches about 52 GFLOP/s on
the encoders' (2800 x 288) x (288 x 288) products where numpy's OpenBLAS
reaches about 72 (/tmp micro-benchmark, one thread each, load 8). thinc's own
``NumpyOps(use_blis=False)`` sends ``ops.gemm`` to numpy, so every layer of the
pipeline gets that ops object. The transition loops of the parser and the NER
keep blis (their small per-step products are inside spaCy's compiled code).

The numbers are not blis's bit for bit (sums run in another order), so the
products run on one thread: the summation order, and so the output, is then the
same on every machine and in every process, and the stage's worker processes
(one per CPU) do not compete with BLAS threads of their own.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import lru_cache

from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread", "use_numpy_blas"]

_NUMPY_OPS = NumpyOps(use_blis=False)


def use_numpy_blas(model) -> int:
    """Give every layer under ``model`` thinc's numpy-backed CPU ops; returns how many changed."""
    changed = 0
    for node in model.walk():
        if isinstance(node.ops, NumpyOps) and node.ops is not _NUMPY_OPS:
            node.ops = _NUMPY_OPS
            changed += 1
    return changed


def one_blas_thread() -> AbstractContextManager:
    """Context in which BLAS libraries run on one thread (restored on exit)."""
    return _controller().limit(limits=1, user_api="blas")


@lru_cache(maxsize=None)
def _controller() -> ThreadpoolController:
    return ThreadpoolController()  # inspecting the loaded libraries costs milliseconds: once per process
