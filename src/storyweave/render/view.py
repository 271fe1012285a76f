"""What a human-facing rendering shows, shared by text, Markdown and HTML.

The JSON rendering carries the whole ledger; a briefing for a person is
selected from it: what is solid, what rests on one source, what conflicts, what
was only expected, each capped so the page stays scannable.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from ..brief.model import Brief, Expectation, LedgerEntry, Mention
from ..crosscheck.align import same_person

MAX_SOLID = 8
MAX_SINGLE = 6
MAX_QUOTES = 6
MAX_PENDING = 4


@dataclass(frozen=True)
class View:
    brief: Brief
    solid: tuple[LedgerEntry, ...]
    single: tuple[LedgerEntry, ...]
    quotes: tuple[LedgerEntry, ...]
    met: tuple[Expectation, ...]  # confirmed or contradicted
    pending: tuple[Expectation, ...]
    n_lines: int
    n_articles: int
    counts: dict[str, int]  # the shape at a glance, before the caps: see ``counts``
    more: dict[str, str]  # section -> "… 14 more single-source facts ..." when its cap hid some


def _rank(e: LedgerEntry) -> tuple:
    return (-e.independent_sources, e.kind != "figure", -len(e.outlets))


_HASH = re.compile(r"[0-9a-f]{8,}")
# Outlet fields and the field naming the article they cite (a coverage row's outlet cites none).
_CITED_BY = {"outlet": "article_id", "derived_outlet": "derived", "source_outlet": "source"}


def short_outlet(name: str) -> str:
    """A readable label for an outlet the extractor named after a file stem.

    "000_55d8b5d33399f537" -> "000"; "03_saltmere-evening-post_what-happens-next"
    -> "saltmere-evening-post"; real outlet names are kept.
    """
    if " " in name or "_" not in name:
        return name
    head, _, rest = name.partition("_")
    if not head.isdigit():
        return head
    return head if _HASH.fullmatch(rest) else rest.split("_")[0]


def citation_labels(brief: Brief) -> dict[str, str]:
    """Article id -> the label a citation prints: the outlet's short name, numbered in the
    coverage's order (publication order within an outlet) when several articles of the story
    share that name ("ecb·1", "ecb·2"), so that every citation names one article."""
    by_name: dict[str, list[str]] = {}  # two outlets may shorten to one name ("01_post_a", "02_post_b")
    for c in brief.coverage:
        by_name.setdefault(short_outlet(c.outlet), []).extend(c.article_ids)
    labels = {}
    for name, ids in by_name.items():
        labels.update((aid, f"{name}·{k}" if len(ids) > 1 else name) for k, aid in enumerate(ids, 1))
    return labels


def short_labels(brief: Brief) -> Brief:
    """``brief`` as renderers print it: outlet names shortened (``short_outlet``), every
    citation of an article replaced by its ``citation_labels`` label, and each mention's words
    without the blanks its span can hold at the edges (printed between quotation marks they
    read “ Seventeen people”; the JSON keeps the exact span text)."""
    return _relabel(brief, citation_labels(brief))


def _relabel(obj, labels: dict[str, str]):
    if isinstance(obj, tuple):
        return tuple(_relabel(x, labels) for x in obj)
    if not dataclasses.is_dataclass(obj):
        return obj
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name == "text" and isinstance(obj, Mention):
            changes[f.name] = value.strip()
        elif f.name in _CITED_BY and isinstance(value, str):
            article = getattr(obj, _CITED_BY[f.name], None)
            changes[f.name] = labels.get(article) or short_outlet(value)
        elif f.name == "outlets":  # a fact's sources: the articles its mentions cite
            cited = [labels.get(m.article_id) for m in getattr(obj, "mentions", ())]
            changes[f.name] = tuple(dict.fromkeys(cited)) if cited and all(cited) else tuple(map(short_outlet, value))
        elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
            changes[f.name] = _relabel(value, labels)
    return dataclasses.replace(obj, **changes)


def day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def dates_text(brief: Brief) -> str:
    """"2025-03-11 → 2025-03-24", one day alone, or nothing when no article is dated."""
    first, last = day(brief.first_seen), day(brief.last_seen)
    if not first and not last:
        return ""
    return first if first == last or not last else f"{first or '?'} → {last}"


def _inside(small: LedgerEntry, big: LedgerEntry) -> bool:
    """True when every mention of ``small`` lies inside a mention of ``big`` (a figure inside its claim)."""
    return all(any(m.article_id == b.article_id and b.span[0] <= m.span[0] and m.span[1] <= b.span[1]
                   for b in big.mentions) for m in small.mentions)


def _distinct(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Drop a claim that only repeats a figure already listed (the same 54,000 as figure and sentence)."""
    figures = [e for e in entries if e.kind == "figure"]
    return [e for e in entries if e.kind == "figure" or not any(_inside(f, e) for f in figures)]


