"""Renderers of a ``Brief``: one record, four formats (text, Markdown, JSON, HTML)."""

from __future__ import annotations

from typing import Callable

from ..brief.model import Brief

FORMATS = ("text", "md", "json", "html")


def renderer(fmt: str) -> Callable[[Brief], str]:
    if fmt == "text":
        from .text import render
    elif fmt == "md":
        from .markdown import render
    elif fmt == "json":
        from .json import render
    elif fmt == "html":
        from .html import render
    else:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return render
