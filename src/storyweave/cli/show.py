"""`storyweave stories` and `storyweave article`: read what the pipeline stored."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from ..records import Article, to_dict
from .app import app
from .common import DbOption, open_db, out, print_json


def _article_ref(a: Article) -> dict:
    return {"id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title, "published": a.published}


@app.command()
def stories(db: Optional[str] = DbOption, json_: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Stories, newest first, with their articles and outlets."""
    store = open_db(db)
    try:
        items = []
        for s in store.stories():
            members = list(store.articles(s.article_ids))
            items.append((s, members))
    finally:
        store.close()
    if json_:
        print_json([
            {"id": s.id, "title": s.headline, "first_seen": s.first_seen, "last_seen": s.last_seen,
             "outlets": list(s.outlets), "articles": [_article_ref(a) for a in members]}
            for s, members in items
        ])
        return
    if not items:
        out.print("No stories yet: run `storyweave run PATH` first.")
        return
    table = Table(title=f"{len(items)} stories, newest first")
    for col in ("story", "headline", "articles", "outlets", "first seen", "last seen"):
        table.add_column(col, overflow="fold")
    for s, members in items:
        table.add_row(s.id, s.headline, str(len(members)), str(len(s.outlets)), s.first_seen or "?", s.last_seen or "?")
    out.print(table)


@app.command()
def article(
    article_id: str = typer.Argument(..., help="article id (a unique prefix is enough)"),
    db: Optional[str] = DbOption,
    json_: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """One article: metadata, clean text and the facts extracted from it."""
    store = open_db(db)
    try:
        a = store.find_article(article_id)
        facts = store.facts(a.id)
        story_id = store.story_of(a.id)
    finally:
        store.close()
    data = to_dict(a)
    data["story"] = story_id
    if facts is not None:
        f = to_dict(facts)
        data.update({k: f[k] for k in ("kind", "figures", "quotes", "actors", "statements")})
    if json_:
        print_json(data)
        return
    out.print(f"[bold]{a.title}[/]", highlight=False)
    out.print(f"[dim]{a.outlet} · {a.published or 'date unknown'} · {a.id} · story {story_id or '-'}[/]", highlight=False)
    if facts is not None:
        out.print(f"[dim]kind: {facts.kind}; {len(facts.figures)} figures, {len(facts.quotes)} quotes, "
                  f"{len(facts.actors)} actors[/]")
    out.print()
    out.print(a.text, highlight=False, markup=False)
