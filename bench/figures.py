"""Score figure extraction on NewsQuant-format data, matching as CQE does.

Usage: python bench/figures.py --data ../shared/data/figures/newsquant-dev.json

Data: ``[{"text", "quantities": [{"value", "unit", "normalized_unit", "change",
"referred_concepts"}]}]``. Gold values are numbers or "low-high" ranges.

Two scorings are printed. "CQE counting" is CQE's own loop (Almasian et al.,
EMNLP 2023; satya77/CQE_Evaluation ``evaluate_models.py`` ``calculate_metrics``),
rule for rule, see ``score_cqe``: values equal under ``numpy.isclose(rtol=1e-5)``
(a range matches only a range, both ends); units compared as the gold
``normalized_unit`` against the prediction's normalised unit, both lower-cased
(the gold surface ``unit`` is never used, so a prediction matching only it does
not count); value+unit is one-to-one, but value and value+change may count one
prediction for two golds or one gold twice until a unit matches. "one-to-one"
lets each gold and each prediction count once per level; it differs from CQE's
counting only at value+change on this data, and adds value+concept (at least one
shared word, CQE's "partial" concept match, between the gold ``referred_concepts``
and the words of the figure's ``measures`` and ``subject``). P = matched / predicted, R =
matched / gold. The headline (last line) is CQE counting.

Our figures are mapped to NewsQuant's vocabulary here, not in the extractor:
``UNIT_NAMES`` below, and ``SURFACE_NAMES`` where that vocabulary splits one of
our units by its written symbol; a count ("people", "jobs", "home") becomes the
counted phrase lemmatised from the Doc (``count_phrase``: "800,000 eligible
pensioners" -> "eligible pensioner"; "one of the proudest moments in his life"
-> "proud moment life"), or, for a number whose unit the extractor carried over
from the figure before it, that figure's phrase; a share ("half the condos") is
"%" and its counted phrase ("% condo"); a conversion ``also`` becomes a
further quantity (NewsQuant annotates both sides of "$1 trillion (£806
billion)"); a count per something is the counted phrase "per" the denominator
("12 cases per day" -> "case per day"); adjectives between a determiner and the
number belong to the counted phrase ("the previous two sessions" -> "previous
session"); the change operator is the figure's change ("up"/"down") or else
its bound: a strict bound first ("<=" -> "<", ">=" -> ">"), then the change
("up"/"down"), then "~" or "=".

The file is split in halves: rules were developed looking only at the first
(``--show-errors`` prints its errors only); the second is reported as held
out. The last line is ``value-f1 <full file, CQE counting>``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyweave.facts.figures import extract_figures  # noqa: E402
from storyweave.facts.units import SCALES  # noqa: E402
from storyweave.nlp import load_nlp  # noqa: E402

# Names are the entries of CQE's unit dictionary (CQE/unit.json), the vocabulary NewsQuant's
# normalised units follow; a unit it lacks is named the way its entries are ("vietnamese dong").
CURRENCY_NAMES = {
    "USD": "dollar", "GBP": "pound sterling", "EUR": "euro", "JPY": "japanese yen", "CNY": "chinese yuan",
    "CAD": "canadian dollar", "AUD": "australian dollar", "NZD": "new zealand dollar",
    "SGD": "singaporean dollar", "HKD": "hong kong dollar", "MYR": "malaysian ringgit", "ILS": "shekel",
    "ZAR": "south african rand", "HRK": "croatian kuna", "INR": "indian rupee", "KRW": "south korean won",
    "CHF": "swiss franc", "BRL": "brazilian real", "THB": "thai baht", "MXN": "mexican peso",
    "RUB": "russian ruble", "TRY": "turkish lira", "USD-cent": "cent", "GBP-penny": "penny",
    "NOK": "norwegian krone", "SEK": "swedish krone", "DKK": "danish krone", "PLN": "polish złoty",
    "HUF": "hungarian forint", "CZK": "czech koruna", "IDR": "indonesian rupiah", "SAR": "saudi riyal",
    "AED": "united arab emirates dirham", "UAH": "ukrainian hryvnia", "TWD": "new taiwan dollar",
    "NGN": "nigerian naira", "PKR": "pakistani rupee", "EGP": "egyptian pound", "PHP": "philippine peso",
    "VND": "vietnamese dong", "KES": "kenyan shilling", "ARS": "argentine peso", "CLP": "chilean peso",
    "COP": "colombian peso", "GHS": "ghanaian cedi", "BDT": "bangladeshi taka", "IRR": "iranian rial",
    "KWD": "kuwaiti dinar", "QAR": "qatari riyal", "RON": "romanian leu", "BGN": "bulgarian lev",
    "LKR": "sri lankan rupee", "BTC": "bitcoin",
}
UNIT_NAMES = {
    **CURRENCY_NAMES,
    "percent": "percentage", "percentage points": "percentage point", "basis points": "basis point",
    "points": "point", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "μm": "micrometre", "mi": "mile", "ft": "foot", "in": "inch", "yd": "yard", "m2": "square metre",
    "ft2": "square foot", "mi2": "square mile", "km2": "square kilometre", "ft3": "cubic foot",
    "m3": "cubic metre", "cm2": "square centimetre", "yd2": "square yard", "yd3": "cubic yard", "ha": "hectare",
    "acres": "acre", "tonnes": "metric ton", "tons": "ton", "kg": "kilogram",
    "g": "gram", "μg": "microgram", "kt": "kiloton", "Mt": "megaton", "Gt": "gigaton", "pt": "pint",
    "bu": "bushel", "ct": "carat", "knots": "knot", "kPa": "kilopascal", "hPa": "hectopascal",
    "psi": "pound per square inch", "cal": "calorie", "kcal": "kilocalorie", "A": "ampere", "lm": "lumen",
    "ppb": "parts-per-billion", "KB": "kilobyte", "PB": "petabyte", "kbps": "kilobit per second",
    "Mbit": "megabit", "Gbit": "gigabit", "weeks old": "week of age", "days old": "day of age",
    "light years": "light-year", "millennia": "millennium", "centuries": "century", "decades": "decade",
    "ms": "millisecond", "μs": "microsecond", "ns": "nanosecond", "lb": "pound-mass", "oz": "ounce",
    "l": "litre", "ml": "millilitre", "gal": "gallon",
    "bbl": "barrel", "km/h": "kilometre per hour", "mph": "mile per hour", "m/s": "metre per second",
    "mpg": "mile per gallon", "rpm": "revolutions per minute", "W": "watt", "kW": "kilowatt",
    "MW": "megawatt", "GW": "gigawatt", "kWh": "kilowatt hour", "MWh": "megawatt hour",
    "GWh": "gigawatt hour", "TWh": "terawatt hour", "V": "volt", "kV": "kilovolt", "F": "farad",
    "Hz": "hertz", "MHz": "megahertz", "GHz": "gigahertz", "Mbps": "megabit per second",
    "Gbps": "gigabit per second", "mAh": "milliampere-hour", "nm": "nanometre", "mg": "milligram",
    "megapixels": "megapixel",
    "fps": "frame per second", "MPa": "megapascal", "ksi": "kilopound per square inch", "hp": "horsepower",
    "bhp": "brake horsepower", "PS": "horsepower", "Nm": "newton metre", "lb-ft": "foot pound-force",
    "dB": "decibel", "roentgen": "roentgen", "°C": "celsius", "°F": "fahrenheit", "degrees": "degree", "ppm": "part per million",
    "GB": "gigabyte", "TB": "terabyte", "MB": "megabyte", "bit": "bit", "years old": "year of age",
    "months old": "month of age", "years": "year", "months": "month", "weeks": "week", "days": "day",
    "hours": "hour", "minutes": "minute", "seconds": "second", "points per game": "point per game",
    "rebounds per game": "rebound per game", "assists per game": "assist per game",
    "times": "count", "century": "century", "barrel": "barrel", "share": "share", "person": "person", "game": "game",
    "night": "night", "day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
    "minute": "minute", "second": "second",
}
CHANGE_NAMES = {"=": "=", "~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<"}
_SCALE_WORDS = "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True))
# Words of the number itself, never of the counted phrase: number words and every scale word or suffix.
_SKIP = re.compile(
    r"(?i)(?:of|and|the|a|an|dozens|hundreds|thousands|millions|billions|tens|zero|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|half|third|thirds|"
    r"quarter|quarters|" + _SCALE_WORDS + ")"
)
_NUMBER = re.compile(rf"(?i)[\d.,]+(?:e[-+]?\d+|{_SCALE_WORDS})")  # the number's own token: "12k", "5E6"
# The word that opens a rate's denominator inside a figure's text: "12 cases per day", "3 goals a game".
_RATE_WORD = re.compile(r"(?i)[ -](?:per|a|an|each)[ -]|/")
_DETERMINER_TAGS = frozenset(("DT", "PRP$", "POS"))
_ONE_OF = re.compile(r"(?i)one of\b")


def count_phrase(f, doc) -> str:
    """The counted noun phrase of a figure, lemmatised as NewsQuant writes count units.

    NewsQuant's unit for a count (CQE's normaliser) is the lemmas of the nouns,
    names and adjectives of the counted phrase ("two smaller tenancies" -> "small
    tenancy", "1,307,000 Americans" -> "american"); hyphenated words stay whole
    ("coal-fired"). Number words, scale words and the number's own token ("12k") are left out. "one of the X" is
    CQE's one special case: the unit is X with everything that depends on it
    minus stop words ("one of the proudest moments in his life" -> "proud moment
    life"), here the figure's span up to the end of the phrase it measures.
    """
    end = f.span[1]
    if "/" in (f.unit or ""):
        cuts = list(_RATE_WORD.finditer(f.text))
        end = f.span[0] + cuts[-1].start() if cuts else end  # the rate's own denominator is named apart
    if _ONE_OF.match(f.text) and f.measures_span is not None:
        end = max(end, f.measures_span[1])
    span = doc.char_span(f.span[0], end, alignment_mode="expand")
    words = [t.lemma_.lower() + " " for t in _adjectives_before(span)]
    kept = False  # whether the token before was kept: only a kept word takes a hyphen compound
    for t in span:
        glued = bool(words) and words[-1].endswith("-")
        if t.text == "-" and not t.whitespace_ and kept:
            words[-1] = words[-1].rstrip() + "-"  # "coal-fired" stays one word
        elif glued and t.text[:1].isalpha():
            words[-1] += t.text.lower() + t.whitespace_
        elif t.pos_ in ("NOUN", "PROPN", "ADJ") and not _number_word(t) and any(c.isalpha() for c in t.text):
            word = t.lemma_
            if t.tag_ == "NNPS" and word == t.text and word.endswith("s"):
                word = word[:-1]  # the lemmatiser leaves plural names alone: "Americans"
            words.append(word.lower() + " ")
        else:
            kept = False  # "two late fourth-quarter sacks": "quarter" is not glued to "late"
            continue
        kept = True
    return " ".join(w.strip(" ") for w in words).strip(" -")


def _number_word(t) -> bool:
    return t.like_num or bool(_SKIP.fullmatch(t.text) or _NUMBER.fullmatch(t.text))


def _adjectives_before(span) -> list:
    """Adjectives between a determiner and the number: "the previous two sessions" -> "previous".

    They modify the counted noun as much as those after the number do, and CQE's
    unit takes every adjective of the noun phrase.
    """
    doc, k = span.doc, span.start
    while k > 0 and doc[k - 1].pos_ == "ADJ" and not _SKIP.fullmatch(doc[k - 1].text):
        k -= 1
    if k == span.start or k == 0 or doc[k - 1].tag_ not in _DETERMINER_TAGS:
        return []
    return list(doc[k : span.start])


# Where NewsQuant's vocabulary (CQE's unit dictionary) names two units for surfaces we
# merge, the written surface decides: the symbol "p" is listed under "point" before
# "penny" ("118.5p" share prices), and "pound-feet" is the pound-foot while "lb-ft" is
# filed as foot pound-force.
# The same holds for "barrels of oil" (its own entry beside "barrel") and for rupees written
# "Rs" or "rupees" (the entry "rupee"; "indian rupee" only for "Indian rupees", "INR" and "₹").
SURFACE_NAMES = (
    ("GBP-penny", re.compile(r"\dp\Z"), "point"),
    ("lb-ft", re.compile(r"(?i)pound"), "pound-foot"),
    ("bbl", re.compile(r"(?i)barrels? of oil\Z"), "barrel of oil"),
    ("INR", re.compile(r"\A(?!.*(?i:indian|INR|₹))"), "rupee"),
)


def newsquant_unit(unit: str | None, phrase: str, surface: str = "") -> str:
    """Our unit in NewsQuant's vocabulary (see the module docstring)."""
    if unit is None:
        return "-"
    for ours, written, name in SURFACE_NAMES:
        if unit == ours and written.search(surface):
            return name
    if unit == "fraction":
        return "% " + (phrase or "-")  # NewsQuant writes "half the condos" as 0.5 "% condo"
    if unit in UNIT_NAMES:
        return UNIT_NAMES[unit]
    base, _, per = unit.partition("/")
    name = UNIT_NAMES.get(base) or phrase or base  # a count's name is its counted phrase
    return f"{name} per {UNIT_NAMES.get(per, per)}" if per else name


def predictions(figures, doc) -> list[dict]:
    out = []
    phrases: dict[str, str] = {}  # count unit -> phrase of the last figure that wrote it out
    for f in figures:
        value = (f.value, f.value_to) if f.value_to is not None else f.value
        # NewsQuant gives a strict bound precedence over a direction ("lost more than 60%": ">"),
        # and a direction over "about" ("rose about 1.5%": "up").
        change = CHANGE_NAMES[f.approx] if f.approx not in ("=", "~") else f.change or f.approx
        concept = set(re.findall(r"\w+", f"{f.measures} {f.subject}".lower()))
        phrase = count_phrase(f, doc) if f.unit is not None else ""
        if f.unit is not None and not phrase:
            phrase = phrases.get(f.unit, "")  # a unit carried over: "460 vehicles compared with 63"
        phrases[f.unit] = phrase
        out.append({"value": value, "unit": newsquant_unit(f.unit, phrase, f.text), "change": change, "concept": concept})
        for v, u in f.also:
            out.append({"value": v, "unit": newsquant_unit(u, ""), "change": change, "concept": concept})
    return out


def gold_quantities(quantities) -> list[dict]:
    out = []
    for q in quantities:
        raw = str(q["value"])
        if "-" in raw[1:] and "E" not in raw:
            cut = raw.index("-", 1)
            value = (float(raw[:cut]), float(raw[cut + 1 :]))
        else:
            value = float(raw)
        concept = {w.lower() for w in re.split(r"[,\s]+", q.get("referred_concepts") or "") if w and w != "-"}
        out.append({"value": value, "unit": q["normalized_unit"].lower(), "change": q["change"], "concept": concept})
    return out


def _same_value(a, b) -> bool:
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple):
        return bool(np.isclose(a[0], b[0], rtol=1e-5) and np.isclose(a[1], b[1], rtol=1e-5))
    return bool(np.isclose(a, b, rtol=1e-5))


def _f1(hits: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    prec = hits / n_pred if n_pred else 0.0
    rec = hits / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return 100 * prec, 100 * rec, 100 * f1


def score_cqe(pairs) -> dict[str, tuple[float, float, float]]:
    """CQE's counting, rule for rule (``calculate_metrics`` in satya77/CQE_Evaluation).

    Per sentence, golds and predictions are both sorted by normalised unit; for each
    gold, predictions are walked in order and every one with an equal value:
    counts a value hit (at most as many per sentence as the sentence has golds),
    counts a change hit when the change operators are equal (no cap), and, when
    the normalised units are equal, counts a unit hit, is removed from the
    predictions and ends the walk for that gold. So value+unit is one-to-one, but
    value and value+change can count one prediction for two golds, or one gold
    twice, as long as no unit matched first.
    """
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    hits = dict.fromkeys(("value", "value+unit", "value+change"), 0)
    for gold, pred in pairs:
        tags = sorted(pred, key=lambda d: d["unit"].lower())
        budget = len(gold)
        for g in sorted(gold, key=lambda d: d["unit"]):
            for p in list(tags):
                if not _same_value(g["value"], p["value"]):
                    continue
                if budget > 0:
                    hits["value"] += 1
                    budget -= 1
                hits["value+change"] += g["change"] == p["change"]
                if g["unit"] == p["unit"].lower():
                    hits["value+unit"] += 1
                    tags.remove(p)
                    break
    return {level: _f1(h, n_gold, n_pred) for level, h in hits.items()}


LEVELS = {
    "value": lambda g, p: True,
    "value+unit": lambda g, p: g["unit"] == p["unit"].lower(),
    "value+change": lambda g, p: g["change"] == p["change"],
    "value+concept": lambda g, p: bool(g["concept"] & p["concept"]),
}


def score_one_to_one(pairs) -> dict[str, tuple[float, float, float]]:
    """Stricter than CQE: each gold and each prediction counts at most once per level."""
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    result = {}
    for level, extra in LEVELS.items():
        hits = 0
        for gold, pred in pairs:
            used = set()
            for g in gold:
                for i, p in enumerate(pred):
                    if i not in used and _same_value(g["value"], p["value"]) and extra(g, p):
                        used.add(i)
                        hits += 1
                        break
        result[level] = _f1(hits, n_gold, n_pred)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--runs", type=int, default=3, help="timing runs (median reported)")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    data = json.loads(args.data.read_text(encoding="utf8"))
    texts = [d["text"] for d in data]
    nlp = load_nlp(("parser",))

    nlp_times, fig_times = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        t1 = time.perf_counter()
        figures = [extract_figures(str(i), t, doc) for i, (t, doc) in enumerate(zip(texts, docs))]
        t2 = time.perf_counter()
        nlp_times.append(t1 - t0)
        fig_times.append(t2 - t1)
    pairs = [(gold_quantities(d["quantities"]), predictions(f, doc)) for d, f, doc in zip(data, figures, docs)]

    half = len(pairs) // 2
    if args.show_errors:  # the first half only: the second stays held out
        for d, (g, p) in zip(data[:half], pairs[:half]):
            gv = sorted(str(x["value"]) + " " + x["unit"] + " " + x["change"] for x in g)
            pv = sorted(str(x["value"]) + " " + x["unit"] + " " + x["change"] for x in p)
            if gv != pv:
                print(d["text"], "\n  gold", gv, "\n  pred", pv, file=sys.stderr)

    parts = (("dev (1st half)", pairs[:half]), ("held out (2nd half)", pairs[half:]), ("full", pairs))
    print(" " * 16 + "".join(f"{name:>24}" for name, _ in parts))
    print(" " * 16 + "".join(f"{f'{len(p)} sent., {sum(len(g) for g, _ in p)} gold':>24}" for _, p in parts))
    for title, scorer in (("CQE counting", score_cqe), ("one-to-one", score_one_to_one)):
        print(title + " (P / R / F1)")
        table = [scorer(part) for _, part in parts]
        for level in table[0]:
            print(f"  {level:14}" + "".join(f"{'%5.1f %5.1f %5.1f' % row[level]:>24}" for row in table))
    n = len(texts)
    print(f"speed: {n / statistics.median(fig_times):.0f} sentences/s figures only, "
          f"{n / (statistics.median(fig_times) + statistics.median(nlp_times)):.0f} sentences/s with spaCy (parser off); "
          f"median of {args.runs} runs")
    print(f"value-f1 {score_cqe(pairs)['value'][2]:.1f}")


if __name__ == "__main__":
    main()
