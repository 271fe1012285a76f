"""Figures: every quantity in an article, normalised, with what it measures.

Regex first (``figures_scan``), so the stage costs little next to spaCy; the
Doc, when the facts stage has one, only sharpens the counted noun and the
phrase a figure measures. Units follow the vocabulary in ``units``.

    extract_figures("a1", "SoftBank will invest up to $500 billion in AI.")
    -> [Figure(text="$500 billion", value=5e11, unit="USD", approx="<=", ...)]
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Figure, Span
from .figures_measures import Tok, TokenView, count_unit, counted_noun, measures, subject, tokens
from .figures_merge import join, keep, read_context
from .figures_scan import Raw, read_per, scan, scan_fractions, scan_vague
from .units import PEOPLE_NOUNS

__all__ = ["extract_figures"]


def extract_figures(article_id: str, text: str, doc=None) -> list[Figure]:
    """All quantities in ``text``; ``doc`` is an optional spaCy Doc of the same text."""
    shares = scan_fractions(text)
    numbers = [r for r in scan(text) if not any(f.start <= r.num_start < f.end for f in shares)]  # "three-quarters"
    raws = sorted(numbers + scan_vague(text) + shares, key=lambda r: r.start)
    raws = join(keep(raws, text), text)
    view = TokenView(tokens(text, [(r.start, r.end) for r in raws], doc))
    figures: list[Figure] = []
    for r in raws:
        read_context(r, text)
        fig = _figure(article_id, text, r, view)
        if fig is not None:
            if fig.unit is None and (
                _AGED.search(text, max(0, r.start - 16), r.start) or _AGE_IS.search(text, max(0, r.start - 80), r.start)
            ):
                fig = replace(fig, unit="years old")
            elif fig.unit is None and (
                (name := _apposed_person(text, r.start, r.end, doc)) is not None
                or (name := _described_person(text, r.start, r.end, doc)) is not None
            ):
                fig = replace(fig, unit="years old", measures=text[name[0] : name[1]], measures_span=name)
            elif fig.unit is None and _counts_people(fig.measures):
                fig = replace(fig, unit="people")  # "puts the death toll at 17": a toll counts the dead
            elif fig.unit is None and not r.words and figures and figures[-1].unit is not None:
                fig = _carry_unit(figures[-1], fig, text)
            figures.append(fig)
    return figures


# Measured nouns that count persons by what befell them: "the death toll at 17", "casualties
# reached 40", "the number of people killed rose to 17" (the measured noun says what is counted).
_PEOPLE_TALLIES = frozenset("fatalities killed wounded missing".split())
_TOLL_KINDS = frozenset("death casualty injury the a its their".split())


def _counts_people(measures: str) -> bool:
    """Whether a bare number's measured phrase counts persons: a people noun ("casualties",
    "victims", "dead"), or a toll of deaths or injuries ("the death toll"; a road "toll" is
    money and has its currency)."""
    found = re.findall(r"[a-z]+", measures.lower())
    if not found:
        return False
    head = found[-1]
    if head in ("toll", "tolls"):
        return len(found) == 1 or found[-2] in _TOLL_KINDS
    return head in PEOPLE_NOUNS or head in _PEOPLE_TALLIES


# An age written before a bare number: "aged 25", "at age 7", "who was 10", ", now 16,", "turned 30".
_AGED = re.compile(r"(?i)(?:\b(?:aged|age of|at age|ages|who (?:is|was|turned|turns)|turned|turns)|,\s*now)\s+\Z")
# A bare number set off by commas after a name is that person's age in news style:
# "Andrew Lopez, 20, fired from the rooftop", "Lopez, 20 and Carrasquillo, 24, were arrested".
_NAME_COMMA = re.compile(r"(?:^|(?<=[^\w]))[A-Z][\w'’.-]*(?: (?:(?:van|von|de|der|den|da|di|du|del|la|le|al|bin|ibn) )*[A-Z][\w'’.-]*){0,3},\s\Z")
# A sentence of results lists scores, not ages: "LeBron James, 30, and Dwyane Wade, 25, led the
# scorers", "Tiger Woods, 68, was two shots behind", "the seeds are Djokovic, 1, and Nadal, 2" (lower
# case: "College Point" is a place).
_TALLY = re.compile(
    r"\b(?:points?|goals?|scor(?:ed|er|ers|ing)|assists?|rebounds?|yards|runs|wickets|laps|strokes|par|"
    r"shots? (?:behind|ahead|back|clear)|under par|votes?|voted|ranked|rankings?|seeds?|seeded|"
    r"chapter|verse|finished|placed)\b"
)
_AGE_CLOSE = re.compile(r"(?:,|\s+and\b|\s*\)|\.(?:\s|\Z)|\s*\Z)")
_OLDEST = 120


def _apposed_person(text: str, start: int, end: int, doc) -> tuple[int, int] | None:
    """The span of the person named just before ", N," when N is a whole number of years and the
    model tags the name a PERSON (without a Doc, no guess: "In Brooklyn, 34, ..." is rare, "On
    Friday, 20 were killed" is not and fails the closing test, but a place name could pass it)."""
    number = text[start:end]
    if doc is None or not number.isdigit() or not 0 < int(number) <= _OLDEST or not _AGE_CLOSE.match(text, end):
        return None
    named = _NAME_COMMA.search(text, max(0, start - 60), start)
    if named is None:
        return None
    sentence = text[max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0) : _sentence_end(text, end)]
    if _TALLY.search(sentence):
        return None
    end = start - 2 - (2 if text[start - 4 : start - 2] in ("'s", "’s") else 0)  # "Reid's, 33, acting abilities"
    span = doc.char_span(named.start(), end, alignment_mode="contract")
    people = [e for e in (span.ents if span is not None else ()) if e.label_ == "PERSON" and e.end_char == end]
    if people:
        return _fullest_name(doc, people[0].start_char, people[0].end_char)
    # A name the model missed here that it tags a person elsewhere in the text: "Tara, 33, was
    # engaged" after "Tara Reid has checked herself into ...".
    word = text[max(named.start(), text.rfind(" ", 0, end) + 1) : end]
    if word[:1].isupper() and any(word in e.text.split() for e in doc.ents if e.label_ == "PERSON"):
        return _fullest_name(doc, end - len(word), end)
    return None


