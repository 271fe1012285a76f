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
paragraph open and re-open the next. When one of the next two lines closes it
instead, the quotation runs on over the line breaks (copy with a line per
sentence). A single mark left open is dropped unless it opens a line and such a
close follows: far more often it was an apostrophe ("'90s", "rock 'n' roll").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Span

# A double quotation mark: straight, curly, guillemets, and the doubled apostrophes of NYT copy.
DOUBLE_MARK = re.compile(r"''|``|[\"“”«»„]")
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
    left_open: dict[bool, tuple[int, int, int]] = {}  # kind -> (mark start, mark end, its line's end)
    for start, end in _paragraphs(text):
        paired = {double: _pair(text, start, end, pattern, double)
                  for double, pattern in ((True, DOUBLE_MARK), (False, _SINGLE))}
        for double in (True, False):
            spans, opened = paired[double]
            if double in left_open:
                carried = left_open.pop(double)
                run_on = _run_on(text, carried, start, end, spans, double)
                if run_on is not None:
                    spans.append(run_on)
                elif _lines_after(text, carried[2], end) < _RUN_ON_LINES and opened is None and not spans:
                    left_open[double] = carried  # no marks of this kind here: it may close on the next line
                elif double:
                    spans.append(_closed_at_line_end(carried))
            if opened is not None and (double or _starts_line(text, opened[0])):
                left_open[double] = (*opened, end)
        doubles = paired[True][0]
        # single marks inside a double quotation are nested quotes (or apostrophes): the
        # double one is the quotation; a single pair straddling a double one is noise
        found.extend(doubles)
        found.extend(q for q in paired[False][0]
                     if not any(d.outer[0] < q.outer[1] and q.outer[0] < d.outer[1] for d in doubles))
    if True in left_open:
        found.append(_closed_at_line_end(left_open[True]))
    return tuple(sorted(found, key=lambda q: q.outer))


# Lines a quotation may run on over ('"Do not trust Mr. Nichols ever again.' / 'Ever again.' /
# 'Because he can not be trusted."'), blank lines aside; further apart, two stray marks are likelier.
_RUN_ON_LINES = 2


def _closed_at_line_end(carried: tuple[int, int, int]) -> Quoted:
    """A double quotation left open, closed where its line ends (the paragraph convention)."""
    mark_start, mark_end, line_end = carried
    return Quoted((mark_start, line_end), (mark_end, line_end), True)


def _lines_after(text: str, a: int, b: int) -> int:
    """Lines with words that start in ``text[a:b]`` (blank lines between paragraphs do not count)."""
    return len(_LINE_START.findall(text, a, b))


_LINE_START = re.compile(r"\n[ \t]*(?=[^\s])")


def _starts_line(text: str, i: int) -> bool:
    return not text[text.rfind("\n", 0, i) + 1 : i].strip()


def _run_on(text: str, carried: tuple[int, int, int], start: int, end: int, spans: list[Quoted],
            double: bool) -> Quoted | None:
    """A quotation left open at the end of a line and closed on one of the next two by a mark
    that cannot open one: copy with a line per sentence splits quotations over lines ('"I
    believe Brian Nichols did not win.' / 'In his own words, ... ," said Christina Greenway'),
    and the mark that closes it is what says so. A line that re-opens (the convention for a
    quotation over several paragraphs) or ends the run leaves the first quotation closed at its
    line's end. A single mark runs on only from the start of a line to a mark after a
    sentence's punctuation (", ' said"): elsewhere single marks are mostly apostrophes."""
    if _lines_after(text, carried[2], start + 1) > _RUN_ON_LINES:
        return None
    doubled = set() if double else _doubled(text, start, end)
    marks = (DOUBLE_MARK if double else _SINGLE).finditer(text, start, end)
    first = next((m for m in marks if m.start() not in doubled), None)
    if first is None or any(q.outer[0] <= first.start() < q.outer[1] for q in spans):
        return None
    i, j = first.span()
    if not _can_close(text, i, j, first.group(), double) or _can_open(text, i, j, first.group(), double):
        return None
    inner_end = len(text[start:i].rstrip()) + start
    if not double and text[inner_end - 1 : inner_end] not in _SENTENCE_END:
        return None
    return Quoted((carried[0], j), (carried[1], inner_end), double)


def _pair(text: str, start: int, end: int, pattern: re.Pattern,
          double: bool) -> tuple[list[Quoted], tuple[int, int] | None]:
    """The quotations a line's marks pair into, and the mark it leaves open (if any)."""
    spans: list[Quoted] = []
    open_at: tuple[int, int] | None = None
    doubled = set() if double else _doubled(text, start, end)
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
    if open_at is not None and end - open_at[1] <= 1:
        open_at = None
    return spans, open_at


def _doubled(text: str, start: int, end: int) -> set[int]:
    """Offsets of the single marks that are half of a doubled-apostrophe quotation mark ('')."""
    return {i for m in DOUBLE_MARK.finditer(text, start, end) for i in range(m.start(), m.end())}


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


# A sentence opening on one of these is a quotation or its continuation (a straight or
# curly mark; a closing curly one where a splitter cut after the opening mark).
_QUOTE_OPENERS = "\"“”‘'"


def opens_quotation(text: str) -> bool:
    """Whether a sentence opens on a quotation mark: its words are a source's, whose speaker is elsewhere."""
    return text.lstrip()[:1] in _QUOTE_OPENERS
