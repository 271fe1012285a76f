"""What the clusterer knows about one article: a dense vector and sparse bags.

Two events of the same kind (two earthquakes, two rehab stays) read alike to a
sentence embedder, so the dense vector of title + lead only finds candidates
and says "same kind of news". What keeps the events apart is *who, where and
when*: named entities, numbers and years, kept as separate bags so each gets
its own IDF-weighted overlap. Lemmas cover what entities miss ("patch",
"interception", "magnitude").

Tried and left out (ecbplus-dev, 4-fold topic CV with dev-half refits, six
arrival orders): counts of 100 and more and days of the month named in dates
("September 18"), each as both-name-some-and-share-one / share-none
features, moved the mean from 0.959 to 0.962 (three orders better, one
level, two worse), inside the spread between orders; same-topic link-pair
AUC 0.936 -> 0.937. Alphanumeric codes ("MS08-078", "IE11") lowered that
AUC (0.932). Topic 27 (two Internet Explorer emergency patches, 2008 and
2013) stays one story whatever the features: its events link at 0.71 while
the 2008 one's own reports link at only 0.79; with publication dates, five
years apart, they would never meet (STALE_DAYS).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Mapping, Sequence

import numpy as np

from ..records import Article

# Title + lead for the embedder: ~2-3 sentences. MiniLM costs grow with tokens;
# 600 characters is ~130 tokens and keeps the embedder near 60 articles/s here.
LEAD_CHARS = 600
# spaCy reads only the head of the body: the who/where/when of a news report is
# in its first paragraphs, and NER time grows linearly with length. 10,000
# covers every ECB+ text whole (max 9,441) and most wire stories.
NLP_CHARS = 10_000
# A headline is one line of at most this many characters that does not end
# with a full stop: UCI headlines run to 91 characters and 6,329 of 6,367 pass;
# one-sentence reports end with a stop (ECB+ has 25 texts under 200
# characters, 1 passes) and score better with the full-text model (ecbplus-dev
# odd topics BCubed F1 0.943 vs 0.937 with a plain 200-character cut).
HEADLINE_CHARS = 200
_SENTENCE_STOP = re.compile(r"(?<!\.)\.[\"'”’)]*$")

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
_NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Written years, datelines included ("May 3, 2013"): four digits standing
# alone, not inside a code, an id or a decimal.
_TEXT_YEAR = re.compile(r"(?<![\w.])(19[5-9]\d|20\d\d)(?![\w])")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
# Month names and their usual abbreviations, read inside DATE entities only
# ("May" the verb is not a date). Two events of one kind a year apart differ
# in month when no year is written (ECB+: "Sunday, February 1" vs "Jan. 6").
# Weekdays are the date an undated report gives most ("arrested early
# Sunday"): two events of one kind rarely fall on the same one.
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ArticleFeatures:
    """Everything assignment needs, computed once per article."""

    vector: np.ndarray  # L2-normalised embedding of title + lead
    lemmas: Mapping[str, int]
    names: Mapping[str, int]  # named entities (who, where), normalised
    numbers: Mapping[str, int]  # figures and dates as digit strings ("31-24" -> "31", "24")
    years: frozenset[int]
    day: float | None  # publication time in days since 1970, when known
    latest_year: int | None = None  # the latest year written in the text: its likely year of writing
    headline_only: bool = False  # no body beyond a headline: scored with the headline model
    months: frozenset[int] = frozenset()  # months (1-12) named in dates
    weekdays: frozenset[int] = frozenset()  # weekdays (0 Monday - 6 Sunday) named in dates


def lead(article: Article, max_chars: int = LEAD_CHARS) -> str:
    """Title plus the first sentences of the body, cut at a sentence end."""
    title, body = _title_and_body(article)
    text = f"{title}. {body}" if title else body
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    ends = [m.start() for m in _SENTENCE_END.finditer(cut)]
    return cut[: ends[-1]] if ends and ends[-1] > max_chars // 3 else cut


def publication_day(published: str | None) -> float | None:
    """Days since the epoch for an ISO date or datetime; None when unparseable."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(published[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is None:  # naive times are read as UTC, whatever the machine's zone
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / 86400


