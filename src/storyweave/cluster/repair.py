"""Repair pass: split a story that holds two events, merge two stories of one event.

Online assignment decides on the evidence of one moment. When the first
report of a second event of the same kind (a second DUI arrest on the same
team, a second patch for the same browser) joins an existing story, the
story's profile now speaks for both events and pulls in the rest of the
second one: one early mistake snowballs. The opposite mistake leaves one
event in fragments when its first reports disagree on who and where.

Looking back at members is more robust than any single decision, and both
repairs use one criterion over member-to-member join probabilities (Miranda
et al. 2018 repair stories in the same spirit): two groups of members are
``distinct`` stories when their average link is under the link model's
threshold, or under ``contrast`` times the weaker group's own average link.

* split: average-linkage groups of a story's latest members that link to
  each other below the threshold become stories of their own; failing that,
  the two groups of the linkage tree's top split are tested for contrast;
* merge: two stories whose members are not ``distinct`` become one. A
  fragment (a story under MIN_PART members) has no cohesion of its own to
  compare with and merges at the link model's lower ``fragment`` threshold.

The contrast test is relative because a link model's absolute probabilities
are calibrated over all pairs, and two events of one kind share enough of
their who and what to link at 0.5-0.7 on average, while each event's own
members link at 0.9 and more: the gap, not the level, tells them apart.
Group-versus-group scores (two summed profiles) are not used: summed bags of
two events of one kind overlap as much as one event's (ecbplus-dev topic 9,
a Bush-era rule and its reversal: under the join model the two groups'
profiles "rejoin" at 0.82 while their members link at 0.25 on average).

Repairs can undo each other: a merge compares two stories' latest members,
a split the linkage tree of one story's window, so a group split off may be
merged back when a later article bridges the two, and split again at the
next repair (ecbplus-dev, six arrival orders: 22-69 same-topic article pairs
change sides twice or more per run). This stays bounded: a story is repaired
only each time it grows by REPAIR_GROWTH, and each article tests at most
MERGE_TESTS merges. Forbidding merges between the parts of a split lowered
the 4-fold topic CV (`--cv --all-topics`, dev-half refits) from 0.965 to
0.954 in file order and from 0.953 to 0.937 with `--order-seed 1`: an early
wrong split must be able to heal. Moving one stray member (``reseat``) is
different: it happens once per member, else two stories' differing windows
could pass it back and forth.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage, to_tree
from scipy.spatial.distance import squareform

from .similarity import PairModel, Profile, Vocabulary, pair_matrix

# A group smaller than this is never split off: an outlier or a pair is left
# with the group it links to best, and the next repair sees it with more
# context. 2 and 3 tie on ecbplus-dev odd topics (BCubed F1 0.961); 3 keeps
# the sample corpus's bridge collapse whole (two early reports disagreeing on
# the toll were split off at 2).
MIN_PART = 3


def links(profiles: Sequence[Profile], vocab: Vocabulary, model: PairModel) -> np.ndarray:
    """Symmetric matrix of member-to-member join probabilities, diagonal 1.

    ``profiles`` come in arrival order; each pair is scored once, earlier
    member first (the features are asymmetric).
    """
    joined = np.triu(model.probability(pair_matrix(vocab, profiles)), 1)
    joined = joined + joined.T
    np.fill_diagonal(joined, 1.0)
    return joined


def parts(joined: np.ndarray, model: PairModel) -> list[list[int]]:
    """Groups of the members in ``joined`` that are ``distinct`` from each other under ``model``.

    Groups under MIN_PART members are folded into the part they link to best.
    The part holding member 0 (the oldest) comes first, so the story keeps its
    id; a single part means the story stays whole.
    """
    n = len(joined)
    if n < 2 * MIN_PART:
        return [list(range(n))]
    distance = 1.0 - joined
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(fcluster(tree, 1.0 - model.threshold, "distance")):
        groups.setdefault(int(label), []).append(i)
    big = [g for g in groups.values() if len(g) >= MIN_PART]
    if len(big) < 2 and model.contrast > 0:
        top = _top_split(tree)
        if top is not None and distinct(joined, *top, model):
            big = [sorted(g) for g in top]
            rest = set(range(n)).difference(*big)
            groups = {i: [i] for i in rest}
    if len(big) < 2:
        return [list(range(n))]
    for group in groups.values():
        if len(group) < MIN_PART:
            best = max(big, key=lambda b: mean_link(joined, group, b))
            best.extend(group)
    big = [sorted(g) for g in big]
    return sorted(big, key=lambda g: g[0])


def _top_split(tree: np.ndarray) -> tuple[list[int], list[int]] | None:
    """The two sides of the highest linkage-tree split with MIN_PART members on each.

    Outliers that join last (a side under MIN_PART) are stepped over, as the
    threshold cut does.
    """
    node = to_tree(tree)
    while not node.is_leaf():
        left, right = node.get_left(), node.get_right()
        if min(left.get_count(), right.get_count()) >= MIN_PART:
            return left.pre_order(), right.pre_order()
        node = max(left, right, key=lambda side: side.get_count())
    return None


def distinct(joined: np.ndarray, a: Sequence[int], b: Sequence[int], model: PairModel) -> bool:
    """Whether member groups ``a`` and ``b`` are two stories (see the module docstring)."""
    between = mean_link(joined, a, b)
    return between < model.threshold or between < model.contrast * min(cohesion(joined, a), cohesion(joined, b))


def cohesion(joined: np.ndarray, group: Sequence[int]) -> float:
    """Average link between the distinct members of ``group`` (1 for a single member)."""
    k = len(group)
    if k < 2:
        return 1.0
    return float((joined[np.ix_(list(group), list(group))].sum() - k) / (k * (k - 1)))


def mean_link(joined: np.ndarray, a: Sequence[int], b: Sequence[int]) -> float:
    """Average linkage between the members at positions ``a`` and ``b``."""
    return float(joined[np.ix_(list(a), list(b))].mean())
