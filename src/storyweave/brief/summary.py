"""The extractive summary: 5-8 sentences copied from the sources.

Nothing is generated, so nothing can be stated that no source states: each
sentence is a statement span of one article, at most trimmed (a heading or a
wire dateline glued to its first sentence is cut off), and cites that span.
Sentences are chosen for corroboration (how many independent lines say the
same), for the checked or disputed facts they carry, for being the lead of an
independent line (where reporters put what matters most), for centrality to the
story, and for coverage: each pick is penalised by its similarity to earlier
picks and by its article's earlier picks. A sentence that cannot stand alone is
never a candidate: one opening with a pronoun, one inside or half of a
quotation (its speaker is elsewhere), one where the outlet talks about itself.
"""

from __future__ import annotations

import re

import numpy as np

from ..brief.model import Citation, Ledger, SummarySentence
from ..crosscheck.ledger import Evidence
from ..crosscheck.text import words
from ..records import Span, Statement

MIN_SENTENCES, MAX_SENTENCES = 5, 8
MIN_WORDS, MAX_WORDS = 8, 60
# Seeds: at 0.8 the two near-identical 003/004 lead sentences (0.91) are never
# both picked while distinct facts about the summit (0.6-0.75) still are.
REDUNDANT = 0.8
MODALITY_BONUS = {"happened": 0.5, "expected": 0.1, "speculative": -0.3, "denied": 0.2, "opinion": -0.5}
SAME_ARTICLE_PENALTY = 0.4
# Sample corpus (examples/articles, bridge story): at 1.0 each line's lead (the
# 14-dead and 17-dead openings, the reopening) is picked; at 0.5 the 14-dead lead
# lost to a background sentence on the bridge's traffic.
LEAD_BONUS = 1.0

# Openers that lean on the sentence before: a pronoun, or a connective set off by its comma that
# adds to, contrasts with or concludes from it ("Additionally, the presence of ...", "However, ...";
# not "In addition to the troops ...", "Still photographs show ...").
_ANAPHOR = re.compile(r"^(?:(?:this|that|these|those|it|its|he|she|his|her|they|their|such|but|and)\b|"
                      r"(?:additionally|moreover|furthermore|also|however|meanwhile|nevertheless|nonetheless|"
                      r"still|yet|instead|thus|therefore|hence|likewise|similarly|besides|in addition|"
                      r"as a result|by contrast|on the other hand|in turn),)", re.I)
# "people familiar with the plans ..." named once, then "the people said": read alone, nobody.
_BACK_SOURCE = re.compile(r"\b(?:the|these|those) (?:people|person|sources?|individuals?)\s+(?:said|says|say|added)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|We|me|us|my|our|Our|My)\b")
# "I", not a numeral after a name ("World War I", "Charles I") nor a road ("I-95")
_I = re.compile(r"(?:^|(?<=\s))(?:(\S+)\s+)?I\b(?![-\d])")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’|(?<!\w)'[^']*'(?!\w)")
_END = re.compile(r"[.!?][\"'”’)]?$")
_SPACE = re.compile(r"\s+")
# A wire dateline before the lead: "SALTMERE, March 11 (MPA) - ", "LONDON (Reuters) — ".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,[^()\n]{1,30})?\s*\([^()\n]{1,30}\)\s*[-–—]+\s*")
_AGENTS = {"PERSON", "ORG", "NORP"}


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def trimmed(text: str, span: Span) -> Span:
    """The statement span without surrounding blanks and without a heading line glued in front."""
    start, end = span
    while end > start and text[end - 1].isspace():  # first: a paragraph break after the sentence is no heading
        end -= 1
    cut = text.rfind("\n", start, end)
    if cut >= 0:
        start = cut + 1
    while start < end and text[start].isspace():
        start += 1
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    return start, end


def quotes_balanced(sentence: str) -> bool:
    """Every quotation the sentence opens it also closes (apostrophes aside)."""
    return sentence.count("“") == sentence.count("”") and sentence.count('"') % 2 == 0


