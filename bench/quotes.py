"""Attribution benchmark on brat-standoff data laid out like PolNeAR.

Usage: python bench/quotes.py --data DIR [--split train dev] [--limit N] [--parse selective|full]
                              [--oracle-cues] [--agreement]

DIR holds one folder per split (train/, dev/, ...), each with ``text/NAME.txt``
and ``attributions/NAME_ANNOTATOR.ann``; a text annotated by several people has
several .ann files and each is scored as its own document against the same
prediction. Gold attributions are the brat events (``E`` lines) of type
Attribution / Attribution-no-source; their Source and Content spans (possibly
discontinuous, "a b;c d") are the gold. Predictions are
``storyweave.facts.quotes.attributions`` on the Doc the facts stage builds
(``--parse selective``, the default: ``storyweave.facts.pipeline.analyse``,
sentences cut at line breaks, the parser run only where ``needs_parse`` says)
or on a full parse with the same line-break sentence starts (``--parse full``).

Scores, for content and for source separately:

- **overlap** (the headline; Citron's token-overlap metric without its double count):
  spans are turned into sets of word tokens (``\\w+`` runs
  and single punctuation marks, by character offset); per document, precision
  is |predicted tokens ∩ gold tokens| / |predicted tokens| and recall is the
  same over gold tokens, both summed over documents (micro), F1 their harmonic
  mean. Citron sums per quote pair; we use token sets, which never count a
  token twice (see **citron** below for how far apart the two are).
- **citron**: Citron's own count (``CitronCount``, as ``citron/metrics.py`` sums it, on the
  tokens above rather than spaCy's): overlaps summed over every predicted x gold attribution
  pair. It double-counts tokens that several attributions share, so it runs well above the
  token-set overlap on PolNeAR (two annotations of one text can score over 100); printed so the
  figures can be set beside Citron's published ones, never as the headline.
- **span** (stricter): a predicted span matches a gold span of the same type
  when they share at least one token; matching is one-to-one, greedy by
  largest token overlap; P/R/F1 over span counts.
- **exact**: a predicted span matches a gold span when both have the same
  characters after trimming whitespace and surrounding punctuation and quotation
  marks; discontinuous gold spans are compared fragment by fragment
  (a content "A ... B" split around its cue counts two fragments).

``--agreement`` scores the annotators instead of the system: on texts several people annotated,
the first annotation against each other one, in both counts (the human ceiling of each).

``--oracle-cues`` is a diagnostic, not a result: the cue model is replaced by one that
knows the gold cue heads of each text (every annotator's), so the scores say what the
source and content rules make of perfect cue decisions, the ceiling of a better cue model
("according to" and "in" keep their own rules, and sentences the selective parse skips stay
unparsed: ``--parse full`` lifts that).

Speed: sentences per second through the whole analysis (NER, segmentation and
the parse, the cost of the stage) and through the attribution rules alone.

Last line: ``content-f1 <v> source-f1 <v>`` (overlap F1 on the last split, in %).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyweave.facts.quotes import attributions  # noqa: E402
from storyweave.facts.quotes_learned import CueModel, load_cue_model  # noqa: E402
from storyweave.nlp import load_nlp  # noqa: E402

_TOKEN = re.compile(r"\w+|[^\w\s]")
_TRIM = " \t\n.,;:!?\"'“”‘’`()[]—–-"


def read_events(ann: Path) -> list[dict[str, tuple[tuple[int, int], ...]]]:
    """Per attribution event of one .ann file, its Source and Content fragments (empty when absent)."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = tuple(tuple(int(x) for x in frag.split()) for frag in offsets.split(";") if frag.strip())
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return [{role: spans.get(ev.get(role), ()) for role in ("Source", "Content")}
            for ev in events if any(k.startswith("Attribution") for k in ev)]  # fmt: skip


def read_gold(ann: Path) -> dict[str, list[tuple[tuple[int, int], ...]]]:
    """Source and Content spans of the attribution events of one .ann file, each span once."""
    gold: dict[str, list] = {"Source": [], "Content": []}
    for event in read_events(ann):
        for role, frags in event.items():
            if frags and frags not in gold[role]:
                gold[role].append(frags)
    return gold


