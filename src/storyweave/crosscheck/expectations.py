"""Expected -> happened: what previews said would happen, matched to what later
reports say did (or did not) happen.

Inside one story almost every sentence is close to every other in embedding
space, and style words ("common ground", "long-standing") pair sentences that
are about different things. So a link needs *anchors* first: content words the
rest of the story rarely uses (IDF over the story's sentences: "Nippon",
"natural gas", "emergency fund") or the same figure; then sentence similarity;
and each expectation keeps only its single best outcome.

A fact-checker must be able to trust "confirmed", so both sides are narrowed to
what can be checked. An expectation is a concrete event a report could tell: not
a quotation (a source's view, often of the past: "There was a fear in Tokyo that
..."), a hypothesis ("If successful, the summit could herald ..."), an evaluation
("will be paramount") or a consequence told of an abstract noun ("The effects of
this meeting will ripple beyond ..."). Its anchors come from the predicted event
(the nouns under the verb the framing "is expected to" points at), not from the
framing, and from the sentence before only when that is the anaphor's antecedent.
An outcome is told in the past or perfect: "This stance aligns with ..." reports
nothing that happened.

An outcome can confirm, leave pending or contradict what was expected:
"not yet" / "so far" leave it pending; an outcome figure outside the bound the
expectation gave ("within five days" vs "eleven days") contradicts it; so does
a denial or a later report recalling the prediction ("had predicted a smooth
review"), unless the expectation's own deadline ("before the end of the year")
had not passed when the report appeared.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

from ..brief.model import Expectation, LedgerEntry, Mention
from ..facts.modality import REPORT_VERBS
from ..facts.quotes_marks import opens_quotation
from ..records import Figure, Span, Statement
from .align import clusters, comparable_units, same_value
from .ledger import MIN_CLAIM_WORDS, Evidence
from .text import _stop_words, stem, stems, words

# A link needs anchors worth at least ANCHOR (summed log-IDF, over the story's
# sentences, of story-rare stems the outcome shares with the nouns and names of
# the predicted event; a shared figure counts FIGURE_ANCHOR) and cosine at least
# LINK_COS. Chosen on the seeds' hand labels (bench/seed_expectation_links.json,
# 29 items / 48 sentences, via bench/expectation_links.py), grid ANCHOR 2-4 x
# LINK_COS 0.35-0.5 x ANCHOR_WEIGHT 0-0.1: 3.0/0.45/0.02 gave precision 0.90
# (9 of 10 links right), recall 0.29, status accuracy 0.61; ANCHOR 2.0-3.0 and
# ANCHOR_WEIGHT 0-0.02 give the same figures (in the seed story of 160 sentences
# one stem used by at most 8 is worth 3.0); LINK_COS 0.40 lets in 3 wrong links
# (0.69), 0.50 loses 2 right ones (0.875, recall 0.23); ANCHOR 3.5 drops recall to 0.16.
# Held out, examples/expected.json (read once, after choosing): precision 0.625 (was
# 0.455), recall 0.667, status accuracy 0.91 (both unchanged).
ANCHOR = 3.0
LINK_COS = 0.45
FIGURE_ANCHOR = 3.0
# score = cosine + ANCHOR_WEIGHT * anchors, to pick the best outcome per expectation.
# Seeds: 0.05 and 0.1 let one rare shared word outrank the closer sentence
# ("thousands of new jobs" -> a past job tally, not the investment plan): precision 0.80.
ANCHOR_WEIGHT = 0.02
# Two preview sentences linked to the same outcome are one expectation only if
# they are also alike (seeds: the LNG sentences of 003/004 score 0.66).
SAME_EXPECTATION = 0.6

EXPECTING = ("expected", "speculative")
# A sentence opening on an anaphor is read after the sentence before it when that
# sentence can be its antecedent: a pronoun ("It is expected ..."), a shell noun
# that names no thing itself ("This topic may be discussed", "the move"), or a
# noun the sentence before uses. "This summit ... is anticipated to be less
# volatile" after a sentence on LNG imports is not about LNG.
_ANAPHOR = re.compile(r"^(this|that|these|those|it|they|such|the)\b\s*(\w*)", re.I)
_SHELL = frozenset({"topic", "issue", "matter", "move", "step", "question", "deal", "plan", "bid"})
# The facts stage tags modality by the main verb; "Analysts expect the deal to
# pass", "X said he expected Y to reopen" are predictions it reads as happened.
_PREDICTS = re.compile(r"\b(?:expects?|expected|predicts?|anticipates?|forecasts?)\b(?:\s+\S+){0,6}?\s+to\b", re.I)
# A later report recalling a prediction: "Keld had said the harbour would reopen".
_RECALLED = re.compile(r"\bhad\s+(?:\w+\s+)?(?:said|expected|predicted|forecast|promised|planned|hoped|pledged)\b", re.I)
_INCOMPLETE = re.compile(r"\b(?:not yet|yet to|so far|still)\b", re.I)
_UPPER = re.compile(r"\b(?:within|by|no more than|less than|under|up to|at most|as few as)\s+$", re.I)
_LOWER = re.compile(r"\b(?:at least|more than|over|well over|no less than)\s+$", re.I)
_DAYS = {"hours": 1 / 24, "days": 1, "weeks": 7, "months": 30.4, "years": 365.25}
_END_OF = re.compile(r"\b(?:before|by) the end of (?:the|this) (month|year)\b|\b(?:in|by) the (first|second|third|fourth) quarter\b", re.I)
_QUARTER_END = {"first": 3, "second": 6, "third": 9, "fourth": 12}
# A report restating a forecast ("the companies said they expected it to close")
# has not seen it happen; plain "will" in a report is an announced decision.
_HEDGED = re.compile(r"\b(?:likely|set to|could|may|might|would)\b", re.I)


def predicts(s: Statement) -> bool:
    """True when ``s`` says what will (or is expected to) happen."""
    if _RECALLED.search(s.text):
        return False
    return s.modality in EXPECTING or bool(_PREDICTS.search(s.text))


def _antecedent(text: str, before: list[str]) -> str | None:
    """What the anaphor ``text`` opens on refers to, among the article's sentences ``before`` it (nearest last).

    A shell noun sums up what the paragraph said, which may open two sentences back
    ("... Nippon Steel's bid. The deal was blocked. This topic may be discussed").
    """
    m = _ANAPHOR.match(text.strip())
    if not m or not before:
        return None
    opener, noun = m.group(1).lower(), m.group(2).lower()
    if noun in _SHELL:
        return " ".join(before[-2:])
    if opener == "the":
        return None
    # a pronoun, or a determiner whose noun the sentence before names
    previous = before[-1]
    refers = opener in ("it", "they") or noun in _stop_words() or stem(noun) in stems(previous)
    return previous if refers else None


# What a prediction hangs on: "X is expected / likely / set to DO", "officials said
# they anticipate Y". The predicted event is the verb under these heads.
# Reporting verbs frame too: "Roos will visit Saltmere on Thursday, her office confirmed".
_FRAMING = frozenset({"expect", "anticipate", "predict", "forecast", "set", "likely", "poise", "due", "aim",
                      "plan", "intend", "hope", "seek", "want", "believe", *REPORT_VERBS})
_COPULA = frozenset({"be", "become", "remain", "seem", "appear"})
_MIND = frozenset({"see", "remember", "forget", "recall", "know", "imagine", "wonder"})
_HEDGING_MODALS = frozenset({"may", "might", "could", "can", "ca", "should", "must"})
_NONE = frozenset({"few", "little", "no"})
_TELL = frozenset({"answer", "say", "give", "offer", "provide", "share", "reveal", "explain", "add"})
_AHEAD = frozenset({"before", "until", "till", "next", "soon", "tomorrow", "yet"})


def _predicted(doc):
    """The verb of the predicted event: the root, followed down through framing verbs."""
    head = next((t for t in doc if t.dep_ == "ROOT"), None)
    while head is not None:
        # "is likely to DO": the complement hangs on the framing adjective
        nxt = next((g for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in _FRAMING
                    for g in c.children if g.dep_ in ("xcomp", "ccomp")), None)
        if nxt is None and head.lemma_.lower() in _FRAMING:
            nxt = next((c for c in head.children if c.dep_ in ("xcomp", "ccomp")), None)
        if nxt is None:
            return head
        head = nxt
    return head


def concrete(doc) -> bool:
    """Whether a predicting sentence foretells an event a later report can confirm.

    Not a hypothesis ("If successful, the summit could herald a new chapter"), not
    an evaluation on a copula ("will be paramount", "is anticipated to be less
    volatile"), and not a consequence of the event told of an abstract noun ("The
    effects of this meeting will ripple beyond", "The outcome of ... will shape"):
    no report says such things happened. A figure keeps the last kind concrete
    ("the cost of the bridge will reach $3bn").
    """
    verb = _predicted(doc)
    if verb is None or _past_or_ability(verb):
        return False
    chain = [verb, *verb.ancestors]
    if any(m.lower_ in ("if", "unless") for v in chain for c in v.children if c.dep_ == "advcl"
           for m in c.children if m.dep_ == "mark"):
        return False
    if verb.lemma_.lower() in _COPULA and any(c.dep_ == "acomp" for c in verb.children):
        return False
    subjects = [c for v in chain for c in v.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    relational = any(t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
                     for t in subjects)
    return not relational or any(t.like_num for t in doc)


def _past_or_ability(verb) -> bool:
    """A hedged report of the past ("reportedly pulled up", "were allegedly struck", "may have
    been set by an arsonist"), an ability ("can do the job"), a narrative "would" in the
    sentence's own voice ("McDermott would follow with a jumper") or a reader's memory or
    sight ("Palmerites may remember", "flames could be seen") or an inability ("could not
    score", see ``_cannot``) foretells nothing. A plain future
    does ("will have cut 200 jobs by March", "will see up to 10 inches of snow", "voters will
    know the result on Sunday")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return True
    modals = {c.lower_ for c in aux if c.tag_ == "MD"}
    hedged = modals & _HEDGING_MODALS
    if hedged and (verb.lemma_.lower() in _MIND or any(c.lemma_ == "have" for c in aux)):
        return True
    if "could" in modals and _cannot(verb):
        return True
    return bool(modals & {"can", "ca"}) or ("would" in modals and verb.dep_ == "ROOT")


def _cannot(verb) -> bool:
    """ "could not sustain drives", "couldn't score", "officials could answer few questions": an
    inability told of the past or the present, not a forecast. A time ahead keeps it a forecast
    ("could not reopen before March", "could cause little disruption on Monday"), and few or
    little of something is an inability only for what a source tells ("answer few questions")."""
    if any((t.ent_type_ in ("DATE", "TIME") or t.lower_ in _AHEAD) and not _in_past_clause(t, verb) for t in verb.subtree):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.lemma_.lower() in _TELL and any(
        c.dep_ == "dobj" and any(g.lower_ in _NONE for g in c.children if g.dep_ in ("amod", "det")) for c in verb.children)


def _in_past_clause(token, verb) -> bool:
    """Whether ``token`` belongs to a past-tense clause under ``verb`` ("how he escaped Monday")."""
    while token.i != verb.i and token.head.i != token.i:
        if token.tag_ == "VBD":
            return True
        token = token.head
    return False


def event_stems(doc) -> frozenset[str]:
    """Stems of what the predicted event is about: the nouns and names under its verb.

    An outcome must share these ("discuss Nippon Steel's bid"), not a word of the
    framing ("Ishiba's visit is expected to ...") or a bare number word ("billions").
    A shared verb alone is no anchor: "reiterate the importance of peace in the
    Taiwan Strait" and "reiterated support for a two-state solution" are two events.
    """
    from spacy.lang.en.lex_attrs import like_num

    verb = _predicted(doc)
    if verb is None:
        return frozenset()
    return frozenset(stem(w) for t in verb.subtree if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
                     and not like_num(t.lower_.removesuffix("s")) for w in words(t.text) if len(w) > 1)


def _quoted(ev: Evidence, s: Statement) -> bool:
    """A sentence that is a direct quotation states a source's view, not the article's expectation."""
    if opens_quotation(s.text):
        return True
    inside = sum(max(0, min(q.span[1], s.span[1]) - max(q.span[0], s.span[0]))
                 for q in ev.quotes if q.article_id == s.article_id and q.kind == "direct")
    return inside >= 0.5 * (s.span[1] - s.span[0])


def contexts(statements: list[Statement]) -> dict[tuple[str, Span], str]:
    """The text compared for each prediction: itself, after its antecedent sentences when needed."""
    out = {}
    for n, s in enumerate(statements):
        if predicts(s):
            before = [p.text for p in statements[max(0, n - 2):n] if p.article_id == s.article_id]
            lead = _antecedent(s.text, before)
            out[(s.article_id, s.span)] = f"{lead} {s.text}" if lead else s.text
    return out


def _day(ev: Evidence, article_id: str) -> date | None:
    published = ev.articles[article_id].published
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _later(ev: Evidence, outcome_article: str, expected_article: str) -> bool:
    """Whether ``outcome_article`` can report what ``expected_article`` predicted.

    With both dates known and different, it must be later. Otherwise only a preview's forecast
    can be told by a report: a forecast inside an undated report ("Bush will miss the final two
    games") is as likely written after the other report as before it, and no order means no
    confirmation (on 8 undated ECB+ report topics, 22 of 30 such links were wrong by hand).
    """
    if outcome_article == expected_article:
        return False
    do, de = _day(ev, outcome_article), _day(ev, expected_article)
    if do and de and do != de:
        return do > de
    # undated, or the same day (a morning preview, the evening's report): the kinds tell
    return ev.kinds.get(outcome_article) != "preview" and ev.kinds.get(expected_article) == "preview"


def _figures(ev: Evidence) -> dict[tuple[str, Span], list[Figure]]:
    return {(s.article_id, s.span): f for s, f in zip(ev.statements, ev.statement_figures)}


def _anchors(ev: Evidence, es: frozenset[str], os_: frozenset[str], ef: list[Figure], of: list[Figure]) -> float:
    shared_figure = any(comparable_units(a, b) and same_value(a, b) for a in ef for b in of)
    return ev.vocab.rare_shared(es, os_) + (FIGURE_ANCHOR if shared_figure else 0.0)


def _in_days(f: Figure) -> float | None:
    factor = _DAYS.get((f.unit or "").lower())
    return None if factor is None else f.value * factor


def _bound_broken(ev: Evidence, e: Statement, ef: list[Figure], of: list[Figure]) -> bool:
    """An outcome duration outside the bound the expectation gave ("within five days" vs "eleven days")."""
    text = ev.articles[e.article_id].text
    for a in ef:
        da = _in_days(a)
        if da is None:
            continue
        before = text[max(0, a.span[0] - 20) : a.span[0]]
        upper, lower = _UPPER.search(before), _LOWER.search(before)
        for b in of:
            db = _in_days(b)
            if db is not None and ((upper and db > da) or (lower and db < da)):
                return True
    return False


def _deadline(ev: Evidence, e: Statement, ef: list[Figure]) -> date | None:
    """When the prediction falls due: "before the end of the year", "within four weeks"."""
    start = _day(ev, e.article_id)
    if start is None:
        return None
    m = _END_OF.search(e.text)
    if m and m.group(2):
        month = _QUARTER_END[m.group(2).lower()]
        due = date(start.year, month, calendar.monthrange(start.year, month)[1])
        # "in the first quarter" written in November means next year's
        return due if due >= start else date(start.year + 1, month, due.day)
    if m:
        if m.group(1).lower() == "year":
            return date(start.year, 12, 31)
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    text = ev.articles[e.article_id].text
    spans = [_in_days(f) for f in ef if _UPPER.search(text[max(0, f.span[0] - 20) : f.span[0]])]
    days = [d for d in spans if d is not None]
    return start + timedelta(days=max(days)) if days else None


def reports(s: Statement) -> bool:
    """True when ``s`` can tell what happened: not a forecast, hedge or recalled prediction."""
    return s.modality != "speculative" and not (_PREDICTS.search(s.text) or _HEDGED.search(s.text)
                                                 or _RECALLED.search(s.text))


def _status(ev: Evidence, e: Statement, o: Statement, ef: list[Figure], of: list[Figure], recalled: bool) -> str:
    """``recalled``: a later report recalls this prediction ("had predicted a smooth review")."""
    if _bound_broken(ev, e, ef, of):
        return "contradicted"
    if _INCOMPLETE.search(o.text):
        return "pending"
    if o.modality == "denied" or recalled:
        due, seen = _deadline(ev, e, ef), _day(ev, o.article_id)
        return "pending" if due and seen and seen < due else "contradicted"
    return "confirmed"


def _matches(ev: Evidence, e: Statement, ctx: str, about: frozenset[str], o: Statement, figs) -> float | None:
    """The link score of prediction ``e`` (read as ``ctx``, about the stems ``about``) and
    statement ``o``, None when they are not linked."""
    # An outcome comes from another line of reporting: a rewrite repeating the prediction is not its outcome.
    if ev.line_of[o.article_id] == ev.line_of[e.article_id] or not _later(ev, o.article_id, e.article_id):
        return None
    anchor = _anchors(ev, about, ev.naming[o.text], figs.get((e.article_id, e.span), []),
                      figs.get((o.article_id, o.span), []))
    cos = ev.vectors.cos(ctx, o.text)
    # In a short story IDF is small: one stem shared by at most three sentences (as
    # rare as a shared stem gets when a rewrite repeats it) is always anchor enough.
    needed = min(ANCHOR, math.log(max(ev.vocab.n, 3) / 3))
    return cos + ANCHOR_WEIGHT * anchor if anchor >= needed and cos >= LINK_COS else None


def link_expectations(ev: Evidence, claims: list[LedgerEntry]) -> list[Expectation]:
    """One ``Expectation`` per group of preview sentences that predict the same thing."""
    candidates = [s for s in ev.statements
                  if predicts(s) and len(words(s.text)) >= MIN_CLAIM_WORDS and not _quoted(ev, s)]
    parsed = [(s, ev.parsed[s.text]) for s in candidates if concrete(ev.parsed[s.text])]
    expected = [s for s, _ in parsed]
    # The antecedent sentence a prediction is read after names what "this topic" is.
    about = [event_stems(doc) | (ev.naming[ev.contexts[(s.article_id, s.span)]] - ev.naming[s.text])
             for s, doc in parsed]
    long_enough = [s for s in ev.statements if len(words(s.text)) >= MIN_CLAIM_WORDS]
    # What happened is told in the past or perfect ("convened", "has approved"); a
    # present-tense comment ("This stance aligns with ...") reports no outcome.
    outcomes = [s for s in long_enough if reports(s) and ev.done.get(s.text, False)]
    recalls = [s for s in long_enough if _RECALLED.search(s.text)]
    figs = _figures(ev)
    claim_of = {(m.article_id, m.span): c.id for c in claims for m in c.mentions}
    best: list[tuple[float, int]] = []
    recalled: list[bool] = []
    for e, stems_ in zip(expected, about):
        ctx = ev.contexts[(e.article_id, e.span)]
        scored = [(score, k) for k, o in enumerate(outcomes)
                  if (score := _matches(ev, e, ctx, stems_, o, figs)) is not None]
        best.append(max(scored, default=(0.0, -1)))
        recalled.append(any(_matches(ev, e, ctx, stems_, r, figs) is not None for r in recalls))
    # Sentences predicting one thing: same claim cluster, or the same linked outcome.
    pairs = []
    for i in range(len(expected)):
        for j in range(i + 1, len(expected)):
            ci = claim_of.get((expected[i].article_id, expected[i].span))
            cj = claim_of.get((expected[j].article_id, expected[j].span))
            linked = (
                best[i][1] >= 0 and best[i][1] == best[j][1]
                and ev.vectors.cos(expected[i].text, expected[j].text) >= SAME_EXPECTATION
            )
            if linked or (ci is not None and ci == cj):
                pairs.append((i, j))
    result = []
    for members in clusters(len(expected), pairs):
        mentions = tuple(_as_mention(ev, expected[i]) for i in members)
        links = sorted(((best[i][0], best[i][1], i) for i in members if best[i][1] >= 0), reverse=True)
        if not links:
            result.append(Expectation(id="", status="pending", expected=mentions))
            continue
        top_score, top, lead = links[0]
        e, o = expected[lead], outcomes[top]
        status = _status(ev, e, o, figs.get((e.article_id, e.span), []), figs.get((o.article_id, o.span), []),
                         recalled[lead])
        outcome = tuple(_as_mention(ev, outcomes[k]) for k in dict.fromkeys(k for _, k, _ in links))
        # An announcement ("Aldenbrook will buy Vireo ..., the two companies said") reads as a
        # prediction and joins the preview's claim, yet it is what the preview foretold: it
        # is the outcome, not also one of the sentences that expected it.
        told = {(m.article_id, m.span) for m in outcome}
        mentions = tuple(m for m in mentions if (m.article_id, m.span) not in told)
        result.append(Expectation(id="", status=status, expected=mentions, outcome=outcome, score=round(top_score, 3)))
    order = {"confirmed": 0, "contradicted": 1, "pending": 2}
    result.sort(key=lambda x: (order[x.status], -len(ev.lines_of(x.expected)), -x.score))
    return [Expectation(id=f"E{n}", status=x.status, expected=x.expected, outcome=x.outcome, score=x.score)
            for n, x in enumerate(result, 1)]


def _as_mention(ev: Evidence, s: Statement) -> Mention:
    return Mention(article_id=s.article_id, outlet=ev.outlet(s.article_id), span=s.span,
                   text=ev.articles[s.article_id].text[s.span[0]:s.span[1]], modality=s.modality)
