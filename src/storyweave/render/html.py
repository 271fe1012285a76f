"""The brief as a standalone HTML page (Jinja2, autoescape on: source text is never markup)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..brief.model import Brief
from .view import (
    counts_text, credited, dates_text, day, fact_text, groups_text, lineage_lines, lines_word, outlets, quote_text,
    short_labels, side_outlets, view,
)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storyweave", "render/templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
    )
    env.filters.update(credited=credited, fact=fact_text, lines=lines_word, outlets=outlets, day=day, quote=quote_text)
    return env


def render(brief: Brief) -> str:
    brief = short_labels(brief)
    v = view(brief)
    sides = [side_outlets(brief, c) for c in brief.conflicts]
    return _env().get_template("brief.html.j2").render(
        v=v, brief=brief, lineage=lineage_lines(brief), groups=groups_text(brief), dates=dates_text(brief), sides=sides,
        counts=counts_text(brief),
    )
