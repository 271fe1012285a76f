"""The fact ledger: every figure, quote and claim of a story, how many
independent lines of reporting state it, and where sources disagree.

Independent lines come from provenance (``provenance.groups``): an outlet that
rewrites agency copy repeats a fact, it does not confirm it. Status follows:
``conflicting`` when versions of one fact disagree (value, speaker, happened vs
denied), ``corroborated`` when at least two lines state it, else ``single-source``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Collection, Sequence

from ..brief.model import Conflict, Laundering, LedgerEntry, Mention
from ..records import Actor, Article, Figure, Quote, Span, Statement
from .align import (
    FORECAST, SHORT_QUOTE, TERM_WORDS, claim_pairs, complete_clusters, credits_someone, figure_pairs, is_named,
    name_words, name_words_of, quote_clusters, quote_similarity, rival_pairs, same_person, same_words,
)
from . import measured
from .measured import FigureContext
from .text import Vectors, Vocabulary, contradicts, refers_back, words

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_CLAIM_WORDS = 5  # shorter "statements" are headings and datelines, not claims
_DATE_UNITS = {"date", "year", "day", "time"}


@dataclass
class Evidence:
    """What the aligners need about a story, prepared once (embeddings included)."""

    articles: dict[str, Article]
    order: list[str]  # article ids in arrival order
    line_of: dict[str, int]  # article id -> index of its independent line
    lines: list[list[str]]
    actors: dict[str, tuple[Actor, ...]]
    kinds: dict[str, str]
    figures: list[Figure]
    figure_things: list[str]
    figure_contexts: list[FigureContext]  # what rival values are compared on
    quotes: list[Quote]  # the facts stage's quotes, then quoted phrases nobody is credited with
    attributed: int  # how many of ``quotes`` come from the facts stage
    statements: list[Statement]
    statement_figures: list[list[Figure]]
    vocab: Vocabulary
    vectors: Vectors
    contexts: dict[tuple[str, Span], str]  # expected statements -> text compared with outcomes
    parsed: dict[str, Doc]  # statement and context texts -> their parse, made once (``text.parse``)
    done: dict[str, bool]  # statement texts -> reports a completed event (``text.completed``)
    naming: dict[str, frozenset[str]]  # statement and context texts -> stems of their nouns and names

    def outlet(self, article_id: str) -> str:
        return self.articles[article_id].outlet

    def lines_of(self, mentions: Sequence[Mention]) -> set[int]:
        return {self.line_of[m.article_id] for m in mentions}


def containing(span: Span, statements: Sequence[Statement]) -> Statement | None:
    """The statement whose span holds ``span``."""
    for s in statements:
        if s.span[0] <= span[0] and span[1] <= s.span[1]:
            return s
    return None


def _mention(story: Evidence, article_id: str, span: Span, **extra) -> Mention:
    text = story.articles[article_id].text[span[0] : span[1]]
    return Mention(article_id=article_id, outlet=story.outlet(article_id), span=span, text=text, **extra)


def _status(conflicted: bool, n_lines: int) -> str:
    if conflicted:
        return "conflicting"
    return "corroborated" if n_lines >= 2 else "single-source"


def _lines_backing(story: Evidence, mentions: Sequence[Mention]) -> int:
    """Independent lines that count towards corroboration: none when every mention is a forecast.

    Two lines repeating a forecast ("reopen within five days") corroborate no report:
    expectations are checked against what happened (``expectations``), not counted as
    sources. Once one line reports the fact, lines that had forecast it agree with it.
    """
    reported = any(m.modality not in FORECAST for m in mentions)
    return len(story.lines_of(mentions)) if reported else 0


def _says_no_to(story: Evidence, denial: Mention, report: Mention) -> bool:
    """A denied mention contradicts a reported one only about what it negates (``text.contradicts``);
    without both parses, as before, it does."""
    d, r = story.parsed.get(denial.text), story.parsed.get(report.text)
    return d is None or r is None or contradicts(d, r)


def _modality(mentions: Sequence[Mention]) -> str:
    counts = Counter(m.modality or "happened" for m in mentions)
    return counts.most_common(1)[0][0]


def _versions(members: Sequence[int], same: Callable[[int, int], bool]) -> list[list[int]]:
    """Split a cluster into versions: members that agree with a version's first member join it."""
    versions: list[list[int]] = []
    for m in members:
        for v in versions:
            if same(v[0], m):
                v.append(m)
                break
        else:
            versions.append([m])
    return versions


