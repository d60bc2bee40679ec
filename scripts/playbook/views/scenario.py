"""One scenario page: guide first, then the context a new hire needs."""
from __future__ import annotations

from typing import Any, Iterator

from .. import model
from ..model import CATEGORY_TITLES, PLATFORM_LABELS
from ..approvals import approval_views
from .common import front, rel, scenario_src
from .diagram import diagram_view
from .fills import Fills
from .tree import duration_text, step_numbers, tree_view


# Material multiplies a page's search score by its boost (decision 019).
SEARCH_BOOST = {"critical": 4}


def scenario_view(scen: model.Scenario, org: model.Organization, titles: dict[str, str],
                  approvals: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """approvals: reply id -> approval view data, for the marks on the reply cards."""
    src = scenario_src(scen.id)
    fills = Fills(org)
    org = fills.org  # as the default location has it
    numbers = step_numbers(scen.tree)
    examples = []
    for ex in scen.examples:
        target = scen.tree.outcomes.get(ex.outcome)
        examples.append({"platform": PLATFORM_LABELS[ex.platform], "text": ex.text, "outcome": ex.outcome,
                         "outcome_title": target.title if target else "", "step": numbers.get(ex.outcome, "?")})
    ids = [scen.owner] + [c for o in scen.tree.outcomes.values() for c in o.notify]
    contacts = [fills.contact(cid) for cid in dict.fromkeys(ids) if cid in org.contacts]
    owner = org.contacts.get(scen.owner)
    return {
        # Search has no synonyms: the keywords go into the index as `tags` (Material
        # weighs them above titles), and the boost ranks scenarios above guidance pages,
        # and critical ones (an emergency, a crisis, a legal threat) above the rest for the same words.
        "front": front(scen.title, description=scen.summary[:300], tags=list(scen.keywords),
                       search={"boost": SEARCH_BOOST.get(scen.severity, 2)}),
        "id": scen.id, "title": scen.title, "severity": scen.severity,
        "act_within": duration_text(scen.response_time),
        "category": {"href": rel(src, f"categories/{scen.category}.md"), "title": CATEGORY_TITLES[scen.category]},
        "tree": tree_view(scen, src, titles, fills, approvals),
        "summary": fills.text(scen.summary),
        "channels": ", ".join(PLATFORM_LABELS[c] for c in scen.channels),
        "diagram": diagram_view(scen, org),
        "examples": examples,
        "contacts": contacts,
        "owner": owner.name if owner else scen.owner,
        "review": {"date": scen.review.date.isoformat(), "by": scen.review.by},
        "keywords": ", ".join(scen.keywords),
        "locations": fills.picker(src),  # last: it carries the values marked above
    }


def pages(pb, site) -> Iterator[tuple[str, str]]:
    """(path, text) of each scenario page, one by one (pages.generate may encode each before the next is made)."""
    scens = pb.scenario_list()
    titles = {s.id: s.title for s in scens}
    marks = approval_views(pb)
    # A page is made from its scenario, the organisation, the titles of the scenarios it links to (see:)
    # and the approval of each of its replies.
    for s in scens:
        yield scenario_src(s.id), site.render_from((s, pb.org), _inputs(s, titles, marks.get(s.id, {})), "pages/scenario.md",
                                                   lambda s=s: scenario_view(s, pb.org, titles, marks.get(s.id, {})))


def _inputs(scen: model.Scenario, titles: dict[str, str], approvals: dict[str, dict[str, str]]) -> tuple:
    """What a scenario page depends on besides its scenario and the organisation, as comparable values."""
    see = tuple((sid, titles.get(sid)) for o in scen.tree.outcomes.values() for sid in o.see)
    return see, tuple((rid, tuple(sorted(view.items()))) for rid, view in sorted(approvals.items()))
