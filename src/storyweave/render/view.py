"""What a human-facing rendering shows, shared by text, Markdown and HTML.

The JSON rendering carries the whole ledger; a briefing for a person is
selected from it: what is solid, what rests on one source, what conflicts, what
was only expected, each capped so the page stays scannable.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..brief.model import Brief, Expectation, LedgerEntry, Mention

MAX_SOLID = 8
MAX_SINGLE = 6
MAX_QUOTES = 6
MAX_PENDING = 4


@dataclass(frozen=True)
class View:
    brief: Brief
    solid: tuple[LedgerEntry, ...]
    single: tuple[LedgerEntry, ...]
    quotes: tuple[LedgerEntry, ...]
    met: tuple[Expectation, ...]  # confirmed or contradicted
    pending: tuple[Expectation, ...]
    n_lines: int
    n_articles: int


def _rank(e: LedgerEntry) -> tuple:
    return (-e.independent_sources, e.kind != "figure", -len(e.outlets))


def view(brief: Brief) -> View:
    facts = brief.facts
    solid = sorted((e for e in facts if e.status == "corroborated"), key=_rank)[:MAX_SOLID]
    # Single-source figures first: numbers are what a desk checks before quoting.
    single = sorted(
        (e for e in facts if e.status == "single-source" and e.modality == "happened"),
        key=lambda e: (e.kind != "figure", -len(e.label)),
    )[:MAX_SINGLE]
    quotes = sorted(
        (q for q in brief.quotes if q.about and len(q.label.split()) >= 3),
        key=lambda q: (-q.independent_sources, -len(q.outlets), -len(q.label)),
    )[:MAX_QUOTES]
    met = tuple(e for e in brief.expectations if e.status != "pending")
    pending = tuple(e for e in brief.expectations if e.status == "pending")[:MAX_PENDING]
    return View(
        brief=brief,
        solid=tuple(solid),
        single=tuple(single),
        quotes=tuple(quotes),
        met=met,
        pending=pending,
        n_lines=len(brief.lineage.lines),
        n_articles=sum(len(c.article_ids) for c in brief.coverage),
    )


def outlets(mentions: tuple[Mention, ...] | list[Mention]) -> str:
    return ", ".join(dict.fromkeys(m.outlet for m in mentions))


def lines_word(n: int) -> str:
    return f"{n} independent line{'s' if n != 1 else ''}"


def fact_text(e: LedgerEntry) -> str:
    """The fact as the sources word it: the mention text, with what a figure measures."""
    if e.kind == "figure" and e.about:
        return f"{e.label} — {e.about}"
    if e.variants and e.kind == "quote":
        return " / ".join(f"“{v}”" for v in e.variants)
    return e.label


def lineage_lines(brief: Brief) -> list[str]:
    out = []
    for edge in brief.lineage.edges:
        via = f" via {edge.agency}" if edge.agency else ""
        out.append(f"{edge.derived_outlet} ({edge.derived[:8]}) {edge.relation} of "
                   f"{edge.source_outlet} ({edge.source[:8]}){via}, score {edge.score:.2f}")
    return out


def outlet_of(brief: Brief) -> dict[str, str]:
    return {aid: c.outlet for c in brief.coverage for aid in c.article_ids}


def groups_text(brief: Brief) -> list[str]:
    names = outlet_of(brief)
    return [" + ".join(dict.fromkeys(names.get(a, a) for a in g)) for g in brief.lineage.lines]
