"""The cue lexicon: which lemmas report speech, belief, evidence or stance, and their inflected forms.

The lexicon was drawn from the cue words of PolNeAR train/ (the most frequent
reporting lemmas, hand-grouped), so it reads like a style guide, not a model.
``SPEECH`` and ``BELIEF`` cues make quotes; ``STANCE`` cues ("criticized",
"endorsed") are attributions in PolNeAR's sense but not reported speech.
``CUE_FORMS`` lists every inflection, so a sentence can be sent to the parser
(or not) from its words alone.
"""

from __future__ import annotations

import re

__all__ = [
    "BELIEF", "CUE_FORMS", "CUE_LEMMAS", "EVIDENCE", "SOURCE_DOCUMENTS", "SPEECH", "STANCE", "WEAK", "cue_lexicon_class",
    "lower_words",
]

SPEECH = frozenset(
    """say tell add note remark state affirm argue claim insist explain write tweet post ask
    warn announce report suggest stress emphasize emphasise acknowledge admit deny confirm
    declare reply respond answer recall reveal predict promise vow pledge assert allege
    complain concede conclude continue mention observe point indicate disclose testify
    reiterate repeat recount describe caution urge joke quip shout boast lament estimate
    contend maintain comment email text retweet cite quote propose agree counter retort
    question wonder charge accuse blame dismiss praise reject fume""".split()
)
# Verbs that report speech only in "he continued, '...'" or "..., she added": with a
# plain complement they mean something else ("continue to affect", "maintain ties").
WEAK = frozenset("continue maintain point repeat observe add agree".split())
BELIEF = frozenset(
    """believe think feel fear hope expect worry doubt know consider suspect reckon
    understand guess assume imagine anticipate realize realise see recognize recognise
    notice learn""".split()
)
# Findings of polls, studies and reports: attributions, but not anybody's speech.
EVIDENCE = frozenset("show find indicate demonstrate".split())
# "in a poll", "in a statement": the document is the source of the clause around it.
SOURCE_DOCUMENTS = frozenset(
    """poll survey study report statement interview analysis memo letter speech op-ed editorial
    column tweet post filing filings records document documents""".split()
)
STANCE = frozenset(
    """criticize criticise endorse support oppose call defend attack condemn denounce
    want seek refuse decline favor favour back applaud welcome slam blast mock""".split()
)
CUE_LEMMAS = SPEECH | BELIEF | STANCE | EVIDENCE


def cue_lexicon_class(lemma: str) -> str:
    """"speech", "belief", "evidence", "stance", or "none" for a lemma outside the lexicon."""
    if lemma == "according to" or lemma in SPEECH:
        return "speech"
    if lemma in BELIEF:
        return "belief"
    if lemma in EVIDENCE or lemma == "in":
        return "evidence"
    return "stance" if lemma in STANCE else "none"


# Irregular forms: the verb exceptions of the spaCy lemmatizer whose lemma is a cue.
_IRREGULAR = (
    "said", "told", "wrote", "written", "thought", "felt", "knew", "known", "according", "spoke",
    "found", "learnt", "quipped", "quipping", "saw", "seen", "shown", "sought", "understood",
)


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        forms.add(lemma + "es")
    if len(lemma) > 2 and lemma[-1] in "tdpgmn" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, regretting
    return forms


# Every inflected form of a cue lemma: which sentences may hold a cue, before any parse.
CUE_FORMS = frozenset(f for lemma in CUE_LEMMAS for f in _inflections(lemma)) | frozenset(_IRREGULAR)

_WORD = re.compile(r"[a-z]+")


def lower_words(text: str) -> list[str]:
    """The lower-cased letter words of ``text``, as ``CUE_FORMS`` lists them."""
    return _WORD.findall(text.lower())
