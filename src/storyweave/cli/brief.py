"""`storyweave brief STORY_ID`: the sourced brief of one story, in four formats."""

from __future__ import annotations

import typer

from ..errors import InputError
from ..render import FORMATS, renderer
from ..views import load_brief
from .app import app
from .common import DbOption, JsonOption, open_db, out


@app.command()
def brief(
    story_id: str = typer.Argument(..., help="story id (a unique prefix is enough); see `storyweave stories`"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | md | json | html"),
    db: str = DbOption,
    json_: bool = JsonOption,
) -> None:
    """What happened, who says so, how many independent sources, where they disagree."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    if json_ and fmt not in ("text", "json"):
        raise InputError(f"--json and --format {fmt} ask for two formats", hint="give one of them")
    fmt = "json" if json_ else fmt
    with open_db(db) as store:
        result = load_brief(store, story_id)
    if fmt == "text":
        from ..render.text import renderable

        out.print(renderable(result))
    else:
        typer.echo(renderer(fmt)(result))
