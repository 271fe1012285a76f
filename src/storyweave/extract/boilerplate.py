"""Line-level boilerplate removal shared by plain text and extracted HTML.

Extractors keep whole blocks; what leaks through is made of *lines* that no
article sentence resembles: lone interface strings ("Loading...", "Read more »"),
runs of tags, site footers, copyright notices, calls to subscribe, comment
sections and lists of teasers for other stories. Each rule below recognises one
of these shapes without looking at the words of any particular site, and never
fires on a line that reads like prose (long, with sentence punctuation), so a
body sentence is never lost to a rule meant for a footer.

Rules that cut a whole tail (comments, "Related" lists) were checked on the
scrapinghub dev split (even-indexed page ids): see ``bench/extraction.py``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d.,:/-]*")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」]*$""")

# Lone interface strings, compared after lowercasing and trimming punctuation.
_UI_STRINGS = frozenset(
    item.strip()
    for item in """
    loading|read more|continue reading|read the full story|read full article|more|tags|tag|topics|
    advertisement|advertisements|ad|sponsored|sponsored content|share|share this|share this article|
    share this story|share on facebook|share on twitter|tweet|pin|print|email|e-mail|comments|comment|
    leave a comment|leave a reply|post a comment|view comments|show comments|skip to content|
    skip to main content|back to top|click here|subscribe|sign up|sign in|log in|login|register|menu|
    search|home|previous|next|previous article|next article|show more|load more|see more|view more|
    close|listen|watch|play|video|photo|image|gallery|related|see also|follow us|copy link|
    whatsapp|facebook|twitter|linkedin|reddit|pinterest|telegram|recommended|trending|advertise
    """.split("|")
)

# Headings that open a list of other stories (their items are dropped after them).
_RELATED_HEADING = re.compile(
    r"^(you (may|might) (also )?(like|enjoy|be interested in)|"
    r"(similar|related|recommended|more|latest|trending|popular|top|other|further|most read|"
    r"most popular|also read|see also|read also|don'?t miss|editor'?s picks?)"
    r"( (news|stories|articles|posts|reading|content|coverage|links|videos|headlines|for you|"
    r"on this topic|from [\w.-]+( [\w.-]+)?))?)$",
    re.I,
)
# Headings that open the comment section: everything after them is readers' text.
_COMMENTS_HEADING = re.compile(
    r"^(\d+\s+)?(comments?|responses?|replies|reader comments|discussion|join the (discussion|conversation)|"
    r"leave a (comment|reply)|add (a )?comment|post a comment|comments are closed|"
    r"tell us what you think|what do you think|\d+ thoughts? on .+|one thought on .+)\W*$",
    re.I,
)
# A line that only points elsewhere: "READ MORE: ...", "Related post: ...", "Also on site.com ...".
_PROMO_PREFIX = re.compile(
    r"^((read|see|watch|listen) (more|also)|also (read|see|watch)|related( post| article| story| coverage)?|"
    r"more on this( story)?|recommended)\s*[:»>|–-]|^also on [\w-]+\.[a-z]{2,}\b",
    re.I,
)
_TAG_PREFIX = re.compile(r"^(tags?|tagged( with)?|topics?|filed under|categories|keywords)\s*[:：]", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
_SITE_FOOTER = re.compile(r"\b(latest|breaking|top)\s+(news|headlines|stories)\b|\bheadlines\b", re.I)
# Calls to act addressed to the reader; only fire together with second-person words.
_CALL_TO_ACT = re.compile(
    r"\b(sign up|subscribe|newsletter|click here|share (this|it) with|follow us|delivered (to|through) your|"
    r"download (our|the) app|support (our|independent) journalism|by submitting this form|personal data|"
    r"privacy policy|cookie|if you (enjoyed|liked) this)",
    re.I,
)
# Paywall notices: the body that follows them is missing (the article is a teaser).
_PAYWALL = re.compile(
    r"\b((subscribe|sign in|log in|register)( now)? to (continue|read|keep reading|unlock|access)|"
    r"already a (subscriber|member)|subscribers? only|for (paid )?subscribers|"
    r"(article|content|story) is (only )?(available|reserved|exclusive) (to|for) (subscribers|members)|"
    r"paywall|premium (article|content))\b",
    re.I,
)
_SECOND_PERSON = re.compile(r"\b(you|your|us|our)\b", re.I)
# The outlet advertising itself in the third person.
_SITE_PROMO = re.compile(
    r"\b(follow [\w' ]{1,30} on (twitter|facebook|instagram|youtube)|originally published (on|in|at))\b", re.I
)
# Words a sentence or heading needs and a keyword list never contains.
_FUNCTION_WORDS = frozenset(
    "a an the of and or but to in on at by for from with as is are was were be been has have had "
    "do does did not no isn't aren't can will would should may might must i you he she it we they "
    "my your his her its our their this that these those what who how why when where which very".split()
)
_TAG_WORD = re.compile(r"^(&|[A-Z][\w'’.-]*)$")
# Timestamps, bylines with times and reading times printed above the body.
_STAMP = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\b(19|20)\d{2}\b|\b(updated|published|posted|min(ute)?s? read|reading time)\b", re.I
)
_TAG_HEADINGS = frozenset({"tags", "tag", "topics", "keywords", "filed under", "categories"})

