"""The decision tree as numbered steps: complete and readable without JavaScript.

The step-by-step script only shows and hides these nodes (see CONTRACTS.md):
[data-tree] wraps them, each node is [data-node][data-kind], each answer
carries [data-next], and #node-ID addresses a node.
"""
from __future__ import annotations

from .. import model
from ..model import ACTION_LABELS
from .contacts import contact_html
from .context import Ctx
from .html import attr, esc, rel, text_block as _text_block
from .replies import reply_html


def _filled(ctx: Ctx):
    from ..placeholders import fill

    return lambda text: _text_block(fill(text, ctx.org))


def step_order(tree: model.Tree) -> list[str]:
    """Nodes in the order a reader meets them: breadth-first from the start."""
    order, seen, queue = [], set(), [tree.start]
    while queue:
        nid = queue.pop(0)
        if nid in seen or (nid not in tree.questions and nid not in tree.outcomes):
            continue
        seen.add(nid)
        order.append(nid)
        if nid in tree.questions:
            queue.extend(a.next for a in tree.questions[nid].answers)
    return order


def duration_text(d: str) -> str:
    n, unit = int(d[:-1]), d[-1]
    word = {"m": "minute", "h": "hour", "d": "day"}[unit]
    return f"{n} {word}{'s' if n != 1 else ''}"


def action_text(action: str, org: model.Organization) -> str:
    if action == "moderate":
        policy = org.policies.abusive_comments
        return {
            "hide": "Hide it (our moderation policy)",
            "delete": "Delete it (our moderation policy)",
            "leave-and-reply-once": "Leave it up and reply once; block only if it continues (our moderation policy)",
        }[policy]
    return ACTION_LABELS[action]


def primary_action(out: model.Outcome, org: model.Organization) -> str:
    """The action that colours an outcome; `moderate` resolves to the org's policy."""
    action = out.actions[0] if out.actions else "escalate"
    if action == "moderate":
        return {"hide": "hide", "delete": "delete", "leave-and-reply-once": "reply"}[org.policies.abusive_comments]
    return action


def tree_html(scen: model.Scenario, ctx: Ctx) -> str:
    tree = scen.tree
    order = step_order(tree)
    number = {nid: i + 1 for i, nid in enumerate(order)}
    text_block = _filled(ctx)
    shown_replies: set[str] = set()
    items = []
    for nid in order:
        n = number[nid]
        if nid in tree.questions:
            q = tree.questions[nid]
            answers = "".join(
                f'<li><a class="pb-answer" href="#node-{attr(a.next)}" data-next="{attr(a.next)}">'
                f'<span class="pb-answer-label">{esc(a.label)}</span>'
                f'<span class="pb-goto"> — go to step {number.get(a.next, "?")}</span></a></li>'
                for a in q.answers
            )
            help_html = f'<p class="pb-help">{text_block(q.help)}</p>' if q.help else ""
            items.append(
                f'<li class="pb-node pb-question" id="node-{attr(nid)}" data-node="{attr(nid)}" data-kind="question">'
                f'<h3 class="pb-node-title" tabindex="-1"><span class="pb-step-no">Step {n}.</span> {esc(q.text)}</h3>'
                f'{help_html}<ul class="pb-answers">{answers}</ul></li>'
            )
        else:
            out = tree.outcomes[nid]
            items.append(outcome_html(scen, nid, out, n, ctx, shown_replies))
    # data-start: the guide script begins here; the numbered list also starts with it.
    return (f'<div class="pb-tree" data-tree="{attr(scen.id)}" data-start="{attr(tree.start)}">'
            f'<ol class="pb-steps">{"".join(items)}</ol></div>')


def outcome_html(scen: model.Scenario, nid: str, out: model.Outcome, n: int, ctx: Ctx, shown_replies: set[str]) -> str:
    org = ctx.org
    text_block = _filled(ctx)
    parts = []
    # Order for a responder in a hurry: what to do and by when, what not to do,
    # then the reply to paste and whom to tell; the log and the reasons last.
    actions = "".join(f'<li class="pb-act pb-act-{attr(a)}">{esc(action_text(a, org))}</li>' for a in out.actions)
    parts.append(f'<div class="pb-field pb-do"><h4>Do this</h4><ol class="pb-actions">{actions}</ol></div>')
    links = [f'<a class="md-button md-button--primary" href="{rel(ctx.src, f"scenarios/{sid}.md")}">'
             f'Continue with: {esc(ctx.titles[sid])}</a>' for sid in out.see if sid in ctx.titles]
    if links:
        parts.append('<p class="pb-see">' + " ".join(links) + "</p>")
    deadline = duration_text(out.deadline or scen.response_time)
    parts.append(f'<div class="pb-field pb-deadline"><h4>Deadline</h4><p>Within {esc(deadline)}</p></div>')
    if out.avoid:
        avoid = "".join(f"<li>{text_block(a)}</li>" for a in out.avoid)
        parts.append(f'<div class="pb-field pb-avoid"><h4>Do not</h4><ul>{avoid}</ul></div>')
    if out.reply and out.reply in scen.replies:
        primary = out.reply not in shown_replies
        shown_replies.add(out.reply)
        parts.append('<div class="pb-field pb-copy-reply"><h4>Reply to copy</h4>'
                     + reply_html(scen, out.reply, scen.replies[out.reply], org, primary) + "</div>")
    if out.notify:
        contacts = "".join(contact_html(cid, org.contacts[cid]) for cid in out.notify if cid in org.contacts)
        parts.append(f'<div class="pb-field pb-notify"><h4>Notify</h4><ul class="pb-contacts">{contacts}</ul></div>')
    if out.log:
        parts.append(f'<div class="pb-field pb-log"><h4>Log</h4><p>{text_block(out.log)}</p></div>')
    if out.why:
        parts.append(f'<div class="pb-field pb-why"><h4>Why</h4><p>{text_block(out.why)}</p></div>')
    action = primary_action(out, org)
    return (f'<li class="pb-node pb-outcome pb-outcome-{attr(action)}" id="node-{attr(nid)}" data-node="{attr(nid)}" data-kind="outcome">'
            f'<h3 class="pb-node-title" tabindex="-1"><span class="pb-step-no">Step {n}.</span> {esc(out.title)}</h3>'
            + "".join(parts) + "</li>")
