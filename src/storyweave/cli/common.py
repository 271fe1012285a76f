"""What every command shares: the --db option, opening the store, progress bars, errors."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any, Iterator

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import StoryweaveError
from ..settings import load
from ..store import Store, open_store

err = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped
out = Console()

DbOption = typer.Option(
    None, "--db", envvar="STORYWEAVE_DB", help="SQLite file or postgresql:// URL [default: ./storyweave.db]"
)

JsonOption = typer.Option(False, "--json", help="print JSON on stdout")


def open_db(db: str | None) -> Store:
    return open_store(db or load().db)


def print_json(data: Any) -> None:
    """JSON on stdout, unstyled, so it pipes into jq."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def fail(error: StoryweaveError) -> None:
    err.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
    if error.hint:
        err.print(f"[dim]hint: {error.hint}[/]")
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
