"""Cheap text views shared by the index and the aligner: sentences with spans,
normalised tokens, figures and quoted fragments.

Everything here is regex-based on purpose: it runs on every incoming article in
the candidate stage, where spaCy (about 10k words/s) would cap throughput far
below the 500 articles/s the scale target asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span

# Folding that makes "U.S." and "US", "$14.9 billion" and "$14.9-billion" the same tokens.
# Chained str.replace: str.translate with a dict table was half of the candidate stage's tokenising time.
_FOLD = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
# Patterns that open with a literal are searched for it at C speed, where a leading class or
# look-behind is tried at every position: the comma pattern was 60x slower written as
# "(?<=\d),(?=\d{3}\b)", and most texts hold no dotted abbreviation (".S." in "U.S.").
_DOTTED_HINT = re.compile(r"\.[A-Za-z]\.")
_NUM_COMMA = re.compile(r",(?<=\d,)(?=\d{3}\b)")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# Sentence ends: terminal punctuation (optionally closed by a quote) followed by space or
# directly by a capital or opening quote ("parliament.Trump", "AFP).'The" occur in scraped copy);
# line breaks always end a sentence.
_SENT_END = re.compile(r"""[.!?]['"’”)]*(?=\s+|['"‘“]?[A-Z])|\n+""")
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "prof", "inc", "co", "corp", "no", "vs"}
_QUOTED = re.compile(r"""["“]([^"“”\n]{2,300})["”]|(?<![A-Za-z])['‘]([^'‘’\n]{2,300}?)['’](?![A-Za-z])""")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just may me might more most must my
    no nor not now of off on once only or other our ours out over own said same says she should so some such than
    that the their theirs them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your new one two also year years told""".split()
)


@dataclass(frozen=True)
class Sentence:
    span: Span
    text: str
    tokens: tuple[str, ...]


def fold(text: str) -> str:
    """Lowercase-free normalisation of punctuation variants, keeping the length unchanged."""
    if not text.isascii():
        for a, b in _FOLD:
            text = text.replace(a, b)
    return text


def tokens(text: str) -> list[str]:
    """Lowercased word and number tokens; "U.S." -> "us", "54,000" -> "54000"."""
    t = fold(text)
    if _DOTTED_HINT.search(t):
        t = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), t)
    t = _NUM_COMMA.sub("", t)
    return _TOKEN.findall(t.lower())


def content(toks: list[str] | tuple[str, ...]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS and (len(t) > 2 or t[0].isdigit())]


def sentences(text: str) -> list[Sentence]:
    """Sentences with character spans into ``text``; very short fragments (tag lines) are dropped."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() if m.group()[0] == "\n" else m.end()
        if m.group()[0] == ".":
            words = text[start : m.start()].split()
            last = words[-1].lower().strip("('\"") if words else ""
            if last in _ABBREV or (len(last) == 1 and last.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
                continue
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    piece = text[start:end]
    toks = tuple(tokens(piece))
    if len(toks) >= 4:
        out.append(Sentence((start, end), piece, toks))


# Speech and statement cues, with the synonyms rewriters swap in ("stated", "informed").
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|according|statement|announced|announcement|added|informed|revealed)\b", re.I
)


def attributed(sentence: Sentence) -> bool:
    """Quoted or reported speech: what two independent reports of one statement share without copying."""
    return bool(_SPEECH.search(sentence.text) or quoted(sentence.text))


def figures(toks: list[str] | tuple[str, ...]) -> set[str]:
    """Numbers worth matching across articles (years and small counts are too common to be evidence)."""
    out = set()
    for t in toks:
        if _NUMBER.fullmatch(t):
            v = float(t)
            if (v >= 100 and not (1900 <= v <= 2100 and "." not in t)) or "." in t:
                out.add(t)
    return out


def quoted(text: str) -> list[tuple[Span, str]]:
    """Quoted fragments (double or single quotes) with spans."""
    out = []
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        out.append(((m.start(g), m.end(g)), m.group(g)))
    return out


def ngrams(toks: list[str] | tuple[str, ...], n: int) -> set[str]:
    """Word n-grams that contain at least two content words (so "of the said" never counts)."""
    out = set()
    for i in range(len(toks) - n + 1):
        gram = toks[i : i + n]
        if sum(1 for t in gram if t not in STOPWORDS) >= 2:
            out.add(" ".join(gram))
    return out


_FIGURE = re.compile(
    r"[$£€]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:[- ](?:million|billion|trillion))?"
    r"|[$£€]?\d+(?:\.\d+)?(?:[- ](?:million|billion|trillion)|%| percent)?"
)


def figure_spans(text: str) -> dict[str, list[Span]]:
    """Where each figure (as normalised by ``figures``) occurs, with its currency and scale words."""
    out: dict[str, list[Span]] = {}
    for m in _FIGURE.finditer(text):
        num = _NUMBER.search(m.group().replace(",", ""))
        if num and figures([num.group()]):
            out.setdefault(num.group(), []).append((m.start(), m.end()))
    return out
