"""What a figure measures: the noun phrase around the number.

A figure without its subject cannot be cross-checked: "54,000" only compares
with "54,000" when both measure "US military personnel stationed in Japan".
The rules read part-of-speech tags (cheap, always on in the facts stage) and
never need the dependency parse; without a spaCy Doc they fall back to word
lists, less precise but still useful for counts ("100,000 quality jobs").

In order: the noun the number modifies ("$100 billion investment in U.S.
projects", "54,000 US military personnel stationed in Japan"); the noun before
"of" ("a fine of $3 billion"); the object of the verb before "to/by/for"
("increase Japan's investment in the United States to $1 trillion"); the
prepositional object after the figure ("invest $500 billion in AI
infrastructure"); else the subject of the verb before it ("Nvidia advanced 8%").

Apart from what is counted, ``subject`` finds whose figure it is: the subject
of the clause the number sits in ("Tesla delivered 63,150 Model 3s", "shares
of the retail giant rose about 1.5%", "Aldenbrook, which employs about 8,000
people"). Two outlets may give "18%" for different companies' shares, and
"8,000 people" alone does not say who employs them.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from spacy.attrs import IDX, LEMMA, LENGTH, POS, SPACY

from .doc_columns import names
from .units import CURRENCY_PREFIX, JOB_NOUNS, PEOPLE_NOUNS, SCALES

_NP_POS = frozenset(("ADJ", "NOUN", "PROPN"))
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as than that which who whom whose this these "
    "those is are was were be been being has have had will would could should may might can do does did "
    "it its their his her our your my we they he she i you them him us me not no so if then there here "
    "per each every about more less over under up down out into onto since until after before during "
    "while when where why how what all some any most many much few also just only even still yet "
    "said says say told according percent cent".split()
)
# Determiners the tagger may call pronouns ("in his life"), kept inside a prepositional phrase.
_DETERMINERS = frozenset("the 's ’s his her its their our your my".split())
_TIME_DETERMINERS = frozenset("last next this previous same following coming past".split())
# Nouns that say when, tagged as nouns after a counted noun: "contests Saturday", "societies today".
_WHEN_NOUNS = frozenset("today yesterday tonight tomorrow monday tuesday wednesday thursday friday saturday sunday".split())
# Months date something only when capitalised: "in the march" is a march, "in May" a date.
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_WHEN_WORDS = _WHEN_NOUNS | frozenset(
    "morning afternoon evening night week weekend month year quarter decade century premarket".split()
)
_ORDINALS = _TIME_DETERMINERS | frozenset("first second third fourth fifth".split())
_PREPS = frozenset("in of for on into at from over across among between within to by".split())
_CLAUSE_END = frozenset(",;:.!?()\"“”")
# Verbs whose object is the subject of the infinitive after it ("expected the deal to close").
_CONTROL_VERBS = frozenset(
    "expect want allow ask force urge need cause require persuade enable order tell encourage "
    "prompt push prefer permit forecast predict".split()
)
# Verbs whose subject is a source of the figure, not what it is about ("analysts estimate 3%").
_SOURCE_VERBS = frozenset("say tell estimate believe think hope fear put suggest project".split())
# What may stand between a verb and its object number: approximations and determiners.
_BEFORE_NUMBER = frozenset(
    "a an the its their his her our your my some about around roughly nearly almost approximately just only "
    "more less fewer than over under up at least most as much many another further additional all both".split()
)
# Prepositions of a verb's amount: "rose by 3%", "fell to $27.40", "cut from 50", "finished with 23 points".
_AMOUNT_PREPS = frozenset("by to from with".split())
# Relative pronouns: one after a comma stands for the name before the comma ("Aldenbrook, which employs").
_RELATIVES = frozenset("which who that".split())
# What may sit between a subject and the number: the verb group ("is poised to drop", "plans
# to hire", "has also climbed"), not a new clause.
_VERB_GROUP = frozenset("to not n't also still already just now again".split())


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    pos: str | None  # universal POS; None without a Doc
    lemma: str
    sent_start: bool = False


_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’]\w+)*|[^\w\s]")
_WINDOW = 240  # characters of context kept around each figure: the rules look a clause away


def tokens(text: str, spans: list[tuple[int, int]], doc=None) -> list[Tok]:
    """Tokens near the given spans only (tagged from the Doc when given, else a regex split).

    Tokenising only around figures keeps the stage cheap on long articles; a
    sentence-start marker separates windows so no phrase crosses a gap.
    """
    windows: list[list[int]] = []
    for s, e in sorted(spans):
        a, b = max(0, s - _WINDOW), min(len(text), e + _WINDOW)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    toks: list[Tok] = []
    columns = _token_columns(doc) if doc is not None else None
    for a, b in windows:
        if columns is not None:
            raw = _doc_window(text, columns, a, b)
        else:
            raw = [(m.start(), m.end(), m.group(), None, m.group()) for m in _WORD.finditer(text, a, b)]
        prev = None
        for i, (s, e, word, pos, lemma) in enumerate(raw):
            # A sentence starts at a capitalised word after a full stop ("... in the U.S. This
            # initiative") unless it is a name; and at the start of each window.
            start = i == 0 or (prev.endswith((".", "!", "?")) and word[:1].isupper() and pos != "PROPN")
            toks.append(Tok(s, e, word, pos, lemma, start))
            prev = word
    return toks


def _token_columns(doc) -> tuple[list[int], list[int], list[int], list[int], list[int], dict]:
    """(start char, end char, end char with trailing space, POS, LEMMA) of every token, and the hash
    decoder: one ``to_array`` call instead of a Token object per word of each window."""
    rows = doc.to_array([IDX, LENGTH, SPACY, POS, LEMMA])
    ends = rows[:, 0] + rows[:, 1]
    return rows[:, 0].tolist(), ends.tolist(), (ends + rows[:, 2]).tolist(), rows[:, 3].tolist(), rows[:, 4].tolist(), names(doc.vocab.strings)


def _doc_window(text: str, columns, a: int, b: int) -> list[tuple[int, int, str, str | None, str]]:
    """The tokens of ``doc.char_span(a, b, alignment_mode="expand")`` as (start, end, text, POS or
    None, lemma or text): the tokens from the one whose extent (trailing space included) holds
    ``a`` to the one that holds ``b - 1``, not counting a first token that ``a`` only touches at
    its trailing space."""
    starts, ends, extents, pos, lemma, decode = columns
    first = bisect.bisect_right(extents, a)
    last = bisect.bisect_right(extents, b - 1)
    if first < len(starts) and a == ends[first]:
        first += 1
    out = []
    for k in range(first, last + 1):
        word = text[starts[k] : ends[k]]
        out.append((starts[k], ends[k], word, decode[pos[k]] or None, decode[lemma[k]] or word))
    return out


def _is_np_word(t: Tok) -> bool:
    if t.pos is not None:
        return t.pos in _NP_POS
    if t.text.isupper() and len(t.text) > 1:
        return True  # "US", not the pronoun "us"
    return t.text[0].isalpha() and t.text.lower() not in _STOP and not t.text.lower().endswith("ly")


def _is_noun(t: Tok) -> bool:
    if t.pos is not None:
        return t.pos in ("NOUN", "PROPN")
    low = t.text.lower()
    return _is_np_word(t) and not low.endswith(("ed", "ing")) or low in PEOPLE_NOUNS or low in JOB_NOUNS


# Singular nouns that end in s ("bus", "campus", "crisis", "news", "series"), and "-ss" words.
_SINGULAR_S = ("ss", "us", "is", "news", "series", "species", "means")


def _after_plural(noun: Tok, t: Tok) -> bool:
    """Without tags, an -ing or -ed word after a plural noun starts what the counted noun does or
    has done to it ("systems including", "children holding candles", "officers suffered"), where
    after a singular word it may still premodify the noun to come ("local elected officials",
    "top trending subjects"). On 552 texts (PolNeAR, ECB+, seeds, sample corpus): 5 figures
    change, each to the counted noun alone ("two hurricanes", not "two hurricanes spinning close")."""
    low, word = noun.text.lower(), t.text.lower()
    plural = low in PEOPLE_NOUNS or (noun.text.islower() and low.endswith("s") and not low.endswith(_SINGULAR_S))
    return plural and word.endswith(("ing", "ed")) and word not in PEOPLE_NOUNS


def _is_participle(t: Tok) -> bool:
    """A verb form that modifies a noun after it ("pledged", "existing"); the tagger calls it a verb."""
    return t.pos == "VERB" and t.text.lower().endswith(("ed", "ing"))


def _is_verb(t: Tok) -> bool:
    if t.pos is not None:
        return t.pos in ("VERB", "AUX")
    return t.text.lower() in _STOP and t.text.lower() in ("is", "are", "was", "were", "has", "have", "had")


class TokenView:
    """Token access around a character offset, bounded by the sentence it falls in."""

    def __init__(self, toks: list[Tok]):
        self.toks = toks
        self.starts = [t.start for t in toks]

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def noun_after(self, k: int) -> tuple[int, int] | None:
        """The noun phrase starting at token k: (first, last) token indices, or None."""
        toks, last, j = self.toks, None, k
        if k < len(toks) and toks[k].text.lower() in _TIME_DETERMINERS:
            return None  # "2.1 last year": an adverbial, not the counted noun
        participle = False
        while j < len(toks) and j - k < 8:  # "decently sized coal-fired power plants" is 7 tokens
            t = toks[j]
            if _is_np_word(t):
                if last is not None and toks[last].pos == "NOUN" and t.text.lower() in _WHEN_NOUNS:
                    break  # "five states Tuesday": the day is when, not what; "139 Super Tuesday delegates"
                if last is not None and t.pos is None and _after_plural(toks[last], t):
                    break  # untagged: "six safety systems including ...", "two officers suffered ..."
                if _is_noun(t):
                    last = j
                elif last is not None and t.pos == "ADJ" and toks[last].pos == "NOUN":
                    break  # an adjective after the noun starts another phrase: "students several times"
                j += 1
            elif last is None and t.pos == "ADV" and j + 1 < len(toks) and (
                toks[j + 1].pos == "ADJ" or toks[j + 1].pos == "VERB" and toks[j + 1].text.endswith("ed")
            ):
                j += 1  # "20 decently sized coal-fired power plants", "five very large ships"
            elif last is None and _is_participle(t) and j + 1 < len(toks) and _is_np_word(toks[j + 1]):
                participle = True  # "270 pledged delegates", "400 registered Latino voters"
                j += 1
            elif t.text in ("-", "&") and j > k and j + 1 < len(toks) and toks[j - 1].end == t.start and toks[j + 1].start == t.end:
                if _is_noun(toks[j + 1]):
                    last = j + 1  # "three African-Americans"
                j += 2  # the word glued after a hyphen belongs to the compound: "coal-fired", "first-place"
            elif t.text == "and" and last is not None and toks[last].pos == "PROPN" and j + 1 < len(toks) and toks[j + 1].pos == "PROPN":
                j += 1  # makers named together: "460 Kia and Hyundai vehicles"
            else:
                break
        if last is None or participle and toks[last].pos != "NOUN":
            return None  # "20 killed Monday": the participle is the verb, the name no counted noun
        return k, last

    def post_modifier(self, j: int, infinitive: bool = True) -> int:
        """Last token index of a participle or prepositional phrase after token j (j if none);
        ``infinitive`` lets it be an infinitive ("bid to acquire US Steel")."""
        toks, end, n = self.toks, j, j + 1
        if n < len(toks) and toks[n].pos == "VERB" and toks[n].text.lower().endswith(("ed", "ing")):
            end, n = n, n + 1
        while n < len(toks) and toks[n].text.lower() in _PREPS and n - j < 10:
            m = n + 1
            if infinitive and toks[n].text.lower() == "to" and m < len(toks) and toks[m].pos == "VERB":
                m += 1  # "bid to acquire US Steel"
            while m < len(toks) and toks[m].text not in _CLAUSE_END and not toks[m].sent_start and (
                _is_np_word(toks[m]) or toks[m].pos in ("DET", "NUM", "PART") or toks[m].text.lower() in _DETERMINERS
            ):
                m += 1
                if m + 2 < len(toks) and toks[m].text == "(" and toks[m + 2].text == ")":
                    m += 3  # an acronym: "artificial intelligence (AI) infrastructure"
            if m == n + 1 or _says_when(toks[n + 1 : m]):
                break  # "Model 3s in its fourth quarter": when, not what
            end, n = m - 1, m
        return end

    def np_before(self, k: int) -> tuple[int, int] | None:
        """The noun phrase ending just before token k."""
        toks, j = self.toks, k - 1
        while j >= 0 and (_is_np_word(toks[j]) or toks[j].text in ("'s", "’s", "-", "&")) and k - j <= 6:
            if toks[j].sent_start:
                j -= 1
                break
            j -= 1
        first = j + 1
        while first < k and not _is_np_word(toks[first]):
            first += 1
        return (first, k - 1) if first < k and _is_noun(toks[k - 1]) else None

    def verb_before(self, k: int, limit: int = 8) -> int | None:
        for j in range(k - 1, max(-1, k - 1 - limit), -1):
            t = self.toks[j]
            if t.text in _CLAUSE_END:
                return None
            if _is_verb(t):
                return j
            if t.sent_start:
                return None
        return None


def subject(s: TokenView, num_first: int) -> tuple[int, int] | None:
    """Token range of whose figure the number at ``num_first`` is, or None.

    Only a number that is a verb's object or complement has one here: the verb
    must stand right before it, apart from approximations and determiners ("rose
    about 1.5%", "employs around 600 people"; "rose by 3%", "fell to $27.40");
    the verb group is walked back to its first word ("is poised to drop",
    "has also climbed") and the noun phrase before it is the subject, with an
    "of" phrase it heads ("the current population of earth"). A possessor
    before the number wins ("Nippon Steel's $14.9-billion bid"). A relative
    pronoun stands for the name before its comma ("Aldenbrook, which employs").
    A number in a prepositional phrase ("within five days"), after an
    infinitive of a noun ("plans to invest") or after a verb whose subject is a
    source ("officials expect", "analysts estimate") gets None.
    """
    toks = s.toks
    v = num_first - 1
    while v >= 0 and not toks[v + 1].sent_start and (
        toks[v].text.lower() in _BEFORE_NUMBER or toks[v].text in CURRENCY_PREFIX or toks[v].pos == "ADJ"
        or toks[v].text == "-" and v > 0 and toks[v - 1].end == toks[v].start
    ):
        v -= 2 if toks[v].text == "-" else 1  # "a career-high 14 points": the hyphen's first word too
    if v > 0 and toks[v].text in ("'s", "’s"):
        return s.np_before(v)  # the possessor
    if v > 0 and toks[v].text.lower() in _AMOUNT_PREPS and _is_verb(toks[v - 1]):
        if toks[v].text.lower() == "by" and v > 1 and toks[v - 2].lemma.lower() == "be":
            return None  # "was passed by 52 senators": the agent of a passive, not an amount
        v -= 1
    if v < 0 or toks[v + 1].sent_start and v + 1 <= num_first - 1 or not _is_verb(toks[v]):
        return None
    if toks[v].lemma.lower() in _CONTROL_VERBS | _SOURCE_VERBS:
        return None  # "officials expect 300 people to attend": the officials say so, the figure is not theirs
    while v > 0 and not toks[v].sent_start and (_is_verb(toks[v - 1]) or toks[v - 1].text.lower() in _VERB_GROUP or toks[v - 1].pos in ("ADV", "PART")):
        v -= 1
        if toks[v].lemma.lower() in _SOURCE_VERBS:
            return None  # "Vireo, which analysts say employs 8,000 people": the analysts' say-so
    if toks[v].text.lower() == "to":
        return None  # "announced plans to invest": whose plans is another clause's business
    if v > 0 and toks[v - 1].text.lower() in _RELATIVES:
        comma = v - 2
        name = s.np_before(comma) if comma > 0 and toks[comma].text == "," else None
        return name if name is not None and toks[name[1]].pos in (None, "PROPN") else None
    np = s.np_before(v)
    while np is not None and _dates(toks[np[1]]):
        np = (np[0], np[1] - 1) if np[1] > np[0] else None  # "Tesla last year delivered": not the year's
    if np is None:
        return None
    first = np[0]
    of = first - 1 - (first >= 2 and toks[first - 1].text.lower() in _DETERMINERS)
    if of > 0 and toks[of].text.lower() in ("of", "in") and not toks[first].sent_start:
        head = s.np_before(of)
        if head is not None:
            first = head[0]  # "shares of the retail giant", "shares in Vireo"
    return first, np[1]


def counted_noun(toks: list[Tok], first: int, last: int, value: float) -> int:
    """Last token of what is counted: the noun glued to the number in "a 12 page document".

    Several of something are written in the plural; when the number is above one
    and the phrase ends in a singular noun, the number counts the singular noun
    it is glued to ("12 page", "four-cylinder"), which modifies the rest. Needs
    the tagger, so without a Doc the whole phrase is kept.
    """
    head, t = toks[last], toks[first]
    if value <= 1 or head.pos != "NOUN" or head.lemma.lower() != head.text.lower() or head.text.lower() in PEOPLE_NOUNS:
        return last  # "personnel" and "staff" count people though they look singular
    if first < last and t.pos == "NOUN" and t.lemma.lower() == t.text.lower():
        return first
    return last


def count_unit(toks: list[Tok], first: int, last: int) -> str:
    """Unit of a count from its noun: "people", "jobs", or the noun itself ("home")."""
    head = toks[last]
    low = head.text.lower()
    if low in PEOPLE_NOUNS:
        return "people"
    if low in JOB_NOUNS:
        return "jobs"
    if head.pos is not None:
        return head.lemma.lower()
    return re.sub(r"(?<=[^aeiou])ies$", "y", low) if low.endswith("ies") else re.sub(r"(?<=[^s])s$", "", low)


def _object_of_control(toks: list[Tok], num_first: int) -> bool:
    """Whether the phrase starting at the number is the object of a verb like "expect" or "want",
    whose infinitive after it is the verb's, not the noun's: "expected the $2.4 billion deal to
    close" (the deal is not a "deal to close"; "a deal to buy Vireo" is)."""
    j = num_first - 1
    while j >= 0 and (toks[j].pos in ("DET", "SYM") or toks[j].text.lower() in _BEFORE_NUMBER or toks[j].text in CURRENCY_PREFIX):
        j -= 1
    return j >= 0 and _is_verb(toks[j]) and toks[j].lemma.lower() in _CONTROL_VERBS


def _says_when(phrase: list[Tok]) -> bool:
    """Whether a phrase only dates something ("on Friday", "in the fourth quarter", "in 2018")."""
    words = [t for t in phrase if t.text.lower() not in _DETERMINERS]
    return bool(words) and all(_dates(t) for t in words)


_AMOUNT_WORDS = frozenset(("%", "percent", "per", "cent", "point", "points", "percentage", "by", ".", ",",
                           *CURRENCY_PREFIX, *SCALES))


def _amount(phrase: list[Tok]) -> bool:
    """Whether a phrase is a bare amount ("36%", "5 percentage points", "$2"), not a thing."""
    return any(t.text[:1].isdigit() for t in phrase) and all(
        t.text[:1].isdigit() or t.text.lower() in _AMOUNT_WORDS for t in phrase)


def _dates(t: Tok) -> bool:
    low = t.text.lower()
    return low in _WHEN_WORDS or low.isdigit() or low in _ORDINALS or low in _MONTHS and t.text[:1].isupper()


def measures(s: TokenView, num_first: int, fig_end: int, noun: tuple[int, int] | None) -> tuple[int, int] | None:
    """Token range (first, last) of what the figure at tokens [num_first, fig_end) measures."""
    toks = s.toks
    if noun is not None:
        return noun[0], s.post_modifier(noun[1], infinitive=not _object_of_control(toks, num_first))
    prev = num_first - 1
    while prev >= 0 and toks[prev].text.lower() in ("up", "about", "around", "nearly", "some", "more", "than", "over", "to", "just", "almost", "approximately", "roughly", "as", "much", "many", "least", "at"):
        if toks[prev].text.lower() in ("to", "at") and prev > 0 and toks[prev - 1].text.lower() not in ("up", "close", "as"):
            break
        prev -= 1
    if prev >= 0 and toks[prev].text.lower() == "of":
        np = s.np_before(prev)
        if np:
            return np
    if prev >= 0 and toks[prev].text.lower() in ("to", "by", "for", "at"):
        v = s.verb_before(prev)
        # not a passive's agent: "was estimated by the Greek Commerce Confederation at 200 million
        # euros" says who estimated, not what; nor the change before the level reached: in
        # "Shares in Vireo jumped 36% to $30.10" the shares are at $30.10, not "36%"
        if v is not None and v + 1 < prev and toks[v + 1].text.lower() != "by":
            return _subject_np(s, v) if _amount(toks[v + 1 : prev]) else (v + 1, prev - 1)
    if fig_end + 1 < len(toks) and toks[fig_end].text.lower() == "of" and toks[fig_end - 1].text == ")":
        last = s.post_modifier(fig_end - 1)  # "200 million euros ($265.3 million) of damage in Athens"
        if last >= fig_end + 1 and not _says_when(toks[fig_end + 1 : last + 1]):
            return fig_end + 1, last
    if fig_end < len(toks) and toks[fig_end].text.lower() in ("in", "for", "on", "into"):
        last = s.post_modifier(fig_end - 1)
        if last >= fig_end + 1 and not _says_when(toks[fig_end + 1 : last + 1]):
            return fig_end + 1, last
    v = s.verb_before(num_first)
    return None if v is None else _subject_np(s, v)


def _subject_np(s: TokenView, v: int) -> tuple[int, int] | None:
    """The noun phrase before the verb group that ends at token ``v`` ("has risen")."""
    while v > 0 and _is_verb(s.toks[v - 1]):
        v -= 1
    return s.np_before(v)
