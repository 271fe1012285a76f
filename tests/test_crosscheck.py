"""Cross-check on a hand-made story (alignment, statuses, laundering,
expectations, omissions) and on the seeds through the real stages."""

from __future__ import annotations

import pytest

from storyweave.crosscheck import check_story
from storyweave.crosscheck.align import same_value
from storyweave.records import Figure

from crosscheck_fixtures import story_records


@pytest.fixture(scope="module")
def ledger():
    return check_story(*story_records())


def _fact(ledger, kind, text):
    found = [e for e in ledger.facts if e.kind == kind and any(text in m.text for m in e.mentions)]
    assert found, f"no {kind} mentioning {text!r}"
    return found[0]


def test_same_value_tolerates_formatting_and_rounding_not_other_values():
    def fig(value, approx="="):
        return Figure("a", (0, 1), "x", value, "USD", approx=approx)

    assert same_value(fig(14.9e9), fig(14.9e9))
    assert same_value(fig(15e9), fig(14.9e9))  # "$15 billion" is "$14.9 billion" rounded
    assert same_value(fig(54000, "~"), fig(53500))
    assert not same_value(fig(3.5e9), fig(4.1e9))
    assert not same_value(fig(1e12), fig(100e9))


def test_rewrites_count_once(ledger):
    nurses = _fact(ledger, "figure", "1,200")
    assert {m.article_id for m in nurses.mentions} == {"wire", "rewrite", "report"}
    assert nurses.independent_sources == 2  # wire + its rewrite are one line
    assert nurses.status == "corroborated"


def test_different_values_for_one_measured_thing_conflict(ledger):
    cost = _fact(ledger, "figure", "$4.1 billion")
    assert cost.status == "conflicting"
    assert {m.text for m in cost.mentions} == {"$3.5 billion", "$3.5-billion", "$4.1 billion"}
    conflict = next(c for c in ledger.conflicts if c.fact_id == cost.id)
    assert conflict.kind == "value"
    assert sorted(m.text for m in conflict.sides) == ["$3.5 billion", "$4.1 billion"]


def test_happened_vs_denied_conflicts(ledger):
    ward = _fact(ledger, "claim", "did not open its new maternity ward")
    assert ward.status == "conflicting"
    (conflict,) = [c for c in ledger.conflicts if c.fact_id == ward.id]
    assert conflict.kind == "modality"
    assert {m.modality for m in conflict.sides} == {"happened", "denied"}


def test_wording_variants_are_one_fact(ledger):
    golden = _fact(ledger, "quote", "golden era")
    assert {m.text for m in golden.mentions} == {"golden era", "golden age"}
    assert golden.independent_sources == 2


def test_attribution_laundering_is_flagged(ledger):
    (laundered,) = [x for x in ledger.launderings if x.unnamed.article_id == "rewrite"]
    assert laundered.named.speaker == "Maria Lopez"
    assert laundered.unnamed.speaker == "Experts"


def test_expectations(ledger):
    def status_of(text):
        (e,) = [e for e in ledger.expectations if any(text in m.text for m in e.expected)]
        return e

    funding = status_of("announce new hospital funding")
    assert funding.status == "confirmed"
    assert any("announced new hospital funding" in m.text for m in funding.outcome)
    assert status_of("strike vote").status == "pending"
    clinic = status_of("close the northern clinic")
    assert clinic.status == "contradicted"
    assert {m.article_id for m in clinic.expected} == {"wire", "rewrite"}


def test_omissions(ledger):
    nurses = _fact(ledger, "figure", "1,200")
    assert any(o.outlet == "Quiet Post" and o.fact_id == nurses.id for o in ledger.omissions)
    assert not any(o.outlet in nurses.outlets and o.fact_id == nurses.id for o in ledger.omissions)


def test_single_source_and_spans(ledger):
    arts = {a.id: a for a in story_records()[1]}
    for entry in ledger.facts:
        for m in entry.mentions:
            assert arts[m.article_id].text[m.span[0]:m.span[1]] == m.text
    opposition = _fact(ledger, "claim", "Patients groups said")
    assert opposition.status == "single-source"
