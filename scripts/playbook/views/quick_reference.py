"""The quick reference: every reply, grouped by scenario, each with its copy button.

Above SPLIT_AT scenarios it is an index of pages, one per category (PART_SIZE scenarios at most each).

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
from .common import NOT_IN_SEARCH, SPLIT_AT, front, rel, scenario_src
from .fills import Fills
from .replies import reply_view

SRC = "quick-reference.md"
# Above SPLIT_AT scenarios with replies, the quick reference is an index of pages, one per category
# and at most PART_SIZE scenarios each: at 1,000 scenarios one page was 26 MB of Markdown, too much
# for a phone, for MkDocs's rendering and for Zensical (docs/decisions/022-pages-at-scale.md).
PART_SIZE = 20


def _ordered(scenarios: list[model.Scenario]) -> list[model.Scenario]:
    order = {c.value: i for i, c in enumerate(Category)}
    return sorted((s for s in scenarios if s.replies), key=lambda s: (order[s.category], s.title.lower()))


def _view(org: model.Organization, scens: list[model.Scenario], approvals: dict, src: str, title: str,
          description: str, parts: list[dict] | None = None) -> dict[str, Any]:
    fills = Fills(org)
    sections = [{
        "id": s.id, "href": rel(src, scenario_src(s.id)), "title": s.title, "category": CATEGORY_TITLES[s.category],
        "severity": s.severity, "summary": fills.text(s.summary),
        "replies": [reply_view(s, rid, reply, fills, (True, f"pb-qr-{s.id}-{rid}"), approvals.get(s.id, {}).get(rid))
                    for rid, reply in s.replies.items()],
    } for s in scens]
    langs = languages.declared(org)
    return {"front": front(title, description=description, search=NOT_IN_SEARCH),
            "title": title, "sections": sections, "parts": parts or [], "locations": fills.picker(src) if sections else None,
            "languages": [{"id": lang, "name": languages.name(lang), "input_id": f"pb-qr-lang-{lang}", "checked": i == 0}
                          for i, lang in enumerate(langs)] if len(langs) > 1 and sections else []}


def quick_reference_view(org: model.Organization, scenarios: list[model.Scenario],
                         approvals: dict[str, dict[str, dict[str, str]]] | None = None) -> dict[str, Any]:
    """Every reply on one page. approvals: scenario id -> reply id -> approval view data, for the marks on the reply cards."""
    return _view(org, _ordered(scenarios), approvals or {}, SRC, "Quick reference",
                 "Every ready-to-copy reply in the playbook, by scenario.")


def split(scenarios: list[model.Scenario]) -> list[tuple[str, str, list[model.Scenario]]]:
    """(page source, title, scenarios) of each page of a quick reference split by category, PART_SIZE at most."""
    out: list[tuple[str, str, list[model.Scenario]]] = []
    by_category: dict[str, list[model.Scenario]] = {}
    for s in _ordered(scenarios):
        by_category.setdefault(s.category, []).append(s)
    for category, scens in by_category.items():
        chunks = [scens[i:i + PART_SIZE] for i in range(0, len(scens), PART_SIZE)]
        for k, chunk in enumerate(chunks):
            title = CATEGORY_TITLES[category] + (f" ({k + 1} of {len(chunks)})" if len(chunks) > 1 else "")
            out.append((f"quick-reference/{category}{'' if k == 0 else f'-{k + 1}'}.md", title, chunk))
    return out


def _marks(approvals: dict, scens: list[model.Scenario]) -> tuple:
    """The approval marks of these scenarios' replies, as a value the page memo can compare."""
    return tuple((s.id, tuple((rid, tuple(sorted(v.items()))) for rid, v in sorted(approvals.get(s.id, {}).items())))
                 for s in scens)


def pages(pb, site) -> dict[str, str]:
    """Each page is rendered again only when its scenarios, the organisation or their approval marks changed
    (site.render_from: in the live preview, a save re-renders one part, not all of them)."""
    approvals = approval_views(pb)
    scenarios = pb.scenario_list()
    ordered = _ordered(scenarios)
    if len(ordered) <= SPLIT_AT:
        return {SRC: site.render_from((pb.org, *ordered), (SRC, _marks(approvals, ordered)), "pages/quick-reference.md",
                                      lambda: quick_reference_view(pb.org, scenarios, approvals))}
    out: dict[str, str] = {}
    parts = []
    for src, title, scens in split(scenarios):
        out[src] = site.render_from(
            (pb.org, *scens), (src, title, _marks(approvals, scens)), "pages/quick-reference.md",
            lambda src=src, title=title, scens=scens: _view(pb.org, scens, approvals, src, f"Quick reference: {title}",
                                                            f"Every ready-to-copy reply of the scenarios under {title}."))
        parts.append({"title": title, "href": rel(SRC, src), "count": len(scens)})
    out[SRC] = site.render("pages/quick-reference.md", page=_view(
        pb.org, [], approvals, SRC, "Quick reference", "Every ready-to-copy reply in the playbook, by category.", parts))
    return out
