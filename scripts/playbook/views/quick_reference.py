"""The quick reference: every reply, grouped by scenario, each with its copy button.

Found through the site search (each scenario is a heading, so a section of the
search index) and printable as a clean A4 handout (replies.css). Each
SCENARIO/REPLY/PLATFORM appears once on the page per language, so
[data-reply][data-lang] stays unique. Where languages are declared, a switch at
the top ([data-lang-choice], shown by copy.js) sets every reply to one language,
so the handout prints in that language.
"""
from __future__ import annotations

from typing import Any

from .. import languages, model
from ..model import CATEGORY_TITLES, Category
from ..approvals import approval_views
from .common import NOT_IN_SEARCH, front, rel, scenario_src
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
    langs = languages.declared(org)
    return {"front": front("Quick reference", description="Every ready-to-copy reply in the playbook, by scenario.",
                          search=NOT_IN_SEARCH),
            "sections": sections, "locations": fills.picker(SRC),
            "languages": [{"id": lang, "name": languages.name(lang), "input_id": f"pb-qr-lang-{lang}", "checked": i == 0}
                          for i, lang in enumerate(langs)] if len(langs) > 1 else []}


def pages(pb, site) -> dict[str, str]:
    return {SRC: site.render("pages/quick-reference.md", page=quick_reference_view(pb.org, pb.scenario_list(), approval_views(pb)))}
