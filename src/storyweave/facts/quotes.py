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
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..records import Quote, Span
from .quotes_cues import CUE_FORMS, SOURCE_DOCUMENTS, Attribution, find_attributions
from .quotes_learned import SOURCE_FILTERED, attribution_features, load_filter_model
from .quotes_marks import Quoted, find_quoted
from .speakers import Speakers

__all__ = ["Attributed", "attributions", "extract_quotes", "needs_parse"]

# A dash attribution after a quotation: '"...," – Shigeru Ishiba'.
_DASH_SPEAKER = re.compile(r"\s*[,.]?\s*[–—-]{1,2}\s*((?:[A-Z][\w.'’-]*\s?){1,4})")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&.]{1,9})\)")
# A quotation mark, not an apostrophe: single marks count only at a word edge
# ("a 'golden age'", not "Japan's", "don't"), which halves the sentences a quote
# mark sends to the parser (ECB+ dev at 600 words: 46% -> 27%).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’]*\s+")
_QUOTE_MARK = re.compile(r"[\"“”«»„`]|(?<!\w)['‘’]|['‘’](?!\w)")
# Sentences that reach back this far may announce the speaker of a lone quotation
# (PolNeAR train/: continuations sit at most two sentences after their cue).
_ANNOUNCE_REACH = 2
# Fewest words a sentence remainder needs to be taken as a cue's content ("he said that." is not).
_REST_MIN_WORDS = 3
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Attributed:
    """An attribution in character offsets: the unit the benchmark scores."""

    cue: Span
    cue_text: str
    cue_class: str  # "speech", "belief", "stance", "evidence"
    source: Span | None
    source_head: int | None  # token index
    content: tuple[Span, ...]
    listener: Span | None = None
    quoted: tuple[Quoted, ...] = ()  # the quotations inside the content
    via: str = "rule"  # how it was found: a cue rule, or how the assembly here completed it


def needs_parse(sentence_text: str) -> bool:
    """True when a sentence may hold reported speech: a quotation mark or a cue word."""
    if _QUOTE_MARK.search(sentence_text):
        return True
    return any(w in CUE_FORMS for w in _WORD.findall(sentence_text.lower()))


def attributions(doc, quoted: list[Quoted] | None = None, filtered: bool = True, text: str | None = None) -> list[Attributed]:
    """Attributions of a parsed doc, content widened to whole quotations and lone quotations attached;
    ``filtered`` lets the learned filter drop unlikely ones (off only for training it). ``text`` is
    the doc's text when the caller has it (``Doc.text`` joins every token again on each access)."""
    text = doc.text if text is None else text
    quoted = find_quoted(text) if quoted is None else quoted
    found = [_to_chars(doc, text, a) for a in find_attributions(doc, [q.inner for q in quoted])]
    found = [a for a in found if a.content or a.source]
    out: list[Attributed] = []
    for att in found:
        inside = tuple(q for q in quoted if any(_overlaps(q.outer, c) for c in att.content))
        content = tuple(_widen(c, inside) for c in att.content)
        out.append(_replace(att, content=content, quoted=inside))
    covered = [c for a in out for c in a.content]
    starts = [s.start_char for s in doc.sents]
    for q in quoted:
        if any(_overlaps(q.outer, c) for c in covered):
            continue
        host = _adjacent_cue(text, out, q)
        if host is not None:
            _attach(out, host, q, "+adjacent")
            continue
        colon = _colon_attribution(doc, text, q)
        if colon is not None:
            out.append(colon)
            continue
        if not _stands_alone(text, q):
            continue
        host = _announcer(starts, out, q)
        if host is not None:
            _attach(out, host, q, "+announced")
    # (a cue inside its own source phrase, "Hall, an expert observing ...", is not a speaker's cue)
    out = [_rest_of_sentence(doc, text, a) if not a.content and a.source and not _overlaps(a.cue, a.source) else a for a in out]
    covered = [c for a in out for c in a.content]
    # a colon line stands unless it is itself inside an attribution's content (a transcript's
    # "A: ..." quoted whole); attributions inside its own content are nested in it
    out.extend(a for a in _line_colons(doc, text) if not any(_overlaps(a.source, c) for c in covered))
    out = [a for a in out if a.content]
    return _filter(doc, text, out) if filtered else out


