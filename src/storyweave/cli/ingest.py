"""`storyweave ingest`, `run` and `status`."""

from __future__ import annotations

from typing import List

import typer
from rich.table import Table

from .. import pipeline
from ..render.view import counted
from ..views import status_view
from ..engine import get_engine
from ..ingest.http import Fetcher
from .app import app
from .common import DbOption, JsonOption, err, open_db, out, print_json, progress_bars


SOURCES_HELP = "files, directories (txt, html, json, jsonl; .gz ok), or URLs of pages, RSS/Atom feeds, sitemaps"
AllowPrivate = typer.Option(False, "--allow-private", help="allow URLs on private/loopback addresses (SSRF guard off)")


def _positive(rate: float) -> float:
    """0 or less would put no space at all between requests to one host: refused, not run impolitely."""
    if rate <= 0:
        raise typer.BadParameter(f"{rate} is not a positive number of seconds")
    return rate


Rate = typer.Option(1.0, "--rate", callback=_positive, help="minimum seconds between two requests to the same host")


def _summarise(report: pipeline.RunReport) -> None:
    for r in report.rejected:
        err.print(f"[yellow]rejected[/] {r.source}: {r.reason}" + (f" ({r.detail})" if r.detail else ""), highlight=False)
    err.print(
        f"{len(report.added)} new article(s), {len(report.existing)} already stored, "
        f"{report.skipped_sources} file(s) or feed entries skipped as already ingested, {len(report.rejected)} rejected",
        highlight=False,
    )


def _exit_code(report: pipeline.RunReport) -> None:
    # 1 only when nothing at all could be ingested from what was given.
    if not report.added and not report.existing and not report.skipped_sources:
        raise typer.Exit(1)


def _ingest(paths: List[str], db: str, allow_private: bool, rate: float, engine: str | None) -> None:
    """Ingest, and when an engine is named run every stage too; shared by `ingest` and `run`."""
    runner = get_engine(engine) if engine else None  # first: an unreachable scheduler leaves no new store behind
    store, fetcher = open_db(db, create=True), Fetcher(allow_private=allow_private, min_interval=rate)
    try:
        with progress_bars() as progress:
            report = pipeline.ingest(paths, store, progress, fetcher)
            if runner is not None:
                report.stages = ["ingest"] + pipeline.analyse(store, progress, runner)
        stories = len(store.stories())
    finally:
        store.close()
        fetcher.close()
        if runner is not None:
            runner.close()
    _summarise(report)
    if runner is not None:
        err.print(f"stages: {', '.join(report.stages)}; {counted(stories, 'story', 'stories')} in the store", highlight=False)
    _exit_code(report)


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help=SOURCES_HELP),
    db: str = DbOption,
    allow_private: bool = AllowPrivate,
    rate: float = Rate,
) -> None:
    """Extract and store articles, without running the analysis stages."""
    _ingest(paths, db, allow_private, rate, engine=None)


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help=SOURCES_HELP),
    db: str = DbOption,
    allow_private: bool = AllowPrivate,
    rate: float = Rate,
    engine: str = typer.Option("local", "--engine", help="local | dask (a local Dask cluster) | dask://HOST:PORT"),
) -> None:
    """Ingest, then run every stage (facts, provenance, stories) on the new articles."""
    _ingest(paths, db, allow_private, rate, engine)


@app.command()
def status(db: str = DbOption, json_: bool = JsonOption) -> None:
    """Counts of what is stored, and rejected inputs by reason."""
    with open_db(db) as store:
        data = status_view(store)
    if json_:
        print_json(data)
        return
    table = Table(title="storyweave store", show_header=False)
    for name, value in data["counts"].items():
        table.add_row(name, str(value))
    out.print(table)
    if data["rejections_by_reason"]:
        rt = Table(title="rejections by reason")
        rt.add_column("reason")
        rt.add_column("count", justify="right")
        rt.add_column("example")
        for reason, n in data["rejections_by_reason"].items():
            example = next(r for r in data["rejections"] if r["reason"] == reason)
            rt.add_row(reason, str(n), f"{example['source']}: {example['detail']}"[:100])
        out.print(rt)
