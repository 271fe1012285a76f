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
from typing import Any, Iterable

import courlan

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*")
# What pages put between a headline and their site's name in <title>: "Headline - IGN",
# "Headline | The Beachbody Blog", "Headline – TechCrunch", "Headline · Site".
# Post-nominal letters (degrees, licences) that follow a name after a comma.
_CREDENTIALS = frozenset(
    "BA BS BSC MA MS MSC MFA MBA MPH PHD EDD PSYD MD DO MBBS DDS DMD DVM PHARMD JD ESQ RN NP RD RDN LD "
    "LDN CDE CSSD CSCS CPT LCSW LMFT CPA CFA CFP FACS FRCP".split()
)
_COPYRIGHT_WORDS = re.compile(r"copyright|\(c\)|©|all rights reserved|\b(?:19|20)\d\d\b", re.I)
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
    """Declared outlet, else og:site_name when it reads as a name, else the URL's domain, else
    og:site_name whatever it reads as, else the file stem."""
    if isinstance(declared, str) and declared.strip():
        return declared.strip()
    if sitename and _names_a_site(sitename.strip()):
        return sitename.strip()
    for candidate in (url, source):
        if candidate and candidate.startswith(("http://", "https://")):
            domain = courlan.extract_domain(candidate, fast=True)
            if domain:
                return domain
    if sitename and sitename.strip():
        return sitename.strip()  # a tagline still says more than a file name
    return _file_stem(source.split("#", 1)[0]) or source


def _file_stem(path: str) -> str:
    """The file's name without its type and its ".gz", the one compression ingestion reads
    ("art.txt.gz" -> "art")."""
    name = PurePosixPath(path)
    return (name.with_suffix("") if name.suffix.lower() == ".gz" else name).stem


_NAME_FUNCTION_WORDS = frozenset("of the and for in on at de la du des del y & a an".split())


def _names_a_site(name: str) -> bool:
    """Whether a page's own site name is a name: not a tagline ("Expert how-to for English Riders":
    four words or more, one of them a lower-case word other than "of", "the", "and" ...), a
    copyright line ("Copyright 2014") or an address. "Bulletin of the Atomic Scientists" is a name."""
    words = name.split()
    if not words or name.lower().startswith(("copyright", "©", "http://", "https://", "www.")):
        return False
    return len(words) < 4 or not any(w[:1].islower() and w not in _NAME_FUNCTION_WORDS for w in words)


# What a site's name may add after the name its titles use ("Inexhibit magazine" titles end "| Inexhibit").
_SITE_KINDS = frozenset("magazine news online blog daily media com net org".split())


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
    site = _letters(sitename)
    for sep in _TITLE_SEPARATOR.finditer(title):  # left to right: a site name may hold a separator
        head, tail = title[: sep.start()].strip(), _letters(title[sep.end() :])
        # the site's name, or its name without the kind of site it is ("Inexhibit" / "Inexhibit magazine")
        if head and tail and (tail == site or site.startswith(tail) and site[len(tail):] in _SITE_KINDS):
            return head
    return title


def page_authors(found: str | None, publishers: Iterable[str], bylines: Iterable[str]) -> str | None:
    """The authors a page names (";"-separated, as trafilatura gives them), people only.

    trafilatura splits a byline at its commas and reads every author-ish field, so
    three kinds of non-names reach the list, each dropped or cut here by its shape:

    * post-nominal letters split off a name ("Ilana Muhlstein, MS, RDN" gave the
      authors "MS" and "RDN"): a part that is only a credential is dropped;
    * the publisher (Wired's ``<meta name="author">`` says "Condé Nast"): a part that
      is one of ``publishers`` (the site name, the page's copyright holder) is dropped;
    * a job title or outlet read with the name from the byline box ("Tom Gillespie
      News reporter"): a part that starts with the text of one of the page's author
      links (``bylines``: a link to the writer's page) and goes on is cut to that text.
    """
    owners = {_letters(name) for name in publishers if _letters(name)}
    names = sorted({" ".join(b.split()) for b in bylines if len(b.split()) >= 2}, key=len, reverse=True)
    kept: list[str] = []
    for part in _AUTHOR_SPLIT.split(found or ""):
        if not part or _is_credential(part) or _letters(part) in owners:
            continue
        part = next((name for name in names if part.startswith(name + " ")), part)
        if part not in kept:
            kept.append(part)
    return "; ".join(kept) or None


def copyright_holder(notice: str) -> str:
    """ "Copyright (c) Condé Nast 2019" -> "Condé Nast"."""
    return _COPYRIGHT_WORDS.sub(" ", notice).strip(" \t.,;:-|")


def _is_credential(part: str) -> bool:
    return part.replace(".", "").upper() in _CREDENTIALS


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

    parsed = dateparser.parse(text, settings=_FREE_FORM_DATES)
    return parsed.isoformat() if parsed else None


# A publication date must name its day, month and year: dateparser would otherwise fill the
# missing parts from today ("12" -> the 12th of this month, "May" -> May this year, "Tuesday",
# "yesterday" -> dates relative to the machine's clock) or read a bare number as a Unix time,
# and those invented dates would order stories and date expectations. Such a value leaves
# the article undated.
_FREE_FORM_DATES = {"RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month", "year"],
                    "PARSERS": ["custom-formats", "absolute-time"]}


def _valid_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


