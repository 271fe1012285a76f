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
* Hover cards (:func:`drop_hover_cards`): a name inside a paragraph may carry
  a pop-up card (the person's full name, their latest headlines, "MORE")
  hidden by CSS. Extractors see no CSS, so the card was read as part of the
  sentence: "Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor ... MORE (R) is".
"""

from __future__ import annotations

from lxml import etree
from trafilatura.xpaths import BODY_XPATH

__all__ = ["drop_closing_link_list", "drop_hover_cards", "join_split_body", "preclean"]

# Candidates for a hover card: a non-link element inside a paragraph, right after a link,
# holding at least two links of its own (the card's name and "MORE" at the least).
_CARD_CANDIDATES = etree.XPath(
    "//p//*[not(self::a)][preceding-sibling::*[1][self::a]][count(.//a) >= 2]"
)


def preclean(tree: etree._Element) -> None:
    """Apply every fix to ``tree``, in place."""
    drop_hover_cards(tree)
    join_split_body(tree)
    drop_closing_link_list(tree)


def drop_hover_cards(tree: etree._Element) -> None:
    """Remove pop-up cards hung on a link inside a paragraph.

    A card sits right against the link it decorates (no text between them) and is
    nothing but links: its text is made of its links' text and whitespace. A styled
    run of prose after a link always has words outside its own links, so it is left
    alone. The card's tail (the rest of the sentence) is kept.
    """
    for card in _CARD_CANDIDATES(tree):
        if (card.getprevious().tail or "").strip():
            continue
        if len(_letters(card)) == sum(len(_letters(link)) for link in card.iter("a")):
            _remove_keeping_tail(card)


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


# Fewest items a closing list of links needs to be read as a related-stories block.
_MIN_LINK_ITEMS = 3
# Longest label (in words) above such a list ("More Great WIRED Stories").
_MAX_LABEL_WORDS = 6


def drop_closing_link_list(tree: etree._Element) -> None:
    """Remove a list that closes the article body and links every item elsewhere.

    Pages end their body with related stories ("More Great WIRED Stories", then one
    item per story, each holding its link). Once the body is whole, trafilatura
    keeps such a list as the article's last lines, and its headlines become
    quotes and figures ("YouTubers must unionize, no matter what Google says").
    A list of three items or more, each holding a link, that is the body's last
    element is dropped with the short label above it; a list inside the body, or
    one with an item without a link, stays.
    """
    body = next(iter(BODY_XPATH[0](tree)), None)
    if body is None:
        return
    blocks = [el for el in body.iter() if el.tag in ("ul", "ol", "p") or el is body]
    last = next((el for el in reversed(blocks) if "".join(el.itertext()).strip()), None)
    while last is not None and last.tag == "li":
        last = last.getparent()
    if last is None or last.tag not in ("ul", "ol"):
        return
    items = [li for li in last if li.tag == "li"]
    if len(items) < _MIN_LINK_ITEMS or not all(li.find(".//a") is not None for li in items):
        return
    label = last.getprevious()
    if label is not None and label.tag != "p" and len("".join(label.itertext()).split()) <= _MAX_LABEL_WORDS:
        _remove_keeping_tail(label)
    _remove_keeping_tail(last)


def _letters(element: etree._Element) -> str:
    return "".join("".join(element.itertext()).split())


def _remove_keeping_tail(element: etree._Element) -> None:
    parent, previous = element.getparent(), element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
