"""`storyweave stories` and `storyweave article`: read what the pipeline stored."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from ..views import article_view, stories_view
from .app import app
from .common import DbOption, JsonOption, open_db, out, print_json


@app.command()
def stories(db: Optional[str] = DbOption, json_: bool = JsonOption) -> None:
    """Stories, newest first, with their articles and outlets."""
    with open_db(db) as store:
        items = stories_view(store)
    if json_:
        print_json(items)
        return
    if not items:
        out.print("No stories yet: run `storyweave run PATH` first.")
        return
    table = Table(title=f"{len(items)} stories, newest first")
    table.add_column("story", no_wrap=True)
    table.add_column("headline", ratio=1)
    for col in ("articles", "outlets", "first seen", "last seen"):
        table.add_column(col, no_wrap=True, justify="right" if col in ("articles", "outlets") else "left")
    for s in items:
        table.add_row(s["id"], s["title"], str(len(s["articles"])), str(len(s["outlets"])),
                      (s["first_seen"] or "?")[:10], (s["last_seen"] or "?")[:10])
    out.print(table)


@app.command()
def article(
    article_id: str = typer.Argument(..., help="article id (a unique prefix is enough)"),
    db: Optional[str] = DbOption,
    json_: bool = JsonOption,
) -> None:
    """One article: metadata, clean text and the facts extracted from it."""
    with open_db(db) as store:
        data = article_view(store, article_id)
    if json_:
        print_json(data)
        return
    out.print(f"[bold]{data['title']}[/]", highlight=False, markup=True)
    out.print(f"{data['outlet']} · {data['published'] or 'date unknown'} · {data['id']} · story {data['story'] or '-'}",
              highlight=False, markup=False, style="dim")
    if "kind" in data:
        out.print(f"kind: {data['kind']}; {len(data['figures'])} figures, {len(data['quotes'])} quotes, "
                  f"{len(data['actors'])} actors", style="dim", markup=False)
    out.print()
    out.print(data["text"], highlight=False, markup=False)