def _conflict(story: Evidence, fact_id: str, kind: str, versions: list[list[Mention]]) -> Conflict | None:
    """A conflict when at least two versions come from different articles."""
    if len(versions) < 2 or len({m.article_id for v in versions for m in v}) < 2:
        return None
    return Conflict(
        fact_id=fact_id,
        kind=kind,
        sides=tuple(v[0] for v in versions),
        lines=tuple(len(story.lines_of(v)) for v in versions),
    )


def _timed(story: Evidence) -> list[FigureContext]:
    """The figures' contexts with the other times their sentences are set in and whether they state
    a rule (``measured.era``, ``measured.states_rule``). A statement the splitter cut off inside a
    number ("In April last year an 8." / "6 - magnitude quake struck 431 kilometres ...") is read
    with the statement before it, whose time it carries."""
    before: dict[tuple[str, Span], Statement] = {}
    last: dict[str, Statement] = {}
    for s in sorted(story.statements, key=lambda s: (s.article_id, s.span)):
        if s.article_id in last:
            before[(s.article_id, s.span)] = last[s.article_id]
        last[s.article_id] = s
    out = []
    for c in story.figure_contexts:
        if c.sentence is None:
            out.append(c)
            continue
        aid, span = c.sentence
        art = story.articles[aid]
        text = art.text[span[0] : span[1]]
        prev = before.get(c.sentence)
        if prev is not None and text[:1] and not text[:1].isupper() and not text[:1] in "\"“'‘(":
            text = art.text[prev.span[0] : span[1]]
        year = int(art.published[:4]) if art.published and art.published[:4].isdigit() else None
        out.append(replace(c, era=measured.era(text, year), rule=measured.states_rule(text)))
    return out


def figure_groups(story: Evidence, foretold: Collection[tuple[object, object]] = ()) -> list[list[list[int]]]:
    """Facts as lists of versions: figures agreeing on one value for one thing form a version,
    and versions join one fact when every two of them are rivals for the same measured thing."""
    figs, ctx = story.figures, _timed(story)
    versions = complete_clusters(len(figs), figure_pairs(figs, story.figure_things, ctx, story.vectors))
    rivals = rival_pairs(figs, ctx, story.vectors, foretold)
    # Two values one sentence gives side by side count two things ("five women and possibly two
    # children were inside"), not two versions of one; an article revising a toll across its
    # sentences ("14 killed, police said in the morning ... by evening 17") still has two versions.
    sentences = [{ctx[i].sentence for i in v if ctx[i].sentence} for v in versions]
    linked = {}
    for a in range(len(versions)):
        for b in range(a + 1, len(versions)):
            if sentences[a] & sentences[b]:
                continue
            scores = [rivals[(min(i, j), max(i, j))] for i in versions[a] for j in versions[b]
                      if (min(i, j), max(i, j)) in rivals]
            if scores:
                linked[(a, b)] = max(scores)
    return [[versions[v] for v in fact] for fact in complete_clusters(len(versions), linked)]


