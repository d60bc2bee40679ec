"""The whole tree as a picture, made at build time from the model (no Mermaid, no script).

Questions are boxes, answers label the branches, outcomes are coloured by
their main action (tree.primary_action). The markup is nested lists drawn
by guide.css: an indented tree with connector lines that fits a 375 px phone
and prints on A4, and a top-down chart on wide screens, scrolling inside
its own box when a tree is wider than the page.

It is hidden from screen readers (aria-hidden): they get the numbered steps,
which say the same. See docs/decisions/002-tree-diagram.md.
"""
from __future__ import annotations

from .. import model
from ..model import ACTION_LABELS
from .context import Ctx
from .html import attr, esc
from .scenario_page import PAGE_EXTRAS
from .tree import primary_action, step_order

# Names of the colours in the legend, for the primary actions outcomes can have.
ACTION_NAMES = {
    "reply": "Reply", "reply-privately": "Reply privately", "hide": "Hide", "delete": "Delete",
    "leave": "Leave it", "block": "Block", "report": "Report", "escalate": "Escalate",
}


def _outcome_box(out: model.Outcome, org: model.Organization, number: int) -> str:
    action = primary_action(out, org)
    name = ACTION_NAMES.get(action, ACTION_LABELS.get(action, action))
    return (f'<div class="pb-dg-box pb-dg-out pb-dg-{attr(action)}">'
            f'<span class="pb-dg-kind">{esc(name)}</span>'
            f'<span class="pb-dg-text">{esc(out.title)}</span>'
            f'<span class="pb-dg-no">step {number}</span></div>')


def diagram_html(scen: model.Scenario, ctx: Ctx) -> str:
    tree = scen.tree
    number = {nid: i + 1 for i, nid in enumerate(step_order(tree))}
    drawn: set[str] = set()  # questions drawn once; a second way in shows a reference
    used_actions: list[str] = []

    def node(nid: str, trail: frozenset) -> str:
        if nid in tree.outcomes:
            out = tree.outcomes[nid]
            action = primary_action(out, ctx.org)
            if action not in used_actions:
                used_actions.append(action)
            return _outcome_box(out, ctx.org, number.get(nid, 0))
        q = tree.questions.get(nid)
        if q is None or nid in trail:  # the check forbids both; never loop anyway
            return '<div class="pb-dg-box pb-dg-ref">?</div>'
        if nid in drawn:
            return (f'<div class="pb-dg-box pb-dg-ref"><span class="pb-dg-kind">Continue at step {number.get(nid, 0)}</span>'
                    f'<span class="pb-dg-text">{esc(q.text)}</span></div>')
        drawn.add(nid)
        branches = "".join(
            f'<li class="pb-dg-branch"><span class="pb-dg-edge">{esc(a.label)}</span>{node(a.next, trail | {nid})}</li>'
            for a in q.answers
        )
        return (f'<div class="pb-dg-box pb-dg-q"><span class="pb-dg-text">{esc(q.text)}</span>'
                f'<span class="pb-dg-no">step {number.get(nid, 0)}</span></div>'
                f'<ul class="pb-dg-branches">{branches}</ul>')

    body = node(tree.start, frozenset())
    legend = "".join(
        f'<li><span class="pb-dg-swatch pb-dg-{attr(a)}"></span>{esc(ACTION_NAMES.get(a, a))}</li>' for a in used_actions
    )
    return (
        "## The whole tree at a glance {#diagram}\n\n"
        '<p class="pb-sr-only">A picture of the steps above; it repeats them and is hidden from screen readers.</p>'
        f'<figure class="pb-diagram" data-diagram="{attr(scen.id)}" aria-hidden="true">'
        f'<ul class="pb-dg-legend"><li class="pb-dg-legend-q"><span class="pb-dg-swatch pb-dg-swatch-q"></span>Question</li>{legend}</ul>'
        f'<div class="pb-dg-scroll"><ul class="pb-dg-tree"><li class="pb-dg-root">{body}</li></ul></div>'
        "</figure>"
    )


if diagram_html not in PAGE_EXTRAS:
    PAGE_EXTRAS.append(diagram_html)
