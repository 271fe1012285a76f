"""The model's ``attribute_ruler`` with its word-list rules read from a table.

The English model's attribute ruler (tag -> POS and morphology, pronoun and
auxiliary lemmas) is a ``Matcher`` over 179 patterns, and the matcher tries
every pattern at every token: on this machine it cost 11 ms per 600-word
article, half the parser's own cost. Most of its patterns are one token that
must have a given tag and/or lower-case form, so they are looked up in a dict
keyed by (tag, form); only the rest (dependency labels, regexes, two-token
patterns) still go through a ``Matcher``. Matches are applied in the ruler's
pattern order with the ruler's own normalised attributes, so the result is the
ruler's, token for token (tests/test_fast_ruler.py compares the two).
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["FastAttributeRuler"]

_TABLE_KEYS = {"TAG", "LOWER"}


class FastAttributeRuler:
    """Callable on a Doc like the ``AttributeRuler`` it is built from."""

    def __init__(self, ruler):
        self._attrs = ruler.attrs
        self._table: dict[tuple[str | None, str | None], list[int]] = {}
        self._matcher = Matcher(ruler.vocab)
        for i, index in enumerate(ruler.indices):
            patterns = ruler.matcher.get(str(i))[1]
            if index in (0, -1) and all(_is_table_pattern(p) for p in patterns):
                for p in patterns:
                    for key in _keys(p[0]):
                        self._table.setdefault(key, []).append(i)
            else:
                self._matcher.add(str(i), patterns)
        self._indices = ruler.indices

    def __call__(self, doc):
        hits: dict[int, list[int]] = {}
        for match_id, start, end in self._matcher(doc, allow_missing=True):
            i = int(doc.vocab.strings[match_id])
            index = self._indices[i]
            hits.setdefault((start if index >= 0 else end) + index, []).append(i)
        table, attrs = self._table, self._attrs
        for tok in doc:
            tag, lower = tok.tag_, tok.lower_
            found = table.get((tag, lower), []) + table.get((tag, None), []) + table.get((None, lower), [])
            for i in sorted(found + hits.get(tok.i, [])):  # the ruler's order: later rules win
                set_token_attrs(tok, attrs[i])
        return doc

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            yield self(doc)


def _is_table_pattern(pattern: list[dict]) -> bool:
    if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - _TABLE_KEYS:
        return False
    return all(isinstance(v, str) or (isinstance(v, dict) and set(v) == {"IN"}) for v in pattern[0].values())


def _keys(spec: dict) -> list[tuple[str | None, str | None]]:
    def values(key):
        v = spec.get(key)
        return [None] if v is None else [v] if isinstance(v, str) else list(v["IN"])

    return [(t, w) for t in values("TAG") for w in values("LOWER")]
