"""Which figures, quotes and statements of different articles are the same fact.

Each aligner returns index pairs judged "the same thing"; figures and claims
are grouped by complete linkage (``complete_clusters``: every member like every
other), quotes by single linkage (``clusters``). Values are compared after normalisation with the tolerance
that rounding implies ("$14.9 billion" = "$14.9-billion", "about 54,000" =
"54,000"), so a *different* value for the same measured thing stays apart from
formatting noise and becomes a conflict in the ledger.
"""

from __future__ import annotations

import math
import operator
import re
from typing import Callable, Collection, Mapping, Sequence

from rapidfuzz import fuzz

from ..facts.speakers import TITLES
from ..facts.units import UNITS
from ..records import Actor, Figure, Quote, Statement
from .measured import FigureContext
from .text import Vectors, Vocabulary, containment, stems, words

# Figures: same value and unit, measured things at least this close. Seeds: the
# 54,000-personnel phrases of 000/003 score 0.99 (004's shorter phrase, 0.61, is
# joined by stem containment instead); no same-value pair of different things exists there.
SAME_THING = 0.62
# Different values are rival figures for one measured thing when the clauses
# around them say the same thing (``measured.predicates``: "people kill" /
# "people die", "worth deal buy" / "value deal buy"). Sample corpus (examples/,
# 75 cross-article different-value pairs in the same unit): the planted rivals
# score 0.81 (14 killed / 17 died) and 0.78 ($2.1bn worth / $2.4bn valued); the
# highest unrelated pairs left after the day, change and forecast guards score
# 0.66 ("premium offer" / "fall share"); "people work" / "people employ" (600 vs
# 8,000, different employers) fell from 0.80 to below 0.5 once verbs' objects joined.
RIVAL_PREDICATE = 0.75
# Equal values whose predicates, each of at least this many words, are one inside the other
# measure one thing ("people work" / "people work campus").
PREDICATE_WORDS = 2
AGE = "years old"
# Relative tolerance when either side says "about", "more than", "up to".
APPROX_TOLERANCE = 0.1

# Quotes: rapidfuzz ratio for small wording changes; containment for partial vs
# full quotes. Seeds: "power vacuum" inside Ishiba's longer quote (containment 1.0).
QUOTE_RATIO = 85
QUOTE_CONTAINED = 0.9
# Short paraphrased quotes and wording variants ("golden era"/"golden age" 0.79,
# "calm and reassuring"/"very calm, cool reassurance meeting" 0.70) need a shared
# content stem as well; unrelated short quotes of the seeds stay below 0.50.
VARIANT_COS = 0.65
VARIANT_WORDS = 0.5
SHORT_QUOTE = 8  # words
# Quoted words up to this many are a term ("midnight regulation") or too few to tell whose.
TERM_WORDS = 3

# Claims: seeds, rewrite pairs 003/004 score 0.80-0.91; topical neighbours from
# independent outlets reach 0.80 too, so high similarity alone is not enough
# unless it is very high, and otherwise story-rare words or a figure must be shared.
CLAIM_COS = 0.9
CLAIM_COS_WITH_EVIDENCE = 0.75
CLAIM_RARE_WORDS = 0.3
FORECAST = ("expected", "speculative")


# Two surnames after one first name are one spelt two ways from this rapidfuzz ratio up:
# "wetzler"/"welzler" 85.7 (ECB+, one lawyer in two outlets); "wetzler"/"wexler" 76.9.
SPELLING_RATIO = 85


