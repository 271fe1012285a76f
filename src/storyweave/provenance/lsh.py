"""The persistent candidate index: exact hashes, two MinHash LSH channels and
shingle anchors.

Candidate search must stay sublinear (100k articles, >= 500 articles/s), so no
pair is compared unless the index proposes it:

- ``shingles``: MinHash of word 3-shingles, banded for Jaccard around 0.5:
  verbatim and lightly edited copies (near-duplicates) collide here;
- ``terms``: MinHash of the salient terms (content words, figures). Paraphrase
  swaps common words but keeps names and figures, so rewrites that share few
  3-shingles still collide here;
- ``anchors``: a content-defined sample of each article's 3-shingles (those whose
  hash is 0 mod 8, every shingle of very short texts). A query probes *all* its
  shingles, so a story that reuses a few paragraphs of a longer one (a partial
  copy, Jaccard far too low for MinHash) still finds it. Anchors held by more
  than ``ANCHOR_DF_CAP`` articles are boilerplate and ignored (so are terms band keys
  held by more than ``BAND_DF_CAP``).

MinHash is computed with numpy from CRC32 token hashes rather than through
datasketch's ``MinHash.update_batch``, whose per-token Python hashing took 40% of
the candidate stage in a profile on the dev set.
The tables are flat numpy arrays (key, row) grouped by hash bucket, plus a dict for
recent additions, so the index serialises to about a kilobyte per article, loads
without rebuilding millions of Python objects, and a lookup costs the same at 4k
and at 100k articles (see ``_Table``).
"""

from __future__ import annotations

import io
import json
import zlib
from itertools import chain, compress
from typing import Iterable

import numpy as np

from ..errors import StoreError
from ..ids import content_hash
from ..records import Article
from .text import STOPWORDS, tokens