def tokens(text: str, frags) -> set[int]:
    """Start offsets of the word tokens inside the fragments."""
    out = set()
    for a, b in frags:
        out.update(m.start() + a for m in _TOKEN.finditer(text[a:b]))
    return out


def trimmed(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    a, b = span
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return (a, b) if b > a else None


class Score:
    def __init__(self):
        self.c = Counter()

    def add(self, text: str, pred: list, gold: list) -> None:
        ptok = set().union(*[tokens(text, s) for s in pred]) if pred else set()
        gtok = set().union(*[tokens(text, s) for s in gold]) if gold else set()
        self.c["ov_hit"] += len(ptok & gtok)
        self.c["ov_pred"] += len(ptok)
        self.c["ov_gold"] += len(gtok)
        self._span(text, pred, gold)
        pe = {t for s in pred for f in s if (t := trimmed(text, f))}
        ge = {t for s in gold for f in s if (t := trimmed(text, f))}
        self.c["ex_hit"] += len(pe & ge)
        self.c["ex_pred"] += len(pe)
        self.c["ex_gold"] += len(ge)

    def _span(self, text, pred, gold) -> None:
        pt = [tokens(text, s) for s in pred]
        gt = [tokens(text, s) for s in gold]
        pairs = sorted(((len(p & g), i, j) for i, p in enumerate(pt) for j, g in enumerate(gt) if p & g), reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
        self.c["sp_hit"] += len(used_p)
        self.c["sp_pred"] += len(pt)
        self.c["sp_gold"] += len(gt)

    def prf(self, key: str) -> tuple[float, float, float]:
        hit, pred, gold = self.c[f"{key}_hit"], self.c[f"{key}_pred"], self.c[f"{key}_gold"]
        p = hit / pred if pred else 0.0
        r = hit / gold if gold else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


class _Every(frozenset):
    """Every lemma: the gold cue model scores any token. (Not empty, so that it is not equal to
    the empty set of "no model" in the cue scorer's per-lemma-set cache.)"""

    def __contains__(self, item) -> bool:
        return True


_EVERY = _Every(("<every lemma>",))


class GoldCues(CueModel):
    """A cue model that knows the answer: the tokens heading a gold cue span of one text."""

    def __init__(self, heads: set[int]):
        shipped = load_cue_model()
        super().__init__({}, shipped.threshold, shipped.veto, _EVERY)
        self.heads = heads

    def probability_at(self, cols, i: int, lexicon_class: str) -> float:
        return 1.0 if i in self.heads else 0.0


class CitronCount:
    """Overlap counted as Citron's evaluate script counts it (``citron/metrics.py``): per
    document, every predicted attribution against every gold one, overlapping tokens summed over
    all those pairs; lengths summed per attribution. Nothing is matched one to one, so a token that
    two gold attributions share (a source of two cues, a content nested in another) counts once per
    pair, and recall or precision can exceed what any pairing gives. Printed for comparison with
    Citron's published figures only; the headline is the token-set overlap of ``Score``."""

    def __init__(self):
        self.c = Counter()

    def add(self, text: str, pred: list[dict], gold: list[dict]) -> None:
        for role in ("Source", "Content"):
            ptoks = [tokens(text, p[role]) for p in pred]
            gtoks = [tokens(text, g[role]) for g in gold]
            self.c[role, "hit"] += sum(len(p & g) for p in ptoks for g in gtoks)
            self.c[role, "pred"] += sum(map(len, ptoks))
            self.c[role, "gold"] += sum(map(len, gtoks))

    def prf(self, role: str) -> tuple[float, float, float]:
        hit, pred, gold = self.c[role, "hit"], self.c[role, "pred"], self.c[role, "gold"]
        p, r = (hit / pred if pred else 0.0), (hit / gold if gold else 0.0)
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def full_parse(nlp, text: str):
    """The whole pipeline on every sentence, with a sentence start after every line break."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def annotations(split_dir: Path) -> dict[str, list[Path]]:
    """Text name -> its .ann files (``NAME_ANNOTATOR.ann``), in annotator order."""
    anns: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    return anns


def agreement(split_dir: Path) -> None:
    """Annotators scored against each other: on every text several people annotated, the first
    one's attributions as the prediction against each other's, in both counts."""
    scores, citron, pairs = {"Content": Score(), "Source": Score()}, CitronCount(), 0
    for name, anns in annotations(split_dir).items():
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        first, first_events = read_gold(anns[0]), read_events(anns[0])
        for other in anns[1:]:
            pairs += 1
            gold = read_gold(other)
            for role, score in scores.items():
                score.add(text, first[role], gold[role])
            citron.add(text, first_events, read_events(other))
    print(f"== {split_dir.name}: annotator agreement over {pairs} pairs of annotations of one text")
    for role, score in scores.items():
        print(f"{role.lower():8s} overlap F1 {score.prf('ov')[2]:5.1f}  citron F1 {citron.prf(role)[2]:5.1f}")


def run_split(split_dir: Path, nlp, limit: int | None, parse: str, oracle: bool = False):
    texts = sorted((split_dir / "text").glob("*.txt"))[:limit]
    anns = annotations(split_dir)
    scores = {"Content": Score(), "Source": Score()}
    citron = CitronCount()
    raw = [p.read_text(encoding="utf-8") for p in texts]
    t0 = time.perf_counter()
    if parse == "full":
        docs = [full_parse(nlp, text) for text in raw]
    else:
        from storyweave.facts.pipeline import analyse

        docs = [analyse(text) for text in raw]
    parse_s = time.perf_counter() - t0
    n_sents = sum(1 for d in docs for _ in d.sents)
    t0 = time.perf_counter()
    if oracle:
        from train_attribution import cue_heads, gold_cues

        models = [GoldCues(cue_heads(d, gold_cues(anns.get(p.stem, [])))) for p, d in zip(texts, docs)]
    else:
        models = [None] * len(docs)
    predicted = [attributions(d, cue_model=m) for d, m in zip(docs, models)]
    find_s = time.perf_counter() - t0
    for path, text, atts in zip(texts, raw, predicted):
        pred = {
            "Content": [a.content for a in atts],
            "Source": list({(a.source,) for a in atts if a.source}),
        }
        pred_events = [{"Source": (a.source,) if a.source else (), "Content": a.content} for a in atts]
        for ann in anns.get(path.stem, []):
            gold = read_gold(ann)
            for role, score in scores.items():
                score.add(text, pred[role], gold[role])
            citron.add(text, pred_events, read_events(ann))
    return scores, citron, n_sents / parse_s, n_sents / find_s, len(texts)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--split", nargs="+", default=None, help="default: train and dev when present, else every folder")
    ap.add_argument("--limit", type=int, default=None, help="first N texts per split (for quick runs)")
    ap.add_argument("--parse", choices=("selective", "full"), default="selective")
    ap.add_argument("--oracle-cues", action="store_true", help="diagnostic: gold cue heads instead of the cue model")
    ap.add_argument("--agreement", action="store_true", help="score the annotators against each other instead")
    args = ap.parse_args(argv)
    splits = args.split or [s for s in ("train", "dev") if (args.data / s).is_dir()]
    splits = splits or sorted(p.name for p in args.data.iterdir() if (p / "text").is_dir())
    if args.agreement:
        for split in splits:
            agreement(args.data / split)
        return
    nlp = load_nlp()
    last = None
    for split in splits:
        scores, citron, parse_rate, find_rate, n = run_split(args.data / split, nlp, args.limit, args.parse, args.oracle_cues)
        print(f"== {split}: {n} texts; analysis {parse_rate:.0f} sentences/s, attribution rules {find_rate:.0f} sentences/s ({args.parse} parse{', gold cues' if args.oracle_cues else ''})")
        for role, score in scores.items():
            for key, label in (("ov", "overlap"), ("sp", "span"), ("ex", "exact")):
                p, r, f = score.prf(key)
                print(f"{role.lower():8s} {label:8s} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
            p, r, f = citron.prf(role)
            print(f"{role.lower():8s} {'citron':8s} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}  (Citron's pair-summed count)")
        last = scores
    print(f"content-f1 {last['Content'].prf('ov')[2]:.1f} source-f1 {last['Source'].prf('ov')[2]:.1f}")


if __name__ == "__main__":
    main()
