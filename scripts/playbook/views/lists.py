"""Pages that list scenarios: by category, channel and severity; escalation map; review status."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .. import model
from ..approvals import approval_views
from ..model import CATEGORY_TITLES, PLATFORM_LABELS, Category, Platform, Severity
from .common import NOT_IN_SEARCH, SPLIT_AT, front, rel, scenario_src
from .contacts import contact_view
from .tree import step_order
from .fills import Fills
from .translations import missing_rows

SEVERITY_ORDER = [s.value for s in Severity][::-1]


def _items(scens: list[model.Scenario], src: str) -> list[dict[str, str]]:
    return [{"href": rel(src, scenario_src(s.id)), "title": s.title, "severity": s.severity, "summary": s.summary} for s in scens]


def _by_urgency(scens: list[model.Scenario]) -> list[model.Scenario]:
    return sorted(scens, key=lambda s: (SEVERITY_ORDER.index(s.severity), s.title.lower()))


def category_views(scens: list[model.Scenario]) -> dict[str, dict[str, Any]]:
    views = {}
    for cat in Category:
        src = f"categories/{cat.value}.md"
        mine = _by_urgency([s for s in scens if s.category == cat.value])
        views[src] = {"front": front(CATEGORY_TITLES[cat.value]), "title": CATEGORY_TITLES[cat.value],
                      "lead": Category.__descriptions__[cat.value], "items": _items(mine, src)}
    return views


def browse_view(scens: list[model.Scenario]) -> dict[str, Any]:
    src = "scenarios/index.md"
    groups = []
    for cat in Category:
        mine = _by_urgency([s for s in scens if s.category == cat.value])
        if mine:
            groups.append({"id": cat.value, "title": CATEGORY_TITLES[cat.value], "items": _items(mine, src)})
    return {"front": front("All scenarios", search=NOT_IN_SEARCH), "groups": groups}


def channel_view(scens: list[model.Scenario], src: str = "by-channel.md", platforms: list[Platform] | None = None,
                 title: str = "Scenarios by channel", parts: list[dict] | None = None) -> dict[str, Any]:
    groups = [{"id": p.value, "title": PLATFORM_LABELS[p.value], "items": _items(_by_urgency([s for s in scens if p.value in s.channels]), src)}
              for p in (list(Platform) if platforms is None else platforms)]
    return {"front": front("By channel" if src == "by-channel.md" else title, search=NOT_IN_SEARCH),
            "title": title, "groups": groups, "parts": parts or []}


def severity_view(scens: list[model.Scenario]) -> dict[str, Any]:
    src = "by-severity.md"
    groups = [{"id": sev, "title": sev.capitalize(), "lead": Severity.__descriptions__[sev],
               "items": _items(sorted([s for s in scens if s.severity == sev], key=lambda s: s.title.lower()), src)}
              for sev in SEVERITY_ORDER]
    return {"front": front("By severity", search=NOT_IN_SEARCH), "groups": groups}


def escalation_view(org: model.Organization, scens: list[model.Scenario]) -> dict[str, Any]:
    src = "escalation-map.md"
    fills = Fills(org)
    entries = []
    for cid in org.contacts:
        users = [s for s in scens if cid == s.owner or any(cid in o.notify for o in s.tree.outcomes.values())]
        entries.append({"contact": fills.contact(cid),
                        "used_in": [{"href": rel(src, scenario_src(s.id)), "title": s.title}
                                    for s in sorted(users, key=lambda s: s.title.lower())]})
    return {"front": front("Escalation map"), "org": org.name, "entries": entries,
            "table": fills.table(), "locations": fills.picker(src)}


def review_state(due: dt.date, today: dt.date) -> str:
    return "overdue" if due < today else ("due soon" if (due - today).days <= 30 else "current")


def approval_rows(scens: list[model.Scenario], approvals: dict[str, dict[str, dict[str, str]]], src: str) -> dict[str, Any]:
    """The replies whose current text is not approved (never approved, or changed since), by scenario title."""
    pending, total = [], 0
    for s in sorted(scens, key=lambda s: s.title.lower()):
        order = step_order(s.tree)
        for rid, reply in s.replies.items():
            total += 1
            mark = approvals.get(s.id, {}).get(rid)
            if not mark or mark["state"] == "approved":
                continue
            users = [nid for nid in order if nid in s.tree.outcomes and s.tree.outcomes[nid].reply == rid]
            pending.append({"href": rel(src, scenario_src(s.id), f"node-{users[0]}" if users else ""),
                            "scenario": s.title, "reply": reply.title, "ref": f"{s.id}/{rid}", "approval": mark})
    return {"pending": pending, "total": total, "approved": total - len(pending)}


def review_view(org: model.Organization, scens: list[model.Scenario], today: dt.date,
                approvals: dict[str, dict[str, dict[str, str]]] | None = None) -> dict[str, Any]:
    """approvals: scenario id -> reply id -> approval view data (approvals.approval_views)."""
    src = "review-status.md"
    interval = dt.timedelta(days=org.policies.review_interval_days)
    rows = []
    for s in sorted(scens, key=lambda s: (s.review.date, s.title.lower())):
        due = s.review.date + interval
        state = review_state(due, today)
        rows.append({"href": rel(src, scenario_src(s.id)), "title": s.title,
                     "owner": org.contacts[s.owner].name if s.owner in org.contacts else s.owner,
                     "date": s.review.date.isoformat(), "by": s.review.by, "due": due.isoformat(),
                     "state": state, "state_class": state.replace(" ", "-")})
    return {"front": front("Review status"), "interval": org.policies.review_interval_days,
            "today": today.isoformat(), "rows": rows, "approvals": approval_rows(scens, approvals or {}, src),
            "require_approval": org.policies.require_approval, "translations": missing_rows(org, scens, src)}


def browse_pages(pb, site) -> dict[str, str]:
    return {"scenarios/index.md": site.render("pages/browse.md", page=browse_view(pb.scenario_list()))}


def category_pages(pb, site) -> dict[str, str]:
    return {src: site.render("pages/category.md", page=view) for src, view in category_views(pb.scenario_list()).items()}


def channel_pages(pb, site) -> dict[str, str]:
    """One page, or above SPLIT_AT scenarios an index of pages, one per channel (decision 022)."""
    scens = pb.scenario_list()
    if len(scens) <= SPLIT_AT:
        return {"by-channel.md": site.render("pages/by-channel.md", page=channel_view(scens))}
    out: dict[str, str] = {}
    parts = []
    for p in Platform:
        src = f"by-channel/{p.value}.md"
        view = channel_view(scens, src, [p], f"Scenarios on {PLATFORM_LABELS[p.value]}")
        out[src] = site.render("pages/by-channel.md", page=view)
        parts.append({"title": PLATFORM_LABELS[p.value], "href": rel("by-channel.md", src), "count": len(view["groups"][0]["items"])})
    out["by-channel.md"] = site.render("pages/by-channel.md", page=channel_view(scens, platforms=[], parts=parts))
    return out


def severity_pages(pb, site) -> dict[str, str]:
    return {"by-severity.md": site.render("pages/by-severity.md", page=severity_view(pb.scenario_list()))}


def escalation_pages(pb, site) -> dict[str, str]:
    return {"escalation-map.md": site.render("pages/escalation-map.md", page=escalation_view(pb.org, pb.scenario_list()))}


def review_pages(pb, site) -> dict[str, str]:
    return {"review-status.md": site.render("pages/review-status.md", page=review_view(pb.org, pb.scenario_list(), site.today, approval_views(pb)))}