NUM_PERM = 64
# Bands x rows per MinHash channel. shingles: 16 x 4 puts the 50% collision point at
# Jaccard ~0.5; terms: 32 x 2 at ~0.18. With the anchors and TOP_K below, every gold
# source of bench/data/provenance-dev.jsonl (seed 0) was proposed (286 of 286; 5 partial
# copies and one rewrite were missed before the anchors were added).
BANDS = {"shingles": (16, 4), "terms": (32, 2)}
ANCHOR_MOD = 8
ANCHOR_ALL_BELOW = 64  # texts with fewer shingles store every one of them
ANCHOR_DF_CAP = 64
# Band keys of the terms channel held by more articles are skipped the same way: in 30k
# synthetic articles (bench/provenance.py --scale) a third of the terms keys are shared
# by over 8 articles (common words' min-hashes), so a query scored ~3,200 rows, a tenth of
# the index, and the stage slowed down linearly. Capped at 32: ~100 rows per query, and
# copies-with-source-proposed rose 5488 -> 5502 of 5971 (fewer junk rows in the top 12);
# dev (seeds 0 and 1): the same candidate lists. The shingles channel stays uncapped: its
# frequent keys are a widely copied text, whose copies are exactly the candidates wanted.
BAND_DF_CAP = 32
# "anchors" holds every article's sampled shingles (hash 0 mod ANCHOR_MOD) and all shingles of
# short texts, and a query probes all its shingles: an unsampled one finds the short texts only.
# (Format 3 kept the short texts' unsampled shingles in a table of their own; one table probed
# once costs half as much per query as two, for the same rows.)
_CAPS = {"shingles": None, "terms": BAND_DF_CAP, "anchors": ANCHOR_DF_CAP}
# Candidates kept per query, best score first; the aligner looks at no more.
TOP_K = 12
_TAIL_ROWS = 2048  # fewest articles held in the dict tails before they are merged into the arrays
# 2: keys stored scrambled (see _Table); 3: keys over their cap stored once, as _STOPPED;
# 4: the "short" table merged into "anchors".
_FORMAT = 4
_STOPPED = -1
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(7)
# Multiply-shift hashing (odd 64-bit multipliers, top 32 bits): a universal family
# that needs no modulo, so MinHash is a multiply, a shift and a min per token.
_A = (_rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_SHIFT = np.uint64(32)
_SCRAMBLE = np.uint64(0x9E3779B97F4A7C15)


def _scramble(keys: np.ndarray) -> np.ndarray:
    """Keys times an odd constant: a bijection whose top bits are uniform even for 32-bit shingle hashes."""
    return keys.astype(np.uint64) * _SCRAMBLE


def minhash(hashes: np.ndarray) -> np.ndarray:
    """64 min-hash values (uint32) of a set given as 32-bit hashes."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # The shift is monotone, so it is taken after the min: one pass over n x 64 values fewer.
    t = np.multiply.outer(hashes.astype(np.uint64), _A)
    t += _B
    return (t.min(axis=0) >> _SHIFT).astype(np.uint32)


def _band_keys(sig: np.ndarray, bands: int, rows: int, salt: int) -> np.ndarray:
    """One 64-bit key per band, mixing the band number and channel in so tables never collide."""
    b = sig[: bands * rows].reshape(bands, rows).astype(np.uint64)
    key = (np.arange(bands, dtype=np.uint64) + np.uint64(salt << 8)) * np.uint64(0x9E3779B97F4A7C15)
    for r in range(rows):
        key = (key ^ b[:, r]) * np.uint64(0xBF58476D1CE4E5B9)
    return key


# token -> CRC32, plus _SALIENT when it is a salient term; shared by every article of the process.
_TOKEN_HASH: dict[str, int] = {}
_SALIENT = 1 << 32


def _token_hash(t: str) -> int:
    # Salient terms: content words of 4+ letters and numbers, what a paraphrase keeps.
    salient = t not in STOPWORDS and (len(t) >= 4 or t[0].isdigit())
    return zlib.crc32(t.encode()) | (_SALIENT if salient else 0)


class Views:
    """What the index needs from one article, computed once."""

    def __init__(self, text: str) -> None:
        self.text_hash = content_hash(text)[:16]  # see text_hash()
        toks = tokens(text)
        uniq = set(toks)
        if len(_TOKEN_HASH) > 1_000_000:  # bounded: a news vocabulary rarely gets near this
            _TOKEN_HASH.clear()
        for t in uniq.difference(_TOKEN_HASH):
            _TOKEN_HASH[t] = _token_hash(t)
        tagged = np.fromiter(map(_TOKEN_HASH.__getitem__, toks), dtype=np.uint64, count=len(toks))
        h = tagged & _MASK32
        if len(h) >= 3:
            sh = (h[:-2] * np.uint64(0x9E3779B1)) ^ (h[1:-1] * np.uint64(0x85EBCA77)) ^ (h[2:] * np.uint64(0xC2B2AE3D))
            sh = (sh ^ (sh >> np.uint64(32))) & _MASK32
        else:
            sh = h
        self.shingles = np.unique(sh)
        self.terms = np.unique(h[tagged > _MASK32])
        short = len(self.shingles) < ANCHOR_ALL_BELOW
        self.anchors = self.shingles if short else self.shingles[self.shingles % np.uint64(ANCHOR_MOD) == 0]
        self.sigs = {"shingles": minhash(self.shingles), "terms": minhash(self.terms)}
        self.band_keys = {name: _band_keys(self.sigs[name], bands, rows, salt)
                          for salt, (name, (bands, rows)) in enumerate(BANDS.items())}


class _Rows:
    """An append-only numpy array with doubling capacity: O(1) amortised appends, zero-copy views."""

    def __init__(self, width: int, dtype, data: np.ndarray | None = None) -> None:
        self.n = 0 if data is None else len(data)
        self.buf = np.zeros((max(1024, self.n), width), dtype=dtype)
        if data is not None:
            self.buf[: self.n] = data.reshape(self.n, width)

    def append(self, row) -> None:
        if self.n == len(self.buf):
            self.buf = np.concatenate([self.buf, np.zeros_like(self.buf)])
        self.buf[self.n] = row
        self.n += 1

    def view(self) -> np.ndarray:
        return self.buf[: self.n]


class _Table:
    """A multimap from 64-bit keys to rows: one array sorted by bucket plus a dict of recent additions.

    Keys are stored scrambled by an odd multiplier (a bijection, so equality is kept) and
    a directory holds, for each bucket of the top bits, where its entries start. A lookup
    then reads two directory cells and about one entry per probed key, where a binary
    search over millions of entries cost ~20 cache misses per key and made the candidate
    stage slow down as the index grew. The index merges the tails (``flush``) when they
    hold an eighth of its articles (at least ``_TAIL_ROWS``), so each entry is re-copied
    O(1) times amortised, not once per fixed-size batch.

    With a ``cap``, a key held by more rows is boilerplate: the merge collapses its entries
    into one ``_STOPPED`` entry, so buckets stay small (no binary search, no scoring of
    thousands of rows per query) and the index does not store what is never read.

    ``in_tail`` flags the buckets that hold a tail key, so a lookup probes the dict with
    those keys only (about a tenth of an anchors query; probing every key cost more than
    the array part of the lookup).
    """

    def __init__(self, cap: int | None, keys: np.ndarray | None = None, rows: np.ndarray | None = None) -> None:
        self.cap = cap
        self.keys = np.zeros(0, dtype=np.uint64) if keys is None else keys
        self.rows = np.zeros(0, dtype=np.int32) if rows is None else rows
        self.tail: dict[int, list[int]] = {}
        self._index()

    def _index(self) -> None:
        bits = max(1, int(len(self.keys)).bit_length())  # about one entry per bucket
        self.shift = np.uint64(64 - bits)
        counts = np.bincount((self.keys >> self.shift).astype(np.int64), minlength=1 << bits)
        self.dir = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)  # < 2**31 entries
        self.in_tail = np.zeros(1 << bits, dtype=bool)

    def add(self, keys: np.ndarray, row: int) -> None:
        q = _scramble(keys)
        self.in_tail[q >> self.shift] = True
        for k in q.tolist():
            self.tail.setdefault(k, []).append(row)

    def flush(self) -> None:
        if not self.tail:
            return
        held = np.fromiter(map(len, self.tail.values()), dtype=np.int64, count=len(self.tail))
        keys = np.repeat(np.fromiter(self.tail, dtype=np.uint64, count=len(self.tail)), held)
        rows = np.fromiter(chain.from_iterable(self.tail.values()), dtype=np.int32, count=int(held.sum()))
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        at = np.searchsorted(self.keys, keys, "right")
        self.keys = np.insert(self.keys, at, keys)
        self.rows = np.insert(self.rows, at, rows)
        if self.cap is not None:
            self._stop()
        self.tail = {}
        self._index()

    def _stop(self) -> None:
        """Collapse every key over the cap (or already stopped) into one ``_STOPPED`` entry."""
        starts = np.flatnonzero(np.concatenate(([True], self.keys[1:] != self.keys[:-1])))
        runs = np.diff(np.append(starts, len(self.keys)))
        stop = (runs > self.cap) | (np.minimum.reduceat(self.rows, starts) == _STOPPED)
        if not stop.any():
            return
        keep = np.repeat(~stop, runs)
        keep[starts[stop]] = True
        self.rows[starts[stop]] = _STOPPED
        self.keys, self.rows = self.keys[keep], self.rows[keep]

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Rows under any of ``keys`` (once per key hit), skipping keys held by more than ``cap`` rows."""
        q = _scramble(keys)
        b = (q >> self.shift).astype(np.int64)
        lo = self.dir[b].astype(np.int64)
        n = self.dir[b + 1] - lo
        # Expand the [lo, lo + n) bucket ranges without a Python loop, keep the equal keys.
        which = np.repeat(np.arange(len(q)), n)
        at = np.repeat(lo - np.concatenate(([0], np.cumsum(n)[:-1])), n) + np.arange(int(n.sum()))
        hit = self.keys[at] == q[which]
        rows, which = self.rows[at[hit]], which[hit]
        if self.cap is not None:
            stopped = np.zeros(len(q), dtype=bool)
            stopped[which[rows == _STOPPED]] = True
            live = ~stopped[which]
            rows, which = rows[live], which[live]
        if not self.tail:
            return rows
        # The tail, with C-level iteration only: a Python loop over the shared keys (hundreds
        # per query for common shingles) was the costliest part of a lookup.
        maybe = self.in_tail[b]
        if self.cap is not None:
            maybe &= ~stopped
        at = np.flatnonzero(maybe)
        got = list(map(self.tail.get, q[at].tolist()))
        present = np.fromiter(map(bool, got), dtype=bool, count=len(got))
        if not present.any():
            return rows
        at, lists = at[present], list(filter(None, got))
        if self.cap is not None:
            held = np.bincount(which, minlength=len(q))[at]
            over = held + np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)) > self.cap
            if over.any():
                drop = np.zeros(len(q), dtype=bool)
                drop[at[over]] = True
                rows = rows[~drop[which]]
                lists = list(compress(lists, (~over).tolist()))
        return np.concatenate([rows, np.fromiter(chain.from_iterable(lists), dtype=np.int32)])


