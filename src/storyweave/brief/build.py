"""Assembling a ``Brief`` from a story's records (see ``storyweave.brief``)."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..crosscheck import ledger_of, prepare
from ..crosscheck.ledger import Evidence
from ..records import Article, ArticleFacts, Derivation, Story
from .model import Brief, Ledger, Lineage, LineageEdge, OutletCoverage
from .summary import summarise

def coverage(ev: Evidence) -> list[OutletCoverage]:
    outlets: dict[str, list[str]] = {}
    for aid in ev.order:
        outlets.setdefault(ev.outlet(aid), []).append(aid)
    out = []
    for outlet, ids in outlets.items():
        dates = sorted(d for d in (ev.articles[a].published for a in ids) if d)
        out.append(OutletCoverage(
            outlet=outlet,
            article_ids=tuple(ids),
            first_seen=dates[0] if dates else None,
            last_seen=dates[-1] if dates else None,
            kinds=tuple(dict.fromkeys(ev.kinds[a] for a in ids)),
        ))
    return out


def lineage(ev: Evidence, derivations: Sequence[Derivation]) -> Lineage:
    # The score as provenance stored it: rounding it again made the brief print 0.34 where
    # `storyweave lineage` printed 0.35 for the same edge (0.3455 -> 0.345 -> "0.34").
    edges = [
        LineageEdge(d.derived, ev.outlet(d.derived), d.source, ev.outlet(d.source), d.relation, d.score, d.agency)
        for d in derivations
        if d.derived in ev.articles and d.source in ev.articles
    ]
    return Lineage(lines=tuple(tuple(g) for g in ev.lines), edges=tuple(edges))


def brief_of(story: Story, ev: Evidence, ledger: Ledger, derivations: Sequence[Derivation]) -> Brief:
    dates = sorted(d for d in (a.published for a in ev.articles.values()) if d)
    return Brief(
        story_id=story.id,
        headline=story.headline,
        first_seen=story.first_seen or (dates[0] if dates else None),
        last_seen=story.last_seen or (dates[-1] if dates else None),
        summary=tuple(summarise(ev, ledger)),
        facts=tuple(e for e in ledger.facts if e.kind != "quote"),
        quotes=tuple(e for e in ledger.facts if e.kind == "quote"),
        conflicts=ledger.conflicts,
        launderings=ledger.launderings,
        expectations=ledger.expectations,
        coverage=tuple(coverage(ev)),
        omissions=ledger.omissions,
        lineage=lineage(ev, derivations),
    )


def make_brief(
    story: Story, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], derivations: Sequence[Derivation]
) -> Brief:
    """The brief of ``story`` from its articles, their facts and the provenance edges among them."""
    ev = prepare(story, articles, facts, derivations)
    return brief_of(story, ev, ledger_of(ev, story.id, derivations), derivations)