_DURATIONS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "years old", "decades"}
_AMOUNTS = {"USD", "EUR", "GBP", "JPY", "percent", "fraction"}


def _noteworthy(e: LedgerEntry) -> bool:
    """A figure a desk would check: not a duration ("four years", "24-hour"), and not a small
    count of something ("two bearings", "One key example") unless it is money or a share.
    Two lines giving the same duration agree on a detail, not on a fact worth listing."""
    if e.kind != "figure":
        return True
    m = e.mentions[0]
    if m.unit in _DURATIONS:
        return False
    return m.unit in _AMOUNTS or (m.unit or "").isupper() or abs(m.value or 0) >= 10


def counts(brief: Brief) -> dict[str, int]:
    """How many facts and quotes are solid, single-sourced, in conflict, and only expected so
    far: the same selection the sections show, before their caps."""
    solid, single = _solid(brief), _single(brief)
    quoted = Counter(q.independent_sources >= 2 for q in _shown_quotes(brief))
    return {
        "corroborated": len(solid) + quoted[True],
        "single_source": len(single) + quoted[False],
        "conflicting": len(brief.conflicts) + len(brief.launderings),
        "pending": sum(e.status == "pending" for e in brief.expectations),
    }


def counts_text(brief: Brief) -> str:
    """The top line; single-source facts split by kind, since most are sentences only one outlet
    wrote and a desk checks the figures among them first."""
    c = counts(brief)
    kinds = Counter(e.kind for e in _single(brief))
    kinds["quote"] = sum(q.independent_sources < 2 for q in _shown_quotes(brief))
    split = ", ".join(f"{kinds[k]} {word}{'s' if kinds[k] != 1 else ''}" for k, word in _KIND_WORDS.items() if kinds[k])
    return (f"{c['corroborated']} corroborated · {c['single_source']} single-source"
            f"{f' ({split})' if split else ''} · {c['conflicting']} conflicting · {c['pending']} only expected (pending)")


_KIND_WORDS = {"figure": "figure", "quote": "quote", "claim": "statement"}  # in the order a desk checks them


def _solid(brief: Brief) -> list[LedgerEntry]:
    return _distinct(sorted((e for e in brief.facts if e.status == "corroborated" and _noteworthy(e)), key=_rank))


def _single(brief: Brief) -> list[LedgerEntry]:
    # Single-source figures first: numbers are what a desk checks before quoting.
    return sorted(
        _distinct([e for e in brief.facts
                   if e.status == "single-source" and e.modality == "happened" and _noteworthy(e)]),
        key=lambda e: (e.kind != "figure", -len(e.label)),
    )


def view(brief: Brief) -> View:
    solid, single = _solid(brief), _single(brief)
    # Best backed first; among equals a speaker's own words before a paraphrase of them.
    quotes = sorted(
        _shown_quotes(brief), key=lambda q: (-q.independent_sources, not verbatim(q), -len(q.outlets), -len(q.label)),
    )
    met = tuple(e for e in brief.expectations if e.status != "pending")
    pending = [e for e in brief.expectations if e.status == "pending"]
    sections = {"solid": (solid, MAX_SOLID, "corroborated fact"), "single": (single, MAX_SINGLE, "single-source fact"),
                "quotes": (quotes, MAX_QUOTES, "quote"), "pending": (pending, MAX_PENDING, "pending expectation")}
    return View(
        brief=brief,
        solid=tuple(solid[:MAX_SOLID]),
        single=tuple(single[:MAX_SINGLE]),
        quotes=tuple(quotes[:MAX_QUOTES]),
        met=met,
        pending=tuple(pending[:MAX_PENDING]),
        n_lines=len(brief.lineage.lines),
        n_articles=sum(len(c.article_ids) for c in brief.coverage),
        counts=counts(brief),
        more={name: _more(len(items) - cap, noun, brief.story_id)
              for name, (items, cap, noun) in sections.items() if len(items) > cap},
    )


