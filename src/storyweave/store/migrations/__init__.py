"""Named, forward-only schema migrations: ``<dialect>/NNNN_name.sql`` files applied in order.

A migration is never edited once released; a change is a new file in each
dialect's folder under the same name. Each backend records the names it has
applied, so an old database upgrades when it is opened.
"""

from __future__ import annotations

from importlib import resources


def all_migrations(dialect: str) -> list[tuple[str, str]]:
    folder = resources.files(__package__) / dialect
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql") and f.name[:4].isdigit()),
                   key=lambda f: f.name)
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def pending(dialect: str, applied: set[str]) -> list[tuple[str, str]]:
    return [(name, sql) for name, sql in all_migrations(dialect) if name not in applied]


def statements(sql: str) -> list[str]:
    """Statements of a migration file (our migrations keep semicolons out of literals)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
