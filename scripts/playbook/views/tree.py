"""The decision tree as numbered steps: complete and readable without JavaScript.

The step-by-step script only shows and hides these nodes (see CONTRACTS.md):
[data-tree] wraps them, each node is [data-node][data-kind], each answer
carries [data-next], and #node-ID addresses a node.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..model import ACTION_LABELS, MODERATE_ACTION_TEXT, MODERATE_RESOLVES_TO
from .common import rel, scenario_src
from .fills import Fills, as_fills
from .replies import ReplyNames, reply_view


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


def step_numbers(tree: model.Tree) -> dict[str, int]:
    return {nid: i + 1 for i, nid in enumerate(step_order(tree))}


def duration_text(d: str) -> str:
    n, unit = int(d[:-1]), d[-1]
    word = {"m": "minute", "h": "hour", "d": "day"}[unit]
    return f"{n} {word}{'s' if n != 1 else ''}"


def action_text(action: str, org: model.Organization) -> str:
    if action == "moderate":
        return MODERATE_ACTION_TEXT[org.policies.abusive_comments]
    return ACTION_LABELS[action]


def resolve_action(action: str, org: model.Organization) -> str:
    """An action as it is carried out: `moderate` becomes what the organisation's policy does."""
    return MODERATE_RESOLVES_TO[org.policies.abusive_comments] if action == "moderate" else action


def primary_action(out: model.Outcome, org: model.Organization) -> str:
    """The action that colours an outcome; `moderate` resolves to the org's policy."""
    return resolve_action(out.actions[0] if out.actions else "escalate", org)


def question_view(nid: str, q: model.Question, n: int, numbers: dict[str, int], fills: Fills | model.Organization) -> dict[str, Any]:
    fills = as_fills(fills)
    return {
        "kind": "question", "id": nid, "number": n, "text": q.text,
        "help": fills.text(q.help) if q.help else "",
        "answers": [{"label": a.label, "next": a.next, "goto": numbers.get(a.next, "?")} for a in q.answers],
    }


def outcome_view(scen: model.Scenario, nid: str, out: model.Outcome, n: int, src: str, titles: dict[str, str],
                 fills: Fills | model.Organization, names: ReplyNames, approvals: dict[str, dict[str, str]]) -> dict[str, Any]:
    fills = as_fills(fills)
    org = fills.org
    reply = None
    if out.reply and out.reply in scen.replies:
        reply = reply_view(scen, out.reply, scen.replies[out.reply], fills, names.next(scen.id, out.reply), approvals.get(out.reply))
    return {
        "kind": "outcome", "id": nid, "number": n, "title": out.title,
        "action": primary_action(out, org),
        "actions": [{"id": a, "text": action_text(a, org)} for a in out.actions],
        "see": [{"href": rel(src, scenario_src(sid)), "title": titles[sid]} for sid in out.see if sid in titles],
        "deadline": duration_text(out.deadline or scen.response_time),
        "avoid": [fills.text(a) for a in out.avoid],
        "reply": reply,
        "notify": [fills.contact(cid) for cid in out.notify if cid in org.contacts],
        "log": fills.text(out.log) if out.log else "",
        "why": fills.text(out.why) if out.why else "",
    }


def tree_view(scen: model.Scenario, src: str, titles: dict[str, str], fills: Fills | model.Organization,
              approvals: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """approvals: reply id -> approval view data (approvals.approval_view); missing replies show no mark."""
    fills = as_fills(fills)
    approvals = approvals or {}
    tree = scen.tree
    numbers = step_numbers(tree)
    names = ReplyNames()
    steps = []
    for nid, n in numbers.items():
        if nid in tree.questions:
            steps.append(question_view(nid, tree.questions[nid], n, numbers, fills))
        else:
            steps.append(outcome_view(scen, nid, tree.outcomes[nid], n, src, titles, fills, names, approvals))
    return {"scenario": scen.id, "start": tree.start, "steps": steps}
