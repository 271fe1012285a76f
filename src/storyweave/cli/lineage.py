"""`storyweave lineage STORY_ID`: who copied whom within one story."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.tree import Tree

from ..provenance.report import lineage as lineage_data
from ..render.view import counted, lines_word
from .app import app
from .common import DbOption, open_db, out, print_json


@app.command()
def lineage(
    story_id: str = typer.Argument(..., help="story id (a unique prefix is enough); see `storyweave stories`"),
    db: str = DbOption,
    json_: bool = typer.Option(False, "--json", help="print JSON: story, articles, roots, edges (with their "
                                                     "evidence), groups (the independent lines)"),
) -> None:
    """Roots (first reports, wire copy), the rewrites under them, their evidence, and independent lines."""
    with open_db(db) as store:
        story = store.story(story_id)
        articles = {a.id: a for a in store.articles(story.article_ids)}
        data = lineage_data(story, articles, store.derivations(story.article_ids))
    if json_:
        print_json(data)
        return
    _render(data)


def _label(data: dict, aid: str) -> str:
    a = data["articles"][aid]
    credit = f" [cyan]credits {escape(a['agency'])}[/]" if a["agency"] else ""
    return f"[bold]{aid}[/] {escape(a['outlet'])} · {a['published'] or 'undated'} · {escape(a['title'][:70])}{credit}"


def _render(data: dict) -> None:
    children: dict[str, list[dict]] = {}
    for e in data["edges"]:
        children.setdefault(e["source"], []).append(e)
    out.print(f"[bold]Story {data['story']}[/]: {counted(len(data['articles']), 'article')}, "
              f"{lines_word(len(data['groups']))} of reporting")
    seen: set[str] = set()

    def grow(node: Tree, aid: str) -> None:
        for e in children.get(aid, []):
            via = f" via {escape(e['agency'])} copy" if e["agency"] else ""
            branch = node.add(f"{e['relation']} ({e['score']:.2f}){via}: " + _label(data, e["derived"]))
            for ev in e["evidence"][:6]:
                branch.add(f"[dim]{ev['kind']}[/] “{escape(ev['derived'])}” ← “{escape(ev['source'])}”", highlight=False)
            if len(e["evidence"]) > 6:
                branch.add(f"[dim]… {len(e['evidence']) - 6} more aligned passages[/]")
            counts = f"added {len(e['added'])}, dropped {len(e['dropped'])}, changed {len(e['changed'])} sentences"
            branch.add(f"[dim]{counts}[/]")
            for c in e["changed"][:3]:
                branch.add(f"[yellow]changed[/] “{escape(c['derived'])}” (was “{escape(c['source'])}”)", highlight=False)
            for x in e["dropped_attributions"]:
                now = x["derived_speaker"] or "nobody"
                branch.add(f"[red]attribution dropped[/]: {escape(x['speaker'])} → {escape(now)}: “{escape(x['text'][:120])}”",
                           highlight=False)
            if e["derived"] not in seen:
                seen.add(e["derived"])
                grow(branch, e["derived"])

    for root in data["roots"]:
        tree = Tree("root: " + _label(data, root))
        grow(tree, root)
        out.print(tree)
    out.print("[bold]Independent lines:[/] " + escape("; ".join("{" + ", ".join(g) + "}" for g in data["groups"])))
