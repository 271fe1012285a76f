"""Story clustering benchmark: quality against gold stories, speed, latency at scale.

    python bench/clustering.py --data ../shared/data/clustering/ecbplus-dev.jsonl
    python bench/clustering.py --data ../shared/data/clustering/uci-headlines-sample.csv
    python bench/clustering.py --data FILE --topics odd|even    # dev half / held-out half
    python bench/clustering.py --data FILE --fit                # refit the pair models on the dev half
    python bench/clustering.py --data FILE --cv                 # leave-topics-out estimate within the dev half
    python bench/clustering.py --data FILE --fit|--cv --all-topics  # over every topic (--cv adds dev-half refits)
    python bench/clustering.py --scale 100000 [--data FILE]     # assignment latency with N stored
    ... [--order-seed N] [--contrast X] [--fragment X]          # shuffled arrival; repair settings
    ... --extract                                               # texts through extraction, as `storyweave run` reads them

Data: JSONL lines ``{id, text, story, title?, published?, topic?}`` or a CSV with
TITLE and STORY columns (the UCI News Aggregator layout; TIMESTAMP in ms and
PUBLISHER are used when present). Prints BCubed P/R/F1, pairwise P/R/F1, ARI and
articles/s for storyweave, then the topic-merge baseline (when ``topic`` is
present) and single-pass TF-IDF cosine clustering at its best threshold in
hindsight. The last line is ``bcubed-f1 <v>`` for storyweave.

``--extract`` passes each record's text through the extraction stage as a text
file (title detection, boilerplate lines, date lines read as the date), as
``storyweave run`` does with a JSONL file; records it rejects are left out.

Halves: with ``topic``, "odd" (the dev half every constant was chosen on) is
topic % 4 == 1 and "even" the rest; without it, the halves are stories with
crc32(story) even ("odd", dev) or odd ("even", held out).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyweave.cluster import StoryClusterer  # noqa: E402
from storyweave.cluster.features import ArticleFeatures, featurize  # noqa: E402
from storyweave.cluster.online import processing_order  # noqa: E402
from storyweave.cluster.similarity import PairModel, Profile, pair_features  # noqa: E402
from storyweave.extract import extract  # noqa: E402
from storyweave.records import Article, RawDocument  # noqa: E402


# ------------------------------------------------------------------ data
def load(path: Path) -> tuple[list[Article], list[str], list[str | None]]:
    """Articles (in file order), gold stories and topics."""
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _jsonl_rows(path)
    articles = [
        Article(id=str(r["id"]), source=f"{path.name}#{i}", url=None, outlet=r.get("outlet") or "", title=r.get("title") or "",
                authors=(), published=r.get("published"), language="en", text=r["text"], paragraphs=(),
                extraction_method="bench", extraction_confidence=1.0, position=i)
        for i, r in enumerate(rows)
    ]  # fmt: skip
    return articles, [str(r["story"]) for r in rows], [r.get("topic") for r in rows]


def extracted(articles: list[Article], *columns: list) -> tuple[list, ...]:
    """The articles as the extraction stage makes them from their text (id, outlet, title and date
    as declared), with ``columns`` (gold, topics) kept in step; rejected records are dropped."""
    out: list[tuple] = []
    for a, *rest in zip(articles, *columns):
        meta = {"title": a.title or None, "published": a.published, "outlet": a.outlet or None}
        made = extract(RawDocument(source=a.source, content=a.text.encode(), kind="text", metadata=meta, position=a.position))
        if isinstance(made, Article):
            out.append((replace(made, id=a.id), *rest))
    return tuple(list(col) for col in zip(*out)) if out else tuple([] for _ in range(1 + len(columns)))


def _jsonl_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for i, r in enumerate(rows):
        stamp = r.get("TIMESTAMP")
        published = datetime.fromtimestamp(int(stamp) / 1000, timezone.utc).isoformat() if stamp else None
        out.append({"id": r.get("ID") or i, "title": r["TITLE"], "text": r["TITLE"], "story": r["STORY"],
                    "published": published, "outlet": r.get("PUBLISHER")})  # fmt: skip
    return out


# --------------------------------------------------------------- metrics
def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    pred_sets, gold_sets = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        pred_sets[p].add(i)
        gold_sets[g].add(i)
    p = r = 0.0
    for i, (pc, gc) in enumerate(zip(pred, gold)):
        both = len(pred_sets[pc] & gold_sets[gc])
        p += both / len(pred_sets[pc])
        r += both / len(gold_sets[gc])
    p, r = p / len(pred), r / len(pred)
    return p, r, _f1(p, r)


def pairwise(pred: list, gold: list) -> tuple[float, float, float]:
    pairs = lambda labels: sum(c * (c - 1) // 2 for c in Counter(labels).values())  # noqa: E731
    both = pairs(list(zip(pred, gold)))
    p = both / pairs(pred) if pairs(pred) else 1.0
    r = both / pairs(gold) if pairs(gold) else 1.0
    return p, r, _f1(p, r)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(name: str, pred: list, gold: list, extra: str = "") -> float:
    from sklearn.metrics import adjusted_rand_score

    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    ari = adjusted_rand_score(gold, pred)
    print(f"{name:<22} bcubed P {bp:.4f} R {br:.4f} F1 {bf:.4f} | pairwise P {pp:.4f} R {pr:.4f} F1 {pf:.4f} "
          f"| ARI {ari:.4f} | stories {len(set(pred))} {extra}")  # fmt: skip
    return bf


def is_dev(topic, story: str) -> bool:
    """The half every constant is chosen on (see the module docstring)."""
    return int(topic) % 4 == 1 if topic is not None else zlib.crc32(story.encode()) % 2 == 0


# ------------------------------------------------------------- clustering
def cluster(ids: list[str], feats: list[ArticleFeatures], **params) -> tuple[list[str], list[float]]:
    """Story ids (input order) and per-article assignment seconds."""
    clusterer, seconds = StoryClusterer(**params), []
    for aid, f in zip(ids, feats):
        t = time.perf_counter()
        clusterer.add(aid, f)
        seconds.append(time.perf_counter() - t)
    return [clusterer.story_of(a) for a in ids], seconds


def single_pass_tfidf(texts: list[str], gold: list[str]) -> tuple[list[int], float]:
    """Single-pass centroid clustering over TF-IDF; best threshold in hindsight."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).tocsr()
    rows = [dict(zip(matrix[i].indices, matrix[i].data)) for i in range(matrix.shape[0])]
    best = (-1.0, 0.0, [])
    for threshold in np.arange(0.05, 0.80, 0.025):
        pred = _single_pass(rows, threshold)
        f = bcubed(pred, gold)[2]
        best = max(best, (f, float(threshold), pred), key=lambda b: b[0])
    return best[2], best[1]


