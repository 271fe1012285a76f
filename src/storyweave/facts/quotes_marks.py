"""Pair quotation marks into quoted spans, telling quotes from apostrophes.

News text mixes straight ("), curly (“ ”), doubled-apostrophe ('' as in NYT
copy) and single quotation marks (' ‘ ’), and single marks double as
apostrophes ("Trump's", "that's", "parents'", a detached "Trump 's" left by
some scrapers). Each mark is classified by its neighbours as able to open
and/or close a quote; a scan per paragraph then pairs them. A mark that could
do both (".'The goal" where a scraper dropped the space) closes when a quote of
its kind is open and opens otherwise, which is what a reader does.

Double quotes left open at the end of a paragraph are closed there: the news
convention for a quote running over several paragraphs is to leave each
paragraph open and re-open the next. A single mark left open is dropped: far
more often it was an apostrophe ("'90s", "rock 'n' roll").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Span

_DOUBLE = re.compile(r"''|``|[\"“”«»„]")
_SINGLE = re.compile(r"[\'‘’]")
# An apostrophe before a clitic ("Trump 's", "don 't") never opens a quote.
_CLITIC = re.compile(r"(?:s|t|re|ll|ve|d|m)\b", re.IGNORECASE)
# Curly marks say which way they face, but typists swap them ('here,“ said'):
# a curly mark is trusted only when its neighbours do not say otherwise.
_OPEN_ONLY = {"«", "„", "``"}
_CLOSE_ONLY = {"»"}
_OPENING = {"“", "‘"}
_CLOSING = {"”", "’"}
_SENTENCE_END = ".!?,;:…"


@dataclass(frozen=True)
class Quoted:
    """A quoted passage: ``outer`` includes the marks, ``inner`` does not."""

    outer: Span
    inner: Span
    double: bool


@lru_cache(maxsize=8)  # at least one facts batch (facts.pipeline._BATCH)
def find_quoted(text: str) -> tuple[Quoted, ...]:
    """Every quoted passage of ``text`` in order, nested single quotes dropped (cached: the
    sentence splitter and the quote extractor of the facts stage both read them)."""
    found: list[Quoted] = []
    for start, end in _paragraphs(text):
        doubles = _pair(text, start, end, _DOUBLE, double=True)
        # single marks inside a double quotation are nested quotes (or apostrophes): the
        # double one is the quotation; a single pair straddling a double one is noise
        singles = [
            q
            for q in _pair(text, start, end, _SINGLE, double=False)
            if not any(d.outer[0] < q.outer[1] and q.outer[0] < d.outer[1] for d in doubles)
        ]
        found.extend(sorted(doubles + singles, key=lambda q: q.outer))
    return tuple(found)


def _paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _can_open(text: str, i: int, j: int, mark: str, double: bool) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if mark in _CLOSE_ONLY or after.isspace():
        return False
    if mark in _OPEN_ONLY or (mark in _OPENING and not before.isalnum() and before not in ",.;!?"):
        return True
    if before.isalnum() or (mark in _CLOSING and before not in " \t([—–-"):
        return False
    return double or not (before.isspace() and _CLITIC.match(text, j))


def _can_close(text: str, i: int, j: int, mark: str, double: bool) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before.isspace():
        # detokenised copy spaces a closing mark off its words: 'it was a bullet, " testified Armstead',
        # "it was a bullet, ' Mrs Armstead said"; an apostrophe has no sentence end before its space
        return mark in "\"'’" and after.isspace() and i > 1 and text[i - 2] in _SENTENCE_END
    if mark in _OPEN_ONLY:
        return False
    if mark in _CLOSE_ONLY or (mark in _CLOSING and not after.isalnum()):
        return True
    if mark in _OPENING and after.isalnum():
        return False
    if after.isalnum():
        # a closing mark glued to the next sentence: "sticky.'Trump's"
        return before in _SENTENCE_END and after.isupper()
    return double or not before.isalnum() or after in " \t,.;:!?)]}—–-" or after.isspace()


def _pair(text: str, start: int, end: int, pattern: re.Pattern, double: bool) -> list[Quoted]:
    spans: list[Quoted] = []
    open_at: tuple[int, int] | None = None
    doubled = set() if double else {i for m in _DOUBLE.finditer(text, start, end) for i in range(m.start(), m.end())}
    for m in pattern.finditer(text, start, end):
        i, j, mark = m.start(), m.end(), m.group()
        if i in doubled:
            continue  # one half of a '' pair
        closes = _can_close(text, i, j, mark, double)
        if open_at is not None and closes and i > open_at[1]:
            inner_end = len(text[open_at[1] : i].rstrip()) + open_at[1]  # 'a bullet, "' ends at the comma
            spans.append(Quoted((open_at[0], j), (open_at[1], inner_end), double))
            open_at = None
        elif _can_open(text, i, j, mark, double):
            open_at = (i, j)
    if open_at is not None and double and end - open_at[1] > 1:
        spans.append(Quoted((open_at[0], end), (open_at[1], end), double))
    return spans


# A sentence opening on one of these is a quotation or its continuation (a straight or
# curly mark; a closing curly one where a splitter cut after the opening mark).
_QUOTE_OPENERS = "\"“”‘'"


def opens_quotation(text: str) -> bool:
    """Whether a sentence opens on a quotation mark: its words are a source's, whose speaker is elsewhere."""
    return text.lstrip()[:1] in _QUOTE_OPENERS
