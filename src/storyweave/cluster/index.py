"""Approximate nearest neighbours over article vectors (faiss HNSW, fp16).

The index holds one vector per clustered article, never a story centroid:
articles are only ever added, so the graph is never edited, and a story that
drifted is still found through any of its members. Article ordinals (0, 1, 2,
... in arrival order) are faiss's own sequential labels, so no id map is kept.
A query costs O(log n): assignment does not slow down as the store grows.

faiss rather than usearch: importing usearch before onnxruntime (the embedder)
segfaults in this environment (usearch 2.26.6, onnxruntime 1.32).
"""

from __future__ import annotations

import faiss
import numpy as np

# HNSW graph degree and search breadth. faiss defaults (M 32, efSearch 16)
# lose recall on 384-d news vectors; efSearch 64 keeps a query near 1-2 ms
# with 100k stored (bench/clustering.py --scale 100000).
HNSW_M = 32
EF_SEARCH = 64


class VectorIndex:
    """Inner-product ANN index over L2-normalised vectors (so scores are cosines)."""

    def __init__(self, dim: int, index: faiss.Index | None = None) -> None:
        self.dim = dim
        if index is None:
            index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_fp16, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = EF_SEARCH
        self._index = index

    def __len__(self) -> int:
        return self._index.ntotal

    def add(self, vectors: np.ndarray) -> None:
        """Append vectors; the first gets key ``len(self)``, then consecutive keys."""
        self._index.add(np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32))

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` nearest keys with their cosine similarity, best first."""
        if self._index.ntotal == 0:
            return []
        query = np.ascontiguousarray(np.atleast_2d(vector), dtype=np.float32)
        scores, keys = self._index.search(query, min(k, self._index.ntotal))
        return [(int(key), float(score)) for key, score in zip(keys[0], scores[0]) if key >= 0]

    def to_bytes(self) -> bytes:
        return faiss.serialize_index(self._index).tobytes()

    @classmethod
    def from_bytes(cls, dim: int, body: bytes) -> "VectorIndex":
        index = faiss.deserialize_index(np.frombuffer(body, dtype=np.uint8))
        if index.d != dim:
            raise ValueError(f"cluster index has {index.d}-d vectors; the embedder gives {dim}-d")
        return cls(dim, index)
