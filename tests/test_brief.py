"""The brief: faithfulness of the summary (every sentence is its cited span),
the JSON shape, the renderers (HTML escapes source text) and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from storyweave.brief import make_brief
from storyweave.render import renderer
from storyweave.render.json import to_data

from crosscheck_fixtures import story_records


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def records():
    return story_records()


@pytest.fixture(scope="module")
def brief(records):
    return make_brief(*records)


def test_summary_sentences_are_their_cited_spans(brief, records):
    texts = {a.id: a.text for a in records[1]}
    assert 5 <= len(brief.summary) <= 8
    for s in brief.summary:
        assert s.citations
        first = s.citations[0]
        assert squash(texts[first.article_id][first.span[0]:first.span[1]]) == squash(s.text)
        for c in (*s.citations, *s.supporting):
            assert c.outlet and c.span[0] < c.span[1] <= len(texts[c.article_id])
        for c in s.citations:
            assert squash(s.text) in squash(texts[c.article_id][c.span[0]:c.span[1]])


def test_json_shape(brief):
    data = json.loads(renderer("json")(brief))
    for key in ("headline", "summary", "facts", "quotes", "conflicts", "expectations", "coverage", "omissions",
                "lineage"):
        assert key in data
    item = data["summary"][0]
    assert set(item["citations"][0]) == {"article_id", "outlet", "span"}
    fact = data["facts"][0]
    assert {"status", "independent_sources", "mentions"} <= set(fact)
    assert {"article_id", "outlet", "span", "text"} <= set(fact["mentions"][0])
    assert {c["outlet"] for c in data["coverage"]} == {"Wire Daily", "Rewrite News", "Independent Times", "Quiet Post"}
    assert data["lineage"]["independent_lines"] == 3
    assert json.loads(json.dumps(to_data(brief)))["facts"] == data["facts"]


def test_text_and_markdown_show_status_sections(brief):
    for fmt in ("text", "md"):
        out = renderer(fmt)(brief)
        low = out.lower()
        for section in ("summary", "corroborated", "single-source", "conflicts", "expected", "coverage", "lineage"):
            assert section in low, (fmt, section)
        assert "$4.1 billion" in out and "attribution lost" in out


def test_top_line_counts_match_the_ledger(brief):
    data = json.loads(renderer("json")(brief))
    counts = data["counts"]
    assert set(counts) == {"corroborated", "single_source", "conflicting", "pending"}
    assert counts["conflicting"] == len(brief.conflicts) + len(brief.launderings) >= 1
    assert counts["pending"] == sum(e.status == "pending" for e in brief.expectations)
    assert 1 <= counts["corroborated"] <= sum(e.status == "corroborated" for e in brief.facts + brief.quotes)
    line = f"{counts['corroborated']} corroborated · {counts['single_source']} single-source"
    for fmt in ("text", "md", "html"):
        out = renderer(fmt)(brief)
        assert line in out, fmt
        assert out.index(line) < out.lower().index("summary"), fmt


def test_capped_sections_say_how_many_more_the_json_lists(brief):
    """The sections cap what they show; a reader who counts the top line against the lines
    shown must learn the rest exist and where: every format says how many more, and the
    numbers add up to what the JSON brief holds."""
    from storyweave.render.view import MAX_SINGLE, view

    v = view(brief)
    single = squash(v.more["single"])
    hidden = int(re.search(r"… (\d+) more single-source fact", single).group(1))
    assert hidden >= 1 and len(v.single) == MAX_SINGLE
    for fmt in ("text", "md", "html"):
        out = squash(renderer(fmt)(brief)).replace("\\", "")
        assert f"… {hidden} more single-source fact" in out, fmt
        assert "--format json" in out, fmt
    assert all(squash(text).startswith("…") for text in v.more.values())

def test_top_line_splits_single_source_facts_by_kind(brief):
    import re

    from storyweave.render.view import counts, counts_text

    line = counts_text(brief)
    split = re.search(r"single-source \(([^)]*)\)", line).group(1)
    numbers = [int(n) for n in re.findall(r"(\d+) (?:figure|quote|statement)s?\b", split)]
    assert numbers and sum(numbers) == counts(brief)["single_source"], line
    assert re.search(r"\d+ quotes?\b", split), line  # a speaker's words one outlet printed count too


def test_html_escapes_source_text(records):
    story, arts, facts, derivations = records
    evil = arts[3].__class__(**{**arts[3].__dict__, "outlet": "<script>alert(1)</script>"})
    html = renderer("html")(make_brief(story, [*arts[:3], evil], facts, derivations))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_citations_name_one_article_when_an_outlet_has_several(records):
    story, arts, facts, derivations = records
    same = [arts[0], arts[1], arts[2], arts[3].__class__(**{**arts[3].__dict__, "outlet": arts[2].outlet})]
    brief = make_brief(story, same, facts, derivations)
    outlet = arts[2].outlet
    for fmt in ("text", "md", "html"):
        out = renderer(fmt)(brief)
        assert f"{outlet}·1" in out and f"{outlet}·2" in out, fmt
        assert f"{arts[0].outlet}·" not in out  # an outlet with one article is cited by its name
    assert [c.outlet for c in brief.coverage].count(outlet) == 1  # coverage still counts outlets
    from storyweave.render.view import citation_labels

    assert citation_labels(brief)[arts[2].id] == f"{outlet}·1" and citation_labels(brief)[arts[3].id] == f"{outlet}·2"
    # two file-stem outlets that shorten to one name are numbered too
    stems = [a.__class__(**{**a.__dict__, "outlet": f"0{k}_evening-post_{a.id}"}) for k, a in enumerate(arts[2:], 1)]
    labels = citation_labels(make_brief(story, [*arts[:2], *stems], facts, derivations))
    assert (labels[arts[2].id], labels[arts[3].id]) == ("evening-post·1", "evening-post·2")


def test_cli_brief_json_from_store(records, db_path):
    from storyweave.cli import app
    from storyweave.store import open_store

    story, arts, facts, derivations = records
    with open_store(db_path) as store:
        store.add_batch(arts, [])
        store.put_facts(facts.values())
        store.put_derivations(derivations)
        store.put_stories([story])
    result = CliRunner().invoke(app, ["brief", story.id[:4], "--format", "json", "--db", db_path])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["story_id"] == story.id
    texts = {a.id: a.text for a in arts}
    for s in data["summary"]:
        c = s["citations"][0]
        assert squash(texts[c["article_id"]][c["span"][0]:c["span"][1]]) == squash(s["text"])


def test_summary_candidates_stand_alone():
    from storyweave.brief.summary import about_itself, first_person, inside_quote, leans_back, quotes_balanced, trimmed

    assert quotes_balanced('He said "no" twice.') and quotes_balanced("“Yes,” she said.")
    assert not quotes_balanced("Five days is realistic if the weather holds,” he said.")
    text = "“We have the cranes. We have the divers,” he said.\n\nThe port reopened."
    assert inside_quote(text, text.index("We have the divers"))
    assert not inside_quote(text, text.index("The port"))
    assert about_itself("Coastline Today has set up a live page for readers.", "Coastline Today")
    assert about_itself("The Gazette has asked the council.", "The Gazette")
    assert not about_itself("Engineers told the Gazette the span was corroded.", "The Gazette")
    assert not about_itself("Seventeen people died.", "000_55d8b5d33399f537")
    wire = "Bridge falls\nSALTMERE, March 11 (MPA) - Seventeen people were killed.\n\n"
    start, end = trimmed(wire, (0, len(wire)))
    assert wire[start:end] == "Seventeen people were killed."
    assert first_person("We had a game, and I was trying to help the team.")
    assert not first_person('The mayor said "we will rebuild" within a year.')
    assert not first_person("Myanmar and the US signed an accord.")
    assert not first_person("He fought in World War I and came home.")
    assert not first_person("A crash closed I-95 for hours.")
    assert not first_person("Smith said ‘we will win’ after the match.")
    assert leans_back("Additionally, the presence of 54,000 US troops exemplifies the alliance.")
    assert leans_back("In addition, Tokyo pledged to buy more gas.") and leans_back("They met on Friday.")
    # an anonymous source the sentence before introduced is nobody on its own
    assert leans_back("The boards met on Friday to approve the terms, the people said.")
    assert not leans_back("The boards met on Friday to approve the terms, people familiar with the plans said.")
    assert not leans_back("Alsop said the talks went well.") and not leans_back("Yesterday the talks ended.")
    assert not leans_back("In addition to the 54,000 troops, Japan hosts a fleet.")
    assert not leans_back("Still photographs show the damage.") and not leans_back("As a result of the storm, roads closed.")



def test_credits_read_from_the_sentence():
    from storyweave.render.view import credited, sentence_credit

    assert sentence_credit("The plan will cost $4.1 billion, according to the budget office.") == "the budget office"
    assert sentence_credit("Seventeen people were killed on Tuesday, the national health ministry said, "
                           "making it the worst failure.") == "the national health ministry"
    told = "Fire chief Rasmus Odell told the Gazette that 14 bodies were found."
    assert sentence_credit(told) == "Fire chief Rasmus Odell"
    assert sentence_credit("The health ministry puts the death toll at 17.") == "the health ministry"
    assert sentence_credit("At least 14 people were killed when the span fell.") is None
    assert sentence_credit("Officials left early, he said.") is None
    # the sentence's own clause after a comma is no source; a conjunction is not part of one
    assert sentence_credit("The fire, which broke out at night, did an estimated $1 million damage.") is None
    fire = "The fire, which broke out at night, did an estimated $1 million damage, the fire department said."
    assert sentence_credit(fire) == "the fire department"
    assert sentence_credit("Forty firefighters came, and officials said it was out by dawn.") == "officials"
    assert sentence_credit("The bridge was closed, and inspectors said it was unsafe, officials said.") == "officials"
    assert sentence_credit("Seventeen died, while the mayor said 20.") is None  # a rival's claim
    assert sentence_credit("The ship sank, it was reported.") is None
    assert credited(None) == "nobody" and credited("Experts") == "Experts"
    assert "unattributed" in credited("they") and "they" in credited("they")


def test_view_helpers():
    from dataclasses import replace

    from storyweave.brief.model import LedgerEntry, Mention
    from storyweave.render.view import dates_text, day, lines_word, short_outlet, view

    assert short_outlet("000_55d8b5d33399f537") == "000"
    assert short_outlet("03_saltmere-evening-post_what-happens-next") == "saltmere-evening-post"
    assert short_outlet("The Harbour Gazette") == "The Harbour Gazette"
    assert short_outlet("reuters") == "reuters"
    assert day("2025-03-24T10:00:00+01:00") == "2025-03-24" and day(None) == ""
    assert lines_word(1) == "1 independent line" and lines_word(3) == "3 independent lines"

    def figure(text, value, unit, lines=2):
        m = Mention("a", "Wire", (0, len(text)), text, value=value, unit=unit)
        return LedgerEntry(id=text, kind="figure", status="corroborated" if lines > 1 else "single-source",
                           independent_sources=lines, outlets=("Wire", "Post"), mentions=(m, m), label=text)

    base = make_brief(*story_records())
    facts = (figure("five days", 5, "days"), figure("two bearings", 2, "bearing"), figure("$31", 31, "USD"),
             figure("40,000 vehicles", 40000, "vehicle"), figure("14 bodies", 14, "bodies", lines=1))
    brief = replace(base, facts=facts, quotes=(), first_seen="2025-03-11", last_seen="2025-03-24T10:00")
    v = view(brief)
    assert [e.label for e in v.solid] == ["$31", "40,000 vehicles"]  # no durations, no small counts
    assert [e.label for e in v.single] == ["14 bodies"]
    assert v.counts["corroborated"] == 2 and v.counts["single_source"] == 1
    assert dates_text(brief) == "2025-03-11 → 2025-03-24"
    assert dates_text(replace(brief, last_seen="2025-03-11")) == "2025-03-11"
    assert dates_text(replace(brief, first_seen=None, last_seen=None)) == ""


def test_quotes_cite_only_outlets_that_credit_the_speaker(brief):
    """The rewrite's "Experts said ..." is the same words without their speaker: the quote line
    "Maria Lopez: ..." must not cite it as an outlet that printed her words."""
    from storyweave.render.view import short_labels, view

    (lopez,) = [q for q in view(short_labels(brief)).quotes if q.about == "Maria Lopez"]
    assert lopez.outlets == ("Wire Daily",) and lopez.independent_sources == 1
    assert all(m.speaker == "Maria Lopez" for m in lopez.mentions)
    md = renderer("md")(brief)
    (line,) = [x for x in md.splitlines() if x.startswith("- **Maria Lopez**")]
    assert "Rewrite News" not in line


def test_lineage_edges_keep_the_score_provenance_stored(records):
    """The brief printed 0.34 for an edge `storyweave lineage` printed as 0.35: it rounded the
    stored 0.3455 again. Every view of an edge reads the one stored score."""
    import dataclasses

    story, articles, facts, derivations = records
    edges = [dataclasses.replace(d, score=0.3455) for d in derivations]
    brief = make_brief(story, articles, facts, edges)
    assert brief.lineage.edges and all(e.score == 0.3455 for e in brief.lineage.edges)
    assert "score 0.35" in renderer("text")(brief) and "score 0.34" not in renderer("text")(brief)


def test_printed_mentions_lose_the_blanks_at_their_span_edges(brief):
    """A span can start or end on blanks (" Seventeen people", "... the talks.\\n\\n"); printed
    between quotation marks they show as “ Seventeen people”. The JSON keeps the exact text."""
    import dataclasses

    from storyweave.render.view import short_labels

    fact = brief.facts[0]
    padded = dataclasses.replace(fact.mentions[0], text=" " + fact.mentions[0].text + "\n\n")
    edited = dataclasses.replace(brief, facts=(dataclasses.replace(fact, mentions=(padded, *fact.mentions[1:])),
                                               *brief.facts[1:]))
    assert short_labels(edited).facts[0].mentions[0].text == fact.mentions[0].text.strip()
    assert to_data(edited)["facts"][0]["mentions"][0]["text"] == padded.text