def extract_quotes(article_id: str, text: str, doc) -> list[Quote]:
    """Direct, partial and indirect quotes of one article with resolved speakers."""
    speakers = Speakers(doc, text)
    quotes: list[Quote] = []
    quoted = find_quoted(text)
    reported = [a for a in attributions(doc, quoted, text=text) if a.cue_class in ("speech", "belief") and a.source_head is not None]
    cue_of: dict[Quote, int] = {}
    for att in reported:
        nested = any(o is not att and any(a <= att.cue[0] < b for a, b in o.content) for o in reported)
        if nested and not _frames_quote(text, att):
            continue  # "officials revealed that they anticipate ...": the outer frame speaks
        speaker = speakers.resolve(doc[att.source_head])
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
            kind = "direct" if _is_direct(text, q) else "partial"
            quote = Quote(span=q.inner, text=text[q.inner[0] : q.inner[1]], kind=kind, **common)
            cue_of[quote] = min(abs(att.cue[0] - q.outer[1]), abs(q.outer[0] - att.cue[1]))
        # Content mostly in quotation marks is the quote itself; otherwise report it as paraphrase.
        if quoted_chars < 0.5 * content_chars:
            for a, b in att.content:
                if not any(q.outer[0] <= a and b <= q.outer[1] for q in att.quoted):
                    a = _skip_complementizer(text, a, b)
                    quotes.append(Quote(span=(a, b), text=text[a:b], kind="indirect", **common))
    # A quotation claimed by two cues belongs to the nearer one ("'...,' Smith stated" inside a
    # sentence the parser ran on from the one before).
    nearest: dict[Span, Quote] = {}
    for quote, distance in sorted(cue_of.items(), key=lambda qd: -qd[1]):
        nearest[quote.span] = quote
    quotes.extend(nearest.values())
    quotes.extend(_dash_quotes(article_id, text, quoted, speakers, quotes))
    # A total order: set() iterates in string-hash order, which changes from process to process.
    return sorted(set(quotes), key=lambda q: (q.span, q.kind, q.speaker or "", q.speaker_span or (-1, -1),
                                              q.cue or "", q.speaker_role or "", q.told_to or ""))


# ------------------------------------------------------------------ helpers


def _to_chars(doc, text: str, att: Attribution) -> Attributed:
    """Token ranges to characters, clipped to the cue's paragraph (the parser's
    sentences sometimes run across a line break left by extraction)."""
    cue = (doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1]))
    par = (text.rfind("\n", 0, cue[0]) + 1, _find_or_end(text, "\n", cue[1]))

    def chars(r):
        a, b = max(doc[r[0]].idx, par[0]), min(doc[r[1] - 1].idx + len(doc[r[1] - 1]), par[1])
        return (a, b) if b > a and text[a:b].strip() else None

    source = chars(att.source) if att.source else None
    if source is not None and source != (doc[att.source[0]].idx, doc[att.source[1] - 1].idx + len(doc[att.source[1] - 1])):
        source = None  # a source cut by a paragraph break is a parse error
    return Attributed(
        cue=cue,
        cue_text=doc[att.cue[0] : att.cue[1]].text,
        cue_class=att.cue_class,
        source=source,
        source_head=att.source_head if source else None,
        content=tuple(c for c in (chars(r) for r in att.content) if c is not None),
        listener=chars(att.listener) if att.listener else None,
        via=att.via,
    )


def _filter(doc, text: str, atts: list[Attributed]) -> list[Attributed]:
    """The learned filter's verdicts: drop the attributions whose content it rejects, and the
    source of a stance or evidence attribution whose source it rejects (those never make quotes)."""
    model = load_filter_model()
    if model is None:
        return atts
    out = []
    for att in atts:
        feats = attribution_features(doc, text, att)
        if not model.keep(feats):
            continue
        if att.source is not None and att.cue_class in SOURCE_FILTERED and not model.keep_source(feats):
            att = _replace(att, source=None, source_head=None)
        out.append(att)
    return out


def _attach(atts: list[Attributed], host: Attributed, q: Quoted, how: str) -> None:
    """Add a lone quotation to the content of the attribution that speaks it, in place."""
    atts[atts.index(host)] = _replace(host, content=host.content + (q.outer,), quoted=host.quoted + (q,), via=host.via + how)


