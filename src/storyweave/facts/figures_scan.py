"""Find the numbers in a text and read each as value, scale, unit and span.

Regular expressions only: this runs on every article, so it must cost far less
than the spaCy pass. Each hit is a ``Raw`` quantity; ``figures_merge`` later
joins ranges and conversions and drops numbers that are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .units import CURRENCY_PREFIX, CURRENCY_SUFFIX, INITIALS, MONEY_SENSE, PER_UNITS, SCALES, UNITS

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORD_VALUES["dozen"] = 12
_WORD_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?|\.\d+"
_NW = "|".join(sorted(list(WORD_VALUES) + list(_WORD_SCALES), key=len, reverse=True))
_FIRST_WORD = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
_WORDNUM = rf"(?:(?:a|an)\s+(?=dozen|hundred|thousand|million|billion|trillion)|(?:{_FIRST_WORD})\b)(?:(?:\s+and\s+|[\s-]+)?(?:{_NW})\b)*"

# Currency marks that a lower-cased feed still writes unambiguously ("us$5", "c$20", "eur 3m", "rs 500");
# one letter ("R") and codes that are English words ("try", "rub", "cad") stay exact. Only a
# lower-cased text is read with them (CORE_LOWER): every extra mark slows CORE on all others.
_LOWER_PREFIX = {
    k.lower(): v
    for k, v in CURRENCY_PREFIX.items()
    if ("$" in k and len(k) > 1 or k[:2] in ("Rs", "RM") or len(k) == 3 and k.isupper())
    and k not in ("TRY", "RUB", "CAD")
}


def _core(marks) -> re.Pattern:
    return re.compile(
        rf"(?<![\w.,$£€¥'’])(?P<pre>{_alt(marks)})?[ ]?(?P<sign>(?<![\w.,%)])[-−]|minus[- ])?"
        rf"(?:(?P<digits>{_NUM})|(?P<words>(?i:{_WORDNUM})))"
    )


CORE = _core(CURRENCY_PREFIX)
CORE_LOWER = _core({**CURRENCY_PREFIX, **_LOWER_PREFIX})
_SCALE = re.compile(
    r"[ ]?-?[ ]?(?P<w>hundred|thousand|million|billion|trillion|lakh crore|lakhs?|crores?)(?![A-Za-z])"
    r"|(?P<g>mn|mln|bn|bln|tn|trn|mil|m|b|k|K|M|B)(?![A-Za-z0-9²])"
    r"|[ ](?P<s>mn|mln|bn|bln|tn|trn|M|B)(?![A-Za-z0-9²])"
)
# After a glued "m", these words say metres, not millions ("5m away").
_LENGTH_WORDS = frozenset(
    "long high tall deep wide away above below under from in into to and or on at by up "
    "down sprint race run dash freestyle hurdles".split()
)


# Symbols with capitals that a lower-cased feed still writes unambiguously ("128gb", "180 kw");
# the rest stay exact: "Nm" lower-cased is nanometres, "PS" and "MB" are words or names.
_CASED_ONLY = frozenset(("Nm", "PS", "MB"))


def _any_case(form: str) -> bool:
    return form == form.lower() and len(form) > 1 or len(form) > 1 and form[-1].isalpha() and form not in _CASED_ONLY


# Unit words are matched in lower case on a lower-cased slice after the number, symbols exactly on
# the text: a case-insensitive alternation is tried branch by branch, a literal one skips fast.
_ANYCASE_FORMS = {f.lower() for forms in UNITS.values() for f in forms if _any_case(f)}
_EXACT_FORMS = [f for forms in UNITS.values() for f in forms if not _any_case(f)]
_UNIT_WORDS = re.compile(
    rf"(?P<sp>[ ]?-?[ ]?)(?:(?P<cur>{_alt(f for f in CURRENCY_SUFFIX if f != 'p')})|(?P<unit>{_alt(_ANYCASE_FORMS)}))"
    r"(?![A-Za-z0-9²'&])"  # glued pence ("30p") is read apart; "5 R&D labs" has no unit
)
_UNIT_SYMBOLS = re.compile(rf"(?P<sp>[ ]?-?[ ]?)(?P<unit>{_alt(_EXACT_FORMS)})(?![A-Za-z0-9²'&])")
_UNIT_SPAN = max(map(len, [*CURRENCY_SUFFIX, *_ANYCASE_FORMS])) + 4  # separator and the character after


def _match_unit(text: str, pos: int) -> tuple[str, str, bool, int] | None:
    """("cur" or "unit", the form as written, whether spaced, end) of a unit word or symbol at ``pos``."""
    window = text[pos : pos + _UNIT_SPAN]
    low = window.lower()
    m = _UNIT_WORDS.match(low if len(low) == len(window) else window)
    if m:
        kind = "cur" if m.group("cur") else "unit"
        return kind, window[m.start(kind) : m.end(kind)], bool(m.group("sp")), pos + m.end()
    m = _UNIT_SYMBOLS.match(text, pos)
    return ("unit", m.group("unit"), bool(m.group("sp")), m.end()) if m else None

_FORM_TO_UNIT = {f.lower(): c for c, forms in UNITS.items() for f in forms if _any_case(f)}
_FORM_TO_UNIT_EXACT = {f: c for c, forms in UNITS.items() for f in forms}
# A rate word stands apart from its denominator: "5 points ahead" is no rate "a head".
_PER = re.compile(
    rf"(?:[ ](?:per|a|an|each)[ -]|[ ]?/[ ]?|-an?-)(?P<per>(?i:{_alt(PER_UNITS)}))(?![A-Za-z])"
    r"(?!\s+(?:ago|earlier|later|before|after)\b)"  # "$5 a year ago" is no rate
)
_PER_NOUN = re.compile(r"[ ]per[ ](?P<per>[a-z]{3,})\b(?![-'’])")
# "per" as "according to" ("$5 billion, per the filing") or before a number ("per 100,000 people").
_NOT_PER_NOUNS = frozenset("the this that these those its their his her our your my cent annum".split())
_PER_UNITS_ANYCASE = {k.lower(): v for k, v in PER_UNITS.items()}  # "per kwh" in lower-cased feeds
_US_AFTER_DOLLAR = re.compile(r"[ ](?:US|U\.S\.)(?![A-Za-z.])")
# A number after "word-" is part of a name ("COVID-19", "X-Pro3"); not after "sub-", "minus-", "now-",
# "then-" ("his then-25-year-old aide"), or
# an amount with its scale or unit ("$1.5m-$2m", "5km-10km"), which is the first end of a range.
_GLUED_TO_WORD = re.compile(
    r"(?<!sub)(?<!minus)(?<!over)(?<!under)(?<!now)(?<!then)(?<![\d.][A-Za-z])(?<![\d.][A-Za-z]{2})(?<=[A-Za-z])-\Z"
)
# After a symbol that is also an initial, what ends the clause or opens a rate ("18 R.", "0.5 R per day");
# a word after it makes it an initial ("10 R and D spenders").
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|per\b|/|\Z)")
_PENCE = re.compile(r"p(?![A-Za-z0-9])")
# Video resolutions (see _names_a_resolution): lines of "1080p", digits of "4K TVs", "8K video".
_VIDEO_LINES = frozenset((480.0, 720.0, 1080.0, 1440.0, 2160.0))
_RESOLUTIONS = frozenset((2.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0))
_RESOLUTION_K = re.compile(r"[Kk][ -](?i:tvs?|televisions?|video|resolution|displays?|monitors?|screens?|hdr|uhd|"
                           r"streaming|content|cameras?|footage|ultra|blu-ray)\b")
# A number word inside a name ("our One Home Depot investments"): see _in_name.
_IN_NAME = re.compile(r"[A-Z][a-z]+[ -][A-Z]")
_AFTER_LOWER_WORD = re.compile(r"\b[a-z]+[ ]\Z")
_LINE_REACH = 300  # characters read each side of the name to tell a headline from running text
_LONG_WORD = re.compile(r"\b[A-Za-z]{4,}")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’]*[ -])*[A-Z][\w'’]*")
_INCH = re.compile(r"in(?![A-Za-z0-9])")
_TIMES = re.compile(r"x(?![A-Za-z0-9²×])")
_AND_A_HALF = re.compile(r"(?i)[ -]and[ -]a[ -]half\b")
_GLYPHS = {"½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3}
_RAND_AMOUNT = re.compile(r"\d+(?:,\d{3}|\.\d+|[ ]?(?:million|billion|trillion|bn|m)\b)")
# Powers of ten: "x 10^23", "×10⁶", "×10−7" (a bare "3 x 10" is a size, not a power), or "E6" glued.
_SCIENTIFIC = re.compile(
    r"[ ]?[x×][ ]?10(?:(?:\^|\*\*)(?P<exp>[-−+]?\d{1,3})|(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|(?P<neg>[-−]\d{1,3}))"
    r"(?!\d|\.\d)"
    r"|[eE](?P<e>[-−+]?\d{1,3})(?!\w|\.\d)"
)
_EXPONENT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
# Words that make "pounds" sterling (and "R" the rand) in the clause before the amount, searched
# at most _CLAUSE characters back: the pattern itself stops at the clause's start.
_MONEY_BEFORE = re.compile(
    r"(?i)\b(?:cost|costs|costing|price|prices|priced|paid|pay|pays|paying|worth|fined?|salary|wages?|fees?|"
    r"charged?|spen[dt]|spending|earn(?:s|ed)?|budget|profits?|revenues?|sold for|bought for|raised|"
    r"donated|bills?|tax|loans?|debts?|pension|rent|fare)\b[^.;:!?]*\Z"
)
# 100 characters: the dev half's "The price of gasoline per litre in Johannesburg is currently 18 R" has its
# money word 57 back; dev value+unit 91.7 at 50, 92.2 at 100 and at 200 (the smaller kept).
_CLAUSE = 100
_BOUND_AFTER = re.compile(r"(?:(?P<plus>-plus|\+)|[ ]or so)(?![\w+])")
_GLUED_UNITS = ((_PENCE, "GBP-penny"), (_INCH, "in"), (_TIMES, "times"))
_MIXED = re.compile(r"[ ]?(?P<glyph>[½¼¾⅓⅔])|[ ](?P<top>[1-9])/(?P<bottom>[2-9]|1[0-6])(?![\d/])")


@dataclass
class Raw:
    """One number as read from the text, before ranges and conversions are joined."""

    start: int  # span of the figure's surface form (currency mark to unit)
    end: int
    num_start: int  # where the digits or number words begin
    value: float
    unit: str | None = None
    scaled: bool = False  # a scale word or suffix was read ("billion", "bn")
    words: bool = False  # written in words ("three")
    vague: bool = False  # "hundreds", "dozens": an order of magnitude
    value_to: float | None = None
    approx: str = "="
    change: str | None = None
    also: list = field(default_factory=list)
    noun: tuple[int, int] | None = None  # counted noun phrase after the number


def parse_words(text: str) -> float | None:
    """'twenty-eight thousand six hundred forty-two' -> 28642.0; 'a dozen' -> 12; None for words
    that make no number together: a number word adds only below a round hundred, or a unit after
    a ten ("he scored just three four times" is a slip, not seven)."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in WORD_VALUES:
            below = current % 100
            if below and not (below >= 20 and below % 10 == 0 and WORD_VALUES[w] < 10):
                return None
            current += WORD_VALUES[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _WORD_SCALES:
            total += max(current, 1) * _WORD_SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _read_scale(text: str, pos: int, currency: bool) -> tuple[float, int, str | None]:
    """Scale factor after a number, the end of what was read, and a unit if "m" meant metres."""
    m = _SCALE.match(text, pos)
    if not m:
        return 1.0, pos, None
    word = m.group("w") or m.group("g") or m.group("s")
    if word == "m" and not currency:
        if text[m.end() : m.end() + 1] in ("2", "²"):
            return 1.0, pos, None
        nxt = re.match(r"\s+([a-z][a-z-]*)", text[m.end() : m.end() + 30])
        if not nxt or nxt.group(1) in _LENGTH_WORDS:
            return 1.0, m.end(), "m"
    return SCALES[word], m.end(), None


def _inside_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a straight-quoted passage. The marks are read left to right: one
    right after a digit closes an open quotation ('"we ordered 5" last week') and is an inch mark
    otherwise ('a 6.1" screen'), which must not make every later inch mark look like a closing quote."""
    inside, i = False, text.find('"', 0, pos)
    while i >= 0:
        if inside or not (i and text[i - 1].isdigit()):
            inside = not inside
        i = text.find('"', i + 1, pos)
    return inside


def _read_unit(text: str, pos: int, currency: str | None) -> tuple[str | None, int]:
    """The unit (or currency word) right after a number, with any "per X" rate."""
    unit, end = currency, pos
    if currency == "USD":
        us = _US_AFTER_DOLLAR.match(text, end)
        if us:
            end = us.end()
    m = _match_unit(text, end)
    if m and not (m[1] == "'" and m[2]):
        kind, form, _, m_end = m
        if kind == "cur":
            if currency is None or currency == "USD" and form.lower() in ("us dollars", "dollars"):
                unit, end = CURRENCY_SUFFIX[form.lower()], m_end
        elif (
            currency is None
            and not (form == "'" and text[m_end : m_end + 1].isalpha())
            and not (form == '"' and _inside_quotation(text, pos))  # '"about 5"' closes a quote: no inches
            and not (form in INITIALS and not _CLAUSE_END.match(text, m_end))
        ):
            # the exact symbol first: "Nm" is newton metres though "nm" is nanometres
            unit = _FORM_TO_UNIT_EXACT.get(form) or _FORM_TO_UNIT.get(form.lower())
            end = m_end
    elif currency is None:
        # Glued only: "30p per kWh"; "a 6.5in screen" (spaced "in" is a preposition); "3x sales".
        for glued, name in _GLUED_UNITS:
            p = glued.match(text, pos)
            if p:
                unit, end = name, p.end()
                break
    if unit:
        per = read_per(text, end)
        if per:
            return f"{unit}/{per[0]}", per[1]
    return unit, end


def read_per(text: str, pos: int) -> tuple[str, int] | None:
    """The denominator of a rate at ``pos`` ("a barrel", "per day", "/kWh") and where it ends."""
    per = _PER.match(text, pos)
    if per:
        return _PER_UNITS_ANYCASE[per.group("per").lower()], per.end()
    per = _PER_NOUN.match(text, pos)  # any other noun after "per": "$12,000 per pupil", "3 cases per ward"
    if per and per.group("per") not in _NOT_PER_NOUNS:
        noun = per.group("per")
        return (noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun), per.end()
    return None


def _in_name(text: str, start: int) -> bool:
    """A capitalised number word after a lower-case word and before another capitalised word is
    part of a name in running text: "our One Home Depot investments", "the Three Mile Island
    accident", "Zero Hedge". A headline capitalises its words anyway ("Trump Leads in Three-Way
    Contest"): there, told by the rest of its line, the number counts."""
    if not (_IN_NAME.match(text, start) and _AFTER_LOWER_WORD.search(text, max(0, start - 40), start)):
        return False
    end = text.find("\n", start, start + _LINE_REACH)
    name_end = _CAPITALISED_RUN.match(text, start).end()
    line = text[max(text.rfind("\n", 0, start) + 1, start - _LINE_REACH) : start]
    line += text[name_end : end if end >= 0 else start + _LINE_REACH]
    long_words = _LONG_WORD.findall(line)
    return sum(w[0].isupper() for w in long_words) * 2 <= len(long_words)


_WORD = re.compile(r"[A-Za-z]+")


def _names_a_resolution(text: str, m: re.Match, number_end: int, value: float, unit: str | None,
                        currency: str | None) -> bool:
    """A screen or video resolution, not a quantity: "1080p" (no pence), "4K TVs" (no thousands)."""
    if unit == "GBP-penny":
        return value in _VIDEO_LINES
    digits = m.group("digits") or ""
    return currency is None and digits.isdigit() and value in _RESOLUTIONS and bool(_RESOLUTION_K.match(text, number_end))


def _product_code(text: str, m: re.Match, number_end: int, currency: str | None) -> bool:
    """A model number, not an amount: four digits or more with a capital letter glued on and no
    currency ("Radeon Pro 5300M", "5500M graphics"). Amounts glue their scale to a short number
    ("$5M", "2M views", "1.5B")."""
    digits = m.group("digits") or ""
    glued, after = text[number_end : number_end + 1], text[number_end + 1 : number_end + 2]
    return currency is None and len(digits) >= 4 and digits.isdigit() and glued != "" and glued in "MKBGX" \
        and not after.isalnum()


def _words_prefix(text: str, start: int, end: int) -> tuple[float | None, int]:
    """The value of the longest run of number words from ``start`` that make one number, and where
    it ends, when the rest is a number that compounds the next word: "five ten-year bonds" is five
    (the bonds are ten-year), not fifteen and not nothing. "eighteen and twenty" and "three four
    times" (a list, a slip) give no number."""
    if text[end : end + 1] != "-":
        return None, end
    ends = [w.end() for w in _WORD.finditer(text, start, end)]
    for stop in reversed(ends[:-1]):  # the whole run did not parse
        value = parse_words(text[start:stop])
        if value is not None:
            return value, stop
    return None, end


def scan(text: str) -> list[Raw]:
    """Every number-like hit in ``text`` with its value, unit and span."""
    out: list[Raw] = []
    for m in (CORE_LOWER if text.islower() else CORE).finditer(text):
        if out and m.start() < out[-1].end:
            continue  # inside the figure before: "10^23" of "6.022 x 10^23"
        pre = m.group("pre")
        if pre == "R" and not _RAND_AMOUNT.match(text, m.end("pre")):
            continue  # "R2-D2", "R5 road": a bare "R" is the rand only before a written-out amount
        currency = (CURRENCY_PREFIX.get(pre) or _LOWER_PREFIX[pre]) if pre else None
        number_end = m.end()
        if m.group("digits"):
            value = float(m.group("digits").replace(",", ""))
            num_start = m.start("digits")
        else:
            num_start = m.start("words")
            value = parse_words(m.group("words"))
            if value is None:
                value, number_end = _words_prefix(text, num_start, m.end("words"))
            if value is None or _in_name(text, num_start):
                continue
        tail = _AND_A_HALF.match(text, number_end)
        if tail:
            value += 0.5  # "two and a half years", "3 and a half million"
        elif m.group("digits"):
            tail = _SCIENTIFIC.match(text, number_end)
            if tail:  # "6.022 x 10^23", "1.2×10−7", "5E6"
                power = next(g for g in tail.group("exp", "sup", "neg", "e") if g)
                value *= 10.0 ** int(power.translate(_EXPONENT_DIGITS))
            elif m.group("digits").isdigit():
                tail = _MIXED.match(text, number_end)
                if tail:  # "3½ minutes", "a 3 1/2-inch advantage"
                    glyph = tail.group("glyph")
                    value += _GLYPHS[glyph] if glyph else int(tail.group("top")) / int(tail.group("bottom"))
        if m.group("sign"):
            value = -value
        if _GLUED_TO_WORD.search(text, max(0, m.start() - 8), m.start()):
            continue  # "COVID-19", "X-Pro3"; but "sub-300", "minus-1.4" and "10-20" stay
        scale, end, unit = _read_scale(text, tail.end() if tail else number_end, currency is not None)
        if unit is None:
            unit, end = _read_unit(text, end, currency)
        if unit is None and scale == 1.0 and end == number_end and text[end : end + 1].isalpha():
            continue  # glued to a word that is no unit: "5G", "3D", "A380neo"
        if _names_a_resolution(text, m, number_end, value, unit, currency) or _product_code(
                text, m, number_end, currency):
            continue
        if unit in MONEY_SENSE and (scale >= 1e6 or _MONEY_BEFORE.search(text, max(0, m.start() - _CLAUSE), m.start())):
            unit = MONEY_SENSE[unit]  # "3 million pounds" and "tickets cost 50 pounds" are money
        bound = _BOUND_AFTER.match(text, end)  # "200-plus stores", "20 or so people"
        out.append(
            Raw(
                start=m.start(),
                end=bound.end() if bound else end,
                num_start=num_start,
                value=value * scale,
                unit=unit,
                scaled=scale != 1.0,
                words=m.group("words") is not None,
                approx=(">" if bound.group("plus") else "~") if bound else "=",
            )
        )
    return out


_VAGUE = re.compile(
    r"(?<![\w-])(?P<tens>tens of |hundreds of )?(?P<w>dozens|hundreds|thousands|millions|billions|trillions)(?= of\b| more\b)",
    re.I,
)
_VAGUE_VALUES = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}


