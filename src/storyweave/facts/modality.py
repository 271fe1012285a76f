"""Whether a statement reports something that happened, or only expects, guesses, denies or judges it.

A reader cross-checking two articles must not count "the leaders will agree"
as confirmation of "the leaders agreed". Each sentence gets one modality and
the cue that decided it.

Two readers share one cue lexicon:

* ``predicate_modality`` works on a dependency parse: it starts at a predicate
  and climbs only through links that keep it inside the same proposition
  (``conj``, ``xcomp``, ``ccomp``), so a cue counts only if it governs the
  predicate ("officials declined to comment" denies "comment"; the "could" of
  a relative clause does not make the main clause speculative).
* ``lexical_modality`` scans the words when a sentence was not parsed (the
  orchestrator parses only sentences that need it): the first cue by
  precedence wins, and words inside quotation marks are skipped when the
  sentence also has a reporting verb outside them, because a quoted "that
  didn't happen" is the speaker's content while the sentence reports that
  someone spoke.

Precedence when several cues govern one predicate: denial and modal verbs are
closest to the predicate and are read first; then governing verbs (expect,
plan, believe); a predicate with no cue happened.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy
from spacy.attrs import DEP

from ..records import Modality, Statement

__all__ = ["predicate_modality", "lexical_modality", "sentence_statement", "CUE_WORDS", "has_cue", "attributed"]

# Modal auxiliaries: the modality they give the verb they attach to.
MODALS: dict[str, Modality] = {
    "will": "expected", "shall": "expected", "'ll": "expected", "wo": "expected",
    "may": "speculative", "might": "speculative", "could": "speculative",
    "can": "speculative", "would": "speculative", "ca": "speculative",
    "should": "opinion", "must": "opinion", "ought": "opinion",
}
# Adverbs and predicative adjectives of likelihood.
HEDGES = {"likely", "unlikely", "possibly", "perhaps", "probably", "potentially", "maybe", "reportedly", "allegedly", "possible"}
NEGATIONS = {"not", "n't", "never", "no"}
# Pronouns that negate the clause they are subject or object of ("nothing suggests", "nobody acted").
NEGATIVE_PRONOUNS = {"nothing", "nobody", "none", "noone"}
CONDITIONALS = {"if", "unless", "whether"}
# Verbs (and participles used as adjectives) that put their complement in the future.
EXPECT_VERBS = {
    "expect", "anticipate", "plan", "schedule", "set", "aim", "intend", "seek", "hope", "want",
    "prepare", "promise", "pledge", "vow", "due", "go", "poise", "slate", "propose", "look",
}
DENY_VERBS = {"deny", "reject", "decline", "refuse", "dismiss", "fail", "rule", "refute"}
OPINION_VERBS = {"believe", "think", "feel", "consider", "argue", "fear", "doubt", "suspect"}
# Verbs whose ccomp is another source's assertion: transparent for the sentence's modality.
REPORT_VERBS = {
    "say", "tell", "state", "report", "note", "add", "remark", "reveal", "explain", "claim",
    "affirm", "insist", "warn", "confirm", "announce", "write", "indicate", "stress", "emphasize",
    "suggest",
}
# Nouns whose complement is not (yet) a fact: "the possibility of taking", "plans to invest".
SPECULATIVE_NOUNS = {"possibility", "chance", "risk", "prospect", "threat", "fear", "likelihood"}
EXPECTED_NOUNS = {"plan", "proposal", "intention", "promise", "pledge", "bid", "attempt", "goal", "aim", "effort"}
# Predicative adjectives that judge rather than report ("this gathering is crucial").
EVALUATIVE = {
    "crucial", "vital", "essential", "paramount", "pivotal", "critical", "imperative", "important",
    "unacceptable", "disappointing", "remarkable", "regrettable", "wise", "unwise", "foolish",
    "shameful", "outrageous", "admirable", "excellent", "terrible", "necessary",
}

# -------------------------------------------------------------- lexical reader

_W = r"(?<![\w'’])"
# (pattern, modality) in precedence order; every pattern's first group is the cue.
_LEXICON: list[tuple[re.Pattern, Modality]] = [
    (re.compile(_W + r"((?:will|shall|would|could|may|might|can|must|should)\s+not|won['’]t|can['’]?t|couldn['’]t|wouldn['’]t)\b", re.I), "__modal__"),
    (re.compile(_W + r"((?:did|does|do|was|were|is|are|has|have|had)\s+not(?!\s+only)|(?:did|does|do|was|were|is|are|has|have|had)n['’]t|never)\b", re.I), "denied"),
    (re.compile(_W + r"(den(?:y|ies|ied)|reject(?:s|ed)?|declin(?:e|es|ed)\s+to|refus(?:e|es|ed)|dismiss(?:es|ed)|rul(?:e|es|ed)\s+out)\b", re.I), "denied"),
    (re.compile(_W + r"(may|might|could|would|(?:un)?likely|possibly|perhaps|probably|potentially|maybe)\b"), "speculative"),
    (re.compile(_W + r"(will|shall|['’]ll|(?:is|are|was|were)\s+(?:set|due|scheduled|slated|poised|expected|anticipated|going)\s+to|(?:expected|anticipated|scheduled)|plans?\s+to|planned|aims?\s+to|intends?\s+to|seeks?\s+to|hopes?\s+to|ahead\s+of)\b", re.I), "expected"),
    (re.compile(_W + r"(believes?|believed|thinks?|feels?|in\s+(?:my|our|his|her|their)\s+view|should|must|ought\s+to|(?:is|are|was|were|be)\s+(?:\w+ly\s+)?(?:" + "|".join(sorted(EVALUATIVE)) + r"))\b", re.I), "opinion"),
]
_REPORTING = re.compile(_W + r"(said|says|say|told|tells|stated|remarked|noted|added|reported|affirmed|explained|according\s+to)\b", re.I)
_QUOTED = re.compile(r"[\"“](?:[^\"“”]*)[\"”]|(?<![\w])[‘'](?:[^‘’']*)[’'](?![\w])")

# Words that can carry a cue, for the orchestrator's "does this sentence need a parse" test.
CUE_WORDS = frozenset(
    set(MODALS) | HEDGES | NEGATIONS | CONDITIONALS | {"expected", "anticipated", "scheduled", "planned", "plans", "set", "aims", "intends", "denied", "rejected", "declined", "refused", "believe", "believes", "think", "thinks", "going"}
)
_WORD = re.compile(r"[a-z]+(?:['’]t)?")
_MODAL_WORD = re.compile(r"won|ca|couldn|wouldn|[a-z]+")


def has_cue(sentence_text: str) -> bool:
    """True when a sentence contains a word that may carry a modality cue."""
    return any(w in CUE_WORDS for w in _WORD.findall(sentence_text.lower()))


def attributed(text: str) -> bool:
    """True when a sentence reports what someone said: a reporting verb outside its quotation marks."""
    return bool(_REPORTING.search(_QUOTED.sub(" ", text)))


def lexical_modality(text: str) -> tuple[Modality, str | None]:
    """Modality of a sentence from its words alone; the fallback when there is no parse."""
    scan = text
    if attributed(text):
        # the quoted words are the speaker's; the sentence reports the speaking
        scan = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    for pattern, modality in _LEXICON:
        for m in pattern.finditer(scan):
            cue = m.group(1)
            if cue == "May" and m.start(1) > 0:
                continue  # the month
            if modality == "__modal__":
                return _negated_modal(_MODAL_WORD.match(cue.lower()).group(0)), cue
            return modality, cue
    return "happened", None


def _negated_modal(word: str) -> Modality:
    word = {"wo": "will", "ca": "can", "couldn": "could", "wouldn": "would"}.get(word, word)
    if word in ("would", "could"):
        return "denied"  # "would not say": a refusal that happened; "couldn't see": an inability that did
    return MODALS.get(word, "denied")


# ------------------------------------------------------------ dependency reader


def predicate_modality(tok) -> tuple[Modality, str | None]:
    """Modality of the event a parsed token names, from the cues that govern it."""
    node = tok
    for _ in range(8):  # a proposition's chain is short; the cap guards odd parses
        found = _own_cues(node)
        if found:
            return found
        head, dep = node.head, node.dep_
        if head is node or not dep:
            break
        if dep == "advcl" and _infinitival(node):
            dep = "xcomp"  # the parser sometimes attaches "set to explore" as advcl
        if dep == "conj":
            node = head
            continue
        if dep in ("xcomp", "ccomp", "acomp", "oprd"):
            governed = _governor_cue(head, dep)
            own = _own_cues(head)
            if own and (own[0] in ("denied", "speculative") or not governed):
                return own  # "did not plan to", "may seek to" outrank the governing verb
            if governed:
                return governed
            if dep == "ccomp" and head.lemma_.lower() in REPORT_VERBS:
                break  # the source's assertion: factual as reported
            node = head
            continue
        if dep in ("pcomp", "pobj", "acl") and _noun_cue(head):
            return _noun_cue(head)
        if dep == "advcl":
            break
        break
    return "happened", None


def _bare_verb_follows(node) -> bool:
    """A modal takes a bare verb ("will visit", "may be shut", "could have been"): in "Will
    Artino scored 14 points" the parser's modal is a first name before a past tense."""
    inflected = node.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG")
    return not inflected or any(a.tag_ == "VB" for a in node.children if a.dep_ in ("aux", "auxpass"))


