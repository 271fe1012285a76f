"""Markup fixes made before any extractor reads a page.

Some page structures make trafilatura keep the wrong text, whatever its mode,
and no line rule can repair the result afterwards, because the damage is done
in the tree. Each fix here recognises one such structure by its shape in the
markup, never by a site's class names or words.

* Split body (:func:`join_split_body`): trafilatura takes the body from the
  *first* element its body pattern matches. A page that cuts its article into
  several containers of the same class (a full-width ad row between them)
  lost everything after the first cut: a Wired story stopped after 3,172 of
  its 8,640 characters, at full confidence, in every trafilatura mode.
"""

from __future__ import annotations

from lxml import etree
from trafilatura.xpaths import BODY_XPATH

__all__ = ["join_split_body", "preclean"]


def preclean(tree: etree._Element) -> None:
    """Apply every fix to ``tree``, in place."""
    join_split_body(tree)


def join_split_body(tree: etree._Element) -> None:
    """Move later containers of a split article body into the first one.

    The body is the first element matched by trafilatura's first body pattern, the
    one naming an article body ("article-body", "entry-content", itemprop
    articleBody ...): that is the container trafilatura reads. Later elements with
    the same tag and the same class attribute, outside it, are continuations of the
    body (a page template repeats its body container around each ad row); their
    children are appended to the first container in document order, so the
    extractor reads the whole article. trafilatura's looser patterns (a class of
    just "text") also match sidebar blurbs, whose containers repeat too: joining
    those made one page's sidebar its body, so they are not used. A body container
    without a class has no mark of being repeated and is left alone.
    """
    first = next(iter(BODY_XPATH[0](tree)), None)
    if first is None or not (first.get("class") or "").strip():
        return
    related = {*first.iter(), *first.iterancestors()}  # the body's own parts and its wrappers
    parts = [el for el in tree.iter(first.tag) if el.get("class") == first.get("class") and el not in related]
    for part in parts:
        if any(up in parts for up in part.iterancestors()):  # moved with the part that holds it
            continue
        for child in list(part):
            first.append(child)