def clusters(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the pair graph, each sorted, in order of first member.

    Single linkage chains (A~B, B~C puts A with C), which suits expectations that restate one
    another; quotes chain too, under a limit of their own (``quote_clusters``).
    """
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def complete_clusters(n: int, scored: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Complete linkage: groups merge, best pair first, only when every cross pair is scored.

    ``scored`` maps pairs ``(i, j)`` with ``i < j`` to how alike they are. No
    chains: a report that resembles a preview and another report does not make
    the preview and the other report one fact.
    """
    members = {i: [i] for i in range(n)}
    where = list(range(n))
    for (a, b), _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        ga, gb = where[a], where[b]
        if ga == gb:
            continue
        if all((min(x, y), max(x, y)) in scored for x in members[ga] for y in members[gb]):
            keep, drop = min(ga, gb), max(ga, gb)
            members[keep] += members.pop(drop)
            for x in members[keep]:
                where[x] = keep
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


# ----------------------------------------------------------------- figures


def _step(value: float) -> float:
    """Half the rounding step the written value implies: 54000 -> 500, 14.9e9 -> 5e7."""
    if value == 0:
        return 0.0
    digits = f"{abs(value):.12g}".replace(".", "").replace("-", "")
    if "e" in digits:
        digits = digits.split("e")[0]
    significant = len(digits.strip("0")) or 1
    exponent = math.floor(math.log10(abs(value)))
    return 0.5 * 10 ** (exponent - significant + 1)


def _values(fig: Figure) -> list[tuple[float, str | None]]:
    return [(fig.value, fig.unit), *fig.also]


def may_share_unit(ua: str | None, ub: str | None) -> bool:
    """Whether equal numbers in these units may be one figure as two outlets write it: the same
    unit, a rate and the amount it counts ("$31 a share" / "$31" in "cash for each share", "40,000
    vehicles a day" / "carries 40,000 vehicles"), or a bare number whose unit its phrase leaves
    unsaid ("puts the death toll at 17" / "17 people"). What the figures measure must agree too
    (``figure_pairs``); rival values keep to one unit."""
    if ua is None or ub is None or ua == ub:
        return True
    return ("/" in ua) != ("/" in ub) and ua.split("/")[0] == ub.split("/")[0]


def same_value(a: Figure, b: Figure, units: Callable[[str | None, str | None], bool] = operator.eq) -> bool:
    """True when two figures give the same quantity, allowing rounding and conversions; ``units``
    says which units compare (by default only equal ones; ``may_share_unit`` for one figure)."""
    approx = a.approx != "=" or b.approx != "="
    for va, ua in _values(a):
        for vb, ub in _values(b):
            if not units(ua, ub):
                continue
            # Trailing zeros do not say how far a number was rounded: read as one significant digit,
            # "100" would stand for anything from 50 to 150 and "1,000" for 520. A round number is
            # at most as loose as an "about" one, so rounding never reaches further than that.
            loose = APPROX_TOLERANCE * max(abs(va), abs(vb))
            tolerance = min(max(_step(va), _step(vb)), loose)
            if approx:
                tolerance = max(tolerance, loose)
            if abs(va - vb) <= tolerance + 1e-9 * max(abs(va), abs(vb), 1.0):
                return True
    return False


def comparable_units(a: Figure, b: Figure) -> bool:
    return bool({u for _, u in _values(a)} & {u for _, u in _values(b)})


def figure_pairs(
    figs: Sequence[Figure], things: Sequence[str], contexts: Sequence[FigureContext], vectors: Vectors
) -> dict[tuple[int, int], float]:
    """Pairs of figures giving the same value for the same measured thing, with how alike the things are.

    ``things`` holds, per figure, what it measures (its ``measures`` phrase, or
    its sentence when the phrase is missing); a predicate as close as a rival's
    ("people kill" / "people die") names the same thing too.
    """
    pairs = {}
    # An age measures a person, never a unit: "the actress, 33" is about "actress" even though the
    # word also counts people elsewhere ("600 actresses"), so its own phrase is what it measures.
    things = [f.measures if f.unit == AGE and f.measures else t for f, t in zip(figs, things)]
    thing_stems = [stems(t) for t in things]
    said_stems = [stems(c.predicate) for c in contexts]
    owners = [_owner(f) for f in figs]
    for i in range(len(figs)):
        for j in range(i + 1, len(figs)):
            a, b = figs[i], figs[j]
            if (a.change or None) != (b.change or None) or not same_value(a, b, may_share_unit):
                continue
            # "125 seats in the parliament" / "125 seats in the legislature" / "the 125 seats": one
            # count of one noun whose owners, where named, are one institution, on no two days
            counted = a.unit == b.unit and owners[i] is not None and owners[j] is not None and (
                not owners[i] or not owners[j] or bool(owners[i] & owners[j])
            ) and not (contexts[i].days and contexts[j].days and not contexts[i].days & contexts[j].days)
            sim = vectors.cos(things[i], things[j])
            # A shorter phrase inside a longer one ("US military personnel" in
            # "... stationed in Japan") names the same thing even when cosine is low.
            inside = thing_stems[i] <= thing_stems[j] or thing_stems[j] <= thing_stems[i]
            said = vectors.cos(contexts[i].predicate, contexts[j].predicate) if contexts[i].predicate else 0.0
            # So does a predicate of two words or more inside the other's ("people work" / "people
            # work campus", "value deal" / "value deal buy vireo"): the longer one only says more.
            pa, pb = said_stems[i], said_stems[j]
            said_inside = min(len(pa), len(pb)) >= PREDICATE_WORDS and (pa <= pb or pb <= pa)
            named_inside = inside and thing_stems[i] and thing_stems[j]
            if sim >= SAME_THING or said >= RIVAL_PREDICATE or said_inside or named_inside or counted:
                pairs[(i, j)] = max(sim, said, SAME_THING)
    return pairs


# Nouns outlets use alike for one institution: a count of its seats or members is one count.
_INSTITUTIONS = {w: "parliament" for w in
                 "parliament parliamentary legislature legislative assembly mejlis majlis".split()}


def _owner(fig: Figure) -> frozenset[str] | None:
    """For a count of something (the unit is the counted noun: "seat", not "people", "km" or
    "USD"), the stems of what its measure and subject name besides that noun, with one stem for
    the names of one institution ("seats in the legislature" -> {"parliament"}); None for other
    figures. Counts of people and jobs are left to the sentence: "two people" counts anyone."""
    unit = fig.unit
    if not unit or unit in _NOT_COUNTED or unit in UNITS or "/" in unit or not unit.isalpha() or unit.isupper():
        return None
    said = [_INSTITUTIONS.get(w, w) for w in words(f"{fig.measures} {fig.subject or ''}")]
    return stems(" ".join(said)) - stems(unit) - stems(unit + "s")


_NOT_COUNTED = {"people", "jobs", "fraction", AGE}


def rival_pairs(
    figs: Sequence[Figure],
    contexts: Sequence[FigureContext],
    vectors: Vectors,
    foretold: Collection[tuple[object, object]] = (),
) -> dict[tuple[int, int], float]:
    """Pairs of figures from different articles giving different values for one measured thing.

    Guards before the predicate comparison: the same unit and direction of
    change; both forecasts or both reports; not a prediction and its outcome
    (``foretold`` holds the (expected, outcome) sentence pairs the expectations
    module linked: "within five days" against "eleven days" is its business);
    no two different days named (share moves on Friday and Monday are two facts), not
    counted per different numbers of something ("two catches for 25 yards", "59 catches for
    1,098 yards"), not set in different times ("leaving 220,000 people dead" after "a temblor in
    2004" against today's "five people were killed") and not a requirement against a measurement
    ("can only be valid with a turnout more than 50 percent" against "turnout reached 93.87
    percent"): ``FigureContext.era`` and ``rule``.
    """
    pairs = {}
    for i in range(len(figs)):
        for j in range(i + 1, len(figs)):
            a, b, ca, cb = figs[i], figs[j], contexts[i], contexts[j]
            if a.article_id == b.article_id or not comparable_units(a, b) or same_value(a, b):
                continue
            if (a.change or None) != (b.change or None) or (a.modality in FORECAST) != (b.modality in FORECAST):
                continue
            if (ca.sentence, cb.sentence) in foretold or (cb.sentence, ca.sentence) in foretold:
                continue
            if ca.days and cb.days and not ca.days & cb.days:
                continue
            if ca.anchor and cb.anchor and ca.anchor != cb.anchor:
                continue  # yards for two catches and for 59 catches: two measures
            if ca.era != cb.era or ca.rule != cb.rule:
                continue  # the 2004 tsunami's dead, or a legal threshold, against today's count
            sim = vectors.cos(ca.predicate, cb.predicate)
            if ca.predicate and cb.predicate and sim >= RIVAL_PREDICATE:
                pairs[(i, j)] = sim
    return pairs


# ----------------------------------------------------------------- quotes


def same_words(a: str, b: str) -> float:
    """How surely two quoted passages are the same words as written (0..1): one inside the other,
    or the same up to small wording changes; 0 for passages that only say alike things."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 2 and containment(short, long) >= QUOTE_CONTAINED:
        return 1.0
    ratio = fuzz.ratio(" ".join(wa), " ".join(wb))
    return ratio / 100 if ratio >= QUOTE_RATIO else 0.0


def quote_similarity(a: str, b: str, vectors: Vectors) -> float:
    """How surely two quoted passages are one quote (0..1): the same words (``same_words``), or a
    short quote worded differently ("golden era" / "golden age"); 0 when not."""
    verbatim = same_words(a, b)
    if verbatim:
        return verbatim
    wa, wb = words(a), words(b)
    if wa and wb and min(len(wa), len(wb)) <= SHORT_QUOTE:
        sa, sb = stems(a), stems(b)
        shared = sa & sb
        if shared and len(shared) / (min(len(sa), len(sb)) or 1) >= VARIANT_WORDS:
            sim = vectors.cos(a, b)
            if sim >= VARIANT_COS:
                return sim
    return 0.0


def quote_clusters(quotes: Sequence[Quote], vectors: Vectors) -> list[list[int]]:
    """Quotes grouped into one fact each, by single linkage (see ``clusters``) with one limit:
    a short phrase ("Fix It", "power vacuum") may join the long quote it sits in, but joins two
    long quotes that are not alike themselves only when one person is credited with both (a
    paraphrase and a direct quote of one statement); three people's sentences that each mention
    "Fix It" are three quotes, not one quote of three outlets."""
    scored = sorted(
        ((score, i, j) for i in range(len(quotes)) for j in range(i + 1, len(quotes))
         if (score := quote_similarity(quotes[i].text, quotes[j].text, vectors)) > 0),
        key=lambda e: -e[0],
    )  # fmt: skip
    long = [len(words(q.text)) > SHORT_QUOTE for q in quotes]
    denied = [denies(q) for q in quotes]
    group = list(range(len(quotes)))  # quote -> its group's label
    members = {i: [i] for i in range(len(quotes))}
    voices = {i: {q.speaker or ""} if is_long else set() for i, (q, is_long) in enumerate(zip(quotes, long))}
    for _, i, j in scored:
        a, b = sorted((group[i], group[j]))
        if a == b or denied[i] != denied[j]:
            continue
        if voices[a] and voices[b] and not (long[i] and long[j]):
            if not any(x and y and same_person(x, y) for x in voices[a] for y in voices[b]):
                continue
        for m in members[b]:
            group[m] = a
        members[a] += members.pop(b)
        voices[a] |= voices.pop(b)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


# Cues whose content is what the speaker says is not so ("Gotcher denied that Simpson was the
# father"): that paraphrase and another outlet's "Simpson fathered the fetus" share their words
# and say opposite things, so they are never one quote (an "attribution lost" flag had the
# defence lawyer agree with the prosecution).
_DENIAL_CUES = ("deni", "deny", "dismiss", "reject", "refut", "disput", "rebut")


def denies(q: Quote) -> bool:
    """Whether ``q`` is an indirect quote of what its speaker denies."""
    return q.kind == "indirect" and (q.cue or "").lower().startswith(_DENIAL_CUES)


_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLES)
_GENERIC_HEADS = {"expert", "experts", "analyst", "analysts", "official", "officials", "observers", "sources",
                  "source", "critics", "many", "some", "others", "people", "media", "reports", "diplomats"}


def is_named(speaker: str | None, actors: Sequence[Actor]) -> bool:
    """True when ``speaker`` names a person or organisation rather than "experts" or nobody."""
    if not speaker:
        return False
    toks = words(speaker)
    if not toks or toks[-1] in _GENERIC_HEADS:
        return False
    if speaker.split()[-1][:1].islower():
        return False  # a description ("A police spokesman", "a Bukit Sama village resident"), whatever names it holds
    for actor in actors:
        if actor.label not in ("PERSON", "ORG"):
            continue
        for name in (actor.name, *actor.aliases):
            if fuzz.token_set_ratio(name.lower(), speaker.lower()) >= 90:
                return True
    # No actor list (or no match): a name is capitalised past its first word.
    return len(toks) >= 2 and all(t[:1].isupper() for t in speaker.split()[-2:])


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two speaker names may be one person as outlets write them: titles aside, the same
    surname, one name's words all inside the other's ("Vincent" / "Judge Vincent DelGiudice"),
    the same letters spaced apart ("Del Giudice" / "DelGiudice"), or one first name and a
    surname misspelt by a letter ("Andrew Wetzler" / "Andrew Welzler")."""
    wa, wb = (name_words(x) for x in (a, b))
    if not wa or not wb:
        return False
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    if len(wa) == len(wb) == 2 and not _same_first_name(wa[0], wb[0]):
        return False  # "Andrew Wetzler" / "Janette Wetzler", "Bill Clinton" / "Hillary Clinton"
    if wa[-1] == wb[-1]:
        return True
    if len(wa) >= 2 and len(wb) >= 2 and fuzz.ratio(wa[-1], wb[-1]) >= SPELLING_RATIO:
        return True
    joined_a, joined_b = "".join(wa), "".join(wb)
    return joined_a.endswith(wb[-1]) and len(wb[-1]) > len(wa[-1]) or joined_b.endswith(wa[-1]) and len(wa[-1]) > len(wb[-1])


def _same_first_name(a: str, b: str) -> bool:
    """First names agree, an initial agreeing with a name ("J" / "John"), or a short form that
    opens the name three letters or more before its end ("Ray" / "Raymond", "Rob" / "Robert").
    A name one or two letters longer is another name: Paul / Paula, Eric / Erica, Daniel / Danielle."""
    short, long_ = sorted((a, b), key=len)
    if a == b or len(short) == 1 and a[0] == b[0]:
        return True
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) >= 3


