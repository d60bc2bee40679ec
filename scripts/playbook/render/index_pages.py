"""Pages that list scenarios: by category, channel and severity; escalation map; review status."""
from __future__ import annotations

import datetime as dt

from .. import model
from ..model import CATEGORY_TITLES, PLATFORM_LABELS, Category, Platform, Severity
from .contacts import contact_html
from .html import attr, esc, front_matter, rel
from .scenario_page import scenario_src

SEVERITY_ORDER = [s.value for s in Severity][::-1]
# Listing pages repeat every scenario's title and summary. They stay out of search so that
# they never outrank the scenarios, and so the index (and Zensical's per-field limit) does
# not grow twice with the playbook. Category pages stay searchable: they are few and short-ish.
NOT_IN_SEARCH = {"exclude": True}


def _item(scen: model.Scenario, src: str) -> str:
    return (f'<li class="pb-list-item"><a href="{rel(src, scenario_src(scen.id))}">{esc(scen.title)}</a> '
            f'<span class="pb-chip pb-sev-{attr(scen.severity)}">{esc(scen.severity)}</span>'
            f'<br><span class="pb-list-summary">{esc(scen.summary)}</span></li>')


def _list(scens, src) -> str:
    if not scens:
        return '<p class="pb-empty">No scenarios yet.</p>'
    return '<ul class="pb-list">' + "".join(_item(s, src) for s in scens) + "</ul>"


def _by_title(scens):
    return sorted(scens, key=lambda s: (SEVERITY_ORDER.index(s.severity), s.title.lower()))


def category_pages(scens: list[model.Scenario]) -> dict[str, str]:
    pages = {}
    for cat in Category:
        src = f"categories/{cat.value}.md"
        mine = _by_title([s for s in scens if s.category == cat.value])
        pages[src] = (front_matter(CATEGORY_TITLES[cat.value])
                      + f"<h1>{esc(CATEGORY_TITLES[cat.value])}</h1>\n\n"
                      + f'<p class="pb-lead">{esc(Category.__descriptions__[cat.value])}.</p>\n\n' + _list(mine, src) + "\n")
    return pages


def browse_page(scens: list[model.Scenario]) -> str:
    src = "scenarios/index.md"
    out = [front_matter("All scenarios", search=NOT_IN_SEARCH), "<h1>All scenarios</h1>\n\n",
           '<p class="pb-lead">Every situation in the playbook, by category. Most urgent first within each. '
           'Or search (press <kbd>/</kbd>) for the words in the post.</p>\n\n']
    for cat in Category:
        mine = _by_title([s for s in scens if s.category == cat.value])
        if mine:
            out.append(f'## {CATEGORY_TITLES[cat.value]} {{#{cat.value}}}\n\n' + _list(mine, src) + "\n\n")
    return "".join(out)


def channel_page(scens: list[model.Scenario]) -> str:
    src = "by-channel.md"
    out = [front_matter("By channel", search=NOT_IN_SEARCH), "<h1>Scenarios by channel</h1>\n\n"]
    for p in Platform:
        mine = _by_title([s for s in scens if p.value in s.channels])
        out.append(f"## {PLATFORM_LABELS[p.value]} {{#{p.value}}}\n\n" + _list(mine, src) + "\n\n")
    return "".join(out)


def severity_page(scens: list[model.Scenario]) -> str:
    src = "by-severity.md"
    out = [front_matter("By severity", search=NOT_IN_SEARCH), "<h1>Scenarios by severity</h1>\n\n"]
    for sev in SEVERITY_ORDER:
        mine = sorted([s for s in scens if s.severity == sev], key=lambda s: s.title.lower())
        out.append(f"## {sev.capitalize()} {{#{sev}}}\n\n<p>{esc(Severity.__descriptions__[sev])}.</p>\n\n" + _list(mine, src) + "\n\n")
    return "".join(out)


def escalation_page(org: model.Organization, scens: list[model.Scenario]) -> str:
    src = "escalation-map.md"
    out = [front_matter("Escalation map"), "<h1>Escalation map</h1>\n\n",
           f'<p class="pb-lead">Who to contact for what at {esc(org.name)}. Generated from organization.yaml.</p>\n\n']
    for cid, c in org.contacts.items():
        users = [s for s in scens if cid == s.owner or any(cid in o.notify for o in s.tree.outcomes.values())]
        links = ", ".join(f'<a href="{rel(src, scenario_src(s.id))}">{esc(s.title)}</a>' for s in sorted(users, key=lambda s: s.title.lower()))
        out.append(f'<section class="pb-escalation" id="{attr(cid)}"><h2>{esc(c.name)}</h2><ul class="pb-contacts">{contact_html(cid, c)}</ul>'
                   + (f'<p><strong>Used in:</strong> {links}</p>' if links else "") + "</section>\n\n")
    return "".join(out)


def review_page(org: model.Organization, scens: list[model.Scenario], today: dt.date) -> str:
    src = "review-status.md"
    interval = dt.timedelta(days=org.policies.review_interval_days)
    rows = []
    for s in sorted(scens, key=lambda s: (s.review.date, s.title.lower())):
        due = s.review.date + interval
        state = "overdue" if due < today else ("due soon" if (due - today).days <= 30 else "current")
        owner = org.contacts[s.owner].name if s.owner in org.contacts else s.owner
        rows.append(f'<tr class="pb-review-{state.replace(" ", "-")}"><td><a href="{rel(src, scenario_src(s.id))}">{esc(s.title)}</a></td>'
                    f'<td>{esc(owner)}</td><td>{s.review.date.isoformat()}</td><td>{esc(s.review.by)}</td>'
                    f'<td>{due.isoformat()}</td><td>{state}</td></tr>')
    return (front_matter("Review status") + "<h1>Review status</h1>\n\n"
            + f'<p class="pb-lead">Every scenario is reviewed at least every {org.policies.review_interval_days} days. '
              f'Oldest review first. As of {today.isoformat()}, the day the site was built.</p>\n\n'
            + '<div class="pb-table-wrap"><table class="pb-review"><thead><tr><th scope="col">Scenario</th><th scope="col">Owner</th>'
              '<th scope="col">Last reviewed</th><th scope="col">By</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>\n")