class ProvenanceIndex:
    """Every article seen so far, as hashes and sketches; never the text."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._row: dict[str, int] = {}
        self._hash: dict[str, int] = {}  # normalised-text hash -> first row with it
        self._sigs = {name: _Rows(NUM_PERM, np.uint32) for name in BANDS}
        self._n_anchors = _Rows(1, np.int32)
        self._tables = {name: _Table(cap) for name, cap in _CAPS.items()}
        # Articles added since the tails were merged, counted once for all tables: format 3
        # counted per table, and its "short" table (keys from a few articles only) stayed a
        # dict, probed key by key in Python, for most of a 100k-article run.
        self._unmerged = 0
        self._sources: dict[int, set[int]] = {}  # derivation edges found so far (derived row -> source rows)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._row

    def add(self, articles: Iterable[Article], views: dict[str, Views] | None = None) -> None:
        for a in articles:
            if a.id in self._row:
                continue
            v = (views or {}).get(a.id) or Views(a.text)
            row = len(self.ids)
            self.ids.append(a.id)
            self._row[a.id] = row
            self._hash.setdefault(v.text_hash, row)
            for name in BANDS:
                self._sigs[name].append(v.sigs[name])
                self._tables[name].add(v.band_keys[name], row)
            self._tables["anchors"].add(v.anchors, row)
            self._n_anchors.append(len(v.anchors))
            self._unmerged += 1
            if self._unmerged >= max(_TAIL_ROWS, (len(self.ids) - self._unmerged) // 8):
                self._flush()

    def _flush(self) -> None:
        for table in self._tables.values():
            table.flush()
        self._unmerged = 0

    def link(self, derived: str, source: str) -> None:
        """Remember an edge, so a later copy of a copy can be told from a sibling."""
        self._sources.setdefault(self._row[derived], set()).add(self._row[source])

    def sources_of(self, article_id: str) -> set[str]:
        row = self._row.get(article_id)
        return {self.ids[r] for r in self._sources.get(row, ())} if row is not None else set()

    def duplicate_of(self, article: Article, views: Views | None = None) -> str | None:
        """An indexed article with the same normalised text, if any."""
        row = self._hash.get(views.text_hash if views else text_hash(article))
        return None if row is None or self.ids[row] == article.id else self.ids[row]

    def candidates(self, article: Article, k: int = TOP_K, views: Views | None = None) -> list[tuple[str, float]]:
        """Up to ``k`` indexed articles (not ``article`` itself) with a score, best first.

        The score is the largest of the two MinHash Jaccard estimates and the anchor
        containment (shared anchors over the smaller anchor count), so near-copies
        rank by shingles, paraphrases by terms and partial copies by anchors.
        """
        v = views or Views(article.text)
        rows, scores = [], []
        for name in BANDS:
            # A row hit by several bands is scored several times: cheaper than np.unique, and
            # only its best score is kept below.
            hits = self._tables[name].lookup(v.band_keys[name])
            if len(hits):
                rows.append(hits)
                scores.append((self._sigs[name].view()[hits] == v.sigs[name]).sum(axis=1) / NUM_PERM)
        hits, shared = np.unique(self._tables["anchors"].lookup(v.shingles), return_counts=True)
        keep = shared >= 2
        hits, shared = hits[keep], shared[keep]
        if len(hits):
            smaller = np.minimum(self._n_anchors.view()[hits, 0], max(1, len(v.anchors)))
            rows.append(hits)
            scores.append(np.minimum(1.0, shared / np.maximum(1, smaller)))
        if not rows:
            return []
        r, sc = np.concatenate(rows), np.concatenate(scores)
        me = self._row.get(article.id)
        if me is not None:
            r, sc = r[r != me], sc[r != me]
        # Best score per row, then the k best rows (ties by arrival order).
        order = np.lexsort((-sc, r))
        r, sc = r[order], sc[order]
        first = np.ones(len(r), dtype=bool)
        first[1:] = r[1:] != r[:-1]
        r, sc = r[first], sc[first]
        top = np.lexsort((r, -sc))[:k]
        return [(self.ids[i], float(s)) for i, s in zip(r[top].tolist(), sc[top].tolist())]

    # ------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """A compact, pickle-free encoding (numpy arrays + JSON ids) to store as a blob."""
        arrays = {"hash_keys": np.array(list(self._hash), dtype="S16"),
                  "hash_rows": np.array(list(self._hash.values()), dtype=np.int32),
                  "n_anchors": self._n_anchors.view()[:, 0],
                  "edges": np.array([(d, s) for d, ss in self._sources.items() for s in sorted(ss)], dtype=np.int32).reshape(-1, 2)}
        for name in BANDS:
            arrays[f"{name}_sigs"] = self._sigs[name].view()
        self._flush()
        for name, table in self._tables.items():
            arrays[f"{name}_keys"], arrays[f"{name}_rows"] = table.keys, table.rows
        meta = json.dumps({"format": _FORMAT, "config": _config(), "ids": self.ids}).encode("utf-8")
        buf = io.BytesIO()
        np.savez_compressed(buf, meta=np.frombuffer(meta, dtype=np.uint8), **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, body: bytes) -> "ProvenanceIndex":
        try:
            data = np.load(io.BytesIO(body), allow_pickle=False)
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        except (ValueError, OSError, KeyError) as exc:
            raise StoreError(f"unreadable provenance index: {exc}", hint="delete the 'provenance-index' blob to rebuild it") from exc
        if meta.get("format") != _FORMAT or meta.get("config") != _config():
            raise StoreError("stored provenance index was built with other settings",
                             hint="delete the 'provenance-index' blob to rebuild it")
        idx = cls()
        idx.ids = meta["ids"]
        idx._row = {a: i for i, a in enumerate(idx.ids)}
        idx._hash = {k.decode(): r for k, r in zip(data["hash_keys"].tolist(), data["hash_rows"].tolist())}
        idx._n_anchors = _Rows(1, np.int32, data["n_anchors"])
        for d, s in data["edges"].tolist():
            idx._sources.setdefault(d, set()).add(s)
        for name in BANDS:
            idx._sigs[name] = _Rows(NUM_PERM, np.uint32, data[f"{name}_sigs"])
        for name in idx._tables:
            idx._tables[name] = _Table(_CAPS[name], data[f"{name}_keys"], data[f"{name}_rows"])
        return idx


def _config() -> dict:
    return {"num_perm": NUM_PERM, "bands": {k: list(v) for k, v in BANDS.items()}, "anchor_mod": ANCHOR_MOD,
            "anchor_all_below": ANCHOR_ALL_BELOW, "caps": _CAPS}


def text_hash(article: Article) -> str:
    """16 hex chars of the normalised-text hash (recomputed: ``Article.content_hash`` may cover more than the text)."""
    return content_hash(article.text)[:16]
