"""Named, forward-only schema migrations: ``NNNN_name.sql`` files applied in order.

A migration is never edited once released; a change is a new file. Each backend
records the names it has applied, so an old database upgrades on open.
"""

from __future__ import annotations

from importlib import resources


def all_migrations() -> list[tuple[str, str]]:
    files = sorted(
        f for f in resources.files(__package__).iterdir() if f.name.endswith(".sql") and f.name[:4].isdigit()
    )
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def pending(applied: set[str]) -> list[tuple[str, str]]:
    return [(name, sql) for name, sql in all_migrations() if name not in applied]