def name_words(name: str | None) -> list[str]:
    """A name's lower-case words without the titles that lead it ("Judge", "Mr."); a title word
    later in the name is a name ("Stephen King")."""
    found = words(name or "")
    lead = 0
    while lead < len(found) - 1 and found[lead] in _TITLE_WORDS:
        lead += 1
    return found[lead:]


def name_words_of(mentions) -> frozenset[str]:
    """The words of the speakers ``mentions`` credit, for ``credits_someone``."""
    return frozenset(w for m in mentions for w in words(m.speaker or ""))


_DEFINITE = frozenset("the this that his her their its".split())
_POSSESSOR = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+\w")  # "Reid's rep", "Tara Reid’s representative"


def credits_someone(speaker: str | None, actors: Sequence[Actor], credited_words: Collection[str] = ()) -> bool:
    """True when words credited to ``speaker`` keep their attribution: a name (``is_named``), a
    definite singular description ("the convicted killer", "the judge", "her rep", "Reid's
    publicist": someone the article does not name), or a one-word name the model did not tag as a
    person ("Maral") that is part of a name another outlet gives (``credited_words``, lower case:
    ``name_words_of``)."""
    if is_named(speaker, actors):
        return True
    toks = words(speaker or "")
    definite = toks[0] in _DEFINITE if toks else False
    if len(toks) >= 2 and (definite or _POSSESSOR.match(speaker)) and toks[-1] not in _GENERIC_HEADS \
            and not toks[-1].endswith("s"):
        return True
    return len(toks) == 1 and (speaker or "")[:1].isupper() and toks[0] in credited_words