def _fullest_name(doc, start: int, end: int) -> tuple[int, int]:
    """The span of the longest name the text tags a person that holds the words of ``start:end``
    ("Reid" -> "Tara Reid"), so one person's age measures one name however each mention writes it."""
    said = doc.text[start:end].split()
    best = (start, end)
    for e in doc.ents:
        if e.label_ == "PERSON" and len(e.text) > best[1] - best[0] and set(said) <= set(e.text.split()):
            best = (e.start_char, e.end_char)
    return best


# A person described before ", N,": "The actress, 33, headed to a treatment facility".
_ROLE_COMMA = re.compile(r"\b(?:[Tt]he|[Aa]n?) (?:[a-z-]+ ){0,2}?([a-z]+),\s\Z")
_ROLES = frozenset(
    "man woman boy girl child teenager teen baby toddler actress actor singer star rapper model comedian "
    "mother father son daughter wife husband brother sister grandmother grandfather widow widower "
    "suspect victim driver pilot officer soldier student teacher doctor nurse player athlete "
    "gunman shooter defendant accused survivor passenger resident worker".split()
)


def _described_person(text: str, start: int, end: int, doc) -> tuple[int, int] | None:
    """The span of the role noun before ", N," ("the actress, 33,"), as ``_apposed_person`` reads a name."""
    number = text[start:end]
    if doc is None or not number.isdigit() or not 0 < int(number) <= _OLDEST or not _AGE_CLOSE.match(text, end):
        return None
    role = _ROLE_COMMA.search(text, max(0, start - 40), start)
    if role is None or role.group(1) not in _ROLES:
        return None
    sentence = text[max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0) : _sentence_end(text, end)]
    return None if _TALLY.search(sentence) else role.span(1)


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return min(ends, default=len(text))


# An age noun then a link to a bare number in the same clause: "the retirement age will rise to 67",
# "life expectancy for men in Glasgow is around 73".
_AGE_IS = re.compile(
    r"(?i)\b(?:age|life expectancy)\b[^.;:,!?()]{0,40}?\b(?:is|was|are|were|be|of|at|to|reached|hit)\s+"
    r"(?:about |around |nearly |almost |only |just |some |roughly |over |under )?\Z"
)
# A bare number joined to the figure before it in the same clause repeats its unit:
# "460 vehicles ... compared with 63", "6 million homes including 1.5 million",
# "from 14-18 mpg to 24". Not after "of" ("sold 63,150 cars, short of estimates of 64,900"),
# where the number is the value of the noun before it.
_CARRY = re.compile(
    r"(?i)[^.!?;:()]{0,60}?\b(?:to|and|or|with|from|than|versus|vs\.?|including|against|is|was|were)\s+"
    r"(?:about |around |some |roughly |nearly |almost |just |only |more than |less than |over |under |up to )?\Z"
)


def _carry_unit(prev: Figure, fig: Figure, text: str) -> Figure:
    if prev.also or _CARRY.fullmatch(text, prev.span[1], fig.span[0]) is None:
        return fig  # after "2.2 billion shekels ($590 million)" a bare number could be in either currency
    if prev.unit == "percent" and abs(fig.value) > 100:
        return fig  # "fell 350 points, or 1.2%, to 28,500": a level, not a share
    return replace(fig, unit=prev.unit)


