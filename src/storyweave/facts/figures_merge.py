"""Turn scanned numbers into quantities: drop dates and names, join ranges and conversions.

A scanned number is not yet a figure. "February 7", "2025", "5:25 a.m." and
"S&P 500" are dates, times and names; "$3 billion to $5 billion" is one range;
"$1 trillion (£806 billion)" is one figure given in two currencies. The bound
("up to") and the change ("rose by") are read from the words just before.
"""

from __future__ import annotations

import re

from .figures_scan import Raw

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)


def _not_quantity(months: str, first: str) -> re.Pattern:
    month = rf"(?:{months})(?![a-z])\.?"  # not "20 decently sized plants"
    return re.compile(
        rf"(?={first})(?:"  # cheap first-character filter: re does not skip ahead on its own
        + "|".join(
            (
                rf"\b{month}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*(?:-|–|to|and)\s*\d{{1,2}}\b)?(?:,?\s+\d{{4}}\b)?",  # Feb 6 to 8, 2025
                rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:,?\s+\d{{4}}\b)?",  # 7 February 2025
                rf"\b{month}\s+\d{{4}}\b",  # November 2019
                r"\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?",  # ISO dates
                r"\b(?:19|20)\d{2}[-–/]\d{2}\b",  # seasons and fiscal years: 2019-20, 2019/20
                r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
                r"\b\d{1,4}/\d{1,4}\b(?!/)",  # 9/11, 24/7, 50/50; a share "1/3 of" is read by scan_fractions
                r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)",  # 5:25 a.m., 1.05am
                r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b",  # 17:22, lap times 1:36.6
                r"\b\d+(?:st|nd|rd|th|s)\b",  # 19th, 1970s
            )
        )
        + ")"
    )


_NOT_QUANTITY = _not_quantity(_MONTHS, r"[JFMASOND\d]")
# A lower-cased feed writes months in lower case; "may" and "march" are then words, not months.
# Only such a text is read with this one: lower-case first letters would slow every other text.
_NOT_QUANTITY_LOWER = _not_quantity(
    "january|february|april|june|july|august|september|october|november|december"
    "|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec",
    r"\d|\b[jfasond]",
)
# Words before a number that make it part of a name, not a count ("Game 6").
_ID_NOUNS = frozenset(
    "category number no no. game level phase stage grade article section chapter room "
    "flight route channel season episode round step type class model version tier row "
    "gate platform terminal district ward amendment act title week day".split()
)
# Stock indices named with a number, matched in any case: lower-cased feeds write "sp 500".
_INDEX_NAMES = frozenset("s&p sp ftse nikkei dax cac russell stoxx kospi nasdaq dow msci".split())
# Capitalised words that may precede a quantity without naming it ("About 300").
_FUNCTION_CAPS = frozenset(
    "a an the about around some nearly almost over under in at by to of and with for from only "
    "just all another roughly approximately more less fewer up but or if as than while when "
    "after before since during each every these those this that its their his her our "
    "there here it we they he she i you between until within among across through including "
    "exactly barely".split()
)

_BOUNDS = (
    ("<=", r"up to|as (?:much|many|high|little|few) as|no more than|not more than|at most|a maximum of|maximum of"),
    (">=", r"at least|a minimum of|no less than|not less than|no fewer than|≥|>="),
    (">", r"more than|over|above|exceeding|in excess of|upwards of|greater than|higher than|north of|>"),
    ("<", r"less than|fewer than|under|below|lower than|sub-|<"),
    ("~", r"about|around|approximately|approx\.|roughly|nearly|almost|some|an estimated|estimated|close to|circa|~|≈"),
)
_BOUND_RE = re.compile(
    r"(?i)(?:^|(?<=[^\w-]))(?:just |well |some |by |to )?(?:"
    + "|".join(f"(?P<b{i}>{words})" for i, (_, words) in enumerate(_BOUNDS))
    + r")\s*\Z"
)
_UP = (
    r"rose|rise|rises|rising|risen|up|gained|gains|gain|gaining|jumped|jump|jumps|climbed|climb|climbs|"
    r"increased|increase|increases|increasing|grew|grow|grows|growing|surged|surge|surges|soared|soar|"
    r"advanced|advances|boosted|boost|raised|raise|hiked|hike|spiked|rallied|rebounded|swelled|expanded"
)
_DOWN = (
    r"fell|fall|falls|falling|fallen|down|dropped|drop|drops|dropping|declined|decline|declines|lost|"
    r"slid|slide|slides|tumbled|tumble|plummeted|plunged|plunge|sank|sink|shed|slipped|slip|eased|"
    r"decreased|decrease|decreases|cut|cuts|slumped|slump|dipped|dip|retreated|shrank|shrink|contracted|"
    r"reduced|reduce|trimmed|dived|lowered|lower"
)
_CHANGE_RE = re.compile(
    rf"(?i)\b(?P<verb>{_UP}|{_DOWN})(?:\s+(?P<prep>to|of|from)|(?:\s+[\w'’]+){{0,2}}\s+by)?\s*\Z"
)
_UP_WORDS = frozenset(_UP.split("|"))
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|through)\s*\Z")
_PAREN_OPEN = re.compile(r"\s*\(\s*(?:or |about |around |roughly |approximately |approx\. |some |~|≈|equivalent to )?\Z")
_ALTERNATIVE = re.compile(r"-?\s*or\s*")
_PAREN_NEXT = re.compile(r"\s*[/,;]\s*\Z")

