"""Speakers of quotations no cue's complement reached.

The parse attaches a quotation to its cue only when the quotation sits inside
the cue's clause. The rest are read from the text around them: the cue right
against the quotation ('"...," Trump said'), a name and a colon ('Smith:
"..."'), the attribution that announced the speaker in the sentences before (a
paragraph that is only the quote), a line that opens with a name and a colon
(headlines, interview transcripts) and a trailing dash signature ("... strong
willed," – Shigeru Ishiba). Also here: whether a quotation stands as the
reported utterance (*direct*) or sits inside the reporter's sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..records import Span
from .quotes_attributed import Attributed, overlaps
from .quotes_lexicon import CUE_FORMS, SOURCE_DOCUMENTS, lower_words
from .quotes_marks import Quoted
from .speakers import TITLES
from .units import PEOPLE_NOUNS

__all__ = ["adjacent_cue", "announcer", "announcing_line", "colon_attribution", "framed_quotation",
           "is_direct", "line_colons", "resumed_quotation", "signed_posts", "signed_quotation", "stands_alone"]

# A signature: a dash, a name and nothing else to the line's end but an account handle, a
# date and a full stop. It closes a quotation on its line or the next ('"...," – Shigeru
# Ishiba', '"..." ― Sonya Herridge': HuffPost's dash is U+2015) or, on a line of its own, an
# embedded post ("— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019"). A capital after the
# dash with more words to the line's end is the writer's sentence going on ('"..." — Trump said').
_DASH = r"(?:[–—―]{1,2}|-{1,2}(?=[^\S\n]))"
_QUOTATION_DASH = re.compile(r"(?:[^\S\n]*\n){0,2}[^\S\n]*[,.]?[^\S\n]*" + _DASH)
_LINE_DASH = re.compile(r"^[^\S\n]*" + _DASH, re.MULTILINE)
_SIGNED_BY = re.compile(
    r"[^\S\n]*(?P<name>[A-Z][\w.'’-]*(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|van|von|da|del|bin|al)){0,4})[^\S\n]*[^\w\s(*]{0,8}"
    r"[^\S\n]*(?P<handle>\(@\w+\))?[^\S\n]*(?:[A-Z][a-z]+\.?[^\S\n]+\d{1,2},?[^\S\n]+\d{4})?[^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,
)
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]|Jr|Sr|St)\.$")
# An embedded post ends on its links: "... pic.twitter.com/MYwRz9euaq", "https://t.co/XPxUJuyIAC".
_TRAILING_LINKS = re.compile(r"(?:\s+(?:pic\.twitter\.com/\S+|https?://t\.co/\S+))+\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’]*\s+")
# Sentences that reach back this far may announce the speaker of a lone quotation
# (PolNeAR train/: continuations sit at most two sentences after their cue).
_ANNOUNCE_REACH = 2


def _sentence_prefix(text: str, q: Quoted) -> str:
    """The text of the quotation's sentence before the opening mark, cut at the last
    sentence end of its line: the segmenter often glues an opening mark to the
    sentence before ('he said. \'\'They're quick'), so the text is read, not the Doc."""
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    prefix = text[line_start : q.outer[0]]
    ends = [m.end() for m in _SENTENCE_END.finditer(prefix)]
    return prefix[ends[-1] :] if ends else prefix


def stands_alone(text: str, q: Quoted) -> bool:
    """A quotation that is a sentence of its own, not scare quotes inside the reporter's sentence."""
    words = len(text[q.inner[0] : q.inner[1]].split())
    return words >= 4 and not any(c.isalnum() for c in _sentence_prefix(text, q))


def is_direct(text: str, q: Quoted) -> bool:
    prefix = _sentence_prefix(text, q).rstrip()
    if not any(c.isalnum() for c in prefix) or prefix[-1:] in (".", "!", "?"):
        return True  # opens its sentence (also when a scraper glued it to the one before)
    if prefix[-1:] in (",", ":"):
        return lower_words(prefix)[-1] in CUE_FORMS
    return False


# What may separate a quotation from the cue that follows it ('"...," Trump said') and
# from the cue before it ('said Tuesday, "..."', 'told CNN in October: "..."').
_GAP_AFTER = re.compile(r"[ \t,]*")
_GAP_BEFORE = re.compile(r"[^.!?\n\"“”]{0,40}[,:][ \t]*")
# The end of a writer's clause that frames the quotation after it ("amended his testimony once — ").
_FRAME_END = re.compile(r"\w[^\n]*(?:[—–:]|\s--?)\s*$")


def adjacent_cue(text: str, atts: list[Attributed], q: Quoted) -> Attributed | None:
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


# From the end of a quotation's tag to the quotation that resumes after it ('he mocks. "').
_TAG_REST = re.compile(r"[^.!?\n\"“”]{0,60}[.!?,:][ \t]+")


def resumed_quotation(text: str, atts: list[Attributed], q: Quoted) -> Attributed | None:
    """The attribution whose quotation a tag interrupts and ``q`` resumes in the same paragraph:
    '"The marketplace hasn't failed the white working class," he mocks. "The white working
    class has failed capitalism."' The split quotation names its speaker whatever the cue (a
    cue the lexicon calls neither speech nor belief, a tag whose subject the parse lost) and
    however short the second part ("''More friendly people.''")."""
    for att in atts:
        tag = (min(att.cue[0], att.source[0]), max(att.cue[1], att.source[1])) if att.source else att.cue
        if tag[1] > q.outer[0] or not _TAG_REST.fullmatch(text, tag[1], q.outer[0]):
            continue
        if any(p.outer[1] <= tag[0] and _GAP_AFTER.fullmatch(text, p.outer[1], tag[0]) for p in att.quoted):
            return att
    return None


def framed_quotation(text: str, att: Attributed) -> Attributed:
    """The quotation alone as the content of the cue right after it, when the parse also hung the
    writer's clause before a dash or colon on the cue: in 'Sondland has already amended his
    testimony once — "I now do recall," he said' Sondland said "I now do recall", not that he
    amended his testimony. A clause the quotation continues without a dash ('Trump is also a
    "change agent," he said') stays: there the speaker said the whole of it. (PolNeAR train/: 15
    contents change, overlap F1 unchanged at 86.4 / 78.2; without the dash-or-colon condition 190
    change and content recall falls 85.2 -> 84.9.)"""
    start = min(att.cue[0], att.source[0]) if att.source else att.cue[0]
    for q in att.quoted:
        if q.outer[1] <= start and _GAP_AFTER.fullmatch(text, q.outer[1], start):
            first = min(a for a, _ in att.content)
            if _FRAME_END.search(text, first, q.outer[0]):
                return replace(att, content=tuple((max(a, q.outer[0]), b) for a, b in att.content if b > q.outer[0]))
            break
    return att


def announcer(starts: list[int], atts: list[Attributed], q: Quoted) -> Attributed | None:
    """The closest earlier attribution with a source, its cue or its last content
    within ``_ANNOUNCE_REACH`` sentences (so a quote running over paragraphs stays one). A
    signature closes its quotation and announces nothing: in a list of signed quotations one
    the signature regex missed is not the one before's."""
    here = bisect.bisect_right(starts, q.outer[0])
    best = None
    for att in atts:
        if (att.source is None or att.cue[0] >= q.outer[0] or att.cue_class not in ("speech", "belief")
                or att.via.startswith("signature")):
            continue
        last = max([att.cue[0]] + [b - 1 for a, b in att.content if b <= q.outer[0]])
        if here - bisect.bisect_right(starts, last) <= _ANNOUNCE_REACH:
            best = att
    return best


_COLON_SOURCE = re.compile(r"((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|and|of|de|van|von))*)\s*:\s*$")


# A press release's announcement: "Below is a statement by Francesca Grifo, director of ...:"
_STATEMENT_BY = re.compile(
    r"\b(?:statement|remarks|comments|message|letter|testimony|speech)\s+(?:by|from)\s+"
    r"((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von))*)[^\n:]*:\s*$"
)


def colon_attribution(doc, text: str, q: Quoted) -> Attributed | None:
    """'Smith: "..."' and 'More from Blumenthal and Cohen: "..."': a name, a colon, a quotation;
    also 'a statement by Francesca Grifo, director of ...:' ending the line before."""
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    m = _COLON_SOURCE.search(text, max(line_start, q.outer[0] - 120), q.outer[0])
    if m is None:
        opens_line = not text[line_start : q.outer[0]].strip()
        before = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if opens_line and line_start else line_start
        m = _STATEMENT_BY.search(text, before, q.outer[0])
    if m is None:
        return None
    source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    # a name: tagged so where the line was parsed, else the whole-text NER's word for it
    if source is None or not any(t.pos_ == "PROPN" or t.ent_type_ in _NAMED for t in source):
        return None
    colon = text.index(":", m.end(1))
    return Attributed(
        cue=(colon, colon + 1),
        cue_text=":",
        cue_class="speech",
        source=(m.start(1), m.end(1)),
        source_head=source.root.i if any(t.dep_ for t in source) else source[-1].i,  # a name ends on its head
        content=(q.outer,),
        quoted=(q,),
        via="colon",
    )


# Words a person is described by: titles, and the singulars of the nouns that count people.
PERSON_NOUNS = TITLES | {w[:-1] for w in PEOPLE_NOUNS if w.endswith("s")} | frozenset(
    "man woman witness actress mother father wife husband son daughter official spokesperson".split())
# A line that announces the quotation on the next one: "The judge had advice for anyone who deals
# with Nichols in the future:" (a description or a name opening it, a colon closing it).
_ANNOUNCING_LINE = re.compile(
    r"^[ \t]*((?:[Tt]he|[Aa]n?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)??|[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"[ \t]+[a-z][^\n]*:[ \t]*$", re.MULTILINE
)


def announcing_line(doc, text: str, q: Quoted) -> Attributed | None:
    """A quotation opening its line after a line that ends on a colon and opens on a person, a
    name or a description of one ("The judge had advice for anyone who deals with Nichols:"):
    that person speaks it, not whoever spoke before."""
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    if text[line_start : q.outer[0]].strip() or line_start < 2:
        return None
    previous = text.rfind("\n", 0, line_start - 1) + 1
    m = _ANNOUNCING_LINE.match(text, previous, line_start - 1)
    source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand") if m else None
    if source is None:
        return None
    head = source[-1]
    if not (head.ent_type_ == "PERSON" or head.lower_ in PERSON_NOUNS):
        return None
    colon = text.rindex(":", previous, line_start)
    return Attributed(cue=(colon, colon + 1), cue_text=":", cue_class="speech", source=(m.start(1), m.end(1)),
                      source_head=head.i, content=(q.outer,), quoted=(q,), via="announcing-line")


_LINE_COLON = re.compile(
    r"^[ \t]*((?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z][\w.'’-]*|and|of)){0,4})[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE
)
# Places head lists of names ("Iowa: Tim Albrecht, Brad Anderson, ..."), not quotes.
_NAMED = frozenset("PERSON ORG NORP".split())
_PLACES = frozenset("GPE LOC DATE TIME FAC EVENT".split())


def line_colons(doc, text: str) -> list[Attributed]:
    """A line that opens with a name and a colon speaks for that name: headlines
    ("Trump: Cruz Has 'To Come a Long Way'", "Poll: Trump Ties Clinton") and
    interview transcripts ("Q: ...", "A: ...", "RAMOS: ...")."""
    out = []
    for m in _LINE_COLON.finditer(text):
        name, said = m.group(1), m.group(2)
        if len(said.split()) < 3:
            continue
        source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if source is None:
            continue
        named = any(t.ent_type_ in _NAMED for t in source) or name.lower() in SOURCE_DOCUMENTS
        # a headline's NER often misses a title-cased name ("Lynch: No outside influence ...")
        unnamed = any(t.ent_type_ in _PLACES for t in source)
        if not (named or len(name) == 1 or name.isupper() or (m.start() == 0 and not unnamed)):
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


def signed_quotation(doc, text: str, q: Quoted) -> Attributed | None:
    """The attribution of a quotation its signature speaks for (see ``_SIGNED_BY``). A signature
    on the next line signs only a quotation that is its own line (a pull quote, a reader's
    words): after a reporter's 'The mayor said: "We will rebuild."' a line "— Associated Press"
    credits the story, not the quotation."""
    dash = _QUOTATION_DASH.match(text, q.outer[1])
    if dash is None:
        return None
    if "\n" in text[q.outer[1] : dash.end()] and text[text.rfind("\n", 0, q.outer[0]) + 1 : q.outer[0]].strip():
        return None
    return _signed(doc, text, dash.end(), q, handle=False)


def signed_posts(doc, text: str, covered: list[Span]) -> list[Attributed]:
    """Embedded posts: a line of a dash, a name and an account handle speaks for the line above
    it, its trailing links left out, unless ``covered`` (the signed quotations) holds that line;
    a cue inside the post ("I urge all Delhiites ...") nests in it like one in a signed quotation."""
    out = []
    for dash in _LINE_DASH.finditer(text):
        end = len(text[: dash.start()].rstrip())
        start = text.rfind("\n", 0, end) + 1
        end = start + len(_TRAILING_LINKS.sub("", text[start:end]))
        if len(text[start:end].split()) < 2 or any(overlaps((start, end), c) for c in covered):
            continue
        att = _signed(doc, text, dash.end(), Quoted(outer=(start, end), inner=(start, end), double=True), handle=True)
        if att is not None:
            out.append(att)
    return out


def _signed(doc, text: str, at: int, q: Quoted, handle: bool) -> Attributed | None:
    """``q`` signed by the name at ``at``; ``handle``: only when the signature has an account handle.
    An embedded post is a ``Quoted`` whose marks are its frame: its words are the speaker's own."""
    m = _SIGNED_BY.match(text, at)
    if m is None or (handle and m.group("handle") is None) or m.group("name").startswith("By "):
        return None  # "— By Ann Lee" is a byline
    name = (m.start("name"), m.end("name"))
    if text[name[1] - 1] == "." and not _ABBREVIATION_END.search(text, name[0], name[1]):
        name = (name[0], name[1] - 1)  # "― Carla Sanchez."
    source = doc.char_span(*name, alignment_mode="expand")
    if source is None:
        return None
    return Attributed(cue=(at - 1, at), cue_text=text[at - 1 : at], cue_class="speech", source=name,
                      source_head=source.root.i, content=(q.inner,), quoted=(q,), via="signature")  # fmt: skip
