"""Expected -> happened: what previews said would happen, matched to what later
reports say did (or did not) happen.

A preview sentence ("Ishiba is expected to propose increasing LNG imports") and
its outcome ("Tokyo committed to expanding imports of US LNG") share few words
and sit among dozens of sentences on the same summit, so the link needs both
sentence similarity and words that are rare in the story. Sentences opening
with an anaphor ("This topic may be discussed") are read with the sentence
before them, which names what "this" is.
"""

from __future__ import annotations

import re

from ..brief.model import Expectation, LedgerEntry, Mention
from ..records import Span, Statement
from .align import clusters
from .ledger import MIN_CLAIM_WORDS, Evidence
from .text import stems, words

# score = cosine + RARE_WEIGHT * summed IDF of shared story-rare stems. Seeds: the
# gold expectation -> outcome pairs score 0.80 (LNG, 004), 0.92 (Nippon Steel,
# 004), 0.93 (LNG, 003; investment, 002); 0.9 keeps one link per gold topic. Wrong
# links also pass (shared style words such as "common ground" reach 0.97): the
# score separates topics, not paraphrase from coincidence (see the report).
RARE_WEIGHT = 0.05
LINK_SCORE = 0.9
# Two preview sentences linked to the same outcome are one expectation only if
# they are also alike (seeds: the LNG sentences of 003/004 score 0.66).
SAME_EXPECTATION = 0.6

EXPECTING = ("expected", "speculative")
_ANAPHOR = re.compile(r"^(this|that|these|those|it|they|such|the (?:deal|move|plan|topic|issue|bid))\b", re.I)


def contexts(statements: list[Statement]) -> dict[tuple[str, Span], str]:
    """The text compared for each expected statement: itself, after its antecedent sentence when needed."""
    out = {}
    previous: Statement | None = None
    for s in statements:
        if s.modality in EXPECTING:
            lead = previous is not None and previous.article_id == s.article_id and _ANAPHOR.match(s.text.strip())
            out[(s.article_id, s.span)] = f"{previous.text} {s.text}" if lead else s.text
        previous = s
    return out


def _after(ev: Evidence, a: str, b: str) -> bool:
    """True when article ``a`` is known to be published after ``b`` (so ``b`` cannot report ``a``'s outcome)."""
    pa, pb = ev.articles[a].published, ev.articles[b].published
    return bool(pa and pb) and pa[:10] > pb[:10]


def link_expectations(ev: Evidence, claims: list[LedgerEntry]) -> list[Expectation]:
    """One ``Expectation`` per group of preview sentences that predict the same thing."""
    expected = [s for s in ev.statements if s.modality in EXPECTING and len(words(s.text)) >= MIN_CLAIM_WORDS]
    outcomes = [
        s for s in ev.statements
        if s.modality in ("happened", "denied") and ev.kinds.get(s.article_id) == "report"
        and len(words(s.text)) >= MIN_CLAIM_WORDS
    ]
    claim_of = {(m.article_id, m.span): c.id for c in claims for m in c.mentions}
    outcome_stems = [stems(o.text) for o in outcomes]
    best: list[tuple[float, int]] = []
    for e in expected:
        ctx = ev.contexts[(e.article_id, e.span)]
        es = stems(ctx)
        scored = [
            (ev.vectors.cos(ctx, o.text) + RARE_WEIGHT * ev.vocab.rare_shared(es, outcome_stems[k]), k)
            for k, o in enumerate(outcomes)
            if o.article_id != e.article_id and not _after(ev, e.article_id, o.article_id)
        ]
        best.append(max(scored, default=(0.0, -1)))
    # Sentences predicting one thing: same claim cluster, or the same linked outcome.
    pairs = []
    for i in range(len(expected)):
        for j in range(i + 1, len(expected)):
            ci = claim_of.get((expected[i].article_id, expected[i].span))
            cj = claim_of.get((expected[j].article_id, expected[j].span))
            linked = (
                best[i][0] >= LINK_SCORE and best[j][0] >= LINK_SCORE and best[i][1] == best[j][1]
                and ev.vectors.cos(expected[i].text, expected[j].text) >= SAME_EXPECTATION
            )
            if linked or (ci is not None and ci == cj):
                pairs.append((i, j))
    result = []
    for members in clusters(len(expected), pairs):
        links = [(best[i][0], best[i][1]) for i in members if best[i][0] >= LINK_SCORE]
        mentions = tuple(_as_mention(ev, expected[i]) for i in members)
        if not links:
            result.append(Expectation(id="", status="pending", expected=mentions,
                                      score=round(max(best[i][0] for i in members), 3)))
            continue
        top_score, top = max(links)
        outcome = tuple(_as_mention(ev, outcomes[k]) for k in dict.fromkeys(k for _, k in sorted(links, reverse=True)))
        status = "contradicted" if outcomes[top].modality == "denied" else "confirmed"
        result.append(Expectation(id="", status=status, expected=mentions, outcome=outcome, score=round(top_score, 3)))
    order = {"confirmed": 0, "contradicted": 1, "pending": 2}
    result.sort(key=lambda x: (order[x.status], -len(ev.lines_of(x.expected)), -x.score))
    return [Expectation(id=f"E{n}", status=x.status, expected=x.expected, outcome=x.outcome, score=x.score)
            for n, x in enumerate(result, 1)]


def _as_mention(ev: Evidence, s: Statement) -> Mention:
    return Mention(article_id=s.article_id, outlet=ev.outlet(s.article_id), span=s.span,
                   text=ev.articles[s.article_id].text[s.span[0]:s.span[1]], modality=s.modality)