def _more(hidden: int, noun: str, story_id: str) -> str:
    """What a section's cap left out, so a reader who counts the top line's numbers against the
    lines shown knows where the rest is."""
    return (f"… {counted(hidden, 'more ' + noun)}; the JSON brief (--format json, /api/stories/{story_id}/brief) "
            "lists every one")


def _shown_quotes(brief: Brief) -> list[LedgerEntry]:
    """The quotes the Quotes section can show: a speaker's words of three words or more, with
    only the mentions that credit them to that speaker."""
    return [credited_quote(q, brief.lineage.lines) for q in brief.quotes if q.about and len(q.label.split()) >= 3]


def credited_quote(q: LedgerEntry, lines: tuple[tuple[str, ...], ...]) -> LedgerEntry:
    """A quote entry as the Quotes section shows it: only the mentions that credit the words to
    the quote's speaker (``q.about``), with their outlets and independent lines. The ledger keeps
    every wording of the quote, among them a rewrite's "Experts believe ... can happen quietly"
    (the attribution it lost, which Conflicts flags); a line "Ilse Marrow: ..." citing that
    outlet would say it printed her words."""
    own = tuple(m for m in q.mentions if same_person(m.speaker, q.about))
    line_of = {aid: n for n, line in enumerate(lines) for aid in line}
    n_lines = len({line_of.get(m.article_id, m.article_id) for m in own})
    return dataclasses.replace(q, mentions=own, outlets=tuple(dict.fromkeys(m.outlet for m in own)),
                               independent_sources=n_lines)


def outlets(mentions: tuple[Mention, ...] | list[Mention]) -> str:
    return ", ".join(dict.fromkeys(m.outlet for m in mentions))


