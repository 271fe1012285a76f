"""The clusterer's saved state: one blob in the store, so a new batch resumes where the last stopped.

Everything assignment and repair read is kept: the ANN index, the online IDF,
each article's own evidence (repairs compare members, and a profile changes by
a moved member's evidence, never by a rebuild) and each story's summed profile.
The blob is versioned; a blob of another format is refused, and the pipeline
then rebuilds the stories from the stored articles rather than guess.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import TYPE_CHECKING, Callable

import numpy as np

from .index import VectorIndex
from .similarity import BAGS, CHANNELS, Profile, Vocabulary

if TYPE_CHECKING:
    from .online import StoryClusterer

# Bumped whenever ``dump`` changes what it writes (2: months named in dates,
# merged stories kept as empty entries; 3: weekdays; 4: members a reseat moved).
STATE_FORMAT = 5


def dump(c: StoryClusterer) -> bytes:
    """The whole state as compressed numpy arrays plus a JSON header."""
    meta = {
        "format": STATE_FORMAT,
        "dim": c.dim,
        "docs": c.vocab.docs,
        "df": {n: dict(c.vocab.df[n]) for n in CHANNELS},
        "article_ids": c.article_ids,
        "article_story": c.article_story,
        "reseated": sorted(c._reseated),
        "articles": [{"day": day, "short": short, **_bags(p)}
                     for p, day, short in zip(c.profiles, c.days, c.headline_only)],  # fmt: skip
        "stories": [{"id": s.id, "members": s.members, "first": s.first_day, "last": s.last_day,
                     "next_repair": s.next_repair, **_bags(s.profile)} for s in c.stories],  # fmt: skip
    }
    sums = np.array([s.profile.vector_sum for s in c.stories]).reshape(-1, c.dim)
    vectors = np.array([p.vector_sum for p in c.profiles], dtype=np.float32).reshape(-1, c.dim)
    buf = io.BytesIO()
    np.savez_compressed(buf, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), sums=sums,
                        vectors=vectors, index=np.frombuffer(c.index.to_bytes(), dtype=np.uint8))  # fmt: skip
    return buf.getvalue()


def load(body: bytes, make: Callable[[int], StoryClusterer], story: Callable) -> StoryClusterer:
    """A clusterer (``make(dim)``) filled from ``dump``'s bytes; ``story`` builds one story entry."""
    with np.load(io.BytesIO(body)) as data:
        meta = json.loads(data["meta"].tobytes())
        sums, vectors, index = data["sums"], data["vectors"], data["index"].tobytes()
    if meta.get("format") != STATE_FORMAT:  # the pipeline rebuilds the stories from the articles
        raise ValueError(f"clusterer state format {meta.get('format')}, this version reads {STATE_FORMAT}")
    c = make(meta["dim"])
    c.index = VectorIndex.from_bytes(c.dim, index)
    c.vocab = Vocabulary({n: Counter(meta["df"][n]) for n in CHANNELS}, meta["docs"])
    c.article_ids = meta["article_ids"]
    c.article_story = meta["article_story"]
    c._reseated = set(meta["reseated"])
    c._known = {aid: i for i, aid in enumerate(c.article_ids)}
    c.profiles = [_profile(a, v.astype(np.float64)) for a, v in zip(meta["articles"], vectors)]
    c.days = [a["day"] for a in meta["articles"]]
    c.headline_only = [a["short"] for a in meta["articles"]]
    for s, vector_sum in zip(meta["stories"], sums):
        c.stories.append(story(s["id"], _profile(s, vector_sum), s["members"], s["first"], s["last"],
                               s["next_repair"]))  # fmt: skip
    # An id may name an emptied (merged-away) entry and a later live story: the live one wins.
    c._story_index = {s.id: i for i, s in sorted(enumerate(c.stories), key=lambda e: bool(e[1].members))}
    return c


def _bags(profile: Profile) -> dict:
    return {"size": profile.size, **{n: dict(getattr(profile, n)) for n in BAGS}}


def _profile(body: dict, vector_sum: np.ndarray) -> Profile:
    dates = (Counter({int(k): c for k, c in body[n].items()}) for n in ("years", "latest", "written", "clock", "months", "weekdays"))
    return Profile(vector_sum, *(Counter(body[n]) for n in CHANNELS), *dates, body["size"])