def inside_quote(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation opened earlier in its paragraph."""
    para = text.rfind("\n", 0, start) + 1
    before = text[para:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def leans_back(sentence: str) -> bool:
    """The sentence opens on the one before it (a pronoun or a connective: "Additionally, ..."), or
    credits an anonymous source only the sentence before introduced ("..., the people said")."""
    return bool(_ANAPHOR.match(sentence) or _BACK_SOURCE.search(sentence))


def first_person(sentence: str) -> bool:
    """"I" or "we" outside quotation marks: a source speaking ("We had a game, and I was trying
    to help the team"), its quotation marks a paragraph away; reporters do not write so."""
    text = _QUOTED.sub("", sentence)
    if _FIRST_PERSON.search(text):
        return True
    for m in _I.finditer(text):
        before = m.group(1)  # a capitalised word inside the sentence makes "I" a numeral
        if not before or not before[:1].isupper() or not text[: m.start(1)].strip():
            return True
    return False


def about_itself(sentence: str, outlet: str) -> bool:
    """The outlet talking about itself ("Coastline Today has set up a live page"): its name opens the sentence."""
    name = outlet.strip().lower()
    low = sentence.lower().removeprefix("the ")
    return " " in name and low.startswith(name.removeprefix("the "))


def _candidate(ev: Evidence, s: Statement) -> Span | None:
    span = trimmed(ev.articles[s.article_id].text, s.span)
    sentence = ev.articles[s.article_id].text[span[0] : span[1]]
    n = len(words(sentence))
    if not (MIN_WORDS <= n <= MAX_WORDS) or not _END.search(sentence):
        return None
    if leans_back(sentence) or sentence[:1] in "\"'“‘" or first_person(sentence):
        return None  # needs the sentence before it, or is a source's words without their speaker
    article = ev.articles[s.article_id]
    if not quotes_balanced(sentence) or inside_quote(article.text, span[0]) or about_itself(sentence, article.outlet):
        return None
    return span


def _agent_mentions(ev: Evidence) -> dict[str, list[Span]]:
    """Per article, where it names a person, an organisation or a quote's speaker. A preview's
    scene-setting opener ("As the clock ticks down to the highly anticipated meeting in
    Washington, excitement bubbles over") names at most a place; the lead a reporter writes
    says who did or will do what, or who says so."""
    out: dict[str, list[Span]] = {}
    for article_id, actors in ev.actors.items():
        out.setdefault(article_id, []).extend(m for a in actors if a.label in _AGENTS for m in a.mentions)
    for q in ev.quotes:
        if q.speaker_span:
            out.setdefault(q.article_id, []).append(q.speaker_span)
    return out


def summarise(ev: Evidence, ledger: Ledger) -> list[SummarySentence]:
    claim_of = {(m.article_id, m.span): e for e in ledger.facts if e.kind == "claim" for m in e.mentions}
    checked = [e for e in ledger.facts if e.kind != "claim" and e.status in ("corroborated", "conflicting")]
    # A forecast that later reports settled (confirmed or contradicted) is told by its outcome;
    # the pair is in the brief's expected -> happened section, not in the summary of what is known.
    settled = {(m.article_id, m.span) for e in ledger.expectations if e.status != "pending" for m in e.expected}
    cands = []
    for s in ev.statements:
        if (s.article_id, s.span) in settled:
            continue
        span = _candidate(ev, s)
        if span is not None:
            cands.append((s, span))
    if not cands:
        return []
    leads = {}  # independent line -> its first standalone sentence that tells news
    figures = {(s.article_id, s.span): f for s, f in zip(ev.statements, ev.statement_figures)}
    agents = _agent_mentions(ev)
    for k, (s, span) in enumerate(cands):
        named = any(span[0] <= a and b <= span[1] for a, b in agents.get(s.article_id, ()))
        if named or figures.get((s.article_id, s.span)):
            leads.setdefault(ev.line_of[s.article_id], k)
    lead_set = set(leads.values())
    vecs = np.stack([ev.vectors.vector(s.text) for s, _ in cands])
    centroid = vecs.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    base = []
    for k, (s, span) in enumerate(cands):
        entry = claim_of.get((s.article_id, s.span))
        lines = entry.independent_sources if entry else 1
        carried = sum(
            1 for e in checked for m in e.mentions
            if m.article_id == s.article_id and span[0] <= m.span[0] and m.span[1] <= span[1]
        )
        base.append(lines + 0.5 * carried + float(vecs[k] @ centroid) + MODALITY_BONUS.get(s.modality, 0.0)
                    + LEAD_BONUS * (k in lead_set))
    corroborated = len({id(e) for e in claim_of.values() if e.independent_sources >= 2})
    target = min(MAX_SENTENCES, MIN_SENTENCES + corroborated // 2, len(cands))
    chosen: list[int] = []
    while len(chosen) < target:
        best, best_score = -1, -np.inf
        for k in range(len(cands)):
            if k in chosen:
                continue
            overlap = max((float(vecs[k] @ vecs[c]) for c in chosen), default=0.0)
            if overlap >= REDUNDANT:
                continue
            same_article = sum(cands[c][0].article_id == cands[k][0].article_id for c in chosen)
            score = base[k] - overlap - SAME_ARTICLE_PENALTY * same_article
            if score > best_score:
                best, best_score = k, score
        if best < 0:
            break
        chosen.append(best)
    order = {aid: n for n, aid in enumerate(ev.order)}
    # What happened first, in publication order; an undated article's sentences after the dated
    # ones, since where it falls in the timeline is unknown.
    chosen.sort(key=lambda k: (cands[k][0].modality != "happened", not ev.articles[cands[k][0].article_id].published,
                               order[cands[k][0].article_id], cands[k][1]))
    return [_sentence(ev, claim_of.get((cands[k][0].article_id, cands[k][0].span)), *cands[k]) for k in chosen]


def _sentence(ev: Evidence, entry, s: Statement, span: Span) -> SummarySentence:
    text = ev.articles[s.article_id].text[span[0] : span[1]]
    cites = [Citation(s.article_id, ev.outlet(s.article_id), span)]
    supporting = []
    for m in entry.mentions if entry else ():
        if m.article_id == s.article_id:
            continue
        other = ev.articles[m.article_id].text
        where = trimmed(other, m.span)
        if squash(text) in squash(other[where[0] : where[1]]):
            cites.append(Citation(m.article_id, m.outlet, where))
        else:
            supporting.append(Citation(m.article_id, m.outlet, where))
    return SummarySentence(
        text=text,
        citations=tuple(cites),
        supporting=tuple(supporting),
        independent_sources=entry.independent_sources if entry else 1,
    )
