"""The facts stage end to end on the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyweave.facts import analyse, extract_facts
from storyweave.nlp import load_nlp
from storyweave.records import Article, ArticleFacts, from_dict, to_dict

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text())


def _article(path: Path) -> Article:
    text = path.read_text()
    return Article(path.name[:3], str(path), None, "seed", "", (), None, "en", text, (), "text", 1.0)


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    return [_article(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_facts(seed_articles) -> list[ArticleFacts]:
    return extract_facts(seed_articles)


def test_article_kinds_match_expected(seed_facts):
    kinds = {f.article_id: f.kind for f in seed_facts}
    assert kinds == {k: v["kind"] for k, v in EXPECTED["articles"].items()}


def test_spans_point_into_the_text(seed_articles, seed_facts):
    for article, facts in zip(seed_articles, seed_facts):
        for s in facts.statements:
            assert article.text[s.span[0] : s.span[1]] == s.text
        for a in facts.actors:
            for start, end in a.mentions:
                assert article.text[start:end].strip()
        assert facts.figures and facts.actors and facts.statements


def test_facts_round_trip_through_dicts(seed_facts):
    for facts in seed_facts:
        assert from_dict(ArticleFacts, to_dict(facts)) == facts


def test_processes_give_the_same_facts(seed_articles, seed_facts):
    many = seed_articles * 4
    assert extract_facts(many, n_process=2) == seed_facts * 4


def test_selective_parse_agrees_with_full_parse(seed_articles):
    """Modality from the selective parse matches a full parse on almost every seed sentence."""
    nlp = load_nlp()
    same = total = 0
    for article in seed_articles:
        selective = {s.span: s.modality for s in _statements(analyse(article.text))}
        full = {s.span: s.modality for s in _statements(nlp(article.text))}
        for span, modality in full.items():
            if span in selective:
                total += 1
                same += selective[span] == modality
    assert total > 100
    assert same / total >= 0.95


def _statements(doc):
    from storyweave.facts import statements

    return statements("t", doc.sents)


@pytest.mark.parametrize("mark", ["'", "’"])
def test_selective_parse_tags_contractions_as_the_full_pipeline(mark):
    """The parsed sentences keep the tokenizer's norms ("n’t" -> "not"): without them a curly
    "n’t" was tagged a proper noun and became a subject."""
    texts = [
        f"Randolph wouldn{mark}t comment, his office said.",
        f"She{mark}s said they{mark}re coming and we{mark}ll see the 40 results.",
        f"The mayor didn{mark}t attend, and I{mark}m told he{mark}s not expected until 2026.",
        f"\u201cWe won{mark}t cut 300 jobs,\u201d they{mark}ve said, \u201cand we{mark}d hire.\u201d",
    ]
    nlp = load_nlp()
    for text in texts:
        fast, full = analyse(text), nlp(text)
        assert all(t.dep_ for t in fast), text  # the sentence was parsed
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in fast] == [(t.text, t.tag_, t.dep_, t.head.i) for t in full]
    negation = next(t for t in analyse(texts[0]) if t.lower_ == f"n{mark}t")
    assert (negation.tag_, negation.dep_, negation.lemma_) == ("RB", "neg", "not")


def test_sentences_split_where_a_reader_sees_them():
    """Scraper-glued sentences and an opening quotation after a full stop start a sentence; an
    ellipsis inside a quotation and a closing mark do not."""
    cases = {
        "Ishiba affirmed to parliament.Trump and Ishiba are expected to meet.":
            ["Ishiba affirmed to parliament.", "Trump and Ishiba are expected to meet."],
        "He may propose gas imports for Japan.'The goal is a win-win,' Smith stated to AFP.":
            ["He may propose gas imports for Japan.", "'The goal is a win-win,' Smith stated to AFP."],
        "It could get sticky.'Trump's tariffs have also generated anxiety, Shiraishi told AFP.One example is Stargate.":
            ["It could get sticky.'", "Trump's tariffs have also generated anxiety, Shiraishi told AFP.", "One example is Stargate."],
        "Tariffs generated anxiety. 'I hope he will show another way,' Shiraishi said.":
            ["Tariffs generated anxiety.", "'I hope he will show another way,' Shiraishi said."],
        "Smith noted, 'That's where... the relationship could get a bit sticky.'":
            ["Smith noted, 'That's where... the relationship could get a bit sticky.'"],
        'He said "Yes."The next day was fine.': ['He said "Yes."', "The next day was fine."],
        "The U.S.Army said nothing.": ["The U.S.Army said nothing."],
        "The church Alaska Gov.Sarah Palin attends burned.": ["The church Alaska Gov.Sarah Palin attends burned."],
        'Rep. Robert C. "Bobby" Scott threw open his yard.': ['Rep. Robert C. "Bobby" Scott threw open his yard.'],
        "Shares of Amazon.Com Inc rose 3 percent.": ["Shares of Amazon.Com Inc rose 3 percent."],  # a name
        "The site runs on ASP.Net servers.": ["The site runs on ASP.Net servers."],
    }
    for text, want in cases.items():
        assert [s.text.strip() for s in analyse(text).sents] == want, text