def _own_cues(node) -> tuple[Modality, str | None] | None:
    modal = neg = hedge = cond = None
    for c in node.children:
        low = c.lower_.replace("’", "'")
        if c.dep_ in ("aux", "auxpass") and low in MODALS and c.tag_ == "MD" and _bare_verb_follows(node):
            modal = c
        elif c.dep_ == "neg" or (c.dep_ == "advmod" and low == "never"):
            neg = c
        elif c.dep_ == "advmod" and low in HEDGES:
            hedge = c
        elif c.dep_ == "mark" and low in CONDITIONALS:
            cond = c
        elif c.dep_ == "advcl" and cond is None:
            # "X is realistic if the weather holds": the consequent is only conditional
            cond = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in ("if", "unless")), None)
        elif c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and neg is None:
            # "no vessel had struck", "received no warning", "there was nothing to suggest"
            neg = c if low in NEGATIVE_PRONOUNS else next(
                (d for d in c.children if d.dep_ == "det" and d.lower_ == "no"), None)
    if modal is not None:
        low = modal.lower_.replace("’", "'")
        if neg is not None:
            return _negated_modal(low), f"{modal.text} {neg.text}"
        return MODALS[low], modal.text
    if hedge is not None or cond is not None:
        return "speculative", (hedge or cond).text
    if neg is not None:
        return "denied", neg.text
    going = _going_to(node)
    if going:
        return "expected", going
    return None


