"""`storyweave stories` and `storyweave article`: read what the pipeline stored."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from ..errors import NotFound
from ..render.view import citation_labels, counted, short_outlet
from ..store import Store
from ..views import article_view, load_brief, stories_view
from .app import app
from .common import DbOption, JsonOption, open_db, out, print_json

# how a figure's ``approx`` reads before its value
_APPROX = {"=": "", "~": "about ", ">": "more than ", "<": "less than ", ">=": "at least ", "<=": "up to "}
_MAX_CANDIDATES = 10


@app.command()
def stories(db: str = DbOption, json_: bool = JsonOption) -> None:
    """Stories, newest first, with their articles and outlets."""
    with open_db(db) as store:
        items = stories_view(store)
    if json_:
        print_json(items)
        return
    if not items:
        out.print("No stories yet: run `storyweave run PATH` first.")
        return
    table = Table(title=f"{counted(len(items), 'story', 'stories')}, newest first")
    table.add_column("story", no_wrap=True)
    table.add_column("headline", ratio=1)
    for col in ("articles", "outlets", "first seen", "last seen"):
        table.add_column(col, no_wrap=True, justify="right" if col in ("articles", "outlets") else "left")
    for s in items:  # the headline is a source's text: a Text cell, never read as markup
        table.add_row(s["id"], Text(s["title"]), str(len(s["articles"])), str(len(s["outlets"])),
                      (s["first_seen"] or "?")[:10], (s["last_seen"] or "?")[:10])
    out.print(table)


@app.command()
def article(
    ref: str = typer.Argument(..., metavar="ID_OR_LABEL",
                              help="article id (a unique prefix is enough) or the label a brief cites "
                                   "(\"004\", \"The Harbour Gazette\", \"ecb·2\")"),
    story: Optional[str] = typer.Option(None, "--story", metavar="STORY_ID",
                                        help="find the label among this story's articles, as its brief cites "
                                             "them: labels are unique only within a story"),
    db: str = DbOption,
    json_: bool = JsonOption,
) -> None:
    """One article: metadata, the facts extracted from it (figures, quotes, actors) and its clean text."""
    with open_db(db) as store:
        data = article_view(store, _in_story(store, ref, story) if story else _anywhere(store, ref))
    if json_:
        print_json(data)
        return
    out.print(Text(data["title"], style="bold"))
    out.print(Text(f"{data['outlet']} · {data['published'] or 'date unknown'} · {data['id']} · "
                   f"story {data['story'] or '-'}", style="dim"))
    if "kind" in data:
        _print_facts(data)
    else:
        out.print(Text("facts not extracted yet: `storyweave run` extracts them", style="dim"))
    out.print()
    out.print(Text(data["text"]))


def _anywhere(store: Store, ref: str) -> str:
    """The id of the one article in the store that ``ref`` names; when none or several do, the
    error lists the articles it may mean, since a label ("The Harbour Gazette") is unique only
    within a story and ``--story`` picks one."""
    try:
        return store.find_article(ref).id
    except NotFound as exc:
        label = ref.split("·")[0].casefold()  # "ecb·2" is the second "ecb" article of some story
        found = [a for a in store.articles()
                 if a.id.startswith(ref) or label in (a.outlet.casefold(), short_outlet(a.outlet).casefold())]
        if not found:
            raise
        shown = "\n".join(f"  {a.id}  {a.outlet} · {a.title} (story {store.story_of(a.id) or '-'})"
                          for a in found[:_MAX_CANDIDATES])
        more = f"\n  … {len(found) - _MAX_CANDIDATES} more" if len(found) > _MAX_CANDIDATES else ""
        raise NotFound(str(exc), hint="labels are unique only within a story: add --story STORY_ID, or give an "
                                      f"article id; {counted(len(found), 'candidate')}:\n{shown}{more}") from exc


def _in_story(store: Store, ref: str, story_id: str) -> str:
    """The id of the article of ``story_id`` that its brief cites as ``ref`` (case aside), or whose
    id starts with ``ref``. Labels come from the brief itself, so whatever it prints is found."""
    brief = load_brief(store, story_id)
    labels = citation_labels(brief)
    hits = [aid for aid, label in labels.items() if label.casefold() == ref.casefold()]
    hits = hits or [aid for aid in labels if aid.startswith(ref)]
    if len(hits) == 1:
        return hits[0]
    what = "no article" if not hits else "more than one article"
    raise NotFound(f"{what} {ref!r} in story {brief.story_id}",
                   hint=f"its brief cites {', '.join(labels.values())}; or give more of an article id")


def _print_facts(data: dict) -> None:
    """The extracted facts, one per line: figures as written with value, unit and what they
    measure; quotes with their speakers; actors with their kind. Source text stays plain Text."""
    out.print(Text(f"kind: {data['kind']}", style="dim"))
    actors = " · ".join(f"{a['name']} ({a['label']})" for a in data["actors"])
    sections = [
        (counted(len(data["figures"]), "figure"), [_figure_text(f) for f in data["figures"]]),
        (counted(len(data["quotes"]), "quote"), [_quote_text(q) for q in data["quotes"]]),
        (counted(len(data["actors"]), "actor"), [actors] if actors else []),
    ]
    for title, lines in sections:
        if lines:
            out.print()
            out.print(Text(title, style="bold"))
            for line in lines:
                out.print(Text("  " + line))


def _figure_text(f: dict) -> str:
    """'about 20 people — people into shallow water  [20 people]': what the figure says, then its
    wording in the article."""
    value = _number(f["value"]) + (f"–{_number(f['value_to'])}" if f["value_to"] is not None else "")
    unit = f" {f['unit']}" if f["unit"] else ""
    change = f" ({f['change']})" if f["change"] else ""
    measures = f" — {f['measures']}" if f["measures"] else ""
    modality = "" if f["modality"] == "happened" else f", {f['modality']}"
    return f"{_APPROX.get(f['approx'], f['approx'])}{value}{unit}{change}{measures}  [{f['text']}{modality}]"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _quote_text(q: dict) -> str:
    """A quote as the brief prints one: own words in quotation marks, a paraphrase without."""
    said = q["text"] if q["kind"] == "indirect" else f"“{q['text']}”"
    return f"{said} — {q['speaker'] or 'unattributed'} ({q['kind']})"
