"""What a figure measures, read from the clause around the number.

The facts stage's ``measures`` phrase is often only the counted noun
("people"), and a story counts many things in people: killed, injured, taken
to hospital, employed. Two different values are rival figures for one measured
thing only when their clauses say the same thing about them, so each figure
gets a short *predicate* phrase read from the dependency parse: the counted
noun, the verb that governs the number with its subject and object ("people
kill", "people die", "deal value"), and the nouns the number modifies. Day
names in the sentence are kept apart: two share moves on different days are
two facts, not a conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..facts.figures_scan import parse_words
from ..records import Figure, Span, Statement

_NOUNS = ("NOUN", "PROPN")
_VERBS = ("VERB", "AUX")
_ARGS = ("nsubj", "nsubjpass", "dobj", "attr", "oprd")
_WHEN = ("DATE", "TIME")
# Clauses without a subject of their own describe their head: "a deal valued at",
# "expected to value", "which employs" (a pronoun subject names nothing).
_DEPENDENT = ("acl", "relcl", "xcomp", "advcl")
# How a figure hangs on a noun whose value it gives: "the $2.4 billion deal", "a 90-km road".
_MODIFIER = ("amod", "compound", "nmod", "nummod", "quantmod")
# Nouns for one company deal: compared as "deal".
_DEAL_NOUNS = {w: "deal" for w in "takeover acquisition merger buyout transaction".split()}
_CLIMB = 5  # heads walked up from the number before giving up on finding its verb
_DAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2})\b",
    re.I,
)


def _noun_words(tok) -> list[str]:
    return [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"] + [tok.lemma_.lower()]


def _verb_words(verb, skip) -> list[str]:
    out = [verb.lemma_.lower()]
    for c in verb.children:
        if c is skip:
            continue
        if c.dep_ == "prt":
            out.append(c.lemma_.lower())
        elif c.dep_ in _ARGS and c.pos_ in _NOUNS:
            out += _noun_words(c)
        elif c.dep_ == "acomp":  # what a copula says: "jurors were black" is not "talked to jurors"
            out.append(c.lemma_.lower())
        elif c.dep_ == "prep":  # where or of what, not when: "work at the campus", not "on Tuesday"
            out += [g.lemma_.lower() for g in c.children
                    if g.dep_ == "pobj" and g.pos_ in _NOUNS and g.ent_type_ not in _WHEN]
    return out


def _described(noun) -> list[str]:
    """The words of the noun a relative clause describes, with the noun it is "of" or "in" when the
    parse hung the clause on a place after it ("Vireo's campus in Calder, where 600 people work")."""
    out = _noun_words(noun)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in _NOUNS:
        out += _noun_words(noun.head.head)
    return out


def _root(inside: list, start: int, end: int):
    """The figure's head token: the one of ``inside`` (its tokens) whose head is outside ``start:end``."""
    return next((t for t in inside if not (start <= t.head.idx < end) or t.head.i == t.i), inside[0]) if inside else None


def _anchor(doc, inside: list, start: int, end: int) -> str:
    """The count on the noun a figure is "for": "two catches for 25 yards" -> "2" ("" if none).
    Yards for two catches and yards for 59 catches measure different things, not one thing twice.
    ``inside`` are the figure's tokens (characters ``start:end`` of ``doc``)."""
    root = _root(inside, start, end)
    if root is None or root.head.dep_ != "prep" or root.head.lower_ != "for":
        return ""  # "10 people in three attacks": "in" says where, and its count is a rival figure itself
    prep = root.head
    # the noun the preposition hangs on, or the one just before it when the parse hung it on the verb
    # ("held to just two catches for 25 yards")
    nouns = [n for n in (prep.head, doc[prep.i - 1] if prep.i else prep) if n.pos_ in _NOUNS]
    counts = [c for n in nouns for c in n.children if c.dep_ == "nummod" and c.like_num]
    if not counts:
        return ""
    word = counts[0].lower_.replace(",", "")
    try:
        value = float(word)
    except ValueError:
        value = parse_words(word)
    return "" if value is None else f"{value:g}"


def _predicate(inside: list, start: int, end: int) -> str:
    """The figure's predicate phrase from its tokens ``inside`` (characters ``start:end``)."""
    if not inside:
        return ""
    root = _root(inside, start, end)
    out = [t.lemma_.lower() for t in inside if t.pos_ in _NOUNS]
    # Clauses on the counted noun: "people who died in hospital", "people taken to hospital".
    for t in inside:
        for c in t.children:
            if c.dep_ in ("relcl", "acl") and not (start <= c.idx < end):
                out += _verb_words(c, None)
    head = root.head
    measure = any(not t.like_num and not t.is_punct for t in inside)  # "$2.4 billion", not "Seventeen"
    if measure and head is not root and head.pos_ in _NOUNS and not (start <= head.idx < end) and root.dep_ in _MODIFIER:
        # "expected the $2.4 billion deal to close": an amount on a noun is the deal's value (a bare
        # number on it counts it), and the verb over the deal says what became of the deal
        return " ".join(dict.fromkeys(_deal([*out, *_noun_words(head), "value"])))
    cur = root
    for _ in range(_CLIMB):
        head = cur.head
        if head is cur:
            break
        if head.pos_ in _VERBS:
            out += _verb_words(head, cur)
            if head.dep_ == "relcl" and head.head.pos_ in _NOUNS:
                out += _described(head.head)  # what the clause is about: "the campus, where 600 people work"
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in _NOUNS for c in head.children)
            if own_subject or head.dep_ not in _DEPENDENT:
                break
        elif head.pos_ in _NOUNS:
            out += _noun_words(head)
        elif head.pos_ == "ADJ":  # "a deal worth $2.1 billion"
            out.append(head.lemma_.lower())
        cur = head
    if "toll" in out:  # a toll is told as what it counts: "puts the death toll at 17" / "17 people died"
        return "people injure" if "injury" in out else "people die"
    return " ".join(dict.fromkeys(_deal(out)))


