"""The model's ``attribute_ruler`` and ``lemmatizer`` as table lookups over token arrays.

Both components are Python loops over tokens in spaCy, and on this machine
they cost as much as the parser: the ruler is a ``Matcher`` over 179 patterns
tried at every token (11 ms per 600-word article), the lemmatizer creates a
``Token`` and reads its morphology for every word (6 ms). Yet each one's output
for a token is a function of a few token attributes, so both are computed once
per distinct key and cached:

* the ruler's rules that fire on a token depend on its (tag, lower form,
  dependency label, is-space) and, for the few two-token patterns, on its
  neighbour's; the attributes they set are the ruler's own, applied in the
  ruler's rule order (later rules win);
* a rule lemma depends on (form, POS, morphology) -- the key spaCy's own
  lemmatizer caches on.

Tokens are read and written with ``Doc.to_array`` / ``Doc.from_array``, so the
per-token work is one dict lookup; the ruler's one-token rules are written by one indexed
copy from per-key arrays. The output is the components' own, token
for token (tests/test_fast_ruler.py compares them).
"""

from __future__ import annotations

import copy
import re
from itertools import compress
from operator import itemgetter

import numpy

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lookups import Lookups

__all__ = ["FastAttributeRuler", "FastLemmatizer"]

_KEY = [TAG, LOWER, DEP, IS_SPACE]
_FIELD = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# Caches are cleared past this many keys so a long run cannot grow them without bound.
_MAX_KEYS = 500_000
_LOWER_PART, _OTHER_PART = 0, 1
_ANY = -1  # table key part of a pattern that does not test that attribute


