"""Omissions: facts that most independent lines report and an outlet leaves out.

Only outlets that could have reported the fact are compared: an outlet whose
articles are all previews cannot omit what a later report found out, so an
outlet is held to a fact only when it has an article of a kind (preview,
report, analysis) that the fact's articles have. A fact is "left out" only when
the outlet has nothing close: no figure with the same value and unit, no
sentence near any mention.
"""

from __future__ import annotations

from ..brief.model import LedgerEntry, Omission
from .align import CLAIM_COS_WITH_EVIDENCE, comparable_units, same_value
from .ledger import Evidence, containing


def _mentions_anyway(ev: Evidence, entry: LedgerEntry, article_ids: list[str]) -> bool:
    wanted = set(article_ids)
    if entry.kind == "figure":
        ours = [f for f in ev.figures if f.article_id in wanted]
        theirs = [f for f in ev.figures if any(m.article_id == f.article_id and m.span == f.span for m in entry.mentions)]
        return any(comparable_units(a, b) and same_value(a, b) for a in ours for b in theirs)
    sentences = [s.text for s in ev.statements if s.article_id in wanted]
    for m in entry.mentions:
        said = containing(m.span, [s for s in ev.statements if s.article_id == m.article_id])
        text = said.text if said else m.text
        if any(ev.vectors.cos(text, s) >= CLAIM_COS_WITH_EVIDENCE for s in sentences):
            return True
    return False


def find_omissions(ev: Evidence, entries: list[LedgerEntry]) -> list[Omission]:
    by_outlet: dict[str, list[str]] = {}
    for aid in ev.order:
        if not ev.articles[aid].teaser:
            by_outlet.setdefault(ev.outlet(aid), []).append(aid)
    majority = len(ev.lines) / 2
    out = []
    for entry in entries:
        if entry.status != "corroborated" or entry.independent_sources <= majority:
            continue
        kinds = {ev.kinds.get(m.article_id) for m in entry.mentions}
        for outlet, ids in by_outlet.items():
            if outlet in entry.outlets or not any(ev.kinds.get(a) in kinds for a in ids):
                continue
            if not _mentions_anyway(ev, entry, ids):
                out.append(Omission(outlet=outlet, article_ids=tuple(ids), fact_id=entry.id, fact=f"{entry.label} — {entry.about}" if entry.about else entry.label,
                                    independent_sources=entry.independent_sources))
    return out
