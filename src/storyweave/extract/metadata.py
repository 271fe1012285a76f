"""Article metadata: what the source declared first, then what the page says.

Sources that declare fields (JSON records, feed entries) know better than any
guess from the page, so each helper takes the declared value first and falls
back through the page's own metadata to the URL and finally the file name.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from pathlib import PurePosixPath
from typing import Any

import courlan

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*")
# What pages put between a headline and their site's name in <title>: "Headline - IGN",
# "Headline | The Beachbody Blog", "Headline – TechCrunch", "Headline · Site".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—·•:»/]|::)\s+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_url(url: Any) -> str | None:
    """The URL as an identity key (no tracking parameters, no fragment), or None."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        return courlan.normalize_url(url.strip(), strict=True)
    except (ValueError, TypeError):
        return None


def outlet_name(declared: Any, sitename: str | None, url: str | None, source: str) -> str:
    """Declared outlet, else og:site_name, else the URL's domain, else the file stem."""
    for name in (declared, sitename):
        if isinstance(name, str) and name.strip():
            return name.strip()
    for candidate in (url, source):
        if candidate and candidate.startswith(("http://", "https://")):
            domain = courlan.extract_domain(candidate, fast=True)
            if domain:
                return domain
    return PurePosixPath(source.split("#", 1)[0]).stem or source


def without_site_name(title: str | None, sitename: str | None) -> str | None:
    """The page's title without a trailing " - Site" / " | Site" naming the page's own site.

    A page's <title> often ends with the site's name; the headline is the part before
    it. Only a segment that *is* the site name (case, spaces and punctuation aside:
    "9to5Mac" for "9To5Mac", "SpaceNews.com") is cut, and only at a separator with
    spaces around it, so a headline's own last words ("Hearing - Day 2", "Oil | Gas")
    stay. Declared titles are not passed here: the source knows its own titles.
    """
    if not title or not sitename or not _letters(sitename):
        return title
    for sep in _TITLE_SEPARATOR.finditer(title):  # left to right: a site name may hold a separator
        head = title[: sep.start()].strip()
        if head and _letters(title[sep.end() :]) == _letters(sitename):
            return head
    return title


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def authors(declared: Any, found: str | None) -> tuple[str, ...]:
    """Declared authors (list or string), else the page's, split on ";", "|", "and"."""
    if isinstance(declared, (list, tuple)):
        return tuple(str(a).strip() for a in declared if str(a).strip())
    text = declared if isinstance(declared, str) and declared.strip() else found
    return tuple(a for a in _AUTHOR_SPLIT.split(text or "") if a)


def iso_date(*candidates: Any) -> str | None:
    """The first candidate that reads as a date, in ISO 8601 (date or datetime)."""
    for value in candidates:
        parsed = _parse_date(value)
        if parsed:
            return parsed
    return None


def _parse_date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) == 10 and _ISO_DATE.match(text):  # a bare day stays a day: no invented midnight
        return text if _valid_day(text) else None
    if _ISO_DATE.match(text):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            return text[:10] if _valid_day(text[:10]) else None
    try:  # RSS and e-mail style: "Fri, 07 Feb 2025 09:30:00 GMT"
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only free-form dates need it

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.isoformat() if parsed else None


def _valid_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


