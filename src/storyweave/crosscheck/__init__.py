"""Cross-check a story: align its facts across articles, count independent lines
of reporting, find conflicts, laundered attributions, expectations met or not,
and omissions.

``check_story`` is a pure function of records (the store hands them in), so it
runs the same in the CLI, the web server and a worker.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..brief.model import Laundering, Ledger, Mention
from ..provenance import groups as provenance_groups
from ..facts.units import JOB_NOUNS, PEOPLE_NOUNS
from ..records import Article, ArticleFacts, Derivation, Figure, Story
from . import expectations, measured
from .ledger import Evidence, claim_entries, containing, figure_entries, quote_entries
from .omissions import find_omissions
from .phrases import quoted_phrases
from .text import Vectors, Vocabulary, completed, naming_stems, parse, stems

__all__ = ["Evidence", "check_story", "ledger_of", "prepare"]


def _order_key(a: Article) -> tuple:
    return (a.published or "", a.position, a.id)


_COUNT_NOUN_STEMS = stems(" ".join(PEOPLE_NOUNS | JOB_NOUNS))


def _names_a_thing(fig: Figure) -> bool:
    """Whether a figure's ``measures`` says what it measures beyond the unit it counts in. A bare
    number's one word is no evidence ("32 - bit versions of IE only" measures "only")."""
    said = stems(fig.measures)
    if len(said) >= 2:
        return True
    return fig.unit is not None and bool(said - _COUNT_NOUN_STEMS - stems(fig.unit))


def prepare(
    story: Story, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], derivations: Sequence[Derivation]
) -> Evidence:
    """Collect a story's facts in publication order and embed every text compared, in one batch."""
    members = set(story.article_ids)
    arts = sorted((a for a in articles if a.id in members), key=_order_key)
    order = [a.id for a in arts]
    empty = {aid: ArticleFacts(article_id=aid, kind="report") for aid in order}
    per = {aid: facts.get(aid) or empty[aid] for aid in order}
    lines = [list(g) for g in provenance_groups(order, list(derivations))]
    line_of = {aid: n for n, g in enumerate(lines) for aid in g}
    for aid in order:  # an article provenance did not place is its own line
        if aid not in line_of:
            line_of[aid] = len(lines)
            lines.append([aid])
    statements = [s for aid in order for s in sorted(per[aid].statements, key=lambda s: s.span)]
    figures = [f for aid in order for f in per[aid].figures]
    quotes = [q for aid in order for q in per[aid].quotes]
    attributed = len(quotes)
    quotes += [p for a in arts for p in quoted_phrases(a, [q.span for q in per[a.id].quotes])]
    things, sentences = [], []
    for f in figures:
        around = containing(f.span, per[f.article_id].statements)
        sentences.append(around)
        # A "measures" that is only the counted unit ("people", "vehicles") says nothing about
        # what is counted: read the sentence. One other word ("mother", "premium") names a thing.
        things.append(f.measures if _names_a_thing(f) or not around else around.text)
    figure_contexts = measured.contexts(figures, sentences)
    statement_figures = [
        [f for f in per[s.article_id].figures if s.span[0] <= f.span[0] and f.span[1] <= s.span[1]]
        for s in statements
    ]
    contexts = expectations.contexts(statements)
    parsed = parse([*(s.text for s in statements), *contexts.values()])
    texts = [*things, *(c.predicate for c in figure_contexts), *(q.text for q in quotes), *(s.text for s in statements), *contexts.values()]
    return Evidence(
        articles={a.id: a for a in arts},
        order=order,
        line_of=line_of,
        lines=lines,
        actors={aid: per[aid].actors for aid in order},
        kinds={aid: per[aid].kind for aid in order},
        figures=figures,
        figure_things=things,
        figure_contexts=figure_contexts,
        quotes=quotes,
        attributed=attributed,
        statements=statements,
        statement_figures=statement_figures,
        vocab=Vocabulary(s.text for s in statements),
        vectors=Vectors(texts),
        contexts=contexts,
        parsed=parsed,
        done=completed({s.text: parsed[s.text] for s in statements if s.text}),
        naming=naming_stems(parsed),
    )


