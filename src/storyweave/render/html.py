"""The brief as a standalone HTML page (Jinja2, autoescape on: source text is never markup)."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Iterable
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..brief.model import Brief, Mention
from .view import (
    counted, counts_text, credited, dates_text, day, fact_text, groups_text, lineage_lines, lines_word, outlets,
    quote_text, short_labels, side_outlets, view,
)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storyweave", "render/templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
    )
    env.filters.update(credited=credited, counted=counted, fact=fact_text, lines=lines_word, day=day,
                       quote=quote_text)
    return env


def render(brief: Brief, article_href: str | None = None) -> str:
    """The page; with ``article_href`` (a format string such as "/articles/{}"), the citations of
    the summary, facts, quotes and expectations link to the articles they cite."""
    brief = short_labels(brief)
    v = view(brief)
    sides = [side_outlets(brief, c) for c in brief.conflicts]
    return _env().get_template("brief.html.j2").render(
        v=v, brief=brief, lineage=lineage_lines(brief), groups=groups_text(brief), dates=dates_text(brief), sides=sides,
        counts=counts_text(brief), cite=partial(_cite, href=article_href),
    )


def _cite(mentions: Iterable[Mention], href: str | None) -> str:
    """The citation labels of ``mentions`` (``outlets``), each linked to its article when ``href``
    is given (the template escapes the plain string; the links escape their parts)."""
    if href is None:
        return outlets(mentions)
    cited = {m.article_id: m.outlet for m in mentions}
    return Markup(", ").join(Markup('<a href="{}">{}</a>').format(href.format(quote(a, safe="")), label)
                             for a, label in cited.items())  # fmt: skip
