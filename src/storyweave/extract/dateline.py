"""Date lines at the top of plain-text articles.

Text dumps keep the page's date as a line of its own, above or below the
headline: "Tuesday, May 24, 2005", "16 September 2013 Last updated at 12:42
GMT", "on Mar 8 2013, 11:55p". Left in place such a line was taken for the
title (a story headlined "Tuesday, May 24, 2005") and stayed in the body as a
paragraph, while it is often the only publication date the file has. So a
leading line that is a date and nothing else is read as the article's date and
dropped from the body, as the date an HTML page carries in its markup is.

Only whole lines count: a date inside prose ("On May 24, 2005 the board
met") or a line that also holds a byline or a headline is no date line
(the text reader still takes the date of a byline or time stamp that the
body drops: ``stamp_date``). Times,
zones and the words pages put around a date ("Published on", "Last updated
at", "|", "@") may surround it. Spaces that detokenised text puts inside
times and abbreviations ("1: 12 PM", "p. m.") are allowed. A line holding two dates ("Published:
May 2, 2013 | Updated: May 3, 2013") is not read, and may still be taken for a title.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["LEADING_LINES", "date_of_line", "split_date_lines", "stamp_date"]

# Date lines sit among the first lines: above the headline, between it and the lead, after
# the lead, or as a "Published: ..." and an "Updated: ..." line after a short standfirst
# (on ECB+ dev, 166 of 496 texts have one in their first 3 lines and 4 more in lines 4-5).
LEADING_LINES = 5
# Words a stamp may hold beside its date: a byline ("By Ann Lee"), an agency, a place, a zone
# name ("UK"); the 14 stamps that date ECB+ dev texts hold at most 3 ("SUNNYVALE, Calif.").
STAMP_WORDS = 3

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DATE = re.compile(
    "|".join((
        rf"{_MONTH.format('m1')}\s+{_DAY.format('d1')}\s*,?\s*{_YEAR.format('y1')}",  # May 2, 2013 / Mar 8 2013
        rf"{_DAY.format('d2')}\s+{_MONTH.format('m2')}\s*,?\s*{_YEAR.format('y2')}",  # 16 September 2013
        rf"{_YEAR.format('y3')}\s*-\s*(?P<m3>\d{{1,2}})\s*-\s*(?P<d3>\d{{1,2}})",  # 2013-09-27
        rf"(?P<a4>\d{{1,2}})\s*(?P<sep>[/.])\s*(?P<b4>\d{{1,2}})\s*(?P=sep)\s*{_YEAR.format('y4')}",  # 27 / 09 / 2013
    )),
    re.IGNORECASE,
)  # fmt: skip
# What may surround the date on its line: weekdays, times, zones and the page's words for dates.
_AROUND = re.compile(
    r"\s+|[,|@()\[\]•·/:-]|[–—]"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?"
    r"|\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*[ap]\b\.?(?:\s*m\b\.?)?|\s*[ap]m\b\.?)?"
    r"|\d{1,2}\s*(?:[ap]\.\s*m\b\.?|[ap]m\b\.?)"
    r"|\b(?:gmt|utc|bst|cet|cest|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|ist|jst|aest|aedt|hkt|sgt)\b(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?"
    r"|[+-]\d\d:?\d\d\b"
    r"|\b(?:first|originally|published|updated|last|posted|released|issued|filed|modified|created|date|on|at)\b",
    re.IGNORECASE,
)


def date_of_line(line: str) -> tuple[bool, str | None]:
    """``(is_date_line, iso_day)``: whether ``line`` is one date and nothing else, and that day
    when the line fixes it (a numeric "04/05/2013" is a date line whose day is ambiguous)."""
    found = _DATE.search(line)
    if found is None or _AROUND.sub("", line[: found.start()] + " " + line[found.end() :]).strip():
        return False, None
    return True, _iso(found)


def stamp_date(line: str) -> str | None:
    """The day (ISO) of a time stamp or byline that holds one date and at most STAMP_WORDS words
    besides what a date line may hold ("By Ann Lee | May 24, 2005", "8: 05am UK, Monday 16
    September 2013", "Reuters Sep 18, 2013, 02. 16PM IST"); None for any other line, for two
    dates and for an ambiguous one. A caption or teaser with a date ("Flashback: the draft of
    June 28, 1988") says more than that."""
    found = list(_DATE.finditer(line))
    if len(found) != 1:
        return None
    rest = _AROUND.sub(" ", line[: found[0].start()] + " " + line[found[0].end() :])
    return _iso(found[0]) if len(re.findall(r"\w+", rest)) <= STAMP_WORDS else None


def split_date_lines(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """``(iso_day, paragraphs)``: the date of the first date line among the leading paragraphs,
    and the paragraphs without their date lines."""
    day, kept = None, []
    for i, paragraph in enumerate(paragraphs):
        is_date, iso = date_of_line(paragraph) if i < LEADING_LINES else (False, None)
        if is_date:
            day = day or iso
        else:
            kept.append(paragraph)
    return day, kept


def _iso(found: re.Match) -> str | None:
    g = found.groupdict()
    if g["y1"] or g["y2"]:
        month = _MONTHS.index((g["m1"] or g["m2"])[:3].lower()) + 1
        year, day = int(g["y1"] or g["y2"]), int(g["d1"] or g["d2"])
    elif g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:  # day and month in either order: only a number above 12 says which is which
        a, b = int(g["a4"]), int(g["b4"])
        if (a > 12) == (b > 12):
            return None
        year, month, day = int(g["y4"]), min(a, b), max(a, b)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
