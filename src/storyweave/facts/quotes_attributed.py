"""An attribution in character offsets, the unit the quote assembly works on and the benchmark scores.

``quotes_cues`` finds attributions as token ranges of the parse; everything
after it (widening contents to whole quotations, attaching lone quotations,
the learned filter, the quotes themselves) works on character spans of the
article text, which is what ``Quote`` records carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Span
from .quotes_cues import Attribution
from .quotes_marks import Quoted

__all__ = ["Attributed", "find_or_end", "overlaps", "to_chars"]


@dataclass(frozen=True)
class Attributed:
    """An attribution in character offsets: the unit the benchmark scores."""

    cue: Span
    cue_text: str
    cue_class: str  # "speech", "belief", "stance", "evidence"
    source: Span | None
    source_head: int | None  # token index
    content: tuple[Span, ...]
    listener: Span | None = None
    quoted: tuple[Quoted, ...] = ()  # the quotations inside the content
    via: str = "rule"  # how it was found: a cue rule, or how the assembly here completed it


def to_chars(doc, text: str, att: Attribution) -> Attributed:
    """Token ranges to characters, clipped to the cue's paragraph (the parser's
    sentences sometimes run across a line break left by extraction)."""
    cue = (doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1]))
    par = (text.rfind("\n", 0, cue[0]) + 1, find_or_end(text, "\n", cue[1]))

    def chars(r):
        a, b = max(doc[r[0]].idx, par[0]), min(doc[r[1] - 1].idx + len(doc[r[1] - 1]), par[1])
        return (a, b) if b > a and text[a:b].strip() else None

    source = chars(att.source) if att.source else None
    if source is not None and source != (doc[att.source[0]].idx, doc[att.source[1] - 1].idx + len(doc[att.source[1] - 1])):
        source = None  # a source cut by a paragraph break is a parse error
    return Attributed(
        cue=cue,
        cue_text=doc[att.cue[0] : att.cue[1]].text,
        cue_class=att.cue_class,
        source=source,
        source_head=att.source_head if source else None,
        content=tuple(c for c in (chars(r) for r in att.content) if c is not None),
        listener=chars(att.listener) if att.listener else None,
        via=att.via,
    )


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def find_or_end(text: str, sub: str, start: int) -> int:
    i = text.find(sub, start)
    return len(text) if i < 0 else i