def scan_vague(text: str) -> list[Raw]:
    """'hundreds of miles', 'tens of millions of dollars': a range of one order of magnitude."""
    out = []
    for m in _VAGUE.finditer(text):
        low = _VAGUE_VALUES[m.group("w").lower()]
        if m.group("tens"):
            low *= 10 if m.group("tens").lower().startswith("tens") else 100
        raw = Raw(m.start(), m.end(), m.start(), low, value_to=low * 10, vague=True, scaled=True)
        unit, end = _read_unit(text, m.end() + 3, None)  # "millions of dollars", "hundreds of miles"
        if unit is not None and end > m.end() + 3:
            raw.unit, raw.end = ("GBP" if unit == "lb" and low >= 1e6 else unit), end
        out.append(raw)
    return out


_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
_FRACTION = re.compile(
    rf"(?i)(?<![\w-])(?:(?:a|one)[ -](?P<one>{'|'.join(_DENOMINATORS)})"
    rf"|(?P<n>two|three|four|five|six|seven|eight|nine)[ -](?P<many>(?:{'|'.join(_DENOMINATORS)})s)|(?P<half>half))"
    r"(?= of\b| the\b| its\b| their\b| his\b| her\b| our\b| an?\b)"
)
_WHOLE_SCALE = re.compile(r"(?i)(?:hundred|thousand|million|billion|trillion)\b")
_OF_ONE = re.compile(r"(?i) (?:of )?an? ")  # "a quarter of a percentage point", "half an hour"
_SLASH_FRACTION = re.compile(r"(?<![\w/.,])(\d)/(\d{1,2})(?![\w/])(?= of\b)")
_NOT_FRACTION = re.compile(r"(?i)\b(?:first|second|last|next|this|that|the|and a|a)\s+\Z")


