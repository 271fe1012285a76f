"""`storyweave brief STORY_ID`: the sourced brief of one story, in four formats."""

from __future__ import annotations

from typing import Optional

import typer

from ..brief import make_brief
from ..errors import InputError
from ..render import FORMATS, renderer
from .app import app
from .common import DbOption, open_db, out


@app.command()
def brief(
    story_id: str = typer.Argument(..., help="story id (a unique prefix is enough); see `storyweave stories`"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | md | json | html"),
    db: Optional[str] = DbOption,
) -> None:
    """What happened, who says so, how many independent sources, where they disagree."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    store = open_db(db)
    try:
        story = store.story(story_id)
        articles = list(store.articles(story.article_ids))
        facts = {a.id: f for a in articles if (f := store.facts(a.id)) is not None}
        derivations = store.derivations(story.article_ids)
    finally:
        store.close()
    result = make_brief(story, articles, facts, derivations)
    if fmt == "text":
        from ..render.text import renderable

        out.print(renderable(result))
    else:
        typer.echo(renderer(fmt)(result))