def _infinitival(node) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _going_to(node) -> str | None:
    head = node.head
    if node.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.children):
        return "going to"
    return None


def _governor_cue(head, dep: str) -> tuple[Modality, str | None] | None:
    lemma = head.lemma_.lower()
    to = " to" if dep == "xcomp" else ""
    if lemma in DENY_VERBS:
        return "denied", head.text + to
    if lemma in ("likely", "unlikely", "possible"):
        return "speculative", head.text + to
    if lemma in EXPECT_VERBS and lemma != "go":
        return "expected", head.text + to
    if dep == "ccomp" and lemma in OPINION_VERBS:
        return "opinion", head.text
    return None


def _noun_cue(noun) -> tuple[Modality, str | None] | None:
    lemma = noun.lemma_.lower()
    if lemma in SPECULATIVE_NOUNS:
        return "speculative", noun.text
    if lemma in EXPECTED_NOUNS:
        return "expected", noun.text
    if noun.dep_ == "prep" and noun.head.i != noun.i:
        return _noun_cue(noun.head)
    return None


def main_predicate(sent):
    """The predicate a sentence asserts: its root, or the content of an unquoted report."""
    root = sent.root
    for _ in range(3):
        if root.lemma_.lower() not in REPORT_VERBS:
            break
        content = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if content is None or _inside_quotes(content):
            break
        root = content
    # "aims to emphasize", "is likely to stress": the event is the complement;
    # predicate_modality climbs back to the governing verb for the cue.
    for _ in range(3):
        comp = next(
            (c for c in root.children if c.dep_ == "xcomp" or (c.dep_ == "advcl" and _infinitival(c))), None
        )
        if comp is None:
            adj = next((c for c in root.children if c.dep_ == "acomp"), None)
            comp = next((c for c in adj.children if c.dep_ == "xcomp"), None) if adj is not None else None
        if comp is None:
            break
        root = comp
    return root


