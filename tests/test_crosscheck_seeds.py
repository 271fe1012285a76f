"""Seed and sample-corpus expectations, through the real stages.

The seeds run extract -> facts -> provenance -> cross-check; the story is the
gold membership of expected.json ("same_story"), which is this test's input, not
a stage's output. The sample corpus runs the whole pipeline (`pipeline.run`).
Both skip while the stages they need are not in the tree.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from storyweave.records import Story

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = SHARED / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _has(module: str, *names: str) -> bool:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return False
    return all(hasattr(mod, n) for n in names)


needs_provenance = pytest.mark.skipif(
    not _has("storyweave.provenance", "detect", "groups"), reason="provenance stage (detect, groups) not landed yet"
)


@pytest.fixture(scope="module")
def seed_inputs():
    """The seed story (gold membership) with its articles, facts and derivations."""
    from storyweave.extract import extract
    from storyweave.facts import extract_facts
    from storyweave.ingest import read_path
    from storyweave.provenance import ProvenanceIndex, detect

    articles = [extract(raw) for n, p in enumerate(sorted(SEEDS.glob("*.txt"))) for raw in read_path(p, n)]
    facts = {f.article_id: f for f in extract_facts(articles)}
    by_id = {a.id: a for a in articles}
    derivations = detect(articles, ProvenanceIndex(), by_id.__getitem__)
    expected = json.loads((SEEDS / "expected.json").read_text())
    short = {a.id: Path(a.source).name[:3] for a in articles}
    members = tuple(a.id for a in articles if short[a.id] in expected["same_story"])
    story = Story("seeds", articles[0].title, None, None, members, tuple(a.outlet for a in articles))
    return (story, articles, facts, derivations), short, expected


@pytest.fixture(scope="module")
def seeds(seed_inputs):
    from storyweave.crosscheck import check_story

    inputs, short, expected = seed_inputs
    return check_story(*inputs), short, expected


def _entry(ledger, short, kind, article, text):
    found = [e for e in ledger.facts if e.kind == kind
             and any(short[m.article_id] == article and text in m.text for m in e.mentions)]
    assert found, f"no {kind} with {text!r} in {article}"
    return found[0]


@needs_provenance
def test_seed_figures(seeds):
    ledger, short, expected = seeds
    personnel = _entry(ledger, short, "figure", "000", "54,000")
    assert {short[m.article_id] for m in personnel.mentions} == {"000", "003", "004"}
    assert personnel.independent_sources == 2 and personnel.status == "corroborated"
    trillion = _entry(ledger, short, "figure", "000", "$1 trillion")
    assert trillion.status == "single-source"


@needs_provenance
def test_seed_expected_then_happened(seeds):
    ledger, short, expected = seeds
    confirmed = [e for e in ledger.expectations if e.status == "confirmed"]
    for item in expected["expected_then_happened"]:
        assert any(
            {short[m.article_id] for m in e.expected} & set(item["expected_in"])
            and {short[m.article_id] for m in e.outcome} & set(item["happened_in"])
            for e in confirmed
        ), item["topic"]
    # Each topic links to the outcome sentence that reports it.
    outcomes = " ".join(m.text for e in confirmed for m in e.outcome)
    for words in ("natural gas", "Nippon Steel", "investment"):
        assert words in outcomes


@needs_provenance
def test_seed_attribution_lost_and_wording_variants(seeds):
    ledger, short, expected = seeds
    (lost,) = expected["attribution_lost"]
    assert any(
        short[x.unnamed.article_id] == lost["article"] and lost["text"] in x.unnamed.text
        and short[x.named.article_id] == lost["original"]["article"] and x.named.speaker == lost["original"]["speaker"]
        for x in ledger.launderings
    )
    for variant in expected["wording_variants"]:
        a, b = variant["same_thing"]
        assert any({a, b} <= {m.text for m in e.mentions} for e in ledger.facts if e.kind == "quote")


@needs_provenance
def test_seed_single_source_claim(seeds):
    ledger, short, expected = seeds
    claim = next(c for c in expected["single_source_claims"] if not c["text"].startswith("$"))
    assert _entry(ledger, short, "claim", claim["article"], claim["text"]).status == "single-source"


@needs_provenance
def test_seed_summary_sentences_say_who_or_how_much(seed_inputs):
    """Every summary sentence names a person or organisation, a quote's speaker or a figure: 002's
    scene-setting opener ("As the clock ticks down ..., excitement bubbles over") says none."""
    from storyweave.brief import make_brief
    from storyweave.brief.summary import _AGENTS

    inputs, _, _ = seed_inputs
    (story, articles, facts, _) = inputs
    brief = make_brief(*inputs)
    for s in brief.summary:
        (cite, *_) = s.citations
        agents = [m for a in facts[cite.article_id].actors if a.label in _AGENTS for m in a.mentions]
        agents += [q.speaker_span for q in facts[cite.article_id].quotes if q.speaker_span]
        figures = [f.span for f in facts[cite.article_id].figures]
        assert any(cite.span[0] <= a and b <= cite.span[1] for a, b in agents + figures), s.text


def _pipeline_runs(*stages: str) -> bool:
    from storyweave.pipeline import STAGES

    return set(stages) <= {name for name, _ in STAGES}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Briefs of the sample corpus through the whole pipeline, keyed by expected.json's event names."""
    from storyweave.brief import make_brief
    from storyweave.pipeline import run
    from storyweave.store import open_store

    expected = json.loads((EXAMPLES / "expected.json").read_text())
    db = str(tmp_path_factory.mktemp("sample") / "examples.db")
    run([EXAMPLES / "articles"], db=db)
    with open_store(db) as store:
        arts = {a.id: a for a in store.articles()}
        gold = {k: {i for i, a in arts.items() if {Path(a.source).name, a.url} & set(v["articles"])}
                for k, v in expected["events"].items()}
        briefs = {}
        for story in store.stories():
            event = max(gold, key=lambda k: len(gold[k] & set(story.article_ids)))
            facts = {i: f for i in story.article_ids if (f := store.facts(i)) is not None}
            briefs[event] = make_brief(story, list(arts.values()), facts, store.derivations(story.article_ids))
    key = {i: k for i, a in arts.items() for k in (Path(a.source).name, a.url) if k in expected["articles"]}
    return briefs, key, expected


