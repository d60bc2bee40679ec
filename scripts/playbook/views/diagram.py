"""The whole tree as a picture, made at build time from the model (no Mermaid, no script).

Questions are boxes, answers label the branches, outcomes are coloured by
their main action (tree.primary_action). The template draws nested lists that
guide.css lays out: an indented tree with connector lines that fits a 375 px
phone and prints on A4. See docs/decisions/002-tree-diagram.md.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..model import ACTION_SHORT_LABELS
from .tree import primary_action, step_numbers


def diagram_view(scen: model.Scenario, org: model.Organization) -> dict[str, Any]:
    tree = scen.tree
    number = step_numbers(tree)
    drawn: set[str] = set()  # questions drawn once; a second way in shows a reference
    used_actions: list[str] = []

    def node(nid: str, trail: frozenset) -> dict[str, Any]:
        if nid in tree.outcomes:
            out = tree.outcomes[nid]
            action = primary_action(out, org)
            if action not in used_actions:
                used_actions.append(action)
            return {"kind": "outcome", "action": action, "name": ACTION_SHORT_LABELS.get(action, action),
                    "title": out.title, "number": number.get(nid, 0)}
        q = tree.questions.get(nid)
        if q is None or nid in trail:  # the check forbids both; never loop anyway
            return {"kind": "missing"}
        if nid in drawn:
            return {"kind": "ref", "number": number.get(nid, 0), "text": q.text}
        drawn.add(nid)
        return {"kind": "question", "text": q.text, "number": number.get(nid, 0),
                "branches": [{"label": a.label, "node": node(a.next, trail | {nid})} for a in q.answers]}

    root = node(tree.start, frozenset())
    legend = [{"action": a, "name": ACTION_SHORT_LABELS.get(a, a)} for a in used_actions]
    return {"scenario": scen.id, "root": root, "legend": legend}