def _single_pass(rows: list[dict], threshold: float) -> list[int]:
    postings: dict[int, dict[int, float]] = defaultdict(dict)  # term -> cluster -> summed weight
    norms2: list[float] = []
    pred = []
    for x in rows:
        dots: dict[int, float] = defaultdict(float)
        for t, w in x.items():
            for c, s in postings[t].items():
                dots[c] += w * s
        c, dot = max(((c, d / norms2[c] ** 0.5) for c, d in dots.items()), key=lambda cd: cd[1], default=(-1, 0.0))
        if dot < threshold:
            c, dot = len(norms2), 0.0
            norms2.append(0.0)
        else:
            dot = dots[c]
        norms2[c] += 2 * dot + sum(w * w for w in x.values())
        for t, w in x.items():
            postings[t][c] = postings[t].get(c, 0.0) + w
        pred.append(c)
    return pred


# -------------------------------------------------------------------- fit
LINK_NEIGHBOURS = 30  # earlier articles paired with each article when fitting the link model
FIT_C = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse regularisation strengths compared by leave-groups-out CV
JOIN_SWEEP = (0.1, 0.2, 0.3, 0.4)
LINK_SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7)
CV_FOLDS = 4  # --cv: folds of whole topics (GroupKFold balances their sizes)


def fit(ids: list[str], feats: list[ArticleFeatures], gold: list[str], groups: list, repair: dict) -> None:
    """Fit the join and link models for the data's kind of input, then sweep both thresholds."""
    join, link = fit_models(ids, feats, gold, groups, verbose=True)
    for (threshold, link_threshold), f1 in sweep(ids, feats, gold, join, link, repair).items():
        print(f"join {threshold:.2f} link {link_threshold:.2f} bcubed-f1 {f1:.4f}", flush=True)


def sweep(ids: list[str], feats: list[ArticleFeatures], gold: list[str], join: tuple, link: tuple,
          repair: dict) -> dict:  # fmt: skip
    """BCubed F1 of clustering with the fitted models at every (join, link) threshold pair."""
    out = {}
    for threshold in JOIN_SWEEP:
        for link_threshold in LINK_SWEEP:
            models = _models(_kind(feats), join, link, (threshold, link_threshold), repair)
            out[threshold, link_threshold] = bcubed(cluster(ids, feats, **models)[0], gold)[2]
    return out


