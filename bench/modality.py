"""How well statement modality tells what happened from what did not.

Two measures:

1. ``--labels FILE.jsonl`` (``{"text", "happened": bool, "group"}`` per line,
   default tests/data/modality_labels.jsonl: hand-labelled sentences of the
   seeds, group ``seeds``, which the rules were written on, and of the sample
   corpus examples/articles/, group ``examples``, labelled before the model's
   output was looked at; four general rules were then added from its errors
   (expect + clause, "due", conditional consequents, "no"/"nothing"
   negation), so it is held-out only in part): accuracy of happened-vs-not
   per group and overall,
   for the stage as it runs (selective parse), for the lexical reader alone
   and for a full parse.
2. ``--factuality DIR`` (``{CORPUS}/{train,dev}.jsonl`` with ``text`` and
   ``targets: [{"span1": [i, i+1], "label": -3..3}]``, whitespace tokens): the
   predicate's modality and cue from ``predicate_modality`` on a full parse,
   mapped to a score per corpus. The corpora disagree on future events
   (MEANTIME scores "will" +3, UW about +1.6, UDS-IH2 below 0), so the mapping
   is fitted on each corpus's train.jsonl -- the mean train label of each
   (modality, cue) pair seen at least ``MIN_PAIR`` times, else of the modality
   -- and Pearson r and MAE are reported on dev.jsonl, with the train-mean
   constant as baseline. The fitted mapping is printed.

Last line: ``happened-acc <v> [<group> <v> ...] r MEANTIME <v> UW <v> UDS_IH2 <v>``
(``happened-acc`` over all labelled sentences).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from storyweave.facts.modality import lexical_modality, predicate_modality, statements
from storyweave.facts.pipeline import analyse
from storyweave.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPORA = ("MEANTIME", "UW", "UDS_IH2")
# A (modality, cue) pair needs this many train predicates to get its own score;
# rarer pairs fall back to their modality's mean.
MIN_PAIR = 5


def labelled_accuracy(path: Path) -> dict[str, dict[str, float]]:
    """Accuracy of each reader per label group (``group`` field, ``all`` without one) and over all rows."""
    rows = [json.loads(line) for line in path.open() if line.strip()]
    nlp = load_nlp()
    hits, sizes = defaultdict(lambda: defaultdict(int)), defaultdict(int)
    for row in rows:
        gold = bool(row["happened"])
        said = {
            "stage": _longest(statements("x", analyse(row["text"]).sents)),
            "full-parse": _longest(statements("x", nlp(row["text"]).sents)),
            "lexical": lexical_modality(row["text"])[0],
        }
        for group in {row.get("group", "all"), "all"}:
            sizes[group] += 1
            for reader, modality in said.items():
                hits[group][reader] += (modality == "happened") == gold
    return {g: {r: v / sizes[g] for r, v in hits[g].items()} | {"n": sizes[g]} for g in hits}


def _longest(stmts) -> str:
    return max(stmts, key=lambda s: len(s.text)).modality


def predicate_rows(path: Path, limit: int | None) -> list[tuple[str, str, float]]:
    """(modality, cue, gold) for every target predicate of a factuality file."""
    nlp = load_nlp()
    lines = [json.loads(line) for line in path.open() if line.strip()][:limit]
    docs = (Doc(nlp.vocab, words=row["text"].split(" ")) for row in lines)
    out = []
    for row, doc in zip(lines, nlp.pipe(docs, batch_size=64)):
        for t in row["targets"]:
            modality, cue = predicate_modality(doc[t["span1"][0]])
            out.append((modality, (cue or "").lower(), float(t["label"])))
    return out


def fit(rows) -> tuple[dict, dict, float]:
    by_pair, by_mod = defaultdict(list), defaultdict(list)
    for m, cue, y in rows:
        by_pair[(m, cue)].append(y)
        by_mod[m].append(y)
    pairs = {k: float(np.mean(v)) for k, v in by_pair.items() if len(v) >= MIN_PAIR}
    mods = {k: float(np.mean(v)) for k, v in by_mod.items()}
    return pairs, mods, float(np.mean([y for _, _, y in rows]))


def predict(rows, pairs, mods, default) -> np.ndarray:
    return np.array([pairs.get((m, cue), mods.get(m, default)) for m, cue, _ in rows])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "data" / "modality_labels.jsonl")
    ap.add_argument("--factuality", type=Path, default=DATA / "factuality")
    ap.add_argument("--limit", type=int, default=None, help="at most this many sentences per file")
    args = ap.parse_args()
    acc = labelled_accuracy(args.labels)
    groups = [g for g in acc if g != "all"] + ["all"]
    for g in groups:
        a = acc[g]
        print(f"labelled {g} ({a['n']} sentences) happened-vs-not accuracy: "
              f"stage {a['stage']:.3f}, full parse {a['full-parse']:.3f}, lexical only {a['lexical']:.3f}")
    last = [f"happened-acc {acc['all']['stage']:.3f}"] + [f"{g} {acc[g]['stage']:.3f}" for g in groups[:-1]]
    for corpus in CORPORA:
        if not (args.factuality / corpus / "dev.jsonl").exists():
            continue
        train = predicate_rows(args.factuality / corpus / "train.jsonl", args.limit)
        dev = predicate_rows(args.factuality / corpus / "dev.jsonl", args.limit)
        pairs, mods, default = fit(train)
        gold = np.array([y for _, _, y in dev])
        pred = predict(dev, pairs, mods, default)
        r = float(np.corrcoef(pred, gold)[0, 1]) if pred.std() > 0 else 0.0
        mae = float(np.abs(pred - gold).mean())
        base = float(np.abs(default - gold).mean())
        print(f"{corpus}: dev predicates {len(dev)}  Pearson r {r:.3f}  MAE {mae:.3f}  (train-mean MAE {base:.3f})")
        print(f"  mapping by modality: {', '.join(f'{m} {v:+.2f}' for m, v in sorted(mods.items()))}")
        print(f"  by cue: {', '.join(f'{m}/{c} {v:+.2f}' for (m, c), v in sorted(pairs.items()) if c)}")
        last.append(f"r {corpus} {r:.3f}")
    print(" ".join(last))


if __name__ == "__main__":
    main()