def _rest_of_sentence(doc, text: str, att: Attributed) -> Attributed:
    """A cue with a speaker but no complement the parse could read ("said earlier on Friday
    during a news conference that ...", 'said, "as long as ..."'): the content is the rest of
    its sentence after the cue, or the sentence before the speaker when the cue ends it."""
    sent = doc[doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")[0].i].sent
    start, end = sent.start_char, sent.end_char
    par_end = _find_or_end(text, "\n", att.cue[1])
    after = (att.cue[1], min(end, par_end))
    before = (max(start, text.rfind("\n", 0, att.cue[0]) + 1), min(att.cue[0], att.source[0]))
    if text[after[0] : after[1]].rstrip().endswith(":") and after[1] == par_end:
        nxt = _next_paragraph(text, par_end)  # "Dr. Ward stated:" then the statement as its own paragraph
        if nxt is not None:
            return _replace(att, content=(nxt,), via=att.via + "+next")
    for a, b in (after, before):
        piece = text[a:b]
        words = _WORD.findall(piece.lower())
        if len(words) >= _REST_MIN_WORDS:
            if (a, b) == after:
                a = _clause_start(doc, a, b)  # "telling reporters during a visit *that ...*"
            piece = text[a:b]
            a += len(piece) - len(piece.lstrip(" ,:;—–-\t"))
            b -= len(piece) - len(piece.rstrip(" ,.;:—–-\t"))
            return _replace(att, content=((a, b),), via=att.via + "+rest")
    return att


def _next_paragraph(text: str, end: int) -> Span | None:
    """The first non-blank line after ``end``, whitespace off."""
    m = re.compile(r"\s*\n\s*(\S[^\n]*?)\s*(?:\n|$)").match(text, end)
    return (m.start(1), m.end(1)) if m else None


def _clause_start(doc, a: int, b: int) -> int:
    """Where a reported clause opens in text after a cue: its complementizer or opening quotation
    mark when one follows the cue's own objects and adjuncts, else right after the cue."""
    span = doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else ():
        if (tok.dep_ == "mark" and tok.lower_ in ("that", "whether", "if")) or (tok.is_quote and tok.is_left_punct):
            return tok.idx
    return a


def _find_or_end(text: str, sub: str, start: int) -> int:
    i = text.find(sub, start)
    return len(text) if i < 0 else i


def _frames_quote(text: str, att: Attributed) -> bool:
    """The cue directly follows a quotation of its content: "'...,' Sheila Smith stated"."""
    start = min(att.cue[0], att.source[0]) if att.source else att.cue[0]
    return any(q.outer[1] <= start and not any(c.isalnum() for c in text[q.outer[1] : start]) for q in att.quoted)


def _replace(att: Attributed, **changes) -> Attributed:
    return Attributed(**{**att.__dict__, **changes})


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _widen(span: Span, quoted: tuple[Quoted, ...]) -> Span:
    a, b = span
    for q in quoted:
        if _overlaps(q.outer, span):
            a, b = min(a, q.outer[0]), max(b, q.outer[1])
    return (a, b)


def _sentence_prefix(text: str, q: Quoted) -> str:
    """The text of the quotation's sentence before the opening mark, cut at the last
    sentence end of its line: the segmenter often glues an opening mark to the
    sentence before ('he said. \'\'They're quick'), so the text is read, not the Doc."""
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    prefix = text[line_start : q.outer[0]]
    ends = [m.end() for m in _SENTENCE_END.finditer(prefix)]
    return prefix[ends[-1] :] if ends else prefix


def _stands_alone(text: str, q: Quoted) -> bool:
    """A quotation that is a sentence of its own, not scare quotes inside the reporter's sentence."""
    words = len(text[q.inner[0] : q.inner[1]].split())
    return words >= 4 and not any(c.isalnum() for c in _sentence_prefix(text, q))


def _is_direct(text: str, q: Quoted) -> bool:
    prefix = _sentence_prefix(text, q).rstrip()
    if not any(c.isalnum() for c in prefix) or prefix[-1:] in (".", "!", "?"):
        return True  # opens its sentence (also when a scraper glued it to the one before)
    if prefix[-1:] in (",", ":"):
        return _WORD.findall(prefix.lower())[-1] in CUE_FORMS
    return False


# What may separate a quotation from the cue that follows it ('"...," Trump said') and
# from the cue before it ('said Tuesday, "..."', 'told CNN in October: "..."').
_GAP_AFTER = re.compile(r"[ \t,]*")
_GAP_BEFORE = re.compile(r"[^.!?\n\"“”]{0,40}[,:][ \t]*")


def _adjacent_cue(text: str, atts: list[Attributed], q: Quoted) -> Attributed | None:
    """The speech cue right against a quotation the parse left unattached: the cue after
    it when that cue found no content of its own, else the cue that introduces it."""
    for att in atts:
        if att.source is None or att.cue_class not in ("speech", "belief"):
            continue
        start = min(att.cue[0], att.source[0])
        if not att.content and q.outer[1] <= start and _GAP_AFTER.fullmatch(text, q.outer[1], start):
            return att
        if att.cue[1] <= q.outer[0] and _GAP_BEFORE.fullmatch(text, att.cue[1], q.outer[0]):
            return att
    return None


def _announcer(starts: list[int], atts: list[Attributed], q: Quoted) -> Attributed | None:
    """The closest earlier attribution with a source, its cue or its last content
    within ``_ANNOUNCE_REACH`` sentences (so a quote running over paragraphs stays one)."""
    here = bisect.bisect_right(starts, q.outer[0])
    best = None
    for att in atts:
        if att.source is None or att.cue[0] >= q.outer[0] or att.cue_class not in ("speech", "belief"):
            continue
        last = max([att.cue[0]] + [b - 1 for a, b in att.content if b <= q.outer[0]])
        if here - bisect.bisect_right(starts, last) <= _ANNOUNCE_REACH:
            best = att
    return best


_COLON_SOURCE = re.compile(r"((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|and|of|de|van|von))*)\s*:\s*$")


def _colon_attribution(doc, text: str, q: Quoted) -> Attributed | None:
    """'Smith: "..."' and 'More from Blumenthal and Cohen: "..."': a name, a colon, a quotation."""
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    m = _COLON_SOURCE.search(text, max(line_start, q.outer[0] - 120), q.outer[0])
    if m is None:
        return None
    source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if source is None or not any(t.pos_ == "PROPN" for t in source):
        return None
    colon = text.index(":", m.end(1))
    return Attributed(
        cue=(colon, colon + 1),
        cue_text=":",
        cue_class="speech",
        source=(m.start(1), m.end(1)),
        source_head=source.root.i,
        content=(q.outer,),
        quoted=(q,),
        via="colon",
    )


_LINE_COLON = re.compile(
    r"^[ \t]*((?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z][\w.'’-]*|and|of)){0,4})[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE
)
# Places head lists of names ("Iowa: Tim Albrecht, Brad Anderson, ..."), not quotes.
_NAMED = frozenset("PERSON ORG NORP".split())
_PLACES = frozenset("GPE LOC DATE TIME FAC EVENT".split())


def _line_colons(doc, text: str) -> list[Attributed]:
    """A line that opens with a name and a colon speaks for that name: headlines
    ("Trump: Cruz Has 'To Come a Long Way'", "Poll: Trump Ties Clinton") and
    interview transcripts ("Q: ...", "A: ...", "RAMOS: ...")."""
    out = []
    for m in _LINE_COLON.finditer(text):
        name, said = m.group(1), m.group(2)
        if len(said.split()) < 3:
            continue
        source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        named = any(t.ent_type_ in _NAMED for t in source) or name.lower() in SOURCE_DOCUMENTS
        # a headline's NER often misses a title-cased name ("Lynch: No outside influence ...")
        unnamed = any(t.ent_type_ in _PLACES for t in source)
        if source is None or not (named or len(name) == 1 or name.isupper() or (m.start() == 0 and not unnamed)):
            continue
        colon = text.index(":", m.end(1))
        out.append(
            Attributed(
                cue=(colon, colon + 1),
                cue_text=":",
                cue_class="speech",
                source=(m.start(1), m.end(1)),
                source_head=source.root.i,
                content=((m.start(2), m.end(2)),),
                via="line-colon",
            )
        )
    return out


def _dash_quotes(article_id, text, quoted, speakers, found) -> list[Quote]:
    """Quotations signed with a trailing dash and a name, when no cue claimed them."""
    taken = {q.span for q in found}
    out = []
    for q in quoted:
        m = _DASH_SPEAKER.match(text, q.outer[1])
        if m is None or q.inner in taken:
            continue
        name = m.group(1).strip()
        name_span = (m.start(1), m.start(1) + len(name))
        canonical = speakers.canonical_text(name)
        out.append(
            Quote(
                article_id=article_id,
                span=q.inner,
                text=text[q.inner[0] : q.inner[1]],
                kind="direct",
                speaker=canonical,
                speaker_span=name_span,
                cue="–",
            )
        )
    return out


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


def _skip_complementizer(text: str, a: int, b: int) -> int:
    m = re.match(r"(?:that|whether|if)\s+", text[a:b], re.IGNORECASE)
    return a + m.end() if m else a
