"""Records of the cross-check and the brief.

They live beside the brief because the brief is what exposes them: the ledger
is computed once (``crosscheck.check_story``) and every renderer (text,
Markdown, JSON, HTML) reads the same frozen records. Every record that says
something about the story carries ``Mention``s or ``Citation``s: an article id,
its outlet and a ``(start, end)`` span into ``Article.text``, so nothing in a
brief states what no source span states.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..records import Span

FactKind = Literal["figure", "quote", "claim"]
Status = Literal["corroborated", "single-source", "conflicting"]
ConflictKind = Literal["value", "speaker", "modality", "date"]
ExpectationStatus = Literal["confirmed", "pending", "contradicted"]


@dataclass(frozen=True)
class Citation:
    """Where a brief's words come from."""

    article_id: str
    outlet: str
    span: Span


@dataclass(frozen=True)
class Mention:
    """One occurrence of a fact in one article; ``text`` is exactly ``article.text[span]``."""

    article_id: str
    outlet: str
    span: Span
    text: str
    modality: str | None = None
    speaker: str | None = None  # quotes: who the article credits (None: nobody)
    quote_kind: str | None = None  # quotes: "direct"/"partial" (the speaker's words) or "indirect" (a paraphrase)
    value: float | None = None  # figures: the normalised value
    unit: str | None = None


@dataclass(frozen=True)
class LedgerEntry:
    """One fact of a story, the articles that state it and how well it is sourced.

    ``independent_sources`` counts provenance groups, not articles: a rewrite of
    agency copy adds an outlet but no independent line.
    """

    id: str
    kind: FactKind
    status: Status
    independent_sources: int
    outlets: tuple[str, ...]
    mentions: tuple[Mention, ...]
    label: str  # the text of the most representative mention (verbatim from its article)
    about: str = ""  # figures: what is measured; quotes: the speaker
    variants: tuple[str, ...] = ()  # distinct wordings of the same thing ("golden era", "golden age")
    modality: str = "happened"  # the modality most mentions give



@dataclass(frozen=True)
class Conflict:
    """Sources that disagree about one fact; ``sides`` holds one mention per version."""

    fact_id: str
    kind: ConflictKind
    sides: tuple[Mention, ...]
    lines: tuple[int, ...] = ()  # independent lines behind each side, in ``sides`` order


@dataclass(frozen=True)
class Laundering:
    """Words credited to a named person in one article and to "experts" or nobody in another."""

    fact_id: str
    named: Mention
    unnamed: Mention
    via: str  # "provenance" (a derivation dropped it), "quotes" (found across articles), or both


@dataclass(frozen=True)
class Expectation:
    """What previews said would happen, and what later reports say did."""

    id: str
    status: ExpectationStatus
    expected: tuple[Mention, ...]
    outcome: tuple[Mention, ...] = ()
    score: float = 0.0  # similarity of the best expected/outcome pair


@dataclass(frozen=True)
class Omission:
    """A fact most independent lines report that this outlet leaves out."""

    outlet: str
    article_ids: tuple[str, ...]
    fact_id: str
    fact: str  # the fact's label
    independent_sources: int


@dataclass(frozen=True)
class Ledger:
    """Everything the cross-check finds for one story."""

    story_id: str
    lines: tuple[tuple[str, ...], ...]  # independent lines of reporting (article ids)
    facts: tuple[LedgerEntry, ...]
    conflicts: tuple[Conflict, ...] = ()
    launderings: tuple[Laundering, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    omissions: tuple[Omission, ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    """A sentence copied from a source; every citation's span contains ``text``."""

    text: str
    citations: tuple[Citation, ...]
    supporting: tuple[Citation, ...] = ()  # other outlets saying the same in other words
    independent_sources: int = 1


@dataclass(frozen=True)
class OutletCoverage:
    outlet: str
    article_ids: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineageEdge:
    derived: str
    derived_outlet: str
    source: str
    source_outlet: str
    relation: str
    score: float
    agency: str | None = None


@dataclass(frozen=True)
class Lineage:
    lines: tuple[tuple[str, ...], ...]
    edges: tuple[LineageEdge, ...] = ()


@dataclass(frozen=True)
class Brief:
    """A desk editor's briefing on one story, built only from source spans."""

    story_id: str
    headline: str
    first_seen: str | None
    last_seen: str | None
    summary: tuple[SummarySentence, ...]
    facts: tuple[LedgerEntry, ...]  # figures and claims
    quotes: tuple[LedgerEntry, ...]
    conflicts: tuple[Conflict, ...]
    launderings: tuple[Laundering, ...]
    expectations: tuple[Expectation, ...]
    coverage: tuple[OutletCoverage, ...]
    omissions: tuple[Omission, ...]
    lineage: Lineage