# A paragraph this long is prose whatever its punctuation (seed 004's last body
# paragraph is 200+ words without a final period); rules for footers, tags and
# teasers never apply to it.
PROSE_WORDS = 40
_TEASER_MAX_WORDS = 30  # a teaser headline with its blurb; longer lines end a teaser list
_CTA_MAX_WORDS = 45  # calls to subscribe are one or two sentences
# A date or time line among the first two body lines is page furniture; deeper in
# the text it may be a tweet's date or a schedule. Scrapinghub dev split: F1
# 0.9806 -> 0.9809 (zone 1-3 equal; 12 words vs 20 equal).
_STAMP_ZONE, _STAMP_MAX_WORDS = 2, 12
_TITLE_ZONE = 3  # headline copies sit above the body: only the first lines are compared
# rapidfuzz ratio at which a first line is the headline again. Scrapinghub dev
# split: 80 gave F1 0.9806 vs 0.9798 for exact matches only (70: same F1, lower recall).
_TITLE_SIMILARITY = 80


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))


def normalise_ui(line: str) -> str:
    """Lowercase and trim non-letters at both ends: "Read more »" -> "read more"."""
    return re.sub(r"^[\W\d_]+|[\W_]+$", "", line.strip().lower())


def is_ui_string(line: str) -> bool:
    return normalise_ui(line) in _UI_STRINGS


def is_tag_line(line: str) -> bool:
    """Runs of keywords: "Tags: a, b" or a row of capitalised words with no sentence.

    Every word must be capitalised and nothing but hyphens and apostrophes may
    join them: a title-case heading keeps its lowercase "and"/"the", and lists
    of dates, places or credits carry digits, commas or brackets.
    """
    text = line.strip()
    if _TAG_PREFIX.match(text):
        return True
    toks = text.split()
    return (
        6 <= len(toks) <= 25
        and all(_TAG_WORD.match(t) for t in toks)
        and not text.isupper()  # a shouted subheading, not a tag row
        and not any(t.lower() in _FUNCTION_WORDS for t in toks)  # "Roster Of Games Isn't Very Impressive"
    )


def is_footer(line: str) -> bool:
    text = line.strip()
    n = len(words(text))
    if _COPYRIGHT.search(text) and n <= 30:
        return True
    return n <= 10 and not ends_sentence(text) and bool(_SITE_FOOTER.search(text))