needs_pipeline = pytest.mark.skipif(
    not (EXAMPLES / "expected.json").exists() or not _pipeline_runs("provenance", "cluster"),
    reason="sample corpus, or the provenance/cluster stages in the pipeline, not landed yet",
)


@needs_pipeline
def test_sample_conflicting_figures_with_attributions(sample):
    briefs, key, expected = sample
    for planted in expected["conflicting_figures"]:
        brief = briefs[planted["event"]]
        values = {v["value"] for v in planted["values"]}
        found = [c for c in brief.conflicts if c.kind == "value" and {m.value for m in c.sides} <= values
                 and len({m.value for m in c.sides}) >= 2]
        assert found, planted["measures"]
        # Each side is cited in an article the reference attributes that value to.
        for side in found[0].sides:
            assert any(key.get(side.article_id) == v["article"] and v["value"] == side.value
                       for v in planted["values"]), side


@needs_pipeline
def test_sample_traps_are_not_conflicts(sample):
    briefs, key, expected = sample
    for trap in expected["not_conflicts"]:
        texts = set(trap["in"].values())
        for brief in briefs.values():
            for c in brief.conflicts:
                hit = {t for t in texts for m in c.sides if m.text in t or t in m.text}
                assert len(hit) < 2, trap["note"]


@needs_pipeline
def test_sample_rewrite_is_one_line_and_laundering_flagged(sample):
    briefs, key, expected = sample
    for d in expected["derivation"]:
        brief = next(b for b in briefs.values() if any(key.get(a) == d["from"] for c in b.coverage
                                                         for a in c.article_ids))
        assert any({d["derived"], d["from"]} <= {key.get(a) for a in line} for line in brief.lineage.lines)
    for lost in expected["attribution_lost"]:
        assert any(key.get(x.unnamed.article_id) == lost["article"]
                   and key.get(x.named.article_id) == lost["original"]["article"]
                   and lost["original"]["speaker"] in (x.named.speaker or "")
                   for b in briefs.values() for x in b.launderings), lost["text"]


@needs_pipeline
def test_sample_expectations(sample):
    """Held-out reference: 12 expected -> happened items; the planted contradiction must be found,
    and at least 8 of the 12 statuses must agree (9 of 12 when tuned on the seeds only)."""
    briefs, key, expected = sample
    agree = 0
    for item in expected["expected_then_happened"]:
        ours = [e.status for e in briefs[item["event"]].expectations
                if any(key.get(m.article_id) == k and s in m.text for m in e.expected
                       for k, s in item["expected_in"].items())]
        agree += bool(ours) and ours[0] == item["outcome"]
        if "within five days" in str(item["expected_in"]):
            assert ours and ours[0] == "contradicted", item["topic"]
    assert agree >= 8, agree