class FastAttributeRuler:
    """Callable on a Doc like the ``AttributeRuler`` it is built from."""

    def __init__(self, ruler):
        self._vocab = ruler.vocab
        self._attrs = ruler.attrs
        self._indices = ruler.indices
        self._columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        # every pattern as (rule, token specs); a spec is a list of (field, test)
        raw = [(i, pattern) for i in range(len(ruler.indices)) for pattern in ruler.matcher.get(str(i))[1]]
        self._patterns = [(i, [_spec(token) for token in pattern]) for i, pattern in raw]
        # one-token patterns on the tag and/or the lower form (most of them) are found by lookup
        self._table: dict[tuple[int, int], list[int]] = {}
        self._tested = []
        for p, (_, pattern) in enumerate(raw):
            if _is_table_pattern(pattern):
                for key in _table_keys(pattern[0], ruler.vocab.strings):
                    self._table.setdefault(key, []).append(p)
            else:
                self._tested.append(p)
        self._by_key: dict[tuple, tuple] = {}
        self._parts: tuple[dict, dict] = ({}, {})
        self._merged: dict[tuple, list[tuple[int, int]]] = {}
        self._rows: list[list[tuple[int, int]]] = []  # the attributes each entry's one-token rules set
        self._values = numpy.zeros((0, len(self._columns)), dtype="uint64")
        self._isset = numpy.zeros((0, len(self._columns)), dtype=bool)
        self._filled = 0  # rows of the arrays that hold their entry's values

    def __call__(self, doc):
        if len(self._by_key) > _MAX_KEYS:  # between docs: a doc's entries number rows of the arrays
            self._by_key.clear()
            self._rows.clear()
            self._filled = 0
        tokens = list(map(tuple, doc.to_array(_KEY).tolist()))
        entries = list(map(self._by_key.get, tokens))  # one C-level pass; new keys are filled in below
        if None in entries:
            entries = [e or self._entry(key) for e, key in zip(entries, tokens)]
        extra: dict[int, list[int]] = {}  # rules fired by patterns of several tokens
        for start in list(compress(range(len(entries)), map(itemgetter(1), entries))):
            for p in entries[start][1]:
                rule, specs = self._patterns[p]
                end = start + len(specs)
                if end <= len(entries) and all((p, j) in entries[start + j][2] for j in range(1, len(specs))):
                    index = self._indices[rule]
                    extra.setdefault((start if index >= 0 else end) + index, []).append(rule)
        out = doc.to_array(self._columns).reshape(len(entries), len(self._columns))
        values, isset = self._overrides()
        keys = numpy.fromiter(map(itemgetter(4), entries), dtype=numpy.intp, count=len(entries))
        numpy.copyto(out, values[keys], where=isset[keys])
        for i, rules in extra.items():
            for column, value in self._merge(tuple(sorted(set(entries[i][0] + tuple(rules))))):
                out[i, column] = value
        doc.from_array(self._columns, out)
        return doc

    def _overrides(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Per entry number: the value each column takes and whether the one-token rules set it,
        as arrays (new entries' rows filled in, capacity doubled as needed), so a doc's rows
        are set by one indexed copy."""
        if len(self._values) < len(self._rows):
            grown = max(len(self._rows), 2 * len(self._values), 1024)
            self._values = numpy.resize(self._values, (grown, len(self._columns)))
            self._isset = numpy.resize(self._isset, (grown, len(self._columns)))
        for k in range(self._filled, len(self._rows)):
            self._values[k], self._isset[k] = 0, False
            for column, value in self._rows[k]:
                self._values[k, column], self._isset[k, column] = value, True
        self._filled = len(self._rows)
        return self._values, self._isset

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            yield self(doc)

    def _entry(self, key: tuple) -> tuple:
        """For a token with this key: the one-token rules that fire on it, the patterns of
        several tokens that start on it, the (pattern, position) specs it meets, the
        attributes the one-token rules set, and the entry's number (its row in ``_overrides``)."""
        entry = self._by_key.get(key)
        if entry is None:  # the caller looked first; this is the way in for keys not seen
            table = self._table
            met = self._met(_LOWER_PART, key[1]) & self._met(_OTHER_PART, (key[0], key[2], key[3]))
            single = table.get(key[:2], []) + table.get((key[0], _ANY), []) + table.get((_ANY, key[1]), [])
            single += [p for p, j in met if j == 0 and len(self._patterns[p][1]) == 1]
            starts = tuple(p for p, j in met if j == 0 and len(self._patterns[p][1]) > 1)
            rules = tuple(sorted({self._patterns[p][0] for p in single}))
            self._rows.append(self._merge(rules))
            entry = self._by_key[key] = (rules, starts, met, self._rows[-1], len(self._rows) - 1)
        return entry

    def _met(self, part: int, value) -> frozenset:
        """(pattern, position) specs whose tests on one part of the key (the lower form, or
        tag, dependency and is-space) hold; the two parts are cached apart, so a new word
        costs only its lower-form tests."""
        cache = self._parts[part]
        met = cache.get(value)
        if met is None:
            if len(cache) > _MAX_KEYS:
                cache.clear()
            strings = self._vocab.strings
            if part == _LOWER_PART:
                values = {_FIELD["LOWER"]: strings[value]}
            else:
                tag, dep, space = value
                values = {_FIELD["TAG"]: strings[tag], _FIELD["DEP"]: strings[dep], _FIELD["IS_SPACE"]: bool(space)}
            met = cache[value] = frozenset(
                (p, j)
                for p in self._tested
                for j, spec in enumerate(self._patterns[p][1])
                if all(test(values[field]) for field, test in spec if field in values)
            )
        return met

    def _merge(self, rules: tuple[int, ...]) -> list[tuple[int, int]]:
        """(column, value) the rules set, applied in rule order so that later rules win."""
        merged = self._merged.get(rules)
        if merged is None:
            values: dict[int, int] = {}
            for rule in rules:
                values.update(self._attrs[rule])
            merged = self._merged[rules] = [(self._columns.index(attr), value) for attr, value in values.items()]
        return merged


def _is_table_pattern(pattern: list[dict]) -> bool:
    """One token, tested only on TAG and/or LOWER by equality or IN."""
    if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - {"TAG", "LOWER"}:
        return False
    return all(isinstance(v, str) or (isinstance(v, dict) and set(v) == {"IN"}) for v in pattern[0].values())


def _table_keys(spec: dict, strings) -> list[tuple[int, int]]:
    def values(name):  # the store's ids, not hash_string: tags such as "POS" are symbols
        v = spec.get(name)
        return [_ANY] if v is None else [strings[w] for w in ([v] if isinstance(v, str) else v["IN"])]

    return [(t, w) for t in values("TAG") for w in values("LOWER")]


def _spec(token: dict) -> list:
    """One token pattern of the ruler's matcher as tests on (tag, lower, dep, is_space)."""
    tests = []
    for name, want in token.items():
        if name not in _FIELD:
            raise ValueError(f"attribute ruler pattern on {name} is not supported: {token}")
        tests.append((_FIELD[name], _test(want)))
    return tests


def _test(want):
    if not isinstance(want, dict):
        return lambda value: value == want
    (op, arg), *more = want.items()
    if more or op not in ("IN", "NOT_IN", "REGEX"):
        raise ValueError(f"attribute ruler predicate {want} is not supported")
    if op == "REGEX":
        return re.compile(arg).search
    members = frozenset(arg)
    return (lambda value: value in members) if op == "IN" else (lambda value: value not in members)


class FastLemmatizer:
    """Callable on a Doc like the rule-mode ``Lemmatizer`` it is built from."""

    def __init__(self, lemmatizer):
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("FastLemmatizer mirrors a rule-mode lemmatizer that keeps existing lemmas")
        lemmatizer._validate_tables()
        # A private twin whose word index is a set: spaCy keeps it as lists (57k nouns) and
        # tests "form in index" on them, which made a new word cost ~100 microseconds.
        self._lemmatizer = copy.copy(lemmatizer)
        self._lemmatizer.cache = {}
        self._lemmatizer.lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            indexed = name == "lemma_index"
            self._lemmatizer.lookups.add_table(name, {k: frozenset(v) if indexed else v for k, v in table.items()})
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        todo = numpy.flatnonzero(lemmas == 0).tolist()  # the others were set by the attribute ruler
        keys = list(map(tuple, rows[todo, :3].tolist()))
        values = list(map(self._cache.get, keys))
        if None in values:
            values = [self._lemma(doc, i, key) if v is None else v for i, key, v in zip(todo, keys, values)]
        lemmas[todo] = numpy.array(values, dtype=lemmas.dtype)
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, doc, i: int, key: tuple[int, int, int]) -> int:
        """The rule lemma of token ``i``, whose (ORTH, POS, MORPH) is ``key``, computed and cached."""
        if len(self._cache) > _MAX_KEYS:
            self._cache.clear()
        value = self._cache[key] = doc.vocab.strings.add(self._lemmatizer.rule_lemmatize(doc[i])[0])
        return value

    def pipe(self, docs, batch_size: int = 0):
        for doc in docs:
            yield self(doc)
