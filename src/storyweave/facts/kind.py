"""Is an article a preview, a report or an analysis? Read from its statements.

A preview is written before the event: its statements are mostly expected or
speculative ("will meet", "is set to", "are anticipated"). A report is
written after: what it asserts happened. An analysis judges and speculates
more than it either reports or announces. Headlines and ledes can mislead
("have come together in talks" opens a preview written as talks began), so
the decision uses the share over the whole article, not the first sentence.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..records import ArticleKind, Statement

__all__ = ["article_kind", "forward_share"]

# Share of forward-looking statements above which an article is a preview.
# Seeds (expected.json kinds): report 000 scores 0.02, previews 0.20-0.47;
# 0.10 sits between the two groups.
PREVIEW_SHARE = 0.10
# Opinion share above which a non-preview article is an analysis. No labelled
# analysis pieces yet: set so that no seed (max opinion share 0.09) is one.
ANALYSIS_SHARE = 0.30


def forward_share(statements: Sequence[Statement]) -> float:
    """Expected statements, plus half the speculative ones, over all non-opinion statements."""
    counts = Counter(s.modality for s in statements)
    factual = counts["happened"] + counts["denied"] + counts["expected"] + counts["speculative"]
    if not factual:
        return 0.0
    return (counts["expected"] + 0.5 * counts["speculative"]) / factual


def article_kind(statements: Sequence[Statement]) -> ArticleKind:
    """``preview``, ``report`` or ``analysis`` from the modality of the statements."""
    if forward_share(statements) >= PREVIEW_SHARE:
        return "preview"
    counts = Counter(s.modality for s in statements)
    if statements and counts["opinion"] / len(statements) >= ANALYSIS_SHARE:
        return "analysis"
    return "report"
