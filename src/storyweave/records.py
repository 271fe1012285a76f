"""Typed records that cross stage boundaries.

Every stage is a function from these records to these records, so the same
stage runs in the CLI, in the web server and on a Dask worker. Records are
frozen: a stage never edits what an earlier stage produced, it returns a new
record. Every fact carries its article id and a ``(start, end)`` character span
into ``Article.text`` so that briefs cite spans instead of searching again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

Span = tuple[int, int]

ContentKind = Literal["html", "text"]


@dataclass(frozen=True)
class RawDocument:
    """Bytes as they came from a source, before any extraction.

    ``metadata`` holds what the source itself declared (JSON fields, feed entry
    fields): title, outlet, author, published, url, language. Extraction trusts
    it over what it guesses from the content.
    """

    source: str  # file path (with "#N" for the N-th record of a JSON file) or URL
    content: bytes
    kind: ContentKind
    metadata: Mapping[str, Any] = field(default_factory=dict)
    position: int = 0  # arrival order within an ingest run; the clock when dates are missing


@dataclass(frozen=True)
class Article:
    """Clean text and metadata of one news article."""

    id: str
    source: str
    url: str | None
    outlet: str
    title: str
    authors: tuple[str, ...]
    published: str | None  # ISO 8601 date or datetime, as precise as known
    language: str | None
    text: str  # paragraphs joined by blank lines; every span points into this
    paragraphs: tuple[Span, ...]
    extraction_method: str
    extraction_confidence: float
    teaser: bool = False  # paywalled or truncated: too little body to trust alone
    content_hash: str = ""
    position: int = 0


@dataclass(frozen=True)
class Rejected:
    """An input a stage refused, with a reason a person can act on."""

    source: str
    stage: str
    reason: str  # short, countable: "empty", "binary", "not-utf8", "malformed-json", ...
    detail: str = ""


# ---------------------------------------------------------------- facts (issue 5)

Modality = Literal["happened", "expected", "speculative", "denied", "opinion"]
ArticleKind = Literal["preview", "report", "analysis"]


@dataclass(frozen=True)
class Figure:
    """One quantity in an article, normalised, with what it measures."""

    article_id: str
    span: Span
    text: str  # the surface form, e.g. "$14.9-billion"
    value: float
    unit: str | None  # ISO currency ("USD"), "people", "percent", "tonnes", ...
    approx: str = "="  # "=", "~", ">", "<", ">=", "<=" (about, more than, up to, ...)
    change: str | None = None  # "up" / "down" when the figure is a rise or fall
    measures: str = ""  # "US military personnel stationed in Japan"
    measures_span: Span | None = None
    subject: str = ""  # whose figure: the clause's subject, "Tesla" in "Tesla delivered 63,150 cars"
    subject_span: Span | None = None
    also: tuple[tuple[float, str], ...] = ()  # conversions given in the text: ((806e9, "GBP"),)
    modality: Modality = "happened"
    value_to: float | None = None  # other end of a range ("5% to 10%", "from 240 to 273"); value is the first


QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Quote:
    """Reported speech with its speaker resolved within the article."""

    article_id: str
    span: Span
    text: str
    kind: QuoteKind
    speaker: str | None  # canonical name ("Sheila Smith"), or the description ("An official", "Experts")
    speaker_span: Span | None = None
    speaker_role: str | None = None
    told_to: str | None = None  # outlet the speaker talked to ("AFP")
    cue: str | None = None  # "said", "according to", "remarked"


@dataclass(frozen=True)
class Actor:
    """A person, organisation or place, merged across its mentions in one article."""

    article_id: str
    name: str  # the longest proper form: "Shigeru Ishiba"
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A sentence with the modality of what it asserts."""

    article_id: str
    span: Span
    text: str
    modality: Modality
    cue: str | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """Everything the facts stage extracts from one article."""

    article_id: str
    kind: ArticleKind
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()


# ----------------------------------------------------------- provenance (issue 3)

Relation = Literal["duplicate", "near-duplicate", "rewrite", "partial"]


@dataclass(frozen=True)
class AlignedSpan:
    """One passage of the derived article matched to one of its source."""

    derived: Span
    source: Span
    score: float
    kind: str = "sentence"  # "sentence", "quote", "figure", "ngram"


@dataclass(frozen=True)
class Derivation:
    """``derived`` copies, rewrites or partly reuses ``source``."""

    derived: str
    source: str
    relation: Relation
    score: float
    evidence: tuple[AlignedSpan, ...] = ()
    added: tuple[Span, ...] = ()  # sentences of derived with no counterpart in source
    dropped: tuple[Span, ...] = ()  # sentences of source with no counterpart in derived
    changed: tuple[AlignedSpan, ...] = ()  # aligned but reworded (figures or quotes differ)
    dropped_attributions: tuple[Mapping[str, Any], ...] = ()
    agency: str | None = None  # when the link is through shared agency copy (AFP, Reuters, AP)


# ----------------------------------------------------------- stories (issue 4)


@dataclass(frozen=True)
class Story:
    """Articles about one real-world event."""

    id: str
    headline: str
    first_seen: str | None
    last_seen: str | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]


# ----------------------------------------------------------------- helpers


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record (tuples become lists)."""
    return dataclasses.asdict(record)


def from_dict(cls: type, data: Mapping[str, Any]) -> Any:
    """Rebuild a record (and its nested records) from ``to_dict`` output.

    Lists become tuples again so rebuilt records compare equal to the originals.
    """
    hints = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for name, f in hints.items():
        if name not in data:
            continue
        kwargs[name] = _revive(f.type, data[name])
    return cls(**kwargs)


_NESTED = {
    "tuple[Figure, ...]": "Figure",
    "tuple[Quote, ...]": "Quote",
    "tuple[Actor, ...]": "Actor",
    "tuple[Statement, ...]": "Statement",
    "tuple[AlignedSpan, ...]": "AlignedSpan",
}


def _revive(type_name: Any, value: Any) -> Any:
    if value is None:
        return None
    nested = _NESTED.get(str(type_name))
    if nested is not None:
        cls = globals()[nested]
        return tuple(from_dict(cls, v) for v in value)
    if isinstance(value, list):
        return tuple(_revive(None, v) for v in value)
    return value