def _inside_quotes(tok) -> bool:
    left = tok.doc[tok.left_edge.i : tok.i].text
    return any(m in left[:2] for m in "\"“'‘")


def _sentence_parsed(sent) -> bool:
    return any(t.dep_ for t in sent)


def _sentence_level(pred) -> tuple[Modality, str | None] | None:
    """Cues a whole sentence carries on its main predicate beyond those of the event itself."""
    lemma = pred.lemma_.lower()
    objects = {c.dep_ for c in pred.children}
    if lemma in DENY_VERBS and pred.tag_.startswith("VB"):
        return "denied", pred.text
    if lemma in ("expect", "anticipate", "schedule", "plan", "predict", "forecast") and objects & {
        "auxpass", "nsubjpass", "dobj", "ccomp", "xcomp"
    }:
        return "expected", pred.text
    if lemma in OPINION_VERBS and "ccomp" in objects:
        return "opinion", pred.text
    if lemma == "be":
        for c in pred.children:
            if c.dep_ == "acomp" and c.lemma_.lower() in EVALUATIVE:
                return "opinion", c.text
            if c.dep_ == "acomp" and c.lower_ == "due":
                return "expected", c.text  # "results are due in the autumn"
    return None


def sentence_statement(article_id: str, sent, text: str | None = None, parsed: bool | None = None) -> Statement:
    """The Statement of one spaCy sentence span (whose ``text`` the caller may pass, as
    ``Span.text`` joins the tokens anew on every call): parse-based when it is parsed
    (which the caller may also pass)."""
    text = sent.text if text is None else text
    if _sentence_parsed(sent) if parsed is None else parsed:
        pred = main_predicate(sent)
        modality, cue = predicate_modality(pred)
        if modality == "happened":
            modality, cue = _sentence_level(pred) or (modality, cue)
    else:
        modality, cue = lexical_modality(text)
    return Statement(article_id, (sent.start_char, sent.end_char), text, modality, cue)


def statements(article_id: str, sents: Iterable, doc_text: str | None = None) -> list[Statement]:
    """One Statement per sentence, in order; empty sentences (blank lines) skipped. Given the
    doc's text (``Doc.text`` is rebuilt on each access), sentence texts are sliced from it."""
    sents = list(sents)
    if not sents:
        return []
    # which sentences carry a parse, from one array rather than a Token per word
    labelled = numpy.flatnonzero(sents[0].doc.to_array(DEP))
    bounds = numpy.array([(s.start, s.end) for s in sents])
    parsed = (numpy.searchsorted(labelled, bounds[:, 0]) < numpy.searchsorted(labelled, bounds[:, 1])).tolist()
    if doc_text is None:
        texts = [s.text for s in sents]
    else:
        texts = [doc_text[s.start_char : s.end_char] for s in sents]
    return [sentence_statement(article_id, s, t, p) for s, t, p in zip(sents, texts, parsed) if t.strip()]