# ----------------------------------------------------------------- claims


def claim_pairs(
    statements: Sequence[Statement],
    vectors: Vectors,
    vocab: Vocabulary,
    figures: Sequence[Sequence[Figure]] = (),
    done: Mapping[str, bool] | None = None,
    refers_back: Mapping[str, bool] | None = None,
) -> dict[tuple[int, int], float]:
    """Pairs of statements in different articles that say the same thing, with their similarity.

    ``figures`` holds, per statement, the figures inside it: a shared value is
    strong evidence the two sentences report the same fact, and different values
    in the same unit mean they do not (the figure ledger reports that conflict).
    A forecast and a report of the same event are not one claim either: the
    expectations module links them. Neither are a sentence about an event still
    ahead and one reporting it done (``done``: sentence -> completed), unless
    near-identical or sharing a figure. Nor, on shared rare words alone, is a sentence whose
    subject points back ("This aligns with Trump's ambition ...": ``refers_back``): the words
    shared are the predicate's, and what each "this" stands for is unknown.
    """
    st = [stems(s.text) for s in statements]
    pairs = {}
    for i in range(len(statements)):
        for j in range(i + 1, len(statements)):
            a, b = statements[i], statements[j]
            if a.article_id == b.article_id or (a.modality in FORECAST) != (b.modality in FORECAST):
                continue
            sim = vectors.cos(a.text, b.text)
            if sim < CLAIM_COS_WITH_EVIDENCE:
                continue
            fa, fb = (figures[i], figures[j]) if figures else ((), ())
            comparable = [(x, y) for x in fa for y in fb if comparable_units(x, y)]
            shared_figure = any(same_value(x, y) for x, y in comparable)
            if comparable and not shared_figure:
                continue
            if done is not None and done.get(a.text) != done.get(b.text) and sim < CLAIM_COS and not shared_figure:
                continue
            pointing = refers_back is not None and (refers_back.get(a.text) or refers_back.get(b.text))
            if sim >= CLAIM_COS or shared_figure or not pointing and vocab.overlap(st[i], st[j]) >= CLAIM_RARE_WORDS:
                pairs[(i, j)] = sim
    return pairs
