"""Articles per second of the facts stage (``extract_facts``) on ~600-word articles.

Texts come from a JSONL file with a "text" field per line (default: the ECB+
clustering sample) or from a folder of .txt files (default fallback: the
seeds). Each text is cut or tiled to about ``--words`` words, the pool is
repeated to ``--n`` articles, and the stage runs ``--runs`` times per
process count; the median is printed.

    python bench/facts_speed.py [--data FILE.jsonl|DIR] [--n 200] [--words 600]

The CPU time per article is printed too (``time.process_time`` of this
process plus, with worker processes, their user+system time from /proc): it
moves far less than wall time when other jobs load the machine, and
``n_process / CPU per article`` is what an otherwise idle machine would give.

Last line: ``articles/s n_process=1 <v> n_process=2 <v>``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from storyweave.facts import extract_facts
from storyweave.facts.pipeline import _pool
from storyweave.nlp import load_nlp
from storyweave.records import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load_texts(path: Path) -> list[str]:
    if path.is_dir():
        return [p.read_text() for p in sorted(path.glob("*.txt"))]
    return [json.loads(line)["text"] for line in path.open() if line.strip()]


def to_length(texts: list[str], words: int) -> list[str]:
    """Each text tiled with the following ones until it has ``words`` words, sentences kept whole."""
    out = []
    for i in range(len(texts)):
        parts, n, j = [], 0, i
        while n < words:
            t = texts[j % len(texts)]
            parts.append(t)
            n += len(t.split())
            j += 1
        joined = "\n\n".join(parts)
        cut = joined.split()[:words]
        out.append(" ".join(cut))
    return out


def cpu_seconds(n_process: int) -> float:
    """CPU time of this process and, with n_process > 1, of the stage's worker processes."""
    total = time.process_time()
    if n_process > 1:
        tick = os.sysconf("SC_CLK_TCK")
        for pid in _pool(n_process)._processes:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA / "clustering" / "ecbplus-dev.jsonl")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--processes", default="1,2")
    args = ap.parse_args()
    texts = to_length(load_texts(args.data), args.words)
    articles = [
        Article(f"a{i}", "bench", None, "bench", "", (), None, "en", texts[i % len(texts)], (), "text", 1.0)
        for i in range(args.n)
    ]
    load_nlp()  # loading is not the stage's cost
    extract_facts(articles[:4])
    figures = []
    for n_process in [int(p) for p in args.processes.split(",")]:
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), cpu_seconds(n_process)
            extract_facts(articles, n_process=n_process)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_seconds(n_process) - start_cpu)
        rate = args.n / statistics.median(times)
        ms = statistics.median(cpu) / args.n * 1000
        print(
            f"n_process={n_process}: runs {', '.join(f'{t:.2f}s' for t in times)} -> {rate:.1f} articles/s, "
            f"CPU {ms:.1f} ms/article (idle-machine rate {n_process * 1000 / ms:.1f}/s), load {os.getloadavg()[0]:.1f}"
        )
        figures.append(f"n_process={n_process} {rate:.1f}")
    print("articles/s " + " ".join(figures))


if __name__ == "__main__":
    main()