def _models(kind: str, join: tuple, link: tuple, thresholds: tuple[float, float], repair: dict) -> dict:
    """StoryClusterer arguments: fitted (weights, bias) at these thresholds; the link model keeps
    the pinned repair settings (contrast, fragment) unless ``repair`` overrides them."""
    pinned = getattr(StoryClusterer(), f"{kind}_links")
    link_model = replace(pinned, weights=link[0], bias=link[1], threshold=thresholds[1], **repair)
    return {kind: PairModel(*join, thresholds[0]), f"{kind}_links": link_model}


def _pinned(feats: list[ArticleFeatures], repair: dict) -> dict:
    """StoryClusterer arguments: the pinned models, repair settings overridden by ``repair``."""
    kind = _kind(feats)
    return {f"{kind}_links": replace(getattr(StoryClusterer(), f"{kind}_links"), **repair)} if repair else {}


def cross_validate(ids: list[str], feats: list[ArticleFeatures], gold: list[str], groups: list,
                   dev: list[bool], repair: dict) -> None:  # fmt: skip
    """Leave-groups-out estimate of the whole method: refit both models without a fold's topics,
    cluster that fold, and score the pooled predictions. Estimates: "pinned" thresholds;
    "chosen", both thresholds picked by sweeping the training folds too; and, when the data
    spans both halves, "dev-half", the models refitted on the training folds' dev half only."""
    from sklearn.model_selection import GroupKFold

    kind, defaults = _kind(feats), StoryClusterer()
    pinned = (getattr(defaults, kind).threshold, getattr(defaults, f"{kind}_links").threshold)
    pred = {name: [""] * len(ids) for name in ("pinned", "chosen", "dev-half")[: 2 + (not all(dev))]}
    pick = lambda seq, rows: [seq[i] for i in rows]  # noqa: E731

    def fit_on(rows: list[int]) -> tuple:
        return fit_models(pick(ids, rows), pick(feats, rows), pick(gold, rows), pick(groups, rows))

    for fold, (train, test) in enumerate(GroupKFold(min(CV_FOLDS, len(set(groups)))).split(ids, groups=groups)):
        join, link = fit_on(train)
        scores = sweep(pick(ids, train), pick(feats, train), pick(gold, train), join, link, repair)
        chosen = max(scores, key=lambda t: (round(scores[t], 3), t == pinned))  # ties (to 0.001) keep the pinned pair
        print(f"fold {fold}: training-fold F1 {scores[chosen]:.4f} at join {chosen[0]} link {chosen[1]} "
              f"(pinned {pinned[0]} / {pinned[1]}: {scores[pinned]:.4f})")  # fmt: skip
        variants = {"pinned": (join, link, pinned), "chosen": (join, link, chosen)}
        if "dev-half" in pred:
            variants["dev-half"] = (*fit_on([i for i in train if dev[i]]), pinned)
        for name, (join_fit, link_fit, (threshold, link_threshold)) in variants.items():
            models = _models(kind, join_fit, link_fit, (threshold, link_threshold), repair)
            fold_pred, _ = cluster(pick(ids, test), pick(feats, test), **models)
            for i, p in zip(test, fold_pred):
                pred[name][i] = f"{fold}:{p}"
            report(f"fold {fold} {name}", fold_pred, pick(gold, test), f"| groups {sorted(set(pick(groups, test)))}")
    for name in list(pred)[1:]:
        report(f"cv {name}", pred[name], gold)
    f1 = report("cv pinned", pred["pinned"], gold)
    print(f"cv-bcubed-f1 {f1:.4f}")


def _kind(feats: list[ArticleFeatures]) -> str:
    return "headline" if sum(f.headline_only for f in feats) * 2 > len(feats) else "full_text"


