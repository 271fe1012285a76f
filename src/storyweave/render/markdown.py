"""The brief as Markdown, for pasting into a newsroom chat or wiki."""

from __future__ import annotations

from ..brief.model import Brief
from .view import (
    counted, counts_text, credited, dates_text, day, fact_text, groups_text, lineage_lines, lines_word, outlets,
    View, quote_text, short_labels, side_outlets, view,
)


def _esc(text: str) -> str:
    """Keep source text literal: Markdown control characters escaped, newlines folded."""
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render(brief: Brief) -> str:
    brief = short_labels(brief)
    v = view(brief)
    dates = dates_text(brief)
    out = [f"# {_esc(brief.headline)}", ""]
    out.append(f"*{counted(v.n_articles, 'article')} · {counted(len(brief.coverage), 'outlet')} · "
               f"{lines_word(v.n_lines)} · {dates + ' · ' if dates else ''}story `{brief.story_id}`*")
    out += ["", f"**{counts_text(brief)}**"]
    out += ["", "## Summary", ""]
    for s in brief.summary:
        cited = outlets(s.citations)
        extra = f"; also {outlets(s.supporting)}" if s.supporting else ""
        out.append(f"- {_esc(s.text)} — *{_esc(cited)}{_esc(extra)}* ({lines_word(s.independent_sources)})")
    out += ["", "## Solid: corroborated", ""]
    out += [f"- **{e.independent_sources} lines** · {_esc(fact_text(e))} — *{_esc(', '.join(e.outlets))}*"
            for e in v.solid] or ["- nothing is stated by two independent lines"]
    out += _more(v, "solid")
    out += ["", "## Single-source", ""]
    out += [f"- {_esc(fact_text(e))} — *{_esc(', '.join(e.outlets))}*{' (one line)' if len(e.outlets) > 1 else ' only'}" for e in v.single] or ["- none"]
    out += _more(v, "single")
    out += ["", "## Conflicts", ""]
    for c in brief.conflicts:
        sides = " **vs** ".join(f"“{_esc(m.text)}” ({_esc(who)}; {n} line{'s' if n != 1 else ''})"
                                for m, n, who in zip(c.sides, c.lines, side_outlets(brief, c)))
        out.append(f"- {c.kind}: {sides}")
    for x in brief.launderings:
        out.append(f"- attribution lost: “{_esc(x.unnamed.text)}” credited to {_esc(credited(x.unnamed.speaker))} "
                   f"in {_esc(x.unnamed.outlet)}; {_esc(x.named.outlet)} credits {_esc(x.named.speaker or '')}: "
                   f"“{_esc(x.named.text)}”")
    if not brief.conflicts and not brief.launderings:
        out.append("- none found")
    out += ["", "## Expected → happened", ""]
    for e in v.met:
        out.append(f"- **{e.status}**: “{_esc(e.expected[0].text)}” (*{_esc(outlets(e.expected))}*) → "
                   f"“{_esc(e.outcome[0].text)}” (*{_esc(e.outcome[0].outlet)}*)")
    for e in v.pending:
        out.append(f"- pending: “{_esc(e.expected[0].text)}” (*{_esc(outlets(e.expected))}*)")
    out += _more(v, "pending")
    if not v.met and not v.pending:
        out.append("- no expectations found")
    out += ["", "## Quotes", ""]
    out += [f"- **{_esc(q.about)}**: {_esc(quote_text(q))} — *{_esc(', '.join(q.outlets))}*" for q in v.quotes] or ["- none"]
    out += _more(v, "quotes")
    if brief.omissions:
        out += ["", "## Omissions", ""]
        out += [f"- {_esc(o.outlet)} leaves out: {_esc(o.fact)} ({lines_word(o.independent_sources)} report it)"
                for o in brief.omissions]
    out += ["", "## Coverage", "", "| outlet | articles | kind | first seen | last seen |", "|---|---|---|---|---|"]
    out += [f"| {_esc(c.outlet)} | {len(c.article_ids)} | {', '.join(c.kinds)} | {day(c.first_seen)} | "
            f"{day(c.last_seen)} |" for c in brief.coverage]
    out += ["", "## Lineage", ""]
    out += [f"- {_esc(line)}" for line in lineage_lines(brief)] or ["- no copies or rewrites found"]
    out.append(f"- independent lines: {_esc(' | '.join(groups_text(brief)))}")
    return "\n".join(out) + "\n"


def _more(v: View, section: str) -> list[str]:
    return [f"- *{_esc(v.more[section])}*"] if section in v.more else []
