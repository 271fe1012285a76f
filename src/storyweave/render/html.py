"""The brief as a standalone HTML page (Jinja2, autoescape on: source text is never markup)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..brief.model import Brief
from .view import fact_text, groups_text, lineage_lines, lines_word, outlets, view


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storyweave", "render/templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
    )
    env.filters.update(fact=fact_text, lines=lines_word, outlets=outlets)
    return env


def render(brief: Brief) -> str:
    v = view(brief)
    return _env().get_template("brief.html.j2").render(
        v=v, brief=brief, lineage=lineage_lines(brief), groups=groups_text(brief)
    )