def figure_entries(
    story: Evidence, foretold: Collection[tuple[object, object]] = ()
) -> tuple[list[LedgerEntry], list[Conflict]]:
    figs = story.figures
    # A number inside a forecast is forecast too: "reopen within five days" in a sentence
    # saying what someone expected. The figure's own modality misses the sentence's.
    said = {(s.article_id, s.span): s.modality for s in story.statements}
    modality = []
    for f, c in zip(figs, story.figure_contexts):
        around = said.get(c.sentence) if c.sentence else None
        modality.append(around if around in FORECAST else f.modality)
    entries, conflicts = [], []
    for n, versions in enumerate(figure_groups(story, foretold), 1):
        members = sorted(i for v in versions for i in v)
        fact_id = f"F{n}"
        mentions = [
            _mention(story, figs[i].article_id, figs[i].span, modality=modality[i], value=figs[i].value,
                     unit=figs[i].unit)
            for i in members
        ]
        by_index = dict(zip(members, mentions))
        kind = "date" if (figs[members[0]].unit or "") in _DATE_UNITS else "value"
        conflict = _conflict(story, fact_id, kind, [[by_index[i] for i in v] for v in versions])
        if conflict:
            conflicts.append(conflict)
        lead = max(members, key=lambda i: (len(story.lines_of([by_index[i]])), -members.index(i)))
        entries.append(
            LedgerEntry(
                id=fact_id,
                kind="figure",
                status=_status(conflict is not None, _lines_backing(story, mentions)),
                independent_sources=len(story.lines_of(mentions)),
                outlets=tuple(dict.fromkeys(m.outlet for m in mentions)),
                mentions=tuple(mentions),
                label=by_index[lead].text,
                about=_about(figs[lead]),
                variants=tuple(dict.fromkeys(by_index[v[0]].text for v in versions)) if conflict else (),
                modality=_modality(mentions),
            )
        )
    return entries, conflicts


def _about(fig: Figure) -> str:
    """What a figure measures and, when those words leave it out, whose it is: "people (Aldenbrook)"."""
    if not fig.subject or set(words(fig.subject)) <= set(words(fig.measures)):
        return fig.measures
    return f"{fig.measures} ({fig.subject})" if fig.measures else fig.subject


def quote_entries(story: Evidence) -> tuple[list[LedgerEntry], list[Conflict], list[Laundering]]:
    quotes = story.quotes
    entries, conflicts, launderings = [], [], []
    for n, members in enumerate(quote_clusters(quotes, story.vectors), 1):
        fact_id = f"Q{n}"
        mentions = [
            _mention(story, quotes[i].article_id, quotes[i].span, speaker=quotes[i].speaker, quote_kind=quotes[i].kind)
            for i in members
        ]
        named = [m for m in mentions if is_named(m.speaker, story.actors.get(m.article_id, ()))]
        # Bare quoted phrases are not attributions, so they cannot have lost one.
        credited_words = name_words_of(named)
        unnamed = [m for i, m in zip(members, mentions) if i < story.attributed
                   and not credits_someone(m.speaker, story.actors.get(m.article_id, ()), credited_words)]  # fmt: skip
        speakers = _versions(
            list(range(len(named))),
            lambda a, b: same_person(named[a].speaker, named[b].speaker),
        )
        conflict = _conflict(story, fact_id, "speaker", _disputed([[named[i] for i in v] for v in speakers]))
        if conflict:
            conflicts.append(conflict)
        named_articles = {m.article_id for m in named}
        flagged: set[str] = set()
        # One flag per article that lost the speaker, on its most specific (shortest) quote.
        for u in sorted(unnamed, key=lambda m: len(m.text)):
            if u.article_id not in named_articles and named and u.article_id not in flagged:
                flagged.add(u.article_id)
                source = max(named, key=lambda m: (quote_similarity(m.text, u.text, story.vectors), -len(m.text)))
                launderings.append(Laundering(fact_id=fact_id, named=source, unnamed=u, via="quotes"))
        lead = max(mentions, key=lambda m: (m in named, len(m.text)))
        quoting = [story.actors.get(a, ()) for a in dict.fromkeys(m.article_id for m in mentions)]
        short = [m for m in mentions if len(words(m.text)) <= SHORT_QUOTE]
        texts = tuple(dict.fromkeys(" ".join(words(m.text)) for m in short))
        entries.append(
            LedgerEntry(
                id=fact_id,
                kind="quote",
                status=_status(conflict is not None, len(story.lines_of(mentions))),
                independent_sources=len(story.lines_of(mentions)),
                outlets=tuple(dict.fromkeys(m.outlet for m in mentions)),
                mentions=tuple(mentions),
                label=lead.text,
                about=_fullest_name(lead.speaker, quoting) if lead in named else "",
                variants=tuple(dict.fromkeys(m.text.strip(" .,") for m in short)) if len(texts) > 1 else (),
                modality="happened",
            )
        )
    return entries, conflicts, launderings


