"""The brief for the terminal: compact, colour-coded by how solid each fact is.

Source text is printed with markup disabled (``Text`` objects), so brackets in
an article never turn into rich styles.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..brief.model import Brief
from .view import (
    counted, counts_text, credited, dates_text, day, fact_text, groups_text, lineage_lines, lines_word, outlets,
    View, quote_text, short_labels, side_outlets, view,
)


def _line(mark: str, style: str, body: str, note: str = "") -> Text:
    t = Text("  ")
    t.append(mark + " ", style=style)
    t.append(" ".join(body.split()))
    if note:
        t.append("  " + note, style="dim")
    return t


def _section(title: str, style: str = "bold") -> Rule:
    return Rule(Text(title, style=style), align="left", style="dim")


def renderable(brief: Brief) -> Group:
    brief = short_labels(brief)
    v = view(brief)
    dates = dates_text(brief)
    parts: list = [
        Text(brief.headline, style="bold"),
        Text(f"{counted(v.n_articles, 'article')} · {counted(len(brief.coverage), 'outlet')} · "
             f"{lines_word(v.n_lines)} · {dates + ' · ' if dates else ''}{brief.story_id}", style="dim"),
        Text(counts_text(brief), style="bold"),
        _section("SUMMARY"),
    ]
    for s in brief.summary:
        note = outlets(s.citations) + (f"; also {outlets(s.supporting)}" if s.supporting else "")
        parts.append(_line("•", "cyan", s.text, f"[{note}]"))
    parts.append(_section("SOLID — corroborated by independent lines", "bold green"))
    parts += [_line(f"✔ {e.independent_sources}", "green", fact_text(e), ", ".join(e.outlets)) for e in v.solid] or [
        Text("  nothing is stated by two independent lines", style="dim")]
    parts += _more(v, "solid")
    parts.append(_section("SINGLE-SOURCE", "bold yellow"))
    parts += [_line("◦", "yellow", fact_text(e), ", ".join(e.outlets) + (" (one line)" if len(e.outlets) > 1 else " only")) for e in v.single] or [
        Text("  none", style="dim")]
    parts += _more(v, "single")
    parts.append(_section("CONFLICTS", "bold red"))
    for c in brief.conflicts:
        t = Text("  ")
        t.append(f"✖ {c.kind}: ", style="red")
        for k, (m, n, who) in enumerate(zip(c.sides, c.lines, side_outlets(brief, c))):
            if k:
                t.append(" vs ", style="bold red")
            t.append(f"“{' '.join(m.text.split())}”")
            t.append(f" ({who}; {n} line{'s' if n != 1 else ''})", style="dim")
        parts.append(t)
    for x in brief.launderings:
        parts.append(_line("⚠ attribution lost:", "red",
                           f"“{x.unnamed.text}” credited to {credited(x.unnamed.speaker)} in {x.unnamed.outlet}; "
                           f"{x.named.outlet} credits {x.named.speaker}: “{x.named.text}”"))
    if not brief.conflicts and not brief.launderings:
        parts.append(Text("  none found", style="dim"))
    parts.append(_section("EXPECTED → HAPPENED", "bold magenta"))
    for e in v.met:
        mark, style = ("✔ confirmed", "green") if e.status == "confirmed" else ("✖ contradicted", "red")
        parts.append(_line(mark, style, f"{e.expected[0].text}", f"[{outlets(e.expected)}]"))
        parts.append(_line("   →", style, e.outcome[0].text, f"[{e.outcome[0].outlet}]"))
    for e in v.pending:
        parts.append(_line("… pending", "magenta", e.expected[0].text, f"[{outlets(e.expected)}]"))
    parts += _more(v, "pending")
    parts.append(_section("QUOTES"))
    for q in v.quotes:
        t = Text("  ")
        t.append(q.about + ": ", style="bold")
        t.append(quote_text(q))
        t.append("  " + ", ".join(q.outlets), style="dim")
        parts.append(t)
    parts += _more(v, "quotes")
    if brief.omissions:
        parts.append(_section("OMISSIONS"))
        parts += [_line("–", "dim", f"{o.outlet} leaves out: {o.fact}", f"({o.independent_sources} lines report it)")
                  for o in brief.omissions]
    parts.append(_section("COVERAGE"))
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="dim")
    for col in ("outlet", "articles", "kind", "first seen", "last seen"):
        table.add_column(col)
    for c in brief.coverage:
        table.add_row(Text(c.outlet), str(len(c.article_ids)), ", ".join(c.kinds), day(c.first_seen), day(c.last_seen))
    parts.append(table)
    parts.append(_section("LINEAGE"))
    parts += [Text("  " + line) for line in lineage_lines(brief)] or [Text("  no copies or rewrites found", style="dim")]
    parts.append(Text("  independent lines: " + " | ".join(groups_text(brief)), style="dim"))
    return Group(*parts)


def render(brief: Brief, width: int = 100) -> str:
    """Plain text (no colour), as the terminal would show it."""
    console = Console(width=width, record=True, force_terminal=False, color_system=None, file=_Null())
    console.print(renderable(brief))
    return console.export_text()


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def _more(v: View, section: str) -> list[Text]:
    return [Text("  " + v.more[section], style="dim")] if section in v.more else []