def _dropped(ev: Evidence, derivations: Sequence[Derivation]) -> list[tuple[str, str, str]]:
    """(derived article, source article, attributed words) that provenance saw lose their speaker."""
    out = []
    for d in derivations:
        if d.derived in ev.articles and d.source in ev.articles:
            for item in d.dropped_attributions:
                text = str(item.get("text") or item.get("quote") or "")
                if text:
                    out.append((d.derived, d.source, text))
    return out


def _launderings(ev: Evidence, quote_facts, found: list[Laundering], derivations) -> list[Laundering]:
    """Merge laundering found across quotes with what provenance reported while aligning a rewrite."""
    from .align import credits_someone, name_words_of, quote_similarity

    merged = {(x.named.article_id, x.named.span, x.unnamed.article_id, x.unnamed.span): x for x in found}
    for derived, source, text in _dropped(ev, derivations):
        for key, x in list(merged.items()):
            if x.unnamed.article_id == derived and x.named.article_id == source:
                merged[key] = Laundering(fact_id=x.fact_id, named=x.named, unnamed=x.unnamed, via="provenance+quotes")
                break
        else:
            for entry in quote_facts:
                named = [m for m in entry.mentions if m.article_id == source and m.speaker]
                if named and any(quote_similarity(m.text, text, ev.vectors) > 0 for m in named):
                    unnamed = [m for m in entry.mentions if m.article_id == derived]
                    if any(credits_someone(m.speaker, ev.actors.get(derived, ()), name_words_of(named)) for m in unnamed):
                        break  # the alignment missed the rewrite's attribution; its quote credits the speaker
                    anchor = unnamed[0] if unnamed else _locate(ev, derived, text)
                    if anchor is not None:
                        merged[("p", derived, text)] = Laundering(entry.id, named[0], anchor, "provenance")
                    break
    return list(merged.values())


def _locate(ev: Evidence, article_id: str, text: str) -> Mention | None:
    start = ev.articles[article_id].text.find(text)
    if start < 0:
        return None
    return Mention(article_id=article_id, outlet=ev.outlet(article_id), span=(start, start + len(text)), text=text)


def ledger_of(ev: Evidence, story_id: str, derivations: Sequence[Derivation] = ()) -> Ledger:
    quotes, quote_conflicts, found = quote_entries(ev)
    claims, claim_conflicts = claim_entries(ev)
    expected = expectations.link_expectations(ev, claims)
    # A prediction its outcome contradicts or leaves pending ("within five days" / "eleven days after")
    # is the expectation's story, not a conflict; a "confirmed" one giving another number is a conflict.
    foretold = {((x.article_id, x.span), (o.article_id, o.span))
                for e in expected if e.status != "confirmed" for x in e.expected for o in e.outcome}
    figures, figure_conflicts = figure_entries(ev, foretold)
    facts = sorted(
        [*figures, *quotes, *claims],
        key=lambda e: (e.status != "conflicting", -e.independent_sources, e.kind != "figure"),
    )
    return Ledger(
        story_id=story_id,
        lines=tuple(tuple(g) for g in ev.lines),
        facts=tuple(facts),
        conflicts=tuple([*figure_conflicts, *quote_conflicts, *claim_conflicts]),
        launderings=tuple(_launderings(ev, quotes, found, derivations)),
        expectations=tuple(expected),
        omissions=tuple(find_omissions(ev, [*figures, *claims])),
    )


def check_story(
    story: Story, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], derivations: Sequence[Derivation]
) -> Ledger:
    """The fact ledger of ``story``: statuses, conflicts, launderings, expectations, omissions."""
    return ledger_of(prepare(story, articles, facts, derivations), story.id, derivations)
