"""The quick reference: every reply, grouped by scenario, each with its copy button.

Found through the site search (each scenario is a heading, so a section of the
search index) and printable as a clean A4 handout (replies.css). Each
SCENARIO/REPLY/PLATFORM appears once on the page, so [data-reply] stays unique.
"""
from __future__ import annotations

from .. import pages
from ..load import Playbook
from ..model import CATEGORY_TITLES, Category
from ..placeholders import fill
from .html import attr, esc, front_matter, rel, text_block
from .replies import reply_html
from .scenario_page import scenario_src

SRC = "quick-reference.md"


def quick_reference_page(pb: Playbook) -> str:
    org = pb.org
    scens = [s for s in pb.scenario_list() if s.replies]
    order = {c.value: i for i, c in enumerate(Category)}
    scens.sort(key=lambda s: (order[s.category], s.title.lower()))
    out = [front_matter("Quick reference", description="Every ready-to-copy reply in the playbook, by scenario."),
           '<div class="pb-quick-reference">\n\n<h1>Quick reference</h1>\n\n',
           '<p class="pb-lead">Every ready-to-copy reply, grouped by scenario. Choose the platform, then copy. '
           'Marked <mark class="pb-blank">[blanks]</mark> must be filled in before posting. '
           'Not sure which reply fits? Open the scenario and answer its questions first. '
           'Search (press <kbd>/</kbd>) finds words in any reply.</p>\n\n']
    if not scens:
        out.append('<p class="pb-qr-none">No replies yet.</p>\n\n')
    for scen in scens:
        link = rel(SRC, scenario_src(scen.id))
        parts = [f'<section class="pb-qr-scenario" data-qr-scenario="{attr(scen.id)}">'
                 f'<h2 id="{attr(scen.id)}"><a href="{link}">{esc(scen.title)}</a></h2>'
                 f'<p class="pb-qr-meta">{esc(CATEGORY_TITLES[scen.category])} · severity {esc(scen.severity)}</p>'
                 f'<p class="pb-qr-summary">{text_block(fill(scen.summary, org))}</p>']
        for rid, reply in scen.replies.items():
            parts.append('<div class="pb-qr-reply">'
                         + reply_html(scen, rid, reply, org, primary=True, group=f"pb-qr-{scen.id}-{rid}") + "</div>")
        parts.append("</section>")
        out.append("".join(parts) + "\n\n")
    out.append("</div>\n")
    return "".join(out)


def generate_quick_reference(pb: Playbook) -> dict[str, str]:
    return {SRC: quick_reference_page(pb)}


pages.GENERATORS.append(generate_quick_reference)
