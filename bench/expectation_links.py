"""Precision and recall of expected -> happened links against hand labels.

    python bench/expectation_links.py --db FILE --labels LABELS.json [--stories GOLD.json]

LABELS holds ``expected_then_happened`` items in the format of
examples/expected.json: ``expected_in`` and ``happened_in`` map an article key
(file name, its first three characters, or URL) to an exact substring (or a
list of them), ``outcome`` is confirmed / contradicted / pending. Stories come
from the store, or from GOLD's ``stories`` / ``same_story`` membership when the
store has none (before clustering ran).

A *link* is one expected sentence of a confirmed or contradicted expectation
with the outcome sentence the cross-check chose. It is right when a labelled
item holds both sentences and gives a non-pending outcome. Precision is over
the links found; recall over the labelled expected sentences of non-pending
items (each found in a right link); status accuracy over every labelled
expected sentence found in a ledger.
Last line: ``link-f1 <v>``. ``evaluate`` is the scoring alone (tests pin floors with it).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyweave.crosscheck import check_story
from storyweave.records import Story
from storyweave.store import open_store


def keys(article) -> set[str]:
    name = Path(article.source).name
    return {name, name[:3], article.url or "", article.source}


def as_list(v) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def stories_of(store, gold: Path | None) -> list[Story]:
    stories = store.stories()
    if stories or gold is None:
        return stories
    data = json.loads(gold.read_text())
    arts = list(store.articles())
    groups = data.get("stories") or [data["same_story"]]
    return [Story(f"gold-{n}", "", None, None, tuple(a.id for a in arts if keys(a) & set(g)), ())
            for n, g in enumerate(groups)]


def links_of(expectations) -> list[tuple]:
    """(expected mention, outcome mention | None, status) for every expected sentence of a ledger."""
    return [(m, e.outcome[0] if e.outcome else None, e.status) for e in expectations for m in e.expected]


def evaluate(items: list[dict], articles, links: list[tuple]) -> dict:
    """Score ``links`` (from ``links_of``) against labelled ``items`` about ``articles``."""
    key_of = {k: a.id for a in articles for k in keys(a) if k}
    # labelled expected sentence -> (item index, article id, substring)
    wanted = [(n, key_of[k.strip()], s) for n, it in enumerate(items) for k, v in it["expected_in"].items()
              for s in as_list(v) if k.strip() in key_of]

    def item_of(m) -> int | None:
        return next((n for n, aid, s in wanted if aid == m.article_id and s in m.text), None)

    def outcome_ok(n: int, o) -> bool:
        return o is not None and any(key_of.get(k.strip()) == o.article_id and s in o.text
                                     for k, v in items[n]["happened_in"].items() for s in as_list(v))

    found = [(m, o, st) for m, o, st in links if st != "pending"]
    right = [(m, o, st) for m, o, st in found
             if (n := item_of(m)) is not None and items[n]["outcome"] != "pending" and outcome_ok(n, o)]
    positives = [w for w in wanted if items[w[0]]["outcome"] != "pending"]
    recalled = sum(any(aid == m.article_id and s in m.text for m, _, _ in right) for _, aid, s in positives)
    statuses = [(items[n]["outcome"], st) for m, _, st in links if (n := item_of(m)) is not None]
    precision = len(right) / len(found) if found else 1.0
    recall = recalled / len(positives) if positives else 1.0
    return {
        "found": found, "right": right, "positives": positives, "wanted": wanted, "item_of": item_of,
        "statuses": statuses, "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "status_accuracy": sum(a == b for a, b in statuses) / len(statuses) if statuses else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--labels", required=True, type=Path)
    parser.add_argument("--stories", type=Path, help="gold story membership when the store has no stories")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every link and miss")
    args = parser.parse_args()
    items = json.loads(args.labels.read_text())["expected_then_happened"]
    store = open_store(args.db)
    try:
        arts = {a.id: a for a in store.articles()}
        links = []
        for story in stories_of(store, args.stories):
            facts = {i: f for i in story.article_ids if (f := store.facts(i)) is not None}
            links += links_of(check_story(story, list(arts.values()), facts,
                                          store.derivations(story.article_ids)).expectations)
    finally:
        store.close()
    r = evaluate(items, arts.values(), links)
    if args.verbose:
        for m, o, st in links:
            n = r["item_of"](m)
            mark = "+" if (m, o, st) in r["right"] else ("?" if n is None else "-")
            gold = items[n]["outcome"] if n is not None else "-"
            print(f"{mark} {st:12} gold={gold:12} E: {m.text[:90]!r}\n{'':29}O: {(o.text[:90] if o else None)!r}")
        for n, aid, s in r["wanted"]:
            if not any(aid == m.article_id and s in m.text for m, _, _ in links):
                print(f"  not an expectation: {s[:90]!r}")
    statuses = r["statuses"]
    print(f"links found {len(r['found'])}  right {len(r['right'])}  labelled {len(r['positives'])}")
    print(f"status accuracy {r['status_accuracy']:.3f} ({sum(a == b for a, b in statuses)}/{len(statuses)} "
          f"labelled sentences found; {len(r['wanted'])} labelled)")
    print(f"precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    print(f"link-f1 {r['f1']:.3f}")


if __name__ == "__main__":
    main()
