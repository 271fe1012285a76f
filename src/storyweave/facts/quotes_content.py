"""The content of a cue the parse gave no complement: the rest of its sentence, or the next paragraph.

A cue with a speaker but no complement the parse could read ("said earlier on
Friday during a news conference that ...", 'said, "as long as ..."') still
reports something: what follows it in its sentence, what precedes its speaker
when the cue ends the sentence, or the paragraph after "Dr. Ward stated:".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Span
from .quotes_attributed import Attributed, find_or_end
from .quotes_lexicon import lower_words

__all__ = ["rest_of_sentence", "skip_complementizer"]

# Fewest words a sentence remainder needs to be taken as a cue's content ("he said that." is not).
_REST_MIN_WORDS = 3


def rest_of_sentence(doc, text: str, att: Attributed) -> Attributed:
    """A cue with a speaker but no complement the parse could read ("said earlier on Friday
    during a news conference that ...", 'said, "as long as ..."'): the content is the rest of
    its sentence after the cue, or the sentence before the speaker when the cue ends it."""
    sent = doc[doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")[0].i].sent
    start, end = sent.start_char, sent.end_char
    par_end = find_or_end(text, "\n", att.cue[1])
    after = (att.cue[1], min(end, par_end))
    before = (max(start, text.rfind("\n", 0, att.cue[0]) + 1), min(att.cue[0], att.source[0]))
    if text[after[0] : after[1]].rstrip().endswith(":") and after[1] == par_end:
        nxt = _next_paragraph(text, par_end)  # "Dr. Ward stated:" then the statement as its own paragraph
        if nxt is not None:
            return replace(att, content=(nxt,), via=att.via + "+next")
    for a, b in (after, before):
        piece = text[a:b]
        words = lower_words(piece)
        if len(words) >= _REST_MIN_WORDS:
            if (a, b) == after:
                a = _clause_start(doc, a, b)  # "telling reporters during a visit *that ...*"
            piece = text[a:b]
            a += len(piece) - len(piece.lstrip(" ,:;—–-\t"))
            b -= len(piece) - len(piece.rstrip(" ,.;:—–-\t"))
            return replace(att, content=((a, b),), via=att.via + "+rest")
    return att


_NEXT_LINE = re.compile(r"\s*\n\s*(\S[^\n]*?)\s*(?:\n|$)")


def _next_paragraph(text: str, end: int) -> Span | None:
    """The first non-blank line after ``end``, whitespace off."""
    m = _NEXT_LINE.match(text, end)
    return (m.start(1), m.end(1)) if m else None


def _clause_start(doc, a: int, b: int) -> int:
    """Where a reported clause opens in text after a cue: its complementizer or opening quotation
    mark when one follows the cue's own objects and adjuncts, else right after the cue. A "that"
    before any verb opens the clause however it was parsed: in "told analysts on a conference
    call that X expected ..." the parser made it the subject of a relative clause on "call"."""
    span = doc.char_span(a, b, alignment_mode="contract")
    verb_seen = False
    for tok in span if span is not None else ():
        if (tok.dep_ == "mark" and tok.lower_ in ("that", "whether", "if")) or (tok.is_quote and tok.is_left_punct):
            return tok.idx
        if tok.lower_ == "that" and tok.dep_ != "det" and not verb_seen:
            return tok.idx
        verb_seen = verb_seen or tok.pos_ in ("VERB", "AUX")
    return a


def skip_complementizer(text: str, a: int, b: int) -> int:
    # "that" only: a "whether" content is a question (no quote), an "if" one a condition to keep
    m = re.match(r"that(?:\s+|,\s*|$)", text[a:b], re.IGNORECASE)  # also "reported that, according to ..."
    return a + m.end() if m else a