def latest_year(text: str, day: float | None) -> int | None:
    """The latest plausible year written in ``text``.

    A report names the year it was written in (dateline, "in 2013") and older
    years as background, rarely a later one; so the maximum separates two
    events of the same kind years apart when no publication date is known
    (ECB+). Years after the publication year are forecasts and are ignored.
    """
    cap = year_of_day(day) if day is not None else 2100
    years = [y for y in map(int, _TEXT_YEAR.findall(text)) if y <= cap]
    return max(years, default=None)


def year_of_day(day: float) -> int:
    """The calendar year of a ``publication_day``."""
    return datetime.fromtimestamp(day * 86400, tz=timezone.utc).year


def headline_only(text: str) -> bool:
    """Whether ``text`` is a bare headline (see HEADLINE_CHARS)."""
    text = text.strip()
    return len(text) <= HEADLINE_CHARS and "\n" not in text and not _SENTENCE_STOP.search(text)


def _name_key(text: str) -> str:
    key = text.lower().strip()
    key = re.sub(r"^(the|a|an)\s+", "", key)
    key = re.sub(r"['’]s$", "", key)
    return re.sub(r"\s+", " ", key)


def _months(date: str) -> set[int]:
    """Months (1-12) named in a DATE entity's text."""
    return {_MONTHS.index(m.lower()[:3]) + 1 for m in _MONTH.findall(date)}


def bags(doc) -> tuple[Counter, Counter, Counter, frozenset[int], frozenset[int], frozenset[int]]:
    """Lemma, name and number bags plus the years, months and weekdays mentioned, from a spaCy Doc."""
    lemmas: Counter = Counter()
    for tok in doc:
        if tok.pos_ in _CONTENT_POS and not tok.is_stop and not tok.is_punct and len(tok.lemma_) > 1:
            lemmas[tok.lemma_.lower()] += 1
    names: Counter = Counter()
    numbers: Counter = Counter()
    years: set[int] = set()
    months: set[int] = set()
    weekdays: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _NAME_LABELS:
            names[_name_key(ent.text)] += 1
        elif ent.label_ in _NUMBER_LABELS:
            numbers.update(_NUMBER_TOKEN.findall(ent.text))
            if ent.label_ == "DATE":
                years.update(int(y) for y in _YEAR.findall(ent.text))
                months.update(_months(ent.text))
                weekdays.update(_WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(ent.text))
    return lemmas, names, numbers, frozenset(years), frozenset(months), frozenset(weekdays)


def _nlp_text(article: Article) -> str:
    """Title and body head for spaCy; the title once, even when the body repeats it."""
    title, body = _title_and_body(article)
    return f"{title}\n{body[:NLP_CHARS]}" if title else body[:NLP_CHARS]


def _title_and_body(article: Article) -> tuple[str, str]:
    """``(title, body)``, the title left empty when the body already opens with it, as with the
    title extraction clipped from the first sentence of an untitled text ("A Perth man has
    survived after…"): read twice, those words outweighed the rest of the lead."""
    body = article.text.strip()
    stem = article.title.rstrip("…").split()
    if stem and body.split(maxsplit=len(stem))[: len(stem)] == stem:  # words, not characters: "Fed" / "Federal"
        return "", body
    return article.title, body


def featurize(articles: Sequence[Article], nlp=None, embedder=None) -> list[ArticleFeatures]:
    """Features of a batch of articles (batched through spaCy and the embedder)."""
    if not articles:
        return []
    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp(disable=("parser",))
    if embedder is None:
        from ..embed import get_embedder

        embedder = get_embedder()
    vectors = embedder.encode([lead(a) for a in articles])
    texts = [_nlp_text(a) for a in articles]
    out = []
    for article, vector, doc in zip(articles, vectors, nlp.pipe(texts, batch_size=32)):
        lemmas, names, numbers, years, months, weekdays = bags(doc)
        day = publication_day(article.published)
        out.append(ArticleFeatures(np.asarray(vector, dtype=np.float32), lemmas, names, numbers, years, day,
                                   latest_year(doc.text, day), headline_only(article.text), months,
                                   weekdays))  # fmt: skip
    return out