def counted(n: int, noun: str, plural: str = "") -> str:
    """"1 article", "5 articles": a count whose noun agrees with it, for every count a person
    reads (``plural`` for nouns that do not just add "s": "story", "stories")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def lines_word(n: int) -> str:
    return counted(n, "independent line")


def fact_text(e: LedgerEntry) -> str:
    """The fact as the sources word it: the mention text, with what a figure measures."""
    if e.kind == "figure" and e.about:
        return f"{e.label} — {e.about}"
    if e.variants and e.kind == "quote":
        return " / ".join(f"“{v}”" for v in e.variants)
    return e.label


def verbatim(q: LedgerEntry) -> bool:
    """Whether a quote entry's label is the speaker's own words: a paraphrase ("X said it
    expected ...") must not be printed inside quotation marks, or a reader takes it as said."""
    # the mention the ledger made the label: the same words, credited to the entry's speaker first
    leads = sorted((m for m in q.mentions if m.text == q.label), key=lambda m: m.speaker != q.about)
    return not leads or leads[0].quote_kind != "indirect"


def quote_text(q: LedgerEntry) -> str:
    """A quote as a brief prints it: verbatim words in quotation marks, a paraphrase marked as one."""
    words = " ".join(q.label.split())
    return f"“{words}”" if verbatim(q) else f"(paraphrase) {words}"


def lineage_lines(brief: Brief) -> list[str]:
    out = []
    for edge in brief.lineage.edges:
        via = f" via {edge.agency}" if edge.agency else ""
        out.append(f"{edge.derived_outlet} ({edge.derived[:8]}) {edge.relation} of "
                   f"{edge.source_outlet} ({edge.source[:8]}){via}, score {edge.score:.2f}")
    return out


def groups_text(brief: Brief) -> list[str]:
    labels = citation_labels(brief)
    return [" + ".join(dict.fromkeys(labels.get(a, a) for a in g)) for g in brief.lineage.lines]


_WHO = r"((?:[^\s,.;“”\"()]+\s+){0,5}[^\s,.;“”\"()]+)"
_VERB = r"\s+(?:said|says|told|confirmed|reported|estimated|announced|puts|put)\b"
# "according to the budget office", "..., the national health ministry said",
# "Fire chief Rasmus Odell told ...", "The health ministry puts the death toll at 17".
_COMMA_CREDIT = re.compile(r",\s*" + _WHO + _VERB)
_CREDITS = (
    re.compile(r"\baccording to " + _WHO, re.I),
    _COMMA_CREDIT,
    re.compile(r"^\s*" + _WHO + _VERB),
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "them", "him", "her", "one"}
_AND = re.compile(r"^(?:(?:and|as)\s+)+", re.I)
_NOT_A_SOURCE = {"did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "which", "that", "who",
                 "also", "then", "not", "it", "but", "while", "although", "though", "so", "or", "yet", "as",
                 "because", "when", "if"}


def credited(speaker: str | None) -> str:
    """Who words are credited to, for a reader: a bare pronoun names nobody."""
    if not speaker:
        return "nobody"
    return f"unattributed (“{speaker}”)" if speaker.strip().lower() in _PRONOUNS else speaker


def sentence_credit(sentence: str) -> str | None:
    """Who a sentence credits, by the cheap patterns above; None when it credits nobody.

    A phrase that is the sentence's own clause (", did an estimated $1 million damage"), a
    contrast (", while the mayor said 20"), a participle or a clause ("adding that the union",
    "citing what witnesses") is no source. Of several comma credits the sentence's is the last
    ("..., and inspectors said it was unsafe, officials said"), unless that one only passes the
    others on (", the company said, the Times reported") or joins a second clause with "and"."""
    for pattern in _CREDITS:
        found = [(m, who) for m in pattern.finditer(sentence) if (who := _source(m.group(1)))]
        if pattern is _COMMA_CREDIT and len(found) > 1:
            found = [f for f in found if not f[0].group(1).lower().startswith(("and ", "as "))
                     and not f[0].group(0).rstrip().endswith("reported")] or found
            found = found[-1:]
        if found:
            who = found[0][1]
            return "the " + who[4:] if who.startswith("The ") else who
    return None


def _source(phrase: str) -> str | None:
    """The phrase as a source, without a leading "and"/"as"; None when it cannot be one."""
    who = _AND.sub("", phrase)
    words = who.lower().split()
    if not words or who.lower() in _PRONOUNS or words[0] in _NOT_A_SOURCE or words[0].endswith("ing"):
        return None
    return None if set(words) & {"that", "what", "which", "who", "whom"} else who


def _around(brief: Brief, m: Mention) -> list[Mention]:
    """Mentions of quotes and claims (sentences) in the same article that hold ``m``."""
    return [c for e in (*brief.quotes, *brief.facts) if e.kind != "figure" for c in e.mentions
            if c.article_id == m.article_id and c.span[0] <= m.span[0] and m.span[1] <= c.span[1]]


def credit(brief: Brief, m: Mention) -> str | None:
    """Who the article credits a figure mention to: a quote's speaker, else its sentence's pattern.

    A side with no credit in its own sentence ("At least 14 people were killed") takes the
    credit of a later sentence of the same article giving the same number ("Fire chief
    Rasmus Odell told the Gazette that divers had recovered 14 bodies").
    """
    same = [f for e in brief.facts if e.kind == "figure" for f in e.mentions
            if f.article_id == m.article_id and m.value is not None and f.value == m.value and f.span != m.span]
    for fig in (m, *sorted(same, key=lambda f: f.span)):
        around = _around(brief, fig)
        # "a deal worth $2.1 billion according to Gazette calculations": a credit right after
        # the figure is the figure's own, before the speaker of the whole sentence.
        for c in around:
            after = _CREDITS[0].search(c.text, fig.span[1] - c.span[0])
            if after and after.group(1).lower() not in _PRONOUNS:
                return after.group(1)
        speakers = [c.speaker for c in around if c.speaker and c.speaker.strip().lower() not in _PRONOUNS]
        if speakers:
            return speakers[0]
        for c in around:
            who = sentence_credit(c.text)
            if who:
                return who
    return None


def side_outlets(brief: Brief, conflict) -> list[str]:
    """Per side of a conflict, every outlet giving that version (all outlets saying 17, not
    only the first) and whom they credit it to."""
    entry = next((e for e in brief.facts if e.id == conflict.fact_id), None)
    out = []
    for side in conflict.sides:
        same = [m for m in (entry.mentions if entry else ()) if side.value is not None and m.value == side.value]
        who = list(dict.fromkeys(c for m in same or [side] if (c := credit(brief, m))))
        out.append(outlets(same or [side]) + (f", according to {' / '.join(who)}" if who else ""))
    return out
