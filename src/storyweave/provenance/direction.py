"""Which of two related articles is the source: time, then containment, then credit.

Publication dates decide when both are known to the day and differ. Same day
or undated: when the shorter text sits almost wholly inside the longer one, the
longer is the derived text (a rewrite pads its source: seed 003 wraps most of
004 in paragraphs of its own; on the dev set, padded rewrites outnumber trimmed
ones). Failing that, the copy that carries an agency dateline ("(AFP) -") or
credits an agency the other does not is nearer to the agency's text. Last
resort: arrival order.
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


def order(new: Article, old: Article, al: Alignment, new_credit: tuple[str | None, bool],
          old_credit: tuple[str | None, bool]) -> tuple[bool, str | None]:
    """(True when ``new`` derives from ``old``, the agency whose copy links them).

    ``al`` aligns ``new`` (as derived) to ``old``; a credit is (agency, has a dateline).
    """
    (new_agency, new_dateline), (old_agency, old_dateline) = new_credit, old_credit
    agency = None
    if old_agency and new_agency in (None, old_agency):
        agency = old_agency
    elif new_agency and old_agency is None:
        agency = new_agency
    dn, do = _day(new), _day(old)
    if dn and do and dn != do:
        return dn > do, agency
    if al.n_derived < al.n_source and al.cover_derived >= CONTAINED and al.cover_source <= LONGER_EXTRA:
        return False, agency  # new is inside the longer old text: old padded it
    if al.n_source < al.n_derived and al.cover_source >= CONTAINED and al.cover_derived <= LONGER_EXTRA:
        return True, agency
    if new_dateline != old_dateline:
        return old_dateline, agency
    if bool(new_agency) != bool(old_agency):
        return bool(old_agency), agency
    return True, agency
