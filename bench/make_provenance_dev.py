"""Build the provenance dev set: synthetic rewrites of ECB+ articles, plus the seeds.

    python bench/make_provenance_dev.py --seed 0 --out bench/data/provenance-dev.jsonl

ECB+ gives real articles grouped in stories, and every topic holds two stories of
the same kind (two earthquakes), so untouched articles are natural hard negatives:
same topic, same vocabulary, no copying. From some articles per story ("wire"
copy) this script derives "paper" versions at several strengths, each labelled
with its gold source and relation:

- duplicate: the same text, re-wrapped (case and spacing only);
- near-duplicate: one word changed, a sign-off line added;
- rewrite, at three strengths (30/45/60% of listed words swapped for synonyms,
  1/2/3 sentences deleted, 1/2/2 sentences added): two sentences swapped, named
  speakers turned into "experts", the agency credit dropped, and at the heavy
  strength the lead rewritten;
- partial: a few sentences of the source spliced into another same-story
  article (which then leaves the set, so it is not also a near-duplicate).

Dates: a story's wire copy gets a base day; derived copies the same day (then
direction must come from containment or attribution) or one or two days later.
Output lines: {id, outlet, published, text, story, kind?, derived_from?, relation?}.
The same --seed gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "police": "authorities", "officials": "authorities",
    "people": "individuals", "after": "following", "hit": "struck", "about": "around", "big": "large",
    "home": "residence", "car": "vehicle", "died": "passed away", "killed": "left dead", "arrested": "detained",
    "announced": "revealed", "began": "started", "help": "assist", "show": "demonstrate", "buy": "purchase",
    "injured": "hurt", "company": "firm", "attack": "assault", "before": "prior to", "near": "close to",
    "later": "subsequently", "large": "sizeable", "many": "numerous", "government": "administration",
    "reported": "indicated", "statement": "announcement", "team": "squad", "win": "victory", "city": "town",
    "major": "significant", "also": "additionally", "expected": "anticipated", "deal": "agreement",
    "fire": "blaze", "quake": "tremor", "earthquake": "tremor", "hospital": "medical centre", "spokesman": "representative",
}
FILLERS = [
    "Reaction to the news involving {a} continued to build through the day.",
    "Observers said the events around {a} would be watched closely in the weeks ahead.",
    "It was not immediately clear what the developments would mean for {a} and {b}.",
    "Local residents described the scene near {b} as tense but calm.",
    "The episode has revived a long-running debate over {a}.",
    "Commentators on social media were quick to weigh in on {a}.",
    "Further details about {b} are expected to emerge later this week.",
    "Neither {a} nor {b} responded to requests for comment by publication time.",
    "Analysts cautioned that the full picture regarding {a} may take time to emerge.",
    "For many following the story, the focus now turns to {b}.",
    "The news drew wide attention well beyond {b}.",
    "Background: {a} has featured in headlines several times in recent years.",
]
TEASER_WORDS = 80  # storyweave.extract.TEASER_WORDS
OUTLETS = ["Daily Ledger", "Morning Post", "City Herald", "Evening Star", "The Courier", "Valley Times", "Globe Wire"]
AGENCIES = ["AFP", "Reuters", "AP"]
_SPEAKER = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)(,[^.,]{0,80},)? (said|told|says)\b")
_CREDIT = re.compile(r"\((?:AFP|Reuters|AP)\) - ")
_WORD = re.compile(r"\b[a-zA-Z]+\b")


def split_sentences(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", line.strip()) if s]
    return out


def substitute(sentence: str, rng: random.Random, p: float) -> str:
    def repl(m: re.Match) -> str:
        w = m.group()
        alt = SYNONYMS.get(w.lower())
        if alt is None or rng.random() >= p:
            return w
        return alt.capitalize() if w[0].isupper() else alt

    return _WORD.sub(repl, sentence)


def names(text: str) -> list[str]:
    found = re.findall(r"\b[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?\b", text)
    return sorted(set(found)) or ["the matter"]


def filler(text: str, rng: random.Random) -> str:
    ns = names(text)
    return rng.choice(FILLERS).format(a=rng.choice(ns), b=rng.choice(ns))


def drop_attribution(sentence: str) -> str:
    return _SPEAKER.sub(lambda m: "experts " + ("say" if m.group(3) == "says" else "said"), sentence, count=1)


def rewrite(text: str, rng: random.Random, strength: str) -> str:
    if strength != "near-duplicate":  # papers re-credit agency copy as their own
        text = _CREDIT.sub("", text)
    sents = split_sentences(text)
    if strength == "near-duplicate":  # one word changed, a sign-off added
        i = rng.randrange(len(sents))
        words = sents[i].split(" ")
        j = rng.randrange(len(words))
        words[j] = SYNONYMS.get(words[j].lower(), words[j].upper())
        sents[i] = " ".join(words)
        return "\n".join(sents) + "\nThis article was updated."
    p, deletions, added = {"light": (0.3, 1, 1), "medium": (0.45, 2, 2), "heavy": (0.6, 3, 2)}[strength]
    sents = [substitute(s, rng, p) for s in sents]
    sents = [drop_attribution(s) for s in sents]
    for _ in range(min(deletions, max(0, len(sents) - 4))):
        del sents[rng.randrange(1, len(sents))]
    if len(sents) > 3:
        i = rng.randrange(1, len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
    if strength == "heavy":
        lead = sents[0].rstrip(".")
        sents[0] = f"In a development reported on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, {lead[0].lower()}{lead[1:]}, according to the latest accounts."
    for _ in range(added):
        sents.insert(rng.randrange(1, len(sents) + 1), filler(text, rng))
    return "\n".join(sents)


def partial(source: str, base: str, rng: random.Random) -> str:
    src = split_sentences(source)
    k = max(2, len(src) // 3)
    start = rng.randrange(0, max(1, len(src) - k))
    taken = src[start : start + k]
    body = split_sentences(base)
    at = rng.randrange(1, len(body) + 1)
    return "\n".join(body[:at] + taken + body[at:])


def credit(text: str, agency: str) -> str:
    """Wire copy carries its agency's name, as real agency stories do."""
    first, _, rest = text.partition("\n")
    return f"{first}\n({agency}) - {rest}" if rest else f"({agency}) - {first}"


