"""Independent lines of reporting: what the cross-check counts as one source.

Articles joined by any derivation edge, or carrying the same agency's copy,
report through one line; the rest each stand alone. Connected components with a
small union-find; the order is deterministic (groups by their first member in
the order given, members in that order) so stored briefs do not churn.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from ..records import Derivation


def groups(article_ids: Sequence[str], derivations: Iterable[Derivation],
           agencies: Mapping[str, str | None] | None = None) -> list[list[str]]:
    position = {a: i for i, a in enumerate(dict.fromkeys(article_ids))}
    parent = list(range(len(position)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for d in derivations:
        if d.derived in position and d.source in position:
            union(position[d.derived], position[d.source])
    first_with: dict[str, int] = {}
    for aid, agency in (agencies or {}).items():
        if agency and aid in position:
            union(position[aid], first_with.setdefault(agency, position[aid]))
    out: dict[int, list[str]] = {}
    for aid, i in position.items():
        out.setdefault(find(i), []).append(aid)
    return [out[k] for k in sorted(out)]