_DIMENSION = {
    **dict.fromkeys("km m cm mm μm nm mi ft in yd".split(), "length"),
    **dict.fromkeys("m2 ft2 mi2 km2 ha acres".split(), "area"),
    **dict.fromkeys("tonnes tons kg g mg lb oz".split(), "mass"),
    **dict.fromkeys("l ml gal bbl ft3".split(), "volume"),
    **dict.fromkeys("km/h mph m/s".split(), "speed"),
    **dict.fromkeys("W kW MW GW hp bhp PS".split(), "power"),
    **dict.fromkeys("kWh MWh GWh TWh".split(), "energy"),
    **dict.fromkeys("Nm lb-ft".split(), "torque"),
    **dict.fromkeys("°C °F degrees".split(), "temperature"),
    **dict.fromkeys("MPa ksi".split(), "pressure"),
}


def _dimension(unit: str | None) -> str | None:
    if unit is None:
        return None
    base, _, per = unit.partition("/")
    if base.isupper() and len(base) == 3:
        return "money/" + per
    return _DIMENSION.get(base, base) + ("/" + per if per else "")


def _is_year(r: Raw, text: str) -> bool:
    digits = text[r.num_start : r.end].strip()
    if r.unit is not None or r.scaled or not re.fullmatch(r"1\d{3}|2[01]\d\d", digits):
        return False
    if digits[:2] in ("18", "19", "20", "21"):
        return True
    # 1000-1799 are years only after a word that introduces one ("between 1600 and 1900").
    return re.search(r"(?i)\b(?:in|since|between|and|from|until|by|of|to|circa|c\.)\s+\Z", text[max(0, r.start - 10) : r.start]) is not None


_DAY_AND_MONTH_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _names_something(r: Raw, text: str) -> bool:
    """'S&P 500', 'Game 6', 'Channel 5': a number right after a name word is part of the name."""
    if r.unit is not None or r.start != r.num_start:
        return False
    prev = re.search(r"([A-Za-z&.'’]+)[ ]+\Z", text[max(0, r.start - 30) : r.start])
    if not prev:
        return False
    word = prev.group(1)
    if word.lower() in _ID_NOUNS or word.lower() in _INDEX_NAMES:
        return True
    if word.endswith(("'s", "’s")) or word.lower() in _DAY_AND_MONTH_NAMES:
        return False  # "Google's 2,000 employees", "On Monday 300 people": an owner or a time, not a name
    return any(c.isupper() for c in word) and word.lower() not in _FUNCTION_CAPS  # "iPhone 11" too


def keep(raws: list[Raw], text: str) -> list[Raw]:
    """Drop dates, times, ordinals, years and numbers that are part of a name."""
    blocked = [m.span() for m in (_NOT_QUANTITY_LOWER if text.islower() else _NOT_QUANTITY).finditer(text)]
    out = []
    for r in raws:
        if r.unit != "fraction" and any(s <= r.num_start < e for s, e in blocked):
            continue
        if r.vague or r.unit is not None or r.scaled:
            out.append(r)
        elif not _is_year(r, text) and not _names_something(r, text):
            out.append(r)
    return out


def read_context(r: Raw, text: str) -> None:
    """Set the bound ("up to" -> "<=") and the change ("rose by" -> "up") from the words before."""
    before = text[max(0, r.start - 40) : r.start]
    m = _BOUND_RE.search(before)
    if m:
        r.approx = _BOUNDS[int(m.lastgroup[1:])][0]
        before = before[: m.start()]
    m = _CHANGE_RE.search(before)
    prep = m.group("prep") if m else None
    if m and not (prep == "from" and r.value_to is None) and not (prep == "to" and m.group("verb").lower() in ("up", "down")):
        r.change = "up" if m.group("verb").lower() in _UP_WORDS else "down"  # "fell from A to B", not "up from A"
    elif r.unit in ("percent", "points", "percentage points") and (r.value < 0 or text[r.start - 1 : r.start] == "+"):
        r.change = "down" if r.value < 0 else "up"  # "DAX -1.6%", "Nasdaq +0.8%"