def build(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = [json.loads(line) for line in open(DATA / "clustering" / "ecbplus-dev.jsonl", encoding="utf-8")]
    stories: dict[str, list[dict]] = {}
    for r in rows:
        stories.setdefault(r["story"], []).append(r)
    out: list[dict] = []
    day0 = date(2024, 1, 1)
    for n, (story, arts) in enumerate(sorted(stories.items())):
        arts = sorted(arts, key=lambda r: r["id"])
        rng.shuffle(arts)
        base = day0 + timedelta(days=3 * n)
        # Wire copy is drawn from full articles: ECB+ also holds headline stubs, which the
        # extraction stage would mark as teasers (fewer than TEASER_WORDS words).
        full = [r for r in arts if len(r["text"].split()) >= TEASER_WORDS]
        wires = full[:2]
        rest = [r for r in arts if r not in wires]
        for w in wires:
            agency = rng.choice(AGENCIES)
            text = credit(w["text"], agency)
            out.append({"id": w["id"], "outlet": agency, "published": base.isoformat(), "text": text,
                        "story": story, "kind": "wire", "derived_from": None})
            for j, strength in enumerate(rng.sample(["duplicate", "near-duplicate", "light", "medium", "heavy"], 3)):
                if strength == "duplicate":
                    derived = "\n".join(line.upper() if i == 0 else line for i, line in enumerate(text.split("\n"))) + "\n"
                else:
                    derived = rewrite(text, rng, strength)
                relation = strength if strength in ("duplicate", "near-duplicate") else "rewrite"
                # Copies that keep the agency credit cannot be ordered by their text: they come later.
                days = rng.choice([1, 2] if relation != "rewrite" else [0, 0, 1, 2])
                out.append({"id": f"{w['id']}-r{j}", "outlet": rng.choice(OUTLETS),
                            "published": (base + timedelta(days=days)).isoformat(),
                            "text": derived, "story": story, "kind": "paper", "derived_from": w["id"],
                            "relation": relation})
        if rest and wires and rng.random() < 0.7:
            host = rest.pop()
            src = rng.choice(wires)
            out.append({"id": f"{host['id']}-p", "outlet": rng.choice(OUTLETS),
                        "published": (base + timedelta(days=1)).isoformat(), "text": partial(src["text"], host["text"], rng),
                        "story": story, "kind": "paper", "derived_from": src["id"], "relation": "partial"})
        for r in rest:
            out.append({"id": r["id"], "outlet": rng.choice(OUTLETS),
                        "published": (base + timedelta(days=rng.choice([0, 1, 2]))).isoformat(), "text": r["text"],
                        "story": story, "derived_from": None})
    out += seeds()
    rng.shuffle(out)
    return out


def seeds() -> list[dict]:
    """The seed story through the real extraction stage (title line and boilerplate removed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from storyweave.extract import extract
    from storyweave.records import RawDocument

    expected = json.loads((DATA / "seeds" / "expected.json").read_text(encoding="utf-8"))
    gold = {d["derived"]: d["from"] for d in expected["derivation"]}
    out = []
    for path in sorted((DATA / "seeds").glob("*.txt")):
        key = path.name[:3]
        art = extract(RawDocument(source=str(path), content=path.read_bytes(), kind="text"))
        row = {"id": f"seed-{key}", "outlet": f"seed-{key}", "published": None,
               "text": art.text, "story": "seed", "derived_from": None}
        if key in gold:
            row.update(derived_from=f"seed-{gold[key]}", relation="rewrite")
        out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="bench/data/provenance-dev.jsonl")
    args = ap.parse_args()
    rows = build(args.seed)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    n = sum(1 for r in rows if r["derived_from"])
    print(f"{len(rows)} articles, {n} with a gold source -> {args.out}")


if __name__ == "__main__":
    main()
