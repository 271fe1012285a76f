"""A parsed doc's token attributes as per-doc columns, for the extractors' hot loops.

Each ``Token`` attribute read (``tok.lemma_``, ``tok.dep_``, ``tok.head``)
builds a Python object: a Token, or a string decoded from the StringStore.
The cue scorer reads some twenty of them for each of about a hundred
candidate tokens per article, and the figure rules read five for every token
around each number. Here one ``Doc.to_array`` call gives every column as a
list of hashes, and each hash is decoded once per process (``names``): a read
is then a list index and a dict lookup.

The values are the Token attributes' own: ``names[pos[i]]`` is ``tok.pos_``
(the StringStore names the part-of-speech symbols as spaCy does), ``head[i]``
is ``tok.head.i`` and ``children(i)`` is ``[c.i for c in tok.children]``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG

__all__ = ["DocColumns", "names", "lowered"]

# Decoded strings are dropped past this many (a long run meets new words without end).
_MAX_NAMES = 500_000


class _Decoded(dict):
    """Hash -> string of one StringStore (lower-cased with ``lower``), filled on first sight."""

    def __init__(self, strings, lower: bool):
        super().__init__()
        self.strings, self.lower = strings, lower

    def __missing__(self, key: int) -> str:
        if len(self) > _MAX_NAMES:
            self.clear()
        value = self.strings[key]
        value = self[key] = value.lower() if self.lower else value
        return value


@lru_cache(maxsize=4)
def names(strings) -> _Decoded:
    """Hash -> string, as the Token's ``*_`` attributes give it."""
    return _Decoded(strings, lower=False)


@lru_cache(maxsize=4)
def lowered(strings) -> _Decoded:
    """Hash -> lower-cased string (the cue rules read lemmas lower-cased)."""
    return _Decoded(strings, lower=True)


class DocColumns:
    """Lemma, POS, tag, dependency, lower form, entity type (hashes) and head index of every token."""

    def __init__(self, doc):
        rows = doc.to_array([LEMMA, POS, TAG, DEP, LOWER, ENT_TYPE, HEAD])
        self.names = names(doc.vocab.strings)
        self.lowered = lowered(doc.vocab.strings)
        self.lemma, self.pos, self.tag, self.dep, self.lower, self.ent = (rows[:, k].tolist() for k in range(6))
        heads = rows[:, 6].view(numpy.int64) + numpy.arange(len(rows))  # HEAD is an offset
        self.head = heads.tolist()
        # tokens grouped by head, in text order within a group (a stable sort): children(i) is a slice
        order = numpy.argsort(heads, kind="stable")
        self._by_head = order.tolist()
        self._group = numpy.searchsorted(heads[order], numpy.arange(len(rows) + 1)).tolist()

    def __len__(self) -> int:
        return len(self.head)

    def children(self, i: int) -> list[int]:
        """The tokens whose head is ``i``, in text order (``Token.children``)."""
        return [k for k in self._by_head[self._group[i] : self._group[i + 1]] if k != i]