def _deal(words: list[str]) -> list[str]:
    """One word for the deal outlets name differently: "the takeover values Vireo at $2.4 billion"
    and "the $2.4 billion deal" give one deal's value."""
    return [_DEAL_NOUNS.get(w, w) for w in words]


@dataclass(frozen=True)
class FigureContext:
    """What the rival-value aligner reads about one figure."""

    predicate: str  # e.g. "people kill"; "" when the figure has no sentence
    days: frozenset[str]  # day names and dates of its sentence
    anchor: str  # the count of the noun the figure is for ("2" in "two catches for 25 yards"), see _anchor
    sentence: tuple[str, Span] | None  # (article id, span) of the statement holding it
    era: frozenset[str] = frozenset()  # other times its sentence is set in ("2004", "last year"), see ``era``
    rule: bool = False  # its sentence states a requirement ("can only be valid with more than 50 percent")


_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# A year the sentence is set in: "in 2004", "since 1999", "in April 2012", "on December 26, 2004",
# "the 2004 tsunami"; not a count ("2000 booths") or a time of day ("at 2000 GMT").
_YEAR = re.compile(
    rf"\b(?:(?:in|since|during|until|from|of|the|by)\s+(?:(?:early|late|mid)[\s-]+)?|{_MONTH}\s+(?:\d{{1,2}},?\s+)?)"
    r"((?:19|20)\d\d)\b(?!\s*(?:gmt|utc|hours|hrs|[a-z]+s\b(?<!\bwas)(?<!\bhas)))",
    re.I,
)
# Times before the story's own, told relative to it.
_BEFORE = re.compile(
    r"\b(?:last|previous|the\s+previous|the\s+past)\s+(?:year|decade|century)\b|"
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+(?:years|decades)\s+(?:ago|earlier|before)\b|"
    r"\ba\s+(?:year|decade)\s+(?:ago|earlier|before)\b|\bdecades\s+ago\b",
    re.I,
)
# A condition or requirement: the figure is a threshold the law or the rules set, not a measurement.
_RULE = re.compile(
    r"\b(?:must|requires?|required|requirement|threshold|minimum|can\s+only|could\s+only|only\s+if|"
    r"needs?\s+(?:at\s+least|more\s+than|over|a\s+minimum))\b",
    re.I,
)


def era(text: str, year: int | None = None) -> frozenset[str]:
    """The other times a sentence is set in: the years it names (before ``year``, the article's
    own, when that is known) and times told as before now ("last year", "two decades ago").
    "leaving more than 220,000 people dead" after "a 9.1 temblor in 2004" counts 2004's dead, not
    today's; a figure set in another time is no rival version of the story's current figure."""
    out = {m.group(1) for m in _YEAR.finditer(text) if year is None or int(m.group(1)) < year}
    out |= {" ".join(m.group(0).lower().split()) for m in _BEFORE.finditer(text)}
    return frozenset(out)


def states_rule(text: str) -> bool:
    """Whether a sentence states a requirement ("can only be declared valid with a turnout more
    than 50 percent", "must win at least 60 seats"): its figure is a threshold, not a measurement."""
    return _RULE.search(text) is not None


def contexts(figures: Sequence[Figure], sentences: Sequence[Statement | None]) -> list[FigureContext]:
    """Per figure, its context; ``sentences[i]`` is the statement holding figure i."""
    from ..nlp import load_nlp

    unique = sorted({s.text for s in sentences if s is not None})
    docs = dict(zip(unique, load_nlp().pipe(unique, batch_size=64)))
    out = []
    for fig, s in zip(figures, sentences):
        if s is None:
            out.append(FigureContext("", frozenset(), "", None))
            continue
        start, end = fig.span[0] - s.span[0], fig.span[1] - s.span[0]
        doc = docs[s.text]
        inside = [t for t in doc if start <= t.idx < end]
        out.append(FigureContext(_predicate(inside, start, end), _days(s.text), _anchor(doc, inside, start, end),
                                 (s.article_id, s.span)))  # fmt: skip
    return out


def _days(text: str) -> frozenset[str]:
    return frozenset(" ".join(m.group(1).lower().split()) for m in _DAY.finditer(text))
