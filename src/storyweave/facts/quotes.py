"""Quotes with their speakers: direct, partial and indirect reported speech.

Two sources of evidence meet here. Quotation marks (``quotes_marks``) say
*what* was said word for word; the dependency parse (``quotes_cues``) says *who*
said what, quoted or not. An attribution's content is widened to the whole
quotation it touches (multi-sentence quotes); a quotation no cue reaches takes
its speaker from a trailing dash ("... strong willed," – Shigeru Ishiba) or
from the cue that announced it in the sentences before ("Jeffrey Hall ...
remarked on ..." then a paragraph that is only the quote). A cue with a
speaker but no complement the parse could read takes the rest of its sentence,
or the next paragraph when the sentence ends in a colon ("Dr. Ward stated:").
Last, a small learned filter (``quotes_learned.FilterModel``, trained on
PolNeAR train/ by ``bench/train_filter.py``) drops the assembled attributions
whose content it judges unlikely (a stance verb read as "continued, '...'", a
one-word object). ``speakers`` resolves each source to one name per person in
the article.

Kinds: *direct* is a quotation that stands as the reported utterance (it opens
its sentence, or follows "said," / "noted:"); *partial* is a few quoted words
inside the reporter's own sentence ('suggesting a "very calm, cool
reassurance meeting"'); *indirect* is content without quotation marks.

Parsing is the cost of this stage, so ``needs_parse`` tells the orchestrator
which sentences can hold a quote at all.

Modules: ``quotes_cues`` (cues from the parse, with ``quotes_lexicon`` and
``quotes_ranges``), ``quotes_attributed`` (attributions in characters),
``quotes_lone`` (quotations no cue reached), ``quotes_content`` (a cue's
content when the parse gave none), ``quotes_learned`` (the learned models).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..records import Quote, Span
from .quotes_attributed import Attributed, overlaps, to_chars
from .quotes_content import rest_of_sentence, skip_complementizer
from .quotes_cues import find_attributions, relative_object
from .quotes_learned import SOURCE_FILTERED, CueModel, attribution_features, load_filter_model
from .quotes_lexicon import CUE_FORMS, lower_words
from .quotes_lone import (adjacent_cue, announcer, announcing_line, colon_attribution, framed_quotation,
                          is_direct, line_colons, resumed_quotation, signed_posts, signed_quotation, stands_alone)
from .quotes_marks import Quoted, find_quoted
from .speakers import Speaker, Speakers

__all__ = ["Attributed", "attributions", "extract_quotes", "needs_parse"]

_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&.]{1,9})\)")
# A quotation mark, not an apostrophe: single marks count only at a word edge
# ("a 'golden age'", not "Japan's", "don't"), which halves the sentences a quote
# mark sends to the parser (ECB+ dev at 600 words: 46% -> 27%).
_QUOTE_MARK = re.compile(r"[\"“”«»„`]|(?<!\w)['‘’]|['‘’](?!\w)")


def needs_parse(sentence_text: str) -> bool:
    """True when a sentence may hold reported speech: a quotation mark or a cue word."""
    if _QUOTE_MARK.search(sentence_text):
        return True
    return any(w in CUE_FORMS for w in lower_words(sentence_text))


def attributions(doc, quoted: Sequence[Quoted] | None = None, filtered: bool = True, text: str | None = None,
                 cue_model: CueModel | None = None) -> list[Attributed]:  # fmt: skip
    """Attributions of a parsed doc, content widened to whole quotations and lone quotations attached;
    ``filtered`` lets the learned filter drop unlikely ones (off only for training it). ``text`` is
    the doc's text when the caller has it (``Doc.text`` joins every token again on each access).
    ``cue_model`` replaces the shipped cue model (for benchmark diagnostics)."""
    text = doc.text if text is None else text
    quoted = find_quoted(text) if quoted is None else quoted
    found = [to_chars(doc, text, a) for a in find_attributions(doc, [q.inner for q in quoted], cue_model)]
    found = [a for a in found if a.content or a.source]
    out: list[Attributed] = []
    for att in found:
        inside = tuple(q for q in quoted if any(overlaps(q.outer, c) for c in att.content))
        content = tuple(_widen(c, inside) for c in att.content)
        out.append(framed_quotation(text, replace(att, content=content, quoted=inside)))
    # A signed quotation or post is the signer's whole, cues inside it included ('"During the
    # debate Trump said Hispanics live in hell. ..." ― Pamela Padilla'): those attributions nest in
    # it. A quotation a cue outside it already reports keeps that speaker ('The mayor said: "..."
    # — Reuters' is the story's credit line).
    signed = [a for a in (signed_quotation(doc, text, q) for q in quoted if not _reported(out, q)) if a is not None]
    out.extend(signed + signed_posts(doc, text, [c for a in signed for c in a.content]))
    covered = [c for a in out for c in a.content]
    starts = [s.start_char for s in doc.sents]
    for q in quoted:
        if any(overlaps(q.outer, c) for c in covered):
            continue
        host = adjacent_cue(text, out, q)
        if host is not None:
            _attach(out, host, q, "+adjacent")
            continue
        host = resumed_quotation(text, out, q)
        if host is not None:
            _attach(out, host, q, "+resumed")
            continue
        colon = colon_attribution(doc, text, q) or announcing_line(doc, text, q)
        if colon is not None:
            out.append(colon)
            continue
        if not stands_alone(text, q):
            continue
        host = announcer(starts, out, q)
        if host is not None:
            _attach(out, host, q, "+announced")
    # (a cue inside its own source phrase, "Hall, an expert observing ...", is not a speaker's cue)
    out = [rest_of_sentence(doc, text, a) if not a.content and a.source and not overlaps(a.cue, a.source) else a for a in out]
    covered = [c for a in out for c in a.content]
    # a colon line stands unless it is itself inside an attribution's content (a transcript's
    # "A: ..." quoted whole); attributions inside its own content are nested in it
    out.extend(a for a in line_colons(doc, text) if not any(overlaps(a.source, c) for c in covered))
    out = [a for a in out if a.content]
    return _filter(doc, text, out) if filtered else out


def extract_quotes(article_id: str, text: str, doc) -> list[Quote]:
    """Direct, partial and indirect quotes of one article with resolved speakers."""
    quoted = find_quoted(text)
    speakers = Speakers(doc, text, [q.outer for q in quoted])
    quotes: list[Quote] = []
    reported = [a for a in attributions(doc, quoted, text=text)
                if a.cue_class in ("speech", "belief") and a.source_head is not None and not _reports_a_thing(doc, a)]
    cue_of: dict[Quote, int] = {}
    outers = {id(att): [o for o in reported if o is not att and any(a <= att.cue[0] < b for a, b in o.content)]
              for att in reported}
    # A framed quotation inside another cue's content speaks for itself ("he might propose X
    # ...'The goal is ...,' Smith stated", where the parser ran two sentences together), and so
    # does the statement of a person or group a report relays ("Chief James Steele said the
    # department was ..., The Anchorage Daily News reported", "according to the paper, Steele
    # said ...", "According to AFP, one user on Weibo posted: ..."): Steele is the source, the
    # paper the channel. Hearsay stays with who tells it: in "Police said Smith told them ..."
    # the police speak.
    framers = [att for att in reported if outers[id(att)] and (_frames_quote(text, att) or (
        att.cue_class == "speech" and doc[att.source_head].pos_ in ("PROPN", "NOUN")
        and all(_relays(doc, o) for o in outers[id(att)])))]
    framing = {id(att) for att in framers}
    for att in reported:
        if outers[id(att)] and id(att) not in framing:
            continue  # "officials revealed that they anticipate ...": the outer frame speaks
        speaker = _signer(speakers, text, att) if att.via.startswith("signature") else speakers.resolve(doc[att.source_head])
        common = dict(
            article_id=article_id,
            speaker=speaker.name,
            speaker_span=speaker.span,
            speaker_role=speaker.role,
            told_to=_listener_name(text, att.listener) or _told_name(text, att),
            cue=att.cue_text,
        )
        quoted_chars = sum(q.inner[1] - q.inner[0] for q in att.quoted)
        content_chars = sum(b - a for a, b in att.content)
        for q in att.quoted:
            kind = "direct" if is_direct(text, q) else "partial"
            quote = Quote(span=q.inner, text=text[q.inner[0] : q.inner[1]], kind=kind, **common)
            cue_of[quote] = min(abs(att.cue[0] - q.outer[1]), abs(q.outer[0] - att.cue[1]))
        # Content mostly in quotation marks is the quote itself; otherwise report it as paraphrase.
        if quoted_chars < 0.5 * content_chars:
            for a, b in att.content:
                inside = any(q.outer[0] <= a and b <= q.outer[1] for q in att.quoted)
                # a piece holding another cue is that cue's: a framed quotation, or the report relaying this one
                if not inside and not any(a <= o.cue[0] < b for o in (*framers, *outers[id(att)]) if o is not att):
                    if _asks(text, a, b, att):
                        continue  # "did not say what Reid was being treated for", "asked whether she ...": no claim
                    a = skip_complementizer(text, a, b)
                    b = _before_relay(text, a, b)
                    if b > a and not _topic(doc, a, b):
                        quotes.append(Quote(span=(a, b), text=text[a:b], kind="indirect", **common))
    # A quotation claimed by two cues belongs to the nearer one ("'...,' Smith stated" inside a
    # sentence the parser ran on from the one before).
    nearest: dict[Span, Quote] = {}
    for quote, distance in sorted(cue_of.items(), key=lambda qd: -qd[1]):
        nearest[quote.span] = quote
    quotes.extend(nearest.values())
    # A total order: set() iterates in string-hash order, which changes from process to process.
    return sorted(set(quotes), key=lambda q: (q.span, q.kind, q.speaker or "", q.speaker_span or (-1, -1),
                                              q.cue or "", q.speaker_role or "", q.told_to or ""))


# ------------------------------------------------------------------ helpers


def _reported(atts: list[Attributed], q: Quoted) -> bool:
    """Whether a cue outside quotation ``q`` has it in its content."""
    return any(not q.outer[0] <= a.cue[0] < q.outer[1] and any(overlaps(q.outer, c) for c in a.content) for a in atts)


def _signer(speakers: Speakers, text: str, att: Attributed) -> Speaker:
    """A signature's name as written ("― Sonya Herridge", "— The Nigerian Senate (@NGRSenate)"),
    its full form when the article wrote one: a signature is no clause for the parse to read."""
    a, b = att.source
    return Speaker(speakers.canonical_text(text[a:b]), att.source, None)


def _filter(doc, text: str, atts: list[Attributed]) -> list[Attributed]:
    """The learned filter's verdicts: drop the attributions whose content it rejects, and the
    source of a stance or evidence attribution whose source it rejects (those never make quotes).
    A signature is no cue the filter learnt from: it stands."""
    model = load_filter_model()
    if model is None:
        return atts
    out = []
    for att in atts:
        if att.via.startswith("signature"):
            out.append(att)
            continue
        feats = attribution_features(doc, text, att)
        if not model.keep(feats):
            continue
        if att.source is not None and att.cue_class in SOURCE_FILTERED and not model.keep_source(feats):
            att = replace(att, source=None, source_head=None)
        out.append(att)
    return out


def _attach(atts: list[Attributed], host: Attributed, q: Quoted, how: str) -> None:
    """Add a lone quotation to the content of the attribution that speaks it, in place."""
    atts[atts.index(host)] = replace(host, content=host.content + (q.outer,), quoted=host.quoted + (q,), via=host.via + how)


# What a cue can say of the thing its relative pronoun object stands for.
_SAYS_OF_IT = frozenset("ccomp xcomp oprd".split())


def _reports_a_thing(doc, att: Attributed) -> bool:
    """ "its Blue Moon vehicle, which Jeff Bezos announced earlier this year": the cue's object is a
    relative pronoun and the cue says nothing more, so what was announced is the noun before it,
    a thing and not a statement (PolNeAR still counts Bezos as a source, so the attribution stays
    for the benchmark). "an explosion that de Blasio described as 'an intentional act'" says
    something of the thing, and is his."""
    span = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    verb = span.root if span is not None else None
    if verb is None or relative_object(verb) is None:
        return False
    return not any(c.dep_ in _SAYS_OF_IT or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)


def _relays(doc, att: Attributed) -> bool:
    """An outlet or a document passing on what its sources said: "the Daily News reported",
    "according to Reuters", "according to court papers". Police or witnesses who report what
    Smith told them are telling hearsay, which stays theirs."""
    if att.source_head is None:
        return False
    source = doc[att.source_head]
    if source.ent_type_ not in ("ORG", "WORK_OF_ART") and source.lemma_.lower() not in _DOCUMENTS:
        return False
    if att.cue_text.lower().startswith("according"):
        return True
    cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    return cue is not None and any(t.lemma_ == "report" for t in cue)


# The channel named after a paraphrase is not part of it: "the plan would fail, according to
# Reuters", "..., Reuters reported on Monday" (a piece of its own when the parser split it off).
_REPORTED = r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*\s+reported(?:\s+on\s+\w+|\s+\w+day)?[.;]?\s*"
_RELAY_TAIL = re.compile(r"(?:,\s*according to\b[^,.;]*[.;]?\s*|,\s*" + _REPORTED + "|^" + _REPORTED + ")$")


def _before_relay(text: str, a: int, b: int) -> int:
    """Where the paraphrase ``text[a:b]`` ends once the channel naming it is cut: ``a`` when the
    piece is nothing but "Reuters reported on Monday"."""
    tail = _RELAY_TAIL.search(text[a:b])
    return a + tail.start() if tail else b


_DOCUMENTS = {"newspaper", "paper", "agency", "report", "statement", "document", "filing", "record", "magazine",
              "broadcaster", "network", "website", "outlet", "daily", "press", "media", "court"}


# An indirect question or its topic: "asked whether ...", "did not reveal what ...", "explained how ...".
_QUESTION = re.compile(r"(?:whether|if|what|why|how|when|where|who|whom)\b", re.I)
_ASKING = ("ask", "wonder", "inquir", "enquir", "question")  # stems of the verbs of asking


def _asks(text: str, a: int, b: int, att: Attributed) -> bool:
    """The content is a question or its topic, not a claim. An "if" asks only after a verb of
    asking ("asked if"), elsewhere it is a condition ("said if the rain continued ..."); a "when"
    or "where" followed by a comma and more is a clause of time or place before the claim
    ("said when Clinton noted that ..., he ...")."""
    m = _QUESTION.match(text, a, b)
    if m is None:
        return False
    word = m.group().lower()
    if word == "if":
        return att.cue_text.lower().startswith(_ASKING)
    return word not in ("when", "where") or not re.search(r",\s+\w", text[a:b])


def _topic(doc, a: int, b: int) -> bool:
    """A content opening on a preposition of the cue's own names a topic or an act, not what was
    said: "did not know *of any threats*", "testified *about events*", "answered *with another
    bucket*". One heading its own clause ("said *on Monday* the plant would close") is content."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return False
    first = span[0]
    return first.pos_ == "ADP" and not span.start <= first.head.i < span.end


