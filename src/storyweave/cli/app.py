"""The typer application every command module registers on."""

import typer

app = typer.Typer(
    name="storyweave",
    help="Ingest news from many outlets; trace copies, cluster stories, extract and cross-check facts, write sourced briefs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
