"""The brief as JSON: the full ledger, every fact with its mentions and spans."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..brief.model import Brief
from .view import counts


def to_data(brief: Brief) -> dict[str, Any]:
    data = dataclasses.asdict(brief)
    for c in data["coverage"]:
        c["articles"] = c.pop("article_ids")
    return {
        "story_id": data["story_id"],
        "headline": data["headline"],
        "first_seen": data["first_seen"],
        "last_seen": data["last_seen"],
        "counts": counts(brief),
        "summary": data["summary"],
        "facts": data["facts"],
        "quotes": data["quotes"],
        "conflicts": data["conflicts"],
        "laundered_attributions": data["launderings"],
        "expectations": data["expectations"],
        "coverage": data["coverage"],
        "omissions": data["omissions"],
        "lineage": {"independent_lines": len(data["lineage"]["lines"]), **data["lineage"]},
    }


def render(brief: Brief) -> str:
    return json.dumps(to_data(brief), ensure_ascii=False, indent=2)
