"""Token ranges of an attribution's source and content, read off the dependency parse.

A source is its head's phrase as written, cut where the source extent model
(``quotes_learned.SourceModel``) leaves a right child out; a content is a
complement's phrase, a direct object with the rest of its verb phrase, cut
before a clause that reports on its own ("said *A*, while others said B"). The
helpers here work on token indices; ``quotes_cues`` decides which tokens are
cues and which complements they report.
"""

from __future__ import annotations

from .quotes_learned import load_source_model, source_child_features, source_children
from .quotes_lexicon import BELIEF, CUE_LEMMAS, SPEECH
from .speakers import is_word_hyphen

__all__ = ["SUBJECT_DEPS", "content_range", "has_quote", "minus", "past_dateline", "source_range", "token_range", "trim"]

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def has_quote(tok) -> bool:
    return any(t.is_quote for t in tok.subtree)


# Without the extent model: clauses hanging on a source are not part of its mention ("Sen.
# Rubio, *appearing on Fox News*" is circumstance); appositions and relative clauses stay.
_CLAUSE_DEPS = {"acl", "advcl"}


def source_range(head) -> tuple[int, int]:
    """The source mention: the head's phrase up to the first right child the source extent
    model (``quotes_learned.SourceModel``) leaves out, quote marks off."""
    a, b = token_range(head)
    model = load_source_model()
    for child, around in source_children(head):
        kept = model.keep(source_child_features(head, child, around, CUE_LEMMAS)) if model else child.dep_ not in _CLAUSE_DEPS
        if not kept:
            b = child.left_edge.i
            while model is None and b > head.i + 1 and head.doc[b - 1].is_punct:
                b -= 1  # the model decides commas itself; the rule drops them
            break
    doc = head.doc
    dash = _dateline_dash(doc, a, head.i + 1)
    if dash is not None and dash < head.i:
        a = dash + 1
    while a < head.i and (doc[a].is_quote or doc[a].is_space):
        a += 1
    while b > head.i + 1 and (doc[b - 1].is_quote or doc[b - 1].is_space):
        b -= 1
    return (a, b)


_DASHES = frozenset(("—", "–", "-", "--"))


def _dateline_dash(doc, a: int, b: int) -> int | None:
    """The dash that ends a wire dateline opening tokens a..b, if they open with one: "RENO, Nev.
    (AP) — Republican hopeful Donald Trump", "LA CROSSE, Wisc. — Gov. Mike Pence". A dateline
    opens a paragraph with a place in capitals or closes on an agency's bracket, and a dash (not
    a hyphen inside a word: "AFL-CIO", "Seitz-Wald") ends it. "NBC's Chuck Todd — who ... —" and
    "Sen. Susan Collins (R) — a moderate —" are no datelines."""
    if a > 0 and "\n" not in doc[a - 1].text + doc[a - 1].whitespace_:
        return None
    for d in range(a + 1, b - 1):
        tok = doc[d]
        if tok.text not in _DASHES or is_word_hyphen(tok):
            continue
        return d if _agency_bracket(doc, a, d) or _place_in_capitals(doc, a, d) else None
    return None


def _agency_bracket(doc, a: int, d: int) -> bool:
    """Tokens a..d end on a bracketed agency name: "(AP)", "(Reuters)", not "(R)"."""
    return d - 3 >= a and doc[d - 3].text == "(" and doc[d - 1].text == ")" and len(doc[d - 2]) > 1 and doc[d - 2].text[0].isupper()


def _place_in_capitals(doc, a: int, d: int) -> bool:
    """Tokens a..d open on words in capitals up to a comma, a bracket or the dash: "LA CROSSE,",
    "WASHINGTON", "ST. LOUIS"; not "GOP Sen." or "NBC's"."""
    lead = []
    for tok in doc[a:d]:
        if tok.text in (",", "("):
            break
        lead.append(tok)
    return bool(lead) and all(t.text.isupper() and t.text.rstrip(".").isalpha() and len(t.text) > 1 for t in lead)


def past_dateline(head):
    """The source head once a dateline the parse took for the subject is set aside: in "LA CROSSE,
    Wisc. — Gov. Mike Pence said" the parse hangs Pence on the city; the speaker is Pence."""
    if head is None:
        return None
    dash = _dateline_dash(head.doc, *token_range(head))
    if dash is None or dash < head.i:
        return head  # no dateline, or one source_range cuts off the front of the phrase
    return next((c for c in head.rights if c.i > dash and c.dep_ == "appos"), head)


# What may follow an object as part of what is attributed: "praised the Saudis *for their
# help*", "opposes the Common Core *because the standards ...*", "endorsing Clinton *on
# Thursday after ...*" (PolNeAR contents run to the end of the verb phrase).
_AFTER_OBJECT_STOP = frozenset("conj cc punct parataxis".split())


def content_range(head) -> tuple[int, int]:
    """A complement as content: a direct object with the rest of its verb phrase after it, any
    complement cut before a report of its own that the parse hung on it ("said *A*, while
    others said B", "said *A*, adding B")."""
    a, b = token_range(head)
    if head.dep_ == "dobj":
        for c in head.head.rights:
            if c.i >= b and c.dep_ not in _AFTER_OBJECT_STOP and not _has_quote_edge(c):
                if _own_report(c):
                    break
                b = c.right_edge.i + 1
    own = next((c for c in head.rights if _own_report(c)), None)
    if own is not None and own.left_edge.i < b:
        b = own.left_edge.i
        while b > a + 1 and (head.doc[b - 1].is_punct or head.doc[b - 1].dep_ == "cc") and not head.doc[b - 1].is_quote:
            b -= 1
    return (a, b)


def _own_report(tok) -> bool:
    """A clause beside a content that reports on its own: a cue verb coordinated or adverbial
    with its own subject, or a participle (", adding ...", ", claiming ...")."""
    if tok.dep_ not in ("advcl", "conj") or tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH | BELIEF:
        return False
    return tok.tag_ == "VBG" or any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _has_quote_edge(tok) -> bool:
    """A complement that opens with a quotation mark is a quote of its own, not object material."""
    return tok.left_edge.is_quote


def token_range(tok) -> tuple[int, int]:
    return (tok.left_edge.i, tok.right_edge.i + 1)


def minus(outer: tuple[int, int], inner: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    parts = ((outer[0], inner[0]), (inner[1], outer[1]))
    return tuple((a, b) for a, b in parts if b > a)


def trim(doc, a: int, b: int) -> tuple[int, int] | None:
    """Drop the commas and dashes that separate content from its cue, keep quote marks."""
    while a < b and doc[a].is_punct and not doc[a].is_quote and doc[a].text not in "([":
        a += 1
    while b > a and doc[b - 1].is_punct and not doc[b - 1].is_quote and doc[b - 1].text in ",;:—–-":
        b -= 1
    return (a, b) if b > a and any(not t.is_punct for t in doc[a:b]) else None