def _disputed(versions: list[list[Mention]]) -> list[list[Mention]]:
    """The versions of a quote (one per speaker) that credit the same words as another version.

    A quote's cluster joins more than one statement's words: a short quote's rewording, a phrase
    two sentences share ("She checked in herself" / "she needed to be checked in", "party girl").
    Two people may well say alike things, so words conflict over their speaker only when two
    outlets give the same words (``same_words``) to different people and one quotes them
    verbatim (a paraphrase of the mayor's quoted words credited to someone else). A term in
    quotation marks ("midnight regulation") is nobody's words, and three words ("he's great")
    are too few to tell whose: such mentions dispute no speaker."""
    def rivals(va: list[Mention], vb: list[Mention]) -> bool:
        return any({x.quote_kind, y.quote_kind} != {"indirect"} and min(len(words(x.text)), len(words(y.text))) > TERM_WORDS
                   and same_words(x.text, y.text) for x in va for y in vb)
    return [v for v in versions if any(rivals(v, w) for w in versions if w is not v)]


def _fullest_name(speaker: str | None, actors: Sequence[Sequence[Actor]]) -> str:
    """The fullest name the quoting articles (``actors``, one list per article) give the person
    ``speaker`` names: "Vincent" is "Vincent DelGiudice" when one of them names him so. Only a
    name holding all of the speaker's name words counts, and only when all such names are one
    person ("Clinton" stays "Clinton" beside both "Bill Clinton" and "Hillary Clinton"); ties
    go to the name most articles give, then to the first in alphabetical order."""
    own = set(name_words(speaker))
    fuller = Counter(a.name for acts in actors for a in acts
                     if a.label == "PERSON" and own and own < set(name_words(a.name)))  # fmt: skip
    if not fuller:
        return speaker or ""
    best = min(fuller, key=lambda n: (-len(name_words(n)), -fuller[n], n))
    return best if all(same_person(n, best) for n in fuller) else speaker or ""


def claim_entries(story: Evidence) -> tuple[list[LedgerEntry], list[Conflict]]:
    keep = [i for i, s in enumerate(story.statements) if len(words(s.text)) >= MIN_CLAIM_WORDS]
    statements = [story.statements[i] for i in keep]
    figures = [story.statement_figures[i] for i in keep]
    entries, conflicts = [], []
    # Complete linkage: a report sentence close to a preview's claim and to another report's does not chain them.
    groups = complete_clusters(len(statements), claim_pairs(statements, story.vectors, story.vocab, figures,
                                                                  story.done, refers_back(story.parsed)))
    for n, members in enumerate(groups, 1):
        fact_id = f"C{n}"
        mentions = [
            _mention(story, statements[i].article_id, statements[i].span, modality=statements[i].modality)
            for i in members
        ]
        pairs = [(h, d) for d in mentions if d.modality == "denied" for h in mentions if h.modality == "happened"
                 and _says_no_to(story, d, h)]
        sides = [list(dict.fromkeys(h for h, _ in pairs)), list(dict.fromkeys(d for _, d in pairs))]
        conflict = _conflict(story, fact_id, "modality", sides) if pairs else None
        if conflict:
            conflicts.append(conflict)
        n_lines = len(story.lines_of(mentions))
        entries.append(
            LedgerEntry(
                id=fact_id,
                kind="claim",
                status=_status(conflict is not None, _lines_backing(story, mentions)),
                independent_sources=n_lines,
                outlets=tuple(dict.fromkeys(m.outlet for m in mentions)),
                mentions=tuple(mentions),
                label=min(mentions, key=lambda m: len(m.text)).text,
                modality=_modality(mentions),
            )
        )
    return entries, conflicts