def is_paywall_notice(line: str) -> bool:
    """A short line saying the rest is for subscribers (long lines may just discuss paywalls)."""
    return len(words(line)) <= _CTA_MAX_WORDS and bool(_PAYWALL.search(line))


def is_call_to_act(line: str) -> bool:
    if len(words(line)) > _CTA_MAX_WORDS:
        return False
    if is_paywall_notice(line) or _SITE_PROMO.search(line):
        return True
    return bool(_CALL_TO_ACT.search(line) and _SECOND_PERSON.search(line))


def is_promo(line: str) -> bool:
    return len(words(line)) <= _TEASER_MAX_WORDS and bool(_PROMO_PREFIX.match(line.strip()))


def _heading_part(line: str) -> str:
    """The part before a colon, so "Similar News:You can also read..." reads as its heading."""
    head = line.split(":", 1)[0] if ":" in line[:40] else line
    return normalise_ui(head)


def is_related_heading(line: str) -> bool:
    return len(words(line)) <= _TEASER_MAX_WORDS and bool(_RELATED_HEADING.match(_heading_part(line)))


def is_comments_heading(line: str) -> bool:
    return len(words(line)) <= 20 and bool(_COMMENTS_HEADING.match(line.strip()))


def _is_teaser(lines: list[str], i: int) -> bool:
    """A teaser item: followed by a "read more" link, or a short line without a sentence end."""
    line = lines[i]
    if is_comments_heading(line):
        return False  # the comment section follows the teasers: cut there
    if is_ui_string(line) or is_promo(line):
        return True
    if i + 1 < len(lines) and is_ui_string(lines[i + 1]):
        return True
    return len(words(line)) <= _TEASER_MAX_WORDS and not ends_sentence(line)


def is_title_copy(line: str, title: str) -> bool:
    """The headline again, possibly reworded slightly ("HS Roundup" / "High School Roundup")."""
    if len(words(line)) > _TEASER_MAX_WORDS:
        return False
    return fuzz.ratio(normalise_ui(line), normalise_ui(title)) >= _TITLE_SIMILARITY


def is_stamp(line: str) -> bool:
    """ "Updated at 1:23 p.m.", "22 de outubro de 2010 às 20:13", "3 min read"."""
    return len(words(line)) <= _STAMP_MAX_WORDS and not ends_sentence(line) and bool(_STAMP.search(line))


def is_boilerplate_line(line: str) -> bool:
    """A single line that is never article text, wherever it stands."""
    if len(words(line)) > PROSE_WORDS or line.startswith("|"):  # prose, or a table row
        return False
    return is_ui_string(line) or is_tag_line(line) or is_footer(line) or is_call_to_act(line) or is_promo(line)


def clean_lines(lines: list[str], title: str | None = None, stamps: list[str] | None = None) -> list[str]:
    """Drop boilerplate lines; cut comment sections and teaser lists.

    ``title`` is the article's title: copies of it among the first lines are
    dropped (pages and text dumps repeat the headline above the body). Lines
    dropped as time stamps or bylines are appended to ``stamps`` when given:
    the text reader reads a date from them.
    """
    lines = [line.strip() for line in lines if line.strip()]
    if title:
        head = [line for line in lines[:_TITLE_ZONE] if not is_title_copy(line, title)]
        lines = head + lines[_TITLE_ZONE:]
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if kept and is_comments_heading(line):
            break  # readers' comments are never the article
        if is_related_heading(line):
            i += 1
            while i < len(lines) and _is_teaser(lines, i):
                i += 1
            continue
        if normalise_ui(line) in _TAG_HEADINGS and i + 1 < len(lines) and not ends_sentence(lines[i + 1]):
            i += 2  # a "Tags" heading and the keyword list under it
            continue
        if not is_boilerplate_line(line):
            if len(kept) < _STAMP_ZONE and is_stamp(line):
                if stamps is not None:
                    stamps.append(line)
            else:
                kept.append(line)
        i += 1
    return kept
