"""Short quoted phrases ("golden era", 'America First') that no speaker says.

The quote extractor reports speech; a phrase in quotation marks that names a
thing ("what many have termed a "golden era"") has no speaker and is often
skipped, yet it is exactly where outlets vary their wording of one thing. The
cross-check reads those phrases itself so wording variants can be aligned.
"""

from __future__ import annotations

import re

from ..records import Article, Quote, Span

MAX_WORDS = 5
# Double quotes of any style; single quotes only when not an apostrophe (no letter before the opening one).
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,60})[\"”]|(?<![\w])['‘]([^'‘’\n]{2,60})['’](?![\w])")


def quoted_phrases(article: Article, taken: list[Span]) -> list[Quote]:
    """Phrases of at most ``MAX_WORDS`` words in quotation marks, outside the spans in ``taken``."""
    out = []
    for m in _QUOTED.finditer(article.text):
        group = 1 if m.group(1) is not None else 2
        start, end = m.span(group)
        text = article.text[start:end].strip(" ,.")
        if not text or len(text.split()) > MAX_WORDS:
            continue
        start = article.text.index(text, start)
        span = (start, start + len(text))
        if any(a <= span[0] and span[1] <= b and (a, b) == span for a, b in taken):
            continue
        out.append(Quote(article.id, span, text, "partial", None, cue="phrase"))
    return out
