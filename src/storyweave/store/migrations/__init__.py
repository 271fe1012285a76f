"""Named, forward-only schema migrations: ``NNNN_name.sql`` files applied in order.

A migration is never edited once released; a change is a new file. The SQL is
written once for every backend: the few types that differ are placeholders
(``{serial_pk}``, ``{blob}``, ``{bigint}``) filled in per dialect. Each backend
records the names it has applied, so an old database upgrades when it is opened.
"""

from __future__ import annotations

from importlib import resources

DIALECT_TYPES = {
    "sqlite": {"serial_pk": "INTEGER PRIMARY KEY AUTOINCREMENT", "blob": "BLOB", "bigint": "INTEGER"},
    "postgres": {"serial_pk": "BIGSERIAL PRIMARY KEY", "blob": "BYTEA", "bigint": "BIGINT"},
}


def all_migrations(dialect: str) -> list[tuple[str, str]]:
    files = sorted((f for f in resources.files(__package__).iterdir() if f.name.endswith(".sql") and f.name[:4].isdigit()),
                   key=lambda f: f.name)
    types = DIALECT_TYPES[dialect]
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8").format(**types)) for f in files]


def pending(dialect: str, applied: set[str]) -> list[tuple[str, str]]:
    return [(name, sql) for name, sql in all_migrations(dialect) if name not in applied]


def statements(sql: str) -> list[str]:
    """Statements of a migration file (our migrations keep semicolons out of literals)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
