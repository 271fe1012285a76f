"""What every command shares: the --db option, opening the store, progress bars, errors."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import StoreError, StoryweaveError
from ..settings import Settings
from ..store import Store, open_store, sqlite_path

err = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped
out = Console()

# The default is Settings.db itself, so --help shows it (a "[default: ...]" written into the help
# text vanished: rich reads square brackets as markup); STORYWEAVE_DB overrides it, as for load().
DbOption = typer.Option(Settings.db, "--db", envvar="STORYWEAVE_DB", help="SQLite file or postgresql:// URL")

JsonOption = typer.Option(False, "--json", help="print JSON on stdout")


def open_db(url: str, create: bool = False) -> Store:
    """The store --db names. Only the commands that write (``create``) make a missing SQLite file:
    for a command that reads, a mistyped path would otherwise look like an empty store."""
    file = sqlite_path(url)
    path = None if file is None else Path(file)
    if path is not None and not create and not path.exists():
        raise StoreError(f"no database at {path}",
                         hint="check --db (or STORYWEAVE_DB); `storyweave run PATH` or `storyweave ingest PATH` "
                              "creates one")
    try:
        return open_store(url)
    except StoreError as exc:
        if _not_a_database(exc):
            raise StoreError(f"{path} is not a SQLite database",
                             hint="point --db at a file `storyweave run` created, or at a postgresql:// URL") from exc
        raise


def _not_a_database(exc: StoreError) -> bool:
    """True when SQLite refused the file because it is something else (a text file, a typo'd
    path to a document): "check the path exists and is writable" would send the user astray."""
    cause = exc.__cause__
    return isinstance(cause, sqlite3.DatabaseError) and cause.sqlite_errorname == "SQLITE_NOTADB"


def print_json(data: Any) -> None:
    """JSON on stdout, unstyled, so it pipes into jq."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def fail(error: StoryweaveError) -> None:
    # escaped: messages quote what the user typed and hints quote titles, "[...]" included
    err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, markup=True)
    if error.hint:
        err.print(f"[dim]hint: {escape(error.hint)}[/]", highlight=False)
    raise SystemExit(1)  # called from main(), outside typer's own exit handling


@contextlib.contextmanager
def progress_bars(enabled: bool = True) -> Iterator:
    """A ``progress(task, done, total)`` callback drawing one bar per task on stderr."""
    if not enabled or not err.is_terminal:
        yield None
        return
    bars = Progress(
        TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    )
    tasks: dict[str, int] = {}

    def update(task: str, done: int, total: int) -> None:
        if task not in tasks:
            tasks[task] = bars.add_task(task, total=total)
        bars.update(tasks[task], completed=done, total=total)

    with bars:
        yield update