def fit_models(ids: list[str], feats: list[ArticleFeatures], gold: list[str], groups: list,
               verbose: bool = False) -> tuple[tuple[np.ndarray, float], tuple[np.ndarray, float]]:  # fmt: skip
    """(weights, bias) of the join and the link model.

    Join pairs are an article against each candidate story while replaying
    the gold assignment online; link pairs are an article against its
    LINK_NEIGHBOURS most similar earlier articles. Each model's
    regularisation is chosen by cross-validation that leaves whole
    ``groups`` (topics) out, so the weights are judged on events they never saw.
    """
    clusterer, story_of_gold = StoryClusterer(), {}
    join_x, join_y, join_g, link_x, link_y, link_g, missed, joins = [], [], [], [], [], [], 0, 0
    vectors = np.array([f.vector for f in feats])
    for i, (aid, f, g) in enumerate(zip(ids, feats, gold)):
        clusterer.vocab.see(f)
        cands = clusterer.candidates(f)
        target = story_of_gold.get(g)
        for s, _, x in cands:
            join_x.append(x)
            join_y.append(s == target)
            join_g.append(groups[i])
        joins += target is not None
        missed += target is not None and all(s != target for s, _, _ in cands)
        own = Profile.of(f)
        sims = vectors[:i] @ f.vector
        for j in np.argsort(-sims)[:LINK_NEIGHBOURS]:
            link_x.append(pair_features(clusterer.vocab, clusterer.profiles[j], own, float(sims[j])))
            link_y.append(gold[j] == g)
            link_g.append(groups[i])
        clusterer.commit(aid, f, target)
        story_of_gold.setdefault(g, clusterer.article_story[-1])
    if verbose:
        print(f"join pairs {len(join_y)} positives {sum(join_y)}; gold story missed by retrieval {missed}/{joins}")
        print(f"link pairs {len(link_y)} positives {sum(link_y)}")
    return _logistic("join", join_x, join_y, join_g, verbose), _logistic("link", link_x, link_y, link_g, verbose)


def _logistic(name: str, xs: list, ys: list, groups: list, verbose: bool) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic model, C chosen by leave-groups-out CV log-loss."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold, cross_val_predict

    x, y = np.array(xs), np.array(ys)
    folds = GroupKFold(min(5, len(set(groups))))
    losses = {}
    for c in FIT_C:
        p = cross_val_predict(LogisticRegression(C=c, max_iter=2000), x, y, groups=groups, cv=folds,
                              method="predict_proba")[:, 1]  # fmt: skip
        losses[c] = log_loss(y, p)
    best = min(losses, key=losses.get)
    model = LogisticRegression(C=best, max_iter=2000).fit(x, y)
    if verbose:
        print(f"{name}: CV log-loss " + " ".join(f"C={c}:{v:.4f}" for c, v in losses.items()) + f"; C={best}")
        print(f"{name} weights", np.array2string(model.coef_[0], precision=3, separator=", ", max_line_width=200),
              f"bias {float(model.intercept_[0]):.3f}")  # fmt: skip
    return model.coef_[0], float(model.intercept_[0])


# ------------------------------------------------------------------ scale
SCALE_QUERIES = 300  # timed assignments (real articles from --data when given)