def _frames_quote(text: str, att: Attributed) -> bool:
    """The cue directly follows a quotation of its content: "'...,' Sheila Smith stated"."""
    start = min(att.cue[0], att.source[0]) if att.source else att.cue[0]
    return any(q.outer[1] <= start and not any(c.isalnum() for c in text[q.outer[1] : start]) for q in att.quoted)


def _widen(span: Span, quoted: tuple[Quoted, ...]) -> Span:
    a, b = span
    for q in quoted:
        if overlaps(q.outer, span):
            a, b = min(a, q.outer[0]), max(b, q.outer[1])
    return (a, b)


def _listener_name(text: str, span: Span | None) -> str | None:
    """The outlet or person spoken to; "Agence France-Presse (AFP)" gives its acronym "AFP"."""
    if span is None:
        return None
    m = _ACRONYM.match(text, span[1])
    if m is not None:
        return m.group(1)
    inner = _ACRONYM.search(text, span[0], span[1])
    return inner.group(1) if inner else text[span[0] : span[1]]


_TOLD = re.compile(r"\s+((?:[A-Z][\w&-]*)(?:\s+[A-Z][\w&-]*)*)")


def _told_name(text: str, att: Attributed) -> str | None:
    """"told AFP" read from the text when the parser lost the object (scrapers glue
    sentences: "told AFP.One example ...")."""
    if att.cue_text.lower() not in ("told", "tells", "telling"):
        return None
    m = _TOLD.match(text, att.cue[1])
    return _listener_name(text, (m.start(1), m.end(1))) if m else None