def _figure(article_id: str, text: str, r: Raw, view: TokenView) -> Figure | None:
    toks = view.toks
    num_first = view.index_at(r.start)
    fig_end = view.index_at(r.end)
    after = fig_end
    group = _group_start(toks, after, r.unit == "fraction") if r.unit in (None, "fraction") else 0
    if r.vague and after < len(toks) and toks[after].text.lower() == "of":
        after += 1
    elif group:
        after = group  # "one of the best speakers", "half the condos"
    elif (
        after + 1 < len(toks)
        and toks[after].text == "-"
        and toks[after].start == r.end == toks[after + 1].start - 1
        and toks[after + 1].pos in (None, "NOUN", "PROPN")
    ):
        after += 1  # "a four-cylinder engine": the noun glued by a hyphen is counted; "one-sided" counts nothing
    noun = view.noun_after(after) if after < len(toks) and toks[after].start < r.end + 12 else None
    possessive = noun is not None and noun[1] + 2 < len(toks) and toks[noun[1] + 1].text in ("'s", "’s")
    if possessive and group:
        noun = view.noun_after(noun[1] + 2)  # "three-quarters of the world's computers"
    parent = _parent_of(toks, num_first)
    if parent and noun is not None and toks[noun[0]].pos == "PROPN":
        noun = None  # "Mother of 13 Zurana Horton": the name is the mother's, not what is counted
    if noun is not None and (r.unit is None or r.vague or r.unit == "fraction"):
        counted = counted_noun(toks, *noun, r.value)
        r.end = max(r.end, toks[counted].end)
        if r.unit != "fraction":
            r.unit = count_unit(toks, noun[0], counted)
            per = read_per(text, r.end)
            if per:  # a count per something is a rate: "12 cases per day", "three goals a game"
                r.unit, r.end = f"{r.unit}/{per[0]}", per[1]
    if noun is None and r.unit is None and parent:
        r.unit = "people"  # "a mother of 12", "father of three" count children, and children are people
    if not _is_quantity(r, text, noun, toks, num_first):
        return None
    what, what_span = _phrase(text, toks, measures(view, num_first, view.index_at(r.end), noun))
    who, who_span = _phrase(text, toks, subject(view, num_first))
    return Figure(
        article_id=article_id,
        span=(r.start, r.end),
        text=text[r.start : r.end],
        value=r.value,
        unit=r.unit,
        approx=r.approx,
        change=r.change,
        measures=what,
        measures_span=what_span,
        subject=who,
        subject_span=who_span,
        also=tuple(r.also),
        value_to=r.value_to,
    )


def _phrase(text: str, toks: list[Tok], tokens: tuple[int, int] | None) -> tuple[str, Span | None]:
    """The text and character span of a token range (first, last), or ("", None)."""
    if tokens is None:
        return "", None
    span = (toks[tokens[0]].start, toks[tokens[1]].end)
    return text[span[0] : span[1]], span


_PARENTS = frozenset("mother father parent mom dad mum grandmother grandfather grandparent".split())


def _parent_of(toks: list[Tok], num_first: int) -> bool:
    """Whether the number follows "<parent> of": "a mother of 12" counts her children."""
    return num_first >= 2 and toks[num_first - 1].text.lower() == "of" and toks[num_first - 2].text.lower() in _PARENTS


# Words that open the group a number picks from: "one of the students", "half (of) their savings".
_PICK_DETERMINERS = frozenset("the these those his her its their our your my".split())


def _group_start(toks: list[Tok], k: int, share: bool) -> int:
    """Index of the counted noun phrase after "of the" / "the" / "of their" at token k, or 0 if none.

    "One of the best wireless speakers" counts one speaker, and "half the
    condos" is a share of condos: the counted noun sits after the determiner.
    A share may also take a bare plural ("two-thirds of voters"); "one of
    them" and "one of 15 victims" name no group this way.
    """
    if k < len(toks) and toks[k].text.lower() == "of":
        k += 1
        if k < len(toks) and toks[k].text.lower() == "all":
            k += 1  # "half of all registered voters", "one of all the players"
        if share and k < len(toks) and toks[k].text.lower() not in _PICK_DETERMINERS:
            return k
    if k < len(toks) and toks[k].text.lower() in _PICK_DETERMINERS:
        k += 1
        while k < len(toks) and toks[k].text.lower() in ("most", "least", "more", "less"):
            k += 1  # "one of the most popular models"
        return k
    return 0


_ANAPHORIC = frozenset("the these those both its their his her our your my this that".split())


def _is_quantity(r: Raw, text: str, noun, toks: list[Tok], num_first: int) -> bool:
    """Numbers in words and bare "A-B" pairs need a unit or noun to count as quantities."""
    if r.words and not r.scaled and r.approx == "=" and r.value_to is None:
        if r.unit is None:
            return False  # "one of them", "two said"; but "one count of fraud" is a count
        prev = toks[num_first - 1].text.lower() if num_first > 0 else ""
        if prev in _ANAPHORIC or prev in ("'s", "’s"):
            return False  # "the two nations", "its one rival": references, not amounts
    if r.value_to is not None and r.unit is None and "-" in text[r.start : r.end]:
        return False  # scores and codes: "2-2 on aggregate", "ISO 3888-2"
    return True
