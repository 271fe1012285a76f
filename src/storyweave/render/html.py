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
    """The page; with ``article_href`` (a format string such as "/articles/{}": the page is
    served, not exported), the citations of the summary, facts, quotes and expectations link to
    the passages they cite and the page links back to the story list."""
    brief = short_labels(brief)
    v = view(brief)
    sides = [side_outlets(brief, c) for c in brief.conflicts]
    return _env().get_template("brief.html.j2").render(
        v=v, brief=brief, lineage=lineage_lines(brief), groups=groups_text(brief), dates=dates_text(brief), sides=sides,
        counts=counts_text(brief), cite=partial(_cite, href=article_href), served=article_href is not None,
    )


def _cite(mentions: Iterable[Mention], href: str | None) -> str:
    """The citation labels of ``mentions`` (``outlets``), each linked to the cited passage of its
    article when ``href`` is given: ``?mark=START-END#cited`` asks the article page to highlight
    and scroll to the span, so a reader lands on the words, not the top of the article (the
    template escapes the plain string; the links escape their parts)."""
    if href is None:
        return outlets(mentions)
    cited: dict[str, Mention] = {}
    for m in mentions:
        cited.setdefault(m.article_id, m)  # an article's first mention: the passage the line shows
    return Markup(", ").join(
        Markup('<a href="{}?mark={}-{}#cited">{}</a>').format(href.format(quote(a, safe="")), m.span[0], m.span[1], m.outlet)
        for a, m in cited.items())  # fmt: skip
