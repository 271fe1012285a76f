"""Which of two related articles is the source: time, then containment, then credit.

Publication dates decide when both are known to the day and differ. Same day
or undated: a text that sits almost wholly inside a longer one is a trimmed
copy of it. Failing that, the copy that still credits a news agency is nearer
to the agency's text than one that credits nobody (seed 004 credits AFP, 003,
its rewrite, credits no one). Last resort: arrival order.
"""

from __future__ import annotations

from ..records import Article
from .align import Alignment

# The shorter text is "inside" the longer when this share of its sentences aligns while
# the longer keeps at least a third of its own unmatched (otherwise they are the same text).
CONTAINED = 0.8
LONGER_EXTRA = 0.67


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published and len(article.published) >= 10 else None


def order(new: Article, old: Article, al: Alignment, new_agency: str | None, old_agency: str | None) -> tuple[bool, str | None]:
    """(True when ``new`` derives from ``old``, the agency whose copy links them).

    ``al`` aligns ``new`` (as derived) to ``old``.
    """
    agency = None
    if old_agency and new_agency in (None, old_agency):
        agency = old_agency
    elif new_agency and old_agency is None:
        agency = new_agency
    dn, do = _day(new), _day(old)
    if dn and do and dn != do:
        return dn > do, agency
    if al.n_derived < al.n_source and al.cover_derived >= CONTAINED and al.cover_source <= LONGER_EXTRA:
        return True, agency
    if al.n_source < al.n_derived and al.cover_source >= CONTAINED and al.cover_derived <= LONGER_EXTRA:
        return False, agency
    if new_agency and not old_agency:
        return False, agency
    return True, agency
