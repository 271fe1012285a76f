"""Plain text to title and clean paragraphs.

Text dumps of news pages (copy-paste, scrapers' ``.txt`` output) put one
paragraph per line, often with the headline first, sometimes repeated, and the
page furniture after the body. This module finds the paragraphs, the title and
glued sentences; :mod:`.boilerplate` removes the furniture.
"""

from __future__ import annotations

import re

from .boilerplate import PROSE_WORDS, clean_lines, ends_sentence, is_boilerplate_line, words
from .dateline import split_date_lines, stamp_date

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A sentence end glued to the next sentence: "parliament.Trump", "told AFP.One".
# The word before the dot must end in two lowercase letters or three capitals,
# so abbreviations with one letter between dots ("U.S.Army") are left alone.
_GLUED = re.compile(r"(?:(?<=[a-z]{2})|(?<=[A-Z]{3}))([.!?][\"”’)]?)(?=[A-Z][a-z])")
# A contraction or possessive that tokenised copy spaced apart: "hadn ’ t", "Attorney ’ s office".
_SPLIT_CONTRACTION = re.compile(r"(?<=\w) ([’']) (t|s|re|ve|ll|d|m)\b")
# "200, 000", "1, 250, 000": groups of three after a number of at most three digits that no
# comma comes before (a list "100,000, 200,000" stays) and no month names ("May 5, 200 people").
_SPLIT_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:, \d{3})+)(?![\d,])")
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)
# "3: 30 a. m." -> "3:30 a.m.", "11 p. m." -> "11 p.m.": a clock time split after its colon and inside a.m./p.m.
_SPLIT_CLOCK = re.compile(r"\b(\d{1,2})(?:: ?(\d\d))? ?([ap])\. ?m\.")
_TITLE_MAX_WORDS = 20  # longer first lines are lead paragraphs (seed 004's summary line is 45 words)
_TITLE_BAD_END = re.compile(r"[.,;:]$")
# Share of lines inside multi-line blocks that must end mid-sentence before the
# text counts as hard-wrapped (fixed-width lines with blank lines between paragraphs).
_WRAPPED_SHARE = 0.7


def split_paragraphs(text: str) -> list[str]:
    """One paragraph per line, except hard-wrapped text, whose blocks are joined."""
    text = _NEWLINES.sub("\n", text).replace("\u00a0", " ")
    blocks = [block for block in _BLANK_LINE.split(text) if block.strip()]
    inner = [line for block in blocks for line in block.strip().split("\n")[:-1] if line.strip()]
    if inner and sum(not ends_sentence(line) for line in inner) >= _WRAPPED_SHARE * len(inner):
        return [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks]
    return [line.strip() for line in text.split("\n") if line.strip()]


def _after_month(m: re.Match) -> bool:
    """Whether a month name ends right before the match ("May 5, 200 people": a date, then a count)."""
    return bool(_MONTH_BEFORE.search(m.string, max(0, m.start() - 16), m.start()))


def unglue_sentences(line: str) -> str:
    """Insert the missing space in "parliament.Trump" so sentence splitters see two sentences."""
    return _GLUED.sub(r"\1 ", line)


def rejoin_split_tokens(line: str) -> str:
    """"hadn ’ t" -> "hadn’t": detokenised copy (ECB+ is written so) hides a negation from the
    tagger, and the same sentence from two outlets read once as denied and once as happened.
    Its numbers and clock times are split the same way ("$200, 000", "3: 30 a. m."), which the
    figures stage read as $200 and a "30 a." figure: they are joined too."""
    line = _SPLIT_CONTRACTION.sub(r"\1\2", line)
    line = _SPLIT_THOUSANDS.sub(lambda m: m.group(0) if _after_month(m) else m.group(1) + m.group(2).replace(", ", ","), line)
    return _SPLIT_CLOCK.sub(lambda m: f"{m.group(1)}{':' + m.group(2) if m.group(2) else ''} {m.group(3)}.m.", line)


def looks_like_title(line: str) -> bool:
    n = len(words(line))
    return (
        1 <= n <= _TITLE_MAX_WORDS
        and not _TITLE_BAD_END.search(line.strip())
        and (line[0].isupper() or line[0].isdigit())
        and not is_boilerplate_line(line)
    )


def extract_plain(text: str, title: str | None = None) -> tuple[str | None, list[str], str | None]:
    """``(title, paragraphs, day)`` of a plain-text article.

    A declared ``title`` (from the source's metadata) wins; otherwise the first
    line is the title when it looks like one and a body follows it. Date lines
    among the first lines are not the title: they give ``day`` (ISO) and leave
    the body (see :mod:`.dateline`); failing one, so does the date of a
    leading time stamp or byline the body dropped as a stamp ("By Ann Lee |
    May 24, 2005", "8: 05am UK, Monday 16 September 2013":
    :func:`.boilerplate.is_stamp`, :func:`.dateline.stamp_date`).
    """
    day, paragraphs = split_date_lines(split_paragraphs(text))
    if not title and len(paragraphs) > 1 and looks_like_title(paragraphs[0]):
        if len(words(paragraphs[1])) >= _TITLE_MAX_WORDS or len(paragraphs) > 2:
            title = paragraphs[0]
    stamps: list[str] = []
    body = clean_lines(paragraphs, title=title, stamps=stamps)
    if day is None:
        day = next(filter(None, map(stamp_date, stamps)), None)
    return title, [rejoin_split_tokens(unglue_sentences(p)) for p in body], day


def fallback_title(paragraphs: list[str]) -> str:
    """A title for an article that declares none: its first sentence, clipped."""
    if not paragraphs:
        return ""
    first = re.split(r"(?<=[.!?])\s+", paragraphs[0], maxsplit=1)[0]
    toks = first.split()
    limit = PROSE_WORDS // 2
    return first if len(toks) <= limit else " ".join(toks[:limit]) + "…"