@needs_pipeline
def test_sample_summaries_carry_the_disputed_figures(sample):
    """Each planted conflict is in the summary: a summary sentence holds one of its sides,
    and no summary sentence is half a quotation."""
    from storyweave.brief.summary import quotes_balanced

    briefs, key, expected = sample
    for planted in expected["conflicting_figures"]:
        brief = briefs[planted["event"]]
        assert 5 <= len(brief.summary) <= 8
        # any mention of a disputed value counts: ``sides`` shows one mention per version
        disputed = {c.fact_id for c in brief.conflicts if c.kind == "value"}
        sides = [m for e in brief.facts if e.id in disputed for m in e.mentions]
        assert any(c.article_id == m.article_id and c.span[0] <= m.span[0] and m.span[1] <= c.span[1]
                   for s in brief.summary for c in s.citations for m in sides), planted["measures"]
        for s in brief.summary:
            assert quotes_balanced(s.text) and s.text[:1] not in "\"“", s.text
    for brief in briefs.values():  # a settled forecast is told by its outcome, not in the summary
        settled = {(m.article_id, m.span) for e in brief.expectations if e.status != "pending" for m in e.expected}
        assert not any(c.article_id == a and c.span[0] < end and start < c.span[1]
                       for a, (start, end) in settled for s in brief.summary for c in s.citations[:1])


@needs_pipeline
def test_sample_forecasts_repeated_are_not_corroborated(sample):
    """A forecast two lines repeat ("reopen within five days") is not a corroborated fact."""
    from storyweave.render.view import view

    briefs, key, expected = sample
    forecast = ("expected", "speculative")
    for brief in briefs.values():
        for e in brief.facts:
            if e.status == "corroborated":
                assert any(m.modality not in forecast for m in e.mentions), e.label
        assert all(e.mentions[0].unit not in ("days", "hours") for e in view(brief).solid if e.kind == "figure")
    for item in expected["expected_then_happened"]:
        for said in item["expected_in"].values():
            assert not any(said in m.text for b in briefs.values() for e in b.facts
                           if e.status == "corroborated" for m in e.mentions if m.modality in forecast), said


@needs_pipeline
def test_sample_conflict_sides_name_whom_they_credit(sample):
    """Each side of a planted conflict shows whom its articles credit, in the reference's words."""
    from storyweave.render.view import credit, side_outlets

    briefs, key, expected = sample
    for planted in expected["conflicting_figures"]:
        brief = briefs[planted["event"]]
        conflict = next(c for c in brief.conflicts if c.kind == "value"
                        and {m.value for m in c.sides} <= {v["value"] for v in planted["values"]})
        assert all("according to" in text for text in side_outlets(brief, conflict))
        checked = 0
        for v in planted["values"]:
            for m in (m for e in brief.facts if e.id == conflict.fact_id for m in e.mentions):
                if key.get(m.article_id) == v["article"] and m.value == v["value"]:
                    who = credit(brief, m)
                    assert who and who.lower() in v["attribution_text"].lower(), (who, v["attribution_text"])
                    checked += 1
        assert checked >= 2, planted["measures"]


@needs_pipeline
def test_sample_briefs_mark_paraphrase_apart_from_verbatim_quotes(sample):
    """A brief prints the speaker's own words in quotation marks and marks a paraphrase as one:
    "Aldenbrook said it expected the deal to close..." must not read as a verbatim quote."""
    from markupsafe import escape

    from storyweave.render import renderer
    from storyweave.render.view import verbatim, view

    briefs, _, _ = sample
    seen = set()
    for brief in briefs.values():
        md, page = renderer("md")(brief), renderer("html")(brief)
        for q in view(brief).quotes:
            words = " ".join(q.label.split())
            direct = verbatim(q)
            seen.add(direct)
            assert any((m.quote_kind != "indirect") == direct for m in q.mentions if m.text == q.label)
            shown = f"“{words}”" if direct else f"(paraphrase) {words}"
            assert shown in " ".join(md.split()), shown
            assert (str(escape(f"“{words[:30]}")) in page) == direct
    assert seen == {True, False}


@needs_provenance
def test_seed_brief_lists_own_words_before_paraphrase(seed_inputs):
    """Among quotes backed alike, the speaker's own words come before paraphrases of them."""
    from storyweave.brief import make_brief
    from storyweave.render.view import verbatim, view

    inputs, _, _ = seed_inputs
    quotes = view(make_brief(*inputs)).quotes
    assert any(verbatim(q) for q in quotes)
    ranks = [(-q.independent_sources, not verbatim(q)) for q in quotes]
    assert ranks == sorted(ranks)


@needs_pipeline
def test_an_outcome_is_not_also_one_of_the_sentences_that_expected_it(sample):
    """The announcement 'Aldenbrook will buy Vireo ..., the companies said' reads as a forecast and
    shares the preview's claim, but it is the preview's outcome: never on both sides of a link."""
    briefs, key, expected = sample
    linked = [e for b in briefs.values() for e in b.expectations if e.outcome]
    assert linked
    for e in linked:
        assert not {(m.article_id, m.span) for m in e.outcome} & {(m.article_id, m.span) for m in e.expected}, e.id
