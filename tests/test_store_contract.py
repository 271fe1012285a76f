"""The Store contract, run against every backend available here."""

from __future__ import annotations

import pytest

from storyweave.errors import NotFound, StoreError
from storyweave.ids import article_id, content_hash
from storyweave.records import (
    AlignedSpan, Article, ArticleFacts, Derivation, Figure, Quote, Rejected, Story,
)
from storyweave.store import open_store


def make_article(n: int, url: str | None = None, text: str | None = None) -> Article:
    text = text or f"Body of article number {n}. It has two sentences."
    h = content_hash(text)
    return Article(
        id=article_id(url, h), source=f"/tmp/a{n}.txt", url=url, outlet=f"Outlet {n}", title=f"Title {n}",
        authors=("Ann Writer",), published=f"2025-02-0{n % 9 + 1}", language="en", text=text,
        paragraphs=((0, len(text)),), extraction_method="text", extraction_confidence=0.9, content_hash=h, position=n,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "contract.db"))
    else:
        url = request.getfixturevalue("postgres_url")
        s = open_store(url)
        s._execute("DROP SCHEMA public CASCADE")  # each test starts from an empty database
        s._execute("CREATE SCHEMA public")
        s.close()
        s = open_store(url)
    yield s
    s.close()


def test_articles_round_trip_and_dedup(store):
    a, b = make_article(1), make_article(2, url="https://example.com/b")
    res = store.add_batch([a, b], [Rejected("/x.bin", "ingest", "binary", "NUL bytes")])
    assert set(res.added) == {a.id, b.id}
    assert store.article(a.id) == a
    assert store.find_article(b.id[:6]) == b
    # the same text again (other path) and the same URL again (other text) add nothing
    again = make_article(3, text=a.text)
    same_url = make_article(4, url="https://example.com/b")
    res2 = store.add_batch([again, same_url], [])
    assert res2.added == () and len(res2.existing) == 2
    assert store.counts()["articles"] == 2
    assert [r.reason for r in store.rejections()] == ["binary"]
    assert store.has_source(a.source) and not store.has_source("/nowhere.txt")
    assert store.next_position() == 3


def test_find_article_by_the_outlet_label_a_brief_cites(store):
    from dataclasses import replace

    seed = replace(make_article(1), outlet="004_5fd63220c0a3b547")
    local = replace(make_article(2), outlet="03_saltmere-evening-post_what-happens-next")
    named, twice = make_article(5), [replace(make_article(n), outlet="Wire_Daily") for n in (6, 7)]
    store.add_batch([seed, local, named, *twice], [])
    plain = replace(make_article(3), outlet="05_harbour-post")
    store.add_batch([plain], [])
    found = [store.find_article(x).id for x in ("004", "saltmere-evening-post", "outlet 5", "harbour-post")]
    assert found == [seed.id, local.id, named.id, plain.id]
    for ambiguous in ("Wire_Daily", "Wire"):
        with pytest.raises(NotFound, match="more than one"):
            store.find_article(ambiguous)
    for unknown in ("5fd6_", "zzz"):
        with pytest.raises(NotFound, match="no article"):
            store.find_article(unknown)


def test_failed_batch_keeps_earlier_batches(store):
    store.add_batch([make_article(1)], [])

    bad = make_article(2)
    object.__setattr__(bad, "authors", object())  # not serialisable: the batch must fail as a whole
    with pytest.raises((StoreError, TypeError)):
        store.add_batch([make_article(5), bad], [Rejected("/y", "ingest", "empty", "")])
    assert store.counts()["articles"] == 1
    assert store.rejections() == []


def test_facts_derivations_stories_blobs(store):
    a, b = make_article(1), make_article(2)
    store.add_batch([a, b], [])
    facts = ArticleFacts(
        a.id, "report",
        figures=(Figure(a.id, (0, 4), "Body", 54000.0, "people", also=((806e9, "GBP"),)),),
        quotes=(Quote(a.id, (5, 7), "of", "direct", "Ann", (0, 3)),),
    )
    store.put_facts([facts])
    assert store.facts(a.id) == facts
    assert store.facts(b.id) is None
    d = Derivation(b.id, a.id, "rewrite", 0.8, evidence=(AlignedSpan((0, 5), (0, 5), 0.9),),
                   dropped_attributions=({"speaker": "Ann"},))
    store.put_derivations([d])
    assert store.derivations([a.id]) == [d]
    s = Story("s1", "Title 1", "2025-02-02", "2025-02-03", (a.id, b.id), ("Outlet 1", "Outlet 2"))
    store.put_stories([s])
    assert store.stories() == [s] and store.story("s1") == s and store.story_of(b.id) == "s1"
    store.delete_stories(["s1"])
    assert store.stories() == [] and store.story_of(a.id) is None
    store.put_blob("x", b"\x00\x01")
    assert store.blob("x") == b"\x00\x01" and store.blob("y") is None
    with pytest.raises(NotFound):
        store.story("nope")
