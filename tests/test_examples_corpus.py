"""The bundled sample corpus (examples/) is consistent with its reference file.

Every stage's tests read ``examples/expected.json`` as ground truth, so a typo
in a quoted string or a file that no longer parses would silently weaken all of
them. These checks read the corpus with plain lxml and json (never with
storyweave's own extraction) so they test the data, not the code under test.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import lxml.html
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = EXAMPLES / "articles"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
INFO = EXPECTED["articles"]
MAIN_EVENTS = [name for name, event in EXPECTED["events"].items() if not event.get("distractor")]


def _visible(html: str) -> str:
    """What a reader sees on the page: text without scripts, styles and markup."""
    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    return root.text_content()


def _jsonl_row(info: dict) -> dict:
    lines = (EXAMPLES / info["file"]).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[info["line"] - 1])


@lru_cache(maxsize=None)
def page(article_id: str) -> str:
    """The visible text of an article as its file presents it, boilerplate included."""
    info = INFO[article_id]
    if info["format"] == "txt":
        return (EXAMPLES / info["file"]).read_text(encoding="utf-8")
    if info["format"] == "html":
        return _visible((EXAMPLES / info["file"]).read_text(encoding="utf-8"))
    row = _jsonl_row(info)
    return _visible(row["html"]) if info["format"] == "jsonl-html" else row["text"]


def body(article_id: str) -> str:
    """The article body: from its first to its last paragraph, as marked in expected.json."""
    text, info = page(article_id), INFO[article_id]
    assert text.count(info["body_first"]) == 1, f"{article_id}: body_first must occur exactly once"
    assert text.count(info["body_last"]) == 1, f"{article_id}: body_last must occur exactly once"
    start = text.index(info["body_first"])
    end = text.index(info["body_last"]) + len(info["body_last"])
    assert start < end, article_id
    return text[start:end]


def _published(article_id: str) -> datetime | None:
    value = INFO[article_id]["published"]
    return datetime.fromisoformat(value) if value else None


def _html_meta(html: str) -> dict[str, str]:
    root = lxml.html.fromstring(html)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in root.xpath("//meta[@content]")}
    meta["title"] = root.findtext(".//title")
    meta["h1"] = root.xpath("string(//h1)").strip()
    return meta


# ----------------------------------------------------------------- the files themselves


def test_every_file_parses_and_is_listed():
    listed = {(info["file"], info.get("line")) for info in INFO.values()}
    found = set()
    for path in sorted(ARTICLES.iterdir()):
        rel = str(path.relative_to(EXAMPLES))
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                row = json.loads(line)
                assert {"url", "title", "published", "outlet", "author"} <= row.keys(), (rel, n)
                assert ("text" in row) != ("html" in row), (rel, n)
                datetime.fromisoformat(row["published"])
                found.add((rel, n))
        elif path.suffix == ".html":
            meta = _html_meta(path.read_text(encoding="utf-8"))
            for key in ("og:site_name", "article:published_time", "author"):
                assert meta.get(key), (rel, key)
            assert meta["h1"] and meta["h1"] in meta["title"], rel
            found.add((rel, None))
        elif path.suffix == ".txt":
            lines = path.read_text(encoding="utf-8").split("\n")
            assert lines[0].strip() and not lines[1].strip(), f"{rel}: headline, then a blank line"
            found.add((rel, None))
        else:
            pytest.fail(f"unexpected file in examples/articles: {rel}")
    assert found == listed


def test_metadata_matches_the_files():
    for article_id, info in INFO.items():
        if info["format"] == "txt":
            first = (EXAMPLES / info["file"]).read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == info["title"], article_id
            assert info["published"] is None, "txt files carry no date"
        elif info["format"] == "html":
            meta = _html_meta((EXAMPLES / info["file"]).read_text(encoding="utf-8"))
            assert meta["h1"] == info["title"], article_id
            assert meta["og:site_name"] == info["outlet"], article_id
            assert meta["article:published_time"] == info["published"], article_id
            assert meta["author"] == info["author"], article_id
            assert info["domain"] in meta["og:url"], article_id
        else:
            row = _jsonl_row(info)
            assert row["url"] == article_id
            for key in ("title", "published", "outlet", "author"):
                assert row[key] == info[key], (article_id, key)
            assert info["domain"] in row["url"], article_id


def test_outlets_are_fictional():
    for article_id, info in INFO.items():
        if info["domain"]:
            assert info["domain"].endswith(".example"), article_id


def test_article_lengths_are_news_like():
    for article_id, info in INFO.items():
        words = len(body(article_id).split())
        low = 150 if EXPECTED["events"][info["event"]].get("distractor") else 250
        assert low <= words <= 600, (article_id, words)


# ------------------------------------------------------------------ corpus design


def test_events_have_enough_outlets_kinds_and_formats():
    assert len(MAIN_EVENTS) >= 2
    formats = set()
    for name in MAIN_EVENTS:
        ids = EXPECTED["events"][name]["articles"]
        declared = {INFO[a]["outlet"] for a in ids if INFO[a]["format"] != "txt"}
        assert len(declared) >= 4, f"{name}: four outlets even without the undated, unsigned txt files"
        assert {INFO[a]["kind"] for a in ids} >= {"preview", "report"}, name
        formats |= {INFO[a]["format"] for a in ids}
    assert formats >= {"txt", "html", "jsonl-text", "jsonl-html"}


def test_stories_partition_the_corpus_by_event():
    stories = [set(s) for s in EXPECTED["stories"]]
    assert sum(len(s) for s in stories) == len(set().union(*stories)) == len(INFO)
    by_event = defaultdict(set)
    for article_id, info in INFO.items():
        by_event[info["event"]].add(article_id)
    assert sorted(map(sorted, stories)) == sorted(map(sorted, by_event.values()))
    for name, event in EXPECTED["events"].items():
        assert set(event["articles"]) == by_event[name]


def test_a_distractor_of_the_same_kind_is_planted():
    distractors = [e for e in EXPECTED["events"].values() if e.get("distractor")]
    assert distractors
    for event in distractors:
        assert event["same_kind_as"] in MAIN_EVENTS


# ----------------------------------------------------- every referenced string exists


def test_boilerplate_is_on_the_page_but_outside_the_body():
    for article_id, strings in EXPECTED["boilerplate_removed"].items():
        text, kept = page(article_id), body(article_id)
        for s in strings:
            assert s in text, (article_id, s)
            assert s not in kept, (article_id, s)


def test_body_strings_are_in_the_body():
    for article_id, strings in EXPECTED["body_kept"].items():
        for s in strings:
            assert s in body(article_id), (article_id, s)


def test_quotes_and_speakers_are_in_their_articles():
    kinds = defaultdict(set)
    for q in EXPECTED["quotes"]:
        text = body(q["article"])
        assert q["text"] in text, q
        assert q["speaker"].split()[-1] in text, q
        if q.get("told_to"):
            assert q["told_to"] in text, q
        kinds[INFO[q["article"]]["event"]].add(q["kind"])
    for name in MAIN_EVENTS:
        assert kinds[name] == {"direct", "partial", "indirect"}, name


def test_figures_are_in_their_articles():
    for fig in EXPECTED["figures"]:
        for article_id, s in fig["in"].items():
            assert s in body(article_id), (fig["measures"], article_id, s)


def test_conflicting_figures_differ_and_are_attributed_differently():
    assert EXPECTED["conflicting_figures"]
    for conflict in EXPECTED["conflicting_figures"]:
        for v in conflict["values"]:
            assert v["text"] in body(v["article"]), v
            assert v["attribution_text"] in body(v["article"]), v
        values = {v["value"]: v["attributed_to"] for v in conflict["values"]}
        assert len(values) >= 2, conflict["measures"]
        assert len(set(values.values())) >= 2, "each value comes from a different source"
        outlets = {INFO[v["article"]]["outlet"] for v in conflict["values"]}
        assert len(outlets) >= 2


def test_derivation_evidence():
    assert EXPECTED["derivation"]
    for d in EXPECTED["derivation"]:
        src, der = body(d["from"]), body(d["derived"])
        assert INFO[d["from"]]["outlet"] != INFO[d["derived"]]["outlet"]
        assert _published(d["from"]) < _published(d["derived"])
        for pair in d["shared_evidence"]:
            assert pair["source"] in src and pair["derived"] in der, pair
        for s in d["dropped_in_derived"]:
            assert s in src and s not in der, s
        for s in d["added_in_derived"]:
            assert s in der and s not in src, s
        for a in d["dropped_attributions"]:
            assert a["source_text"] in src and a["source_text"] not in der, a
            if a["derived_text"]:
                assert a["derived_text"] in der, a
        agency_short = d["agency"].split("(")[-1].rstrip(")")
        assert agency_short in src and agency_short not in der


def test_lost_attributions():
    for lost in EXPECTED["attribution_lost"]:
        derived, original = body(lost["article"]), body(lost["original"]["article"])
        assert lost["text"] in derived and lost["attributed_to"] in derived, lost
        assert lost["original"]["text"] in original, lost
        surname = lost["original"]["speaker"].split()[-1]
        assert surname in original and surname not in derived, lost


def test_expectations_are_settled_by_later_articles():
    outcomes = defaultdict(set)
    for item in EXPECTED["expected_then_happened"]:
        for article_id, s in {**item["expected_in"], **item["happened_in"]}.items():
            assert s in body(article_id), (item["topic"], article_id, s)
            assert INFO[article_id]["event"] == item["event"], item["topic"]
        dated = [_published(a) for a in item["expected_in"] if _published(a)]
        for later in item["happened_in"]:
            if _published(later):
                assert all(d < _published(later) for d in dated), item["topic"]
        outcomes[item["event"]].add(item["outcome"])
    for name in MAIN_EVENTS:
        assert "confirmed" in outcomes[name], name
        assert outcomes[name] & {"contradicted", "pending"}, name


def test_every_event_has_a_preview_before_its_report():
    for name in MAIN_EVENTS:
        ids = EXPECTED["events"][name]["articles"]
        previews = [_published(a) for a in ids if INFO[a]["kind"] == "preview" and _published(a)]
        reports = [_published(a) for a in ids if INFO[a]["kind"] == "report" and _published(a)]
        assert reports, name
        assert all(p < max(reports) for p in previews), name


def test_wording_variants_are_where_they_are_said_to_be():
    for variant in EXPECTED["wording_variants"]:
        for article_id in variant["in"]:
            assert any(w in body(article_id) for w in variant["same_thing"]), (variant, article_id)


def test_single_source_claims_are_in_one_article_only():
    for claim in EXPECTED["single_source_claims"]:
        holders = [a for a in INFO if claim["text"] in page(a)]
        assert holders == [claim["article"]], claim
