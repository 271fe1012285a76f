"""People, organisations and places, one Actor per real-world thing in an article.

spaCy gives one entity per mention; a reader wants one line per actor:
"Ishiba", "Shigeru Ishiba" and "Prime Minister Shigeru Ishiba" are one person.
Merging happens in three steps, all within one article (where a surname is
rarely ambiguous):

1. each mention is cleaned to a *key*: titles, a leading "the", possessive
   "'s" and dots of abbreviations go, and country abbreviations map through a
   small alias table (``COUNTRY_ALIASES``) so "U.S.", "US" and "the United
   States" meet;
2. mentions with the same key are one actor, whatever label spaCy gave each
   (it sometimes tags a lone surname ORG or GPE); the label is the majority;
3. a person key that is part of a longer person key ("Ishiba" in "Shigeru
   Ishiba", or Japanese order "Ishiba Shigeru") joins it; when two full names
   share the part ("Abe": "Shinzo Abe", "Akie Abe") the mention goes to the
   full name mentioned last before it, as a reader resolves it. An acronym
   joins the organisation whose initials it spells ("AFP", "Agence
   France-Presse").

The name is the longest cleaned form; every other form is an alias.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..records import Actor, Span

__all__ = ["extract_actors", "ACTOR_LABELS", "COUNTRY_ALIASES"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

# Countries written more than one way in English news; the value is the name shown.
COUNTRY_ALIASES = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "uae": "United Arab Emirates", "prc": "China",
    "dprk": "North Korea", "rok": "South Korea", "eu": "European Union", "un": "United Nations",
}

_TITLES = re.compile(
    r"^(?:(?:former|late|then|acting|incoming|outgoing|new|japanese|american|us|u\.s\.|british|chinese|"
    r"president|prime|minister|premier|chancellor|secretary|general|vice|deputy|chief|executive|"
    r"senator|sen\.|rep\.|representative|gov\.|governor|mayor|king|queen|prince|princess|pope|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|professor|judge|justice|ceo|chairman|chairwoman|ambassador|"
    r"foreign|defense|defence|state|finance|trade|inspector|insp\.?|detective|det\.|sergeant|sgt\.?|"
    r"superintendent|supt\.?|lieutenant|lt\.|captain|capt\.?|commander|commissioner|corporal|cpl\.|"
    r"colonel|col\.|admiral|adm\.|sheriff|reverend|rev\.?|attorney|district)\s+)+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_STOP = {"of", "the", "on", "for", "and", "de", "du", "la", "&"}
_LEAD = re.compile(r"(?:the\s+)", re.IGNORECASE)
_SPACES = re.compile(r"[.\s]+")
_WORD_BREAK = re.compile(r"[\s-]+")


def extract_actors(article_id: str, doc, text: str | None = None) -> list[Actor]:
    """Actors of an analysed doc, ordered by first mention. Given the doc's text, mentions are
    sliced from it (``Span.text`` joins the span's tokens anew)."""
    text = doc.text if text is None else text
    mentions = [_mention(e, text) for e in doc.ents if e.label_ in ACTOR_LABELS]
    mentions = [m for m in mentions if m is not None]
    groups: dict[str, list[tuple[Span, str, str]]] = defaultdict(list)
    for span, surface, key, label in mentions:
        groups[key].append((span, surface, label))
    people = _merge_people(groups)
    _merge_acronyms(groups, people)
    actors = []
    for key, members in groups.items():
        if key in people:
            continue  # merged into a longer name
        seen = Counter(s for _, s, _ in members)
        forms = sorted(seen, key=lambda s: (-len(s), -seen[s], s))  # longest, then most used
        # the label of the full form: "Trump" alone is often ORG ("the Trump administration")
        label = Counter(lbl for _, s, lbl in members if s == forms[0]).most_common(1)[0][0]
        name = COUNTRY_ALIASES.get(key, forms[0]) if label in ("GPE", "LOC", "ORG") else forms[0]
        aliases = tuple(f for f in forms if f != name)
        spans = tuple(sorted({sp for sp, _, _ in members}))
        actors.append(Actor(article_id, name, label, spans, aliases))
    return sorted(actors, key=lambda a: a.mentions[0])


def _mention(ent, doc_text: str) -> tuple[Span, str, str, str] | None:
    start, end = ent.start_char, ent.end_char
    text = doc_text[start:end]
    trailing = _POSSESSIVE.search(text)
    if trailing and (ent.label_ != "NORP"):
        end -= len(trailing.group(0))
        text = text[: len(text) - len(trailing.group(0))]
    lead = _LEAD.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    if ent.label_ == "PERSON":
        title = _TITLES.match(text)
        if title and title.end() < len(text):
            start += title.end()
            text = text[title.end() :]
    text = " ".join(text.split())
    if not any(c.isalpha() for c in text):
        return None
    return (start, end), text, _key(text), ent.label_


def _key(text: str) -> str:
    key = _SPACES.sub(" ", text.replace(".", "")).strip().lower()
    return COUNTRY_ALIASES.get(key, key).lower()


def _merge_people(groups: dict[str, list]) -> set[str]:
    """Fold short person keys into the full name they belong to; return the folded keys."""
    # each full name with its word set and word count, split once
    full = [(k, set(k.split()), len(k.split())) for k, ms in groups.items() if len(k.split()) > 1 and _is_person(ms)]
    order = {k: i for i, k in enumerate(groups)}
    folded: set[str] = set()
    for key in list(groups):
        words = set(key.split())
        # a part of a full name, or the same words in another order mentioned earlier
        candidates = [
            (f, n)
            for f, f_words, n in full
            if f != key and f not in folded
            and (words < f_words or (words == f_words and order[f] < order[key]))
            # a full name gains at most one word ("Marcos Jr." in "Ferdinand Marcos Jr."), so a
            # run of names ("Donald Trump Shigeru Ishiba" in a tag line) absorbs no one
            and (len(words) == 1 or n - len(words) <= 1)
        ]
        if not candidates:
            continue
        fewest = min(n for _, n in candidates)
        candidates = [f for f, n in candidates if n == fewest]
        for span, surface, label in groups[key]:
            target = _nearest_before(candidates, groups, span[0])
            groups[target].append((span, surface, label))
        folded.add(key)
    return folded


def _is_person(members: list) -> bool:
    return Counter(lbl for _, _, lbl in members).most_common(1)[0][0] == "PERSON"


def _nearest_before(candidates: list[str], groups: dict[str, list], pos: int) -> str:
    def last_before(key: str) -> int:
        before = [sp[0] for sp, _, _ in groups[key] if sp[0] < pos]
        return max(before) if before else -1

    return max(candidates, key=lambda k: (last_before(k), len(groups[k])))


def _merge_acronyms(groups: dict[str, list], folded: set[str]) -> None:
    initials = {}
    for key, ms in groups.items():
        words = [w for w in _WORD_BREAK.split(key) if w and w not in _STOP]
        if len(words) >= 2 and not _is_person(ms):
            initials.setdefault("".join(w[0] for w in words), key)
    for key in list(groups):
        target = initials.get(key)
        if target and target != key and " " not in key and key not in folded:
            groups[target].extend(groups[key])
            folded.add(key)
