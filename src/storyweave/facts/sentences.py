"""Sentence starts where a reader sees them, on top of the model's sentence splitter.

The senter is trained on clean text; news arrives scraped, with sentences glued
together ("to parliament.Trump and"), quotation marks that open or close a
sentence the splitter cut on the wrong side, and ellipses inside quotations. A
wrong start matters beyond the statement list: a reporting verb takes the rest
of its sentence as content, so a run-on sentence gives one speaker the next
sentence's quotation.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX

from ..nlp import WEB_SUFFIX
from .quotes_marks import find_quoted

__all__ = ["reader_sentences"]


def reader_sentences(doc, text: str):
    """A line break always ends a sentence (titles, crossheads), a closing quote mark stays with
    its sentence, an ellipsis inside a sentence does not end it, and sentences a scraper glued
    together ("to parliament.Trump and", "the president.'The goal ...'") or the senter ran on
    ("generated anxiety. 'I hope ...,' Shiraishi told AFP") start where a reader sees them start:
    a cue in the first of two run-on sentences claimed the second as its content.

    Whether a quotation mark opens or closes is read from the paired quotations of the text
    (``find_quoted``, cached for the quote extractor). The last three rules act only where a
    regular expression finds their pattern: checked token by token they cost eight times the
    line-break loop. The doc is changed in place and returned."""
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if after_break:
            tok.is_sent_start = True
        elif tok.is_sent_start and tok.i > 0 and tok.is_quote and not doc[tok.i - 1].whitespace_:
            tok.is_sent_start = opening = _opens(text, tok.idx)  # '"Yes."The next day': it closes; ".'The goal": it opens
            if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space and (opening or tok.whitespace_):
                doc[tok.i + 1].is_sent_start = not opening
        after_break = "\n" in tok.whitespace_
    starts = None
    for m in _JOINS.finditer(text):
        if starts is None:
            starts = doc.to_array(IDX)
        if m.group("glued"):
            word, stop = _token_at(starts, m.start("word")), _token_at(starts, m.start("glued"))
            if word is None or stop is None or stop < 1 or not doc[stop - 1].is_alpha:
                continue
            if m.group("mark") and _opens(text, m.start("mark")):
                doc[stop + 1].is_sent_start, doc[word].is_sent_start = True, False  # "Japan.'The goal"
            else:
                doc[word].is_sent_start = True  # "parliament.Trump", "sticky.'Trump's"
        elif m.group("quote"):
            quote = _token_at(starts, m.start("quote"))
            if quote is not None and _token_at(starts, m.start("stop")) is not None and _opens(text, m.start("quote")):
                doc[quote].is_sent_start = True  # "anxiety. 'I hope ...,' Shiraishi told AFP."
        elif m.group("lower") and (lower := _token_at(starts, m.start("lower"))) is not None:
            doc[lower].is_sent_start = False  # "'That's where... the relationship'"
    return doc


def _token_at(starts: np.ndarray, char: int) -> int | None:
    """The token that starts at ``char`` (``starts`` is the doc's IDX column), if one does."""
    i = int(np.searchsorted(starts, char))
    return i if i < len(starts) and starts[i] == char else None


def _opens(text: str, char: int) -> bool:
    """Whether the quotation mark at ``char`` opens a quotation (``find_quoted`` is cached for as
    many texts as a batch holds, so the quote extractor reuses this read; see ``_BATCH``)."""
    return any(q.outer[0] == char for q in find_quoted(text))


_QUOTE_MARKS = "'\"‘’“”"
# Where the token loop's sentence starts may be wrong: a stop glued between a word and a
# capitalised word (a quotation mark may sit between), a stop then an opening quotation mark,
# an ellipsis before a lower-case word. A stop counts only as a token of its own: in
# "Gov.Sarah" and 'Robert C. "Bobby" Scott' it ends an abbreviation; "Amazon.Com" is a name.
_JOINS = re.compile(
    rf"(?<=[^\W\d_])(?P<glued>[.!?])(?P<mark>[{_QUOTE_MARKS}])?{WEB_SUFFIX}(?P<word>[A-Z])(?=[a-z])"
    rf"|(?P<stop>[.!?])[^\S\n]+(?P<quote>[{_QUOTE_MARKS}])"
    rf"|(?:\.\.\.|…)[^\S\n]*(?P<lower>[a-z])"
)
