"""Who a text credits: news agencies, and named speakers a rewrite let go of.

Agency credit orders a pair whose dates cannot (the copy that still names AFP
is nearer to AFP's text than the one that does not) and joins articles carrying
the same agency's copy into one line of reporting. A dropped attribution is a
named speaker in the source whose words survive in the derived text under
"experts say" or under nobody: the reader loses who said it.
"""

from __future__ import annotations

import re
from typing import Any

from ..records import Article, Span
from .text import Sentence

AGENCIES = {
    "AFP": re.compile(r"\bAFP\b|\bAgence France[- ]Presse\b"),
    "Reuters": re.compile(r"\bReuters\b"),
    "AP": re.compile(r"\bAssociated Press\b|\(AP\)|\bthe AP\b|\b(?:told|to) AP\b"),
}
_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|remarked|noted|notes|added|explained|warned|argued|affirmed|"
    r"insisted|stressed|emphasi[sz]ed|suggest(?:s|ed|ing)|believes?|according to|predicted|cautioned)\b"
)
_GENERIC = re.compile(
    r"\b(?:experts?|analysts?|observers?|officials?|sources?|critics?|commentators?|insiders?|"
    r"specialists?|scholars?|economists?|diplomats?|authorities|some|many|others)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)


_DATELINE = re.compile(r"(?:^|\n)[^\n]{0,60}?\((AFP|Reuters|AP)\)\s*[-–—]|(?:^|\n)\s*(AFP|Reuters|AP)\s*[-–—]")


def dateline(article: Article) -> bool:
    """True when the text opens a paragraph with an agency dateline: "PARIS (AFP) -", "Reuters -".

    A dateline marks the agency's own copy; a paper that rewrites it usually drops it.
    """
    return _DATELINE.search(article.text[:2000]) is not None


def agency_credit(article: Article) -> str | None:
    """The agency an article credits most (its outlet, or names in its text), if any."""
    for name, pattern in AGENCIES.items():
        if pattern.search(article.outlet or ""):
            return name
    counts = {name: len(p.findall(article.text)) for name, p in AGENCIES.items()}
    best = max(counts, key=lambda n: counts[n])
    return best if counts[best] else None


def _persons(sentence: Sentence) -> list[tuple[Span, str]]:
    """PERSON entities of one sentence (spaCy NER only: the tagger and parser are not needed)."""
    from ..nlp import load_nlp

    nlp = load_nlp(disable=("parser", "tagger", "attribute_ruler", "lemmatizer"))
    return [((e.start_char, e.end_char), e.text) for e in nlp(sentence.text).ents if e.label_ == "PERSON"]


def speaker(sentence: Sentence, article_text: str) -> str | None:
    """The named person a sentence attributes speech or opinion to, with the fullest form of the name."""
    cues = [m.start() for m in _CUE.finditer(sentence.text)]
    if not cues:
        return None
    people = _persons(sentence)
    if not people:
        return None
    (start, end), name = min(people, key=lambda p: min(abs(p[0][0] - c) for c in cues))
    surname = name.split()[-1]
    if len(surname) < 2 or not surname[0].isupper():
        return None
    longer = re.findall(r"\b(?:[A-Z][a-z]+\s+){1,2}" + re.escape(surname) + r"\b", article_text)
    return max([name, *longer], key=len)


def dropped(derived: list[Sentence], source: list[Sentence], pairs, source_text: str) -> list[dict[str, Any]]:
    """Aligned sentence pairs whose source names a speaker the derived text no longer names.

    The speaker counts as kept when their surname appears in the derived sentence or the one
    before it (a rewrite often names once, then says "he said").
    """
    out, seen = [], set()
    for i, j, _ in pairs:
        who = speaker(source[j], source_text)
        if who is None or (i, who) in seen:
            continue
        seen.add((i, who))
        surname = who.split()[-1]
        window = " ".join(s.text for s in derived[max(0, i - 1) : i + 1])
        if surname in window:
            continue
        text = derived[i].text
        generic = next((m for m in _GENERIC.finditer(text) if _CUE.search(text)), None)
        if generic is None and _PRONOUN.search(text):
            continue  # "he said": attributed to someone named earlier, not dropped
        out.append({
            "source_span": list(source[j].span),
            "derived_span": list(derived[i].span),
            "speaker": who,
            "derived_speaker": generic.group().capitalize() if generic else None,
            "text": text,
        })
    return out