def _compatible(a: Raw, b: Raw) -> bool:
    return a.unit is None or b.unit is None or _dimension(a.unit) == _dimension(b.unit)


def join(raws: list[Raw], text: str) -> list[Raw]:
    """Join "X to Y" ranges, then "X (Y)" conversions, into single quantities."""
    return _join_conversions(_join_ranges(raws, text), text)


def _join_ranges(raws: list[Raw], text: str) -> list[Raw]:
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        j = i + 1
        if j < len(raws) and _is_range(a, raws[j], text):
            b = raws[j]
            if not a.scaled and b.scaled and abs(a.value) < 1000 and b.value != 0:
                a.value *= _scale_of(b)
            a.value_to, a.unit, a.end = b.value, a.unit or b.unit, b.end
            a.scaled = a.scaled or b.scaled
            j += 1
        elif j < len(raws) and a.unit is None and raws[j].unit and _ALTERNATIVE.fullmatch(text[a.end : raws[j].start]):
            a.unit = raws[j].unit  # "eight or nine euros", "7- or 8-inch"
        out.append(a)
        i = j
    return out


def _join_conversions(raws: list[Raw], text: str) -> list[Raw]:
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        j = i + 1
        if j < len(raws) and _PAREN_OPEN.fullmatch(text[a.end : raws[j].start]) and _compatible(a, raws[j]):
            while j < len(raws) and raws[j].unit is not None and raws[j].value_to is None:
                a.also.append((raws[j].value, raws[j].unit))
                if j + 1 < len(raws) and _PAREN_NEXT.fullmatch(text[raws[j].end : raws[j + 1].start]):
                    j += 1
                    continue
                j += 1
                break
            if a.also and j - 1 > i:
                close = re.match(r"\s*\)", text[raws[j - 1].end :])
                a.end = raws[j - 1].end + (close.end() if close else 0)
        out.append(a)
        i = j
    return out


_FROM = re.compile(r"(?i)\bfrom\s+(?:about |around |some |roughly |nearly |almost )?\Z")
_TO = re.compile(r"(?i)(?:[^.;:!?()]|\.(?=\d)){0,40}?\bto\s+(?:about |around |some |roughly |nearly |almost )?\Z")


def _is_from_to(a: Raw, b: Raw, text: str, gap: str) -> bool:
    """'from 20 mpg in 2008 to 29 mpg in 2020': a range with words between its ends.

    The gap may hold words (dates and times were dropped already) but no other
    number, no clause break, and both ends must measure the same thing.
    """
    return (
        _FROM.search(text, max(0, a.start - 20), a.start) is not None
        and _TO.match(gap) is not None
        and (a.unit is None or b.unit is None or a.unit == b.unit)
    )


def _scale_of(b: Raw) -> float:
    for s in (1e12, 1e9, 1e6, 1e3):
        if abs(b.value) >= s:
            return s
    return 1.0


# "by A to B" with B this many times A reads as a change and a level, not a range: a range's
# ends are the same order of magnitude. Not tuned on data: a stated convention (no dev item has it).
_LEVEL_RATIO = 5


def _is_range(a: Raw, b: Raw, text: str) -> bool:
    gap = text[a.end : b.start]
    if a.value_to is not None or b.value_to is not None:
        return False
    if not _RANGE_GAP.fullmatch(gap):
        return _is_from_to(a, b, text, gap)
    word = gap.strip()
    before = text[max(0, a.start - 12) : a.start].lower()
    if word == "and" and not before.rstrip().endswith("between"):
        return False
    if word == "to" and a.unit is None and b.unit is None and a.value > b.value >= 0 and not _FROM.search(before):
        return False  # "a vote of 220 to 207": a tally, ranges run upwards
    if word == "to" and a.unit is not None and (
        re.search(r"\bby\s*\Z", before) or b.unit is None and _CHANGE_RE.search(text, max(0, a.start - 40), a.start)
    ):
        return False  # "increased by $43.6 billion to $419.2 billion", "fell 2.8% to 3,116": a change and a level
    if word == "to" and re.search(r"\bby\s*\Z", before) and b.value > _LEVEL_RATIO * a.value > 0:
        return False  # "fell by 12,000 to 210,000": the level is far above the change; "by 5 to 10" is a range
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    return True
