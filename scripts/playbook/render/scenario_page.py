"""One scenario page: guide first, then the context a new hire needs."""
from __future__ import annotations

from .. import model
from ..model import CATEGORY_TITLES, PLATFORM_LABELS
from ..placeholders import fill
from .contacts import contact_html
from .context import Ctx
from .html import attr, esc, front_matter, rel, text_block
from .tree import duration_text, step_order, tree_html

PAGE_EXTRAS: list = []  # functions (scen, ctx) -> html added after the guide (e.g. the diagram)


def scenario_src(sid: str) -> str:
    return f"scenarios/{sid}.md"


def scenario_page(scen: model.Scenario, ctx: Ctx) -> str:
    org = ctx.org
    src = scenario_src(scen.id)
    chips = (
        f'<span class="pb-chip pb-sev-{attr(scen.severity)}">Severity: {esc(scen.severity)}</span> '
        f'<span class="pb-chip">Act within {esc(duration_text(scen.response_time))}</span> '
        f'<a class="pb-chip" href="{rel(src, f"categories/{scen.category}.md")}">{esc(CATEGORY_TITLES[scen.category])}</a>'
    )
    channels = ", ".join(esc(PLATFORM_LABELS[c]) for c in scen.channels)
    keywords = ", ".join(esc(k) for k in scen.keywords)
    # Search has no synonyms: the keywords go into the index as `tags` (Material
    # weighs them above titles), and the boost ranks scenarios above guidance pages.
    out = [front_matter(scen.title, description=scen.summary[:300], tags=list(scen.keywords), search={"boost": 2})]
    out.append(
        f'<h1>{esc(scen.title)}</h1>\n\n'
        f'<div class="pb-scenario-head"><p class="pb-chips">{chips}</p></div>\n\n'
    )
    # The guide comes first, so that on a phone the first question is on screen.
    out.append("## What to do {#guide}\n\n")
    out.append(tree_html(scen, ctx) + "\n\n")
    out.append(
        "## About this scenario {#about}\n\n"
        f'<div class="pb-scenario-about"><p class="pb-summary">{text_block(fill(scen.summary, org))}</p>'
        f'<p class="pb-channels"><strong>Channels:</strong> {channels}</p></div>\n\n'
    )
    for extra in PAGE_EXTRAS:
        html = extra(scen, ctx)
        if html:
            out.append(html + "\n\n")
    order = {nid: i + 1 for i, nid in enumerate(step_order(scen.tree))}
    out.append("## Example posts {#examples}\n\n")
    examples = []
    for ex in scen.examples:
        target = scen.tree.outcomes.get(ex.outcome)
        lead = (f'<p class="pb-example-leads">Playbook answer: <a href="#node-{attr(ex.outcome)}">step {order.get(ex.outcome, "?")}, {esc(target.title)}</a></p>'
                if target else "")
        examples.append(f'<li class="pb-example"><p class="pb-example-platform">{esc(PLATFORM_LABELS[ex.platform])}</p>'
                        f'<blockquote class="pb-example-text">{text_block(ex.text)}</blockquote>{lead}</li>')
    out.append(f'<ul class="pb-examples">{"".join(examples)}</ul>\n\n')
    out.append("## Who to contact {#contacts}\n\n")
    ids = [scen.owner] + [c for o in scen.tree.outcomes.values() for c in o.notify]
    unique = list(dict.fromkeys(i for i in ids if i in org.contacts))
    out.append('<ul class="pb-contacts">' + "".join(contact_html(cid, org.contacts[cid]) for cid in unique) + "</ul>\n\n")
    out.append("## Ownership and review {#ownership}\n\n")
    owner = org.contacts.get(scen.owner)
    out.append(
        '<dl class="pb-ownership">'
        f'<dt>Owner</dt><dd>{esc(owner.name if owner else scen.owner)}</dd>'
        f'<dt>Last reviewed</dt><dd><time datetime="{scen.review.date.isoformat()}">{scen.review.date.isoformat()}</time> by {esc(scen.review.by)}</dd>'
        f'<dt>Search terms</dt><dd class="pb-keywords">{keywords}</dd>'
        '</dl>\n'
    )
    return "".join(out)
