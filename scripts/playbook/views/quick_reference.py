"""The quick reference: every reply, grouped by scenario, each with its copy button.

Found through the site search (each scenario is a heading, so a section of the
search index) and printable as a clean A4 handout (replies.css). Each
SCENARIO/REPLY/PLATFORM appears once on the page, so [data-reply] stays unique.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..model import CATEGORY_TITLES, Category
from ..approvals import approval_views
from .common import front, rel, scenario_src
from .fills import Fills
from .replies import reply_view

SRC = "quick-reference.md"


def quick_reference_view(org: model.Organization, scenarios: list[model.Scenario],
                         approvals: dict[str, dict[str, dict[str, str]]] | None = None) -> dict[str, Any]:
    """approvals: scenario id -> reply id -> approval view data, for the marks on the reply cards."""
    approvals = approvals or {}
    fills = Fills(org)
    order = {c.value: i for i, c in enumerate(Category)}
    scens = sorted((s for s in scenarios if s.replies), key=lambda s: (order[s.category], s.title.lower()))
    sections = [{
        "id": s.id, "href": rel(SRC, scenario_src(s.id)), "title": s.title, "category": CATEGORY_TITLES[s.category],
        "severity": s.severity, "summary": fills.text(s.summary),
        "replies": [reply_view(s, rid, reply, fills, (True, f"pb-qr-{s.id}-{rid}"), approvals.get(s.id, {}).get(rid))
                    for rid, reply in s.replies.items()],
    } for s in scens]
    return {"front": front("Quick reference", description="Every ready-to-copy reply in the playbook, by scenario."),
            "sections": sections, "locations": fills.picker(SRC)}


def pages(pb, site) -> dict[str, str]:
    return {SRC: site.render("pages/quick-reference.md", page=quick_reference_view(pb.org, pb.scenario_list(), approval_views(pb)))}