def scan_fractions(text: str) -> list[Raw]:
    """'half the condos', 'two-thirds of voters': a share, unit ``fraction``.

    Only before "of"/"the"/a possessive, and not after "first"/"second"/"the"
    ("the second half of the year", "an hour and a half"). A share of one unit
    is that many units: "a quarter of a percentage point" is 0.25 percentage
    points, "half an hour" 0.5 hours ("half a million" is left to the scale words).
    """
    out = []
    for m in _FRACTION.finditer(text):
        if _NOT_FRACTION.search(text, max(0, m.start() - 12), m.start()):
            continue
        word = (m.group("one") or m.group("many") or "").lower().rstrip("s")
        times = WORD_VALUES[m.group("n").lower()] if m.group("n") else 1
        value = times / _DENOMINATORS[word] if word else 0.5
        one = _OF_ONE.match(text, m.end())
        if one:
            scale = _WHOLE_SCALE.match(text, one.end())
            unit, end = _read_unit(text, one.end(), None)
            if scale:  # "half a million euros"; "half a million people": the noun is read as for any number
                unit, end = _read_unit(text, scale.end(), None)
                value *= _WORD_SCALES[scale.group().lower()]
                out.append(Raw(m.start(), end, m.start(), value, unit=unit, scaled=True))
            elif unit is not None and end > one.end():
                out.append(Raw(m.start(), end, m.start(), value, unit=unit, scaled=True))
            continue
        out.append(Raw(m.start(), m.end(), m.start(), value, unit="fraction", scaled=True))
    for m in _SLASH_FRACTION.finditer(text):
        top, bottom = int(m.group(1)), int(m.group(2))
        if 0 < top < bottom:  # "1/3 of patients"; "24/7" and "9/11" are no shares
            out.append(Raw(m.start(), m.end(), m.start(), top / bottom, unit="fraction", scaled=True))
    return sorted(out, key=lambda r: r.start)