def scale(n: int, queries: list[tuple[str, ArticleFeatures]], featurize_seconds: float) -> None:
    """p50/p95 of the real ``add`` path with ``n`` synthetic articles stored."""
    rng = np.random.default_rng(0)
    dim = queries[0][1].vector.shape[0] if queries else 384
    clusterer = StoryClusterer(dim)
    vocab = [f"w{i}" for i in range(50_000)]
    names = [f"n{i}" for i in range(20_000)]
    centres = rng.standard_normal((max(n // 8, 1), dim)).astype(np.float32)
    zipf = lambda k, size: [k[min(int(z), len(k)) - 1] for z in rng.zipf(1.3, size)]  # noqa: E731
    t0 = time.perf_counter()
    filler = []
    for i in range(n):
        centre = int(rng.integers(len(centres)))
        v = centres[centre] + 0.5 * rng.standard_normal(dim).astype(np.float32)
        f = ArticleFeatures(v / np.linalg.norm(v), Counter(zipf(vocab, 120)), Counter(zipf(names, 15)),
                            Counter(str(x) for x in rng.integers(0, 2000, 8)), frozenset({2000 + i % 25}), None,
                            2000 + centre % 25)  # fmt: skip
        filler.append((f"filler{i}", f, str(centre)))
    clusterer.preload(filler)  # bulk: one story per centre; the timed assignments below go through add()
    print(f"filled {n} articles in {time.perf_counter() - t0:.1f} s ({len(clusterer.stories)} stories)")
    seconds, cpu = [], []
    for aid, f in queries:
        t, c = time.perf_counter(), time.process_time()
        clusterer.add(f"q-{aid}", f)
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    percentiles = lambda xs: (xs[len(xs) // 2], xs[int(0.95 * (len(xs) - 1))], xs[-1])  # noqa: E731
    p50, p95, top = percentiles(sorted(s * 1000 for s in seconds))
    c50, c95, ctop = percentiles(sorted(s * 1000 for s in cpu))
    print(f"assignment latency with {n} stored: p50 {p50:.2f} ms p95 {p95:.2f} ms max {top:.2f} ms "
          f"over {len(seconds)} articles")  # fmt: skip
    print(f"assignment CPU time (all threads; steadier on a shared machine): p50 {c50:.2f} ms p95 {c95:.2f} ms "
          f"max {ctop:.2f} ms")  # fmt: skip
    print(f"features (embedding + spaCy) per article: {1000 * featurize_seconds:.1f} ms, outside the assignment")
    print(f"p95-ms {p95:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--topics", choices=("all", "odd", "even"), default="all",
                    help="odd: the dev half (topic %% 4 == 1, or crc32(story) even); even: the held-out half")  # fmt: skip
    ap.add_argument("--fit", action="store_true", help="fit the pair models on the odd half and sweep thresholds")
    ap.add_argument("--cv", action="store_true", help="leave-topics-out estimate of refitting on the odd half")
    ap.add_argument("--all-topics", action="store_true", help="--fit / --cv on every topic instead of the odd half")
    ap.add_argument("--scale", type=int, default=0, help="latency with this many synthetic articles stored")
    ap.add_argument("--order-seed", type=int, help="shuffle the file order (undated articles arrive in it)")
    ap.add_argument("--contrast", type=float, help="override the link model's contrast (repair.py)")
    ap.add_argument("--fragment", type=float, help="override the link model's fragment threshold (repair.py)")
    ap.add_argument("--extract", action="store_true", help="texts through the extraction stage, as storyweave run reads them")
    args = ap.parse_args()
    repair = {k: v for k, v in (("contrast", args.contrast), ("fragment", args.fragment)) if v is not None}
    articles, gold, topics = load(args.data) if args.data else ([], [], [])
    if args.extract:
        n = len(articles)
        articles, gold, topics = extracted(articles, gold, topics)
        print(f"--extract: {n - len(articles)} of {n} records rejected by extraction, "
              f"{sum(a.published is not None for a in articles)} dated")
        if not articles:
            sys.exit("--extract: extraction rejected every record (bare headlines are too short to be articles)")
    if args.order_seed is not None:  # the permutation is the new arrival order
        rank = np.argsort(np.random.default_rng(args.order_seed).permutation(len(articles)))
        articles = [replace(a, position=int(r)) for a, r in zip(articles, rank)]
    if ((args.fit or args.cv) and not args.all_topics) or args.topics != "all":
        dev = args.fit or args.cv or args.topics == "odd"
        keep = [i for i, (t, g) in enumerate(zip(topics, gold)) if is_dev(t, g) == dev]
        articles, gold, topics = [articles[i] for i in keep], [gold[i] for i in keep], [topics[i] for i in keep]
    order = processing_order(articles)
    articles, gold, topics = [articles[i] for i in order], [gold[i] for i in order], [topics[i] for i in order]
    if args.scale:
        articles = articles[:SCALE_QUERIES]  # only these are timed; no need to featurize the rest
    t = time.perf_counter()
    feats = featurize(articles)
    featurize_seconds = time.perf_counter() - t
    ids = [a.id for a in articles]
    if args.scale:
        per_article = featurize_seconds / max(len(articles), 1)
        queries = list(zip(ids, feats)) or _random_queries(SCALE_QUERIES)
        return scale(args.scale, queries, per_article)
    groups = [t if t is not None else zlib.crc32(g.encode()) % 10 for t, g in zip(topics, gold)]
    if args.fit:
        return fit(ids, feats, gold, groups, repair)
    if args.cv:
        return cross_validate(ids, feats, gold, groups, [is_dev(t, g) for t, g in zip(topics, gold)], repair)
    pred, seconds = cluster(ids, feats, **_pinned(feats, repair))
    total = featurize_seconds + sum(seconds)
    print(f"{args.data.name}: {len(articles)} articles, {len(set(gold))} gold stories")
    if any(t is not None for t in topics):
        report("baseline topic-merge", topics, gold)
    tfidf_pred, threshold = single_pass_tfidf([f"{a.title}\n{a.text}" for a in articles], gold)
    report("baseline tfidf-1pass", tfidf_pred, gold, f"(best threshold {threshold:.3f} in hindsight)")
    f1 = report("storyweave", pred, gold, f"| {len(articles) / total:.1f} articles/s "
                f"(features {featurize_seconds:.1f} s, assignment {sum(seconds):.2f} s, "
                f"median {1000 * statistics.median(seconds):.2f} ms)")  # fmt: skip
    print(f"bcubed-f1 {f1:.4f}")


def _random_queries(n: int) -> list[tuple[str, ArticleFeatures]]:
    rng = np.random.default_rng(1)
    out = []
    for i in range(n):
        v = rng.standard_normal(384).astype(np.float32)
        out.append((f"r{i}", ArticleFeatures(v / np.linalg.norm(v), Counter({"w1": 2}), Counter({"n1": 1}),
                                             Counter(), frozenset(), None)))  # fmt: skip
    return out


if __name__ == "__main__":
    main()
