"""Article-body extraction quality on the scrapinghub benchmark layout.

Usage: python bench/extraction.py --data DIR [--runs 3]

DIR holds ``html/<id>.html.gz``, ``ground-truth.json`` ({id: {"articleBody": ...}})
and optionally ``published-tool-outputs/*.json`` (other tools' outputs in the
same shape, or wrapped as {"output": {...}}). The metric is the benchmark's own:
per page, precision and recall over 4-token shingles (tokens are ``\\w+`` runs,
case kept) counted as multisets and normalised by the page's tp+fp+fn; mean P
and mean R over pages; F1 of the two means. Our implementation is checked by
reproducing the published trafilatura figure before our own run is scored.

Thresholds in storyweave.extract were tuned on the dev half (even positions in
the sorted ids); the held-out half is reported separately to show overfitting.
Prints P/R/F1 (full, dev, held-out), the comparison table, pages/s (median of
``--runs`` runs) and, as the last line, ``F1 <value>``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from storyweave.extract import extract
from storyweave.records import Article, RawDocument

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens)


def page_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the benchmark leaves the page out."""
    gold, found = shingles(true), shingles(pred)
    tp, fp, fn = sum((gold & found).values()), sum((found - gold).values()), sum((gold - found).values())
    if fp == fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def score(truth: dict, predicted: dict[str, str], keys: list[str]) -> tuple[float, float, float]:
    pairs = [page_scores(truth[k].get("articleBody", ""), predicted.get(k, "")) for k in keys]
    p = statistics.mean(x for x, _ in pairs if x is not None)
    r = statistics.mean(y for _, y in pairs if y is not None)
    return p, r, 2 * p * r / (p + r)


def load_outputs(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data = data.get("output", data) if isinstance(data, dict) else data
    return {k: (v or {}).get("articleBody", "") or "" for k, v in data.items()}


def run_extractor(pages: dict[str, bytes]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    texts = {}
    for key, content in pages.items():
        result = extract(RawDocument(source=f"{key}.html", content=content, kind="html"))
        texts[key] = result.text if isinstance(result, Article) else ""
    return texts, time.perf_counter() - start


def fmt(name: str, prf: tuple[float, float, float]) -> str:
    return f"{name:<24} P {prf[0]:.3f}  R {prf[1]:.3f}  F1 {prf[2]:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median reported)")
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    dev, held = keys[0::2], keys[1::2]
    pages = {k: gzip.decompress((args.data / "html" / f"{k}.html.gz").read_bytes()) for k in keys}

    published = {p.stem: load_outputs(p) for p in sorted((args.data / "published-tool-outputs").glob("*.json"))}
    if "trafilatura" in published:
        print("scorer check: " + fmt("published trafilatura", score(truth, published["trafilatura"], keys)))

    timings, texts = [], {}
    for _ in range(max(1, args.runs)):
        texts, seconds = run_extractor(pages)
        timings.append(seconds)
    full = score(truth, texts, keys)
    print(fmt("storyweave (full)", full))
    print(fmt(f"storyweave (dev, {len(dev)})", score(truth, texts, dev)))
    print(fmt(f"storyweave (held-out, {len(held)})", score(truth, texts, held)))
    print("\ncomparison (full set, sorted by F1):")
    table = {name: score(truth, out, keys) for name, out in published.items() if out.keys() >= set(keys)}
    table["** storyweave **"] = full
    for name, prf in sorted(table.items(), key=lambda item: -item[1][2]):
        print("  " + fmt(name, prf))
    speed = len(keys) / statistics.median(timings)
    print(f"\nspeed: {speed:.1f} pages/s (median of {len(timings)} runs over {len(keys)} pages)")
    print(f"F1 {full[2]:.3f}")


if __name__ == "__main__":
    sys.exit(main())
