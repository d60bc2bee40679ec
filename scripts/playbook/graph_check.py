"""The tree as a graph: the start, dangling answers, cycles, unreachable nodes, dead ends, depth."""
from __future__ import annotations

from typing import Iterable

from .hints import did_you_mean
from .load import Loaded, Playbook
from .problems import Problem

MAX_DEPTH = 6  # questions on one path; responders in a hurry don't read further


def check_tree(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    tree = item.obj.tree
    doc = item.doc
    qs, outs = tree.questions, tree.outcomes

    def at(loc, code, msg, hint="", key=False):
        line, col = doc.where_key(loc) if key else doc.where(loc)
        return Problem(doc.path, line, col, code, msg, hint)

    for nid in set(qs) & set(outs):
        yield at(("tree", "outcomes", nid), "PB406", f"{nid!r} is both a question and an outcome; ids must be unique", key=True)
    nodes = set(qs) | set(outs)
    if tree.start not in nodes:
        yield at(("tree", "start"), "PB400", f"start {tree.start!r} is not a question or outcome", did_you_mean(tree.start, nodes))
    for qid, q in qs.items():
        labels: dict[str, int] = {}
        for i, ans in enumerate(q.answers):
            if ans.next not in nodes:
                yield at(("tree", "questions", qid, "answers", i, "next"), "PB401",
                         f"answer {ans.label!r} of {qid!r} leads to {ans.next!r}, which does not exist", did_you_mean(ans.next, nodes))
            norm = " ".join(ans.label.lower().split())
            if norm in labels:
                yield at(("tree", "questions", qid, "answers", i, "label"), "PB408",
                         f"question {qid!r} has two answers labelled {ans.label!r}")
            labels[norm] = i
        if len(q.answers) == 1:
            yield at(("tree", "questions", qid, "answers"), "PB407", f"question {qid!r} has only one answer; is it a question?")
    for oid, out in outs.items():
        if not out.actions:
            yield at(("tree", "outcomes", oid, "actions"), "PB405", f"outcome {oid!r} lists no action",
                      "say what to do: reply, reply-privately, hide, delete, leave, block, report, escalate or moderate")

    if tree.start not in nodes:
        return
    # Depth-first walk from the start: finds unreachable nodes, cycles and depth.
    reached: set[str] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    depth: dict[str, int] = {}  # most questions from here to an outcome
    cycles: list[tuple[str, str]] = []
    stack: list[tuple[str, int]] = [(tree.start, 0)]
    while stack:
        nid, i = stack.pop()
        if i == 0:
            reached.add(nid)
            state[nid] = 1
        answers = qs[nid].answers if nid in qs else []
        if i < len(answers):
            stack.append((nid, i + 1))
            nxt = answers[i].next
            if nxt not in nodes:
                continue
            if state.get(nxt) == 1:
                cycles.append((nid, nxt))
            elif state.get(nxt) is None:
                stack.append((nxt, 0))
            continue
        state[nid] = 2
        if nid in qs:
            depth[nid] = 1 + max((depth.get(a.next, 0) for a in answers if a.next in nodes and state.get(a.next) == 2), default=0)
        else:
            depth[nid] = 0
    for src, dst in cycles:
        idx = next(i for i, a in enumerate(qs[src].answers) if a.next == dst)
        yield at(("tree", "questions", src, "answers", idx, "next"), "PB403",
                 f"cycle: {src!r} leads back to {dst!r}; a tree must always move towards an outcome")
    for nid in nodes - reached:
        kind = "questions" if nid in qs else "outcomes"
        yield at(("tree", kind, nid), "PB402", f"{nid!r} cannot be reached from the start {tree.start!r}", key=True)
    # A path that cannot end in an outcome: a question whose every answer is broken.
    ends: set[str] = set(outs)
    changed = True
    while changed:
        changed = False
        for qid, q in qs.items():
            if qid not in ends and any(a.next in ends for a in q.answers):
                ends.add(qid)
                changed = True
    for qid, q in qs.items():
        if qid in reached:
            for i, a in enumerate(q.answers):
                if a.next in nodes and a.next not in ends and not cycles:
                    yield at(("tree", "questions", qid, "answers", i, "next"), "PB404",
                             f"answer {a.label!r} of {qid!r} leads to a path that never reaches an outcome")
    if not cycles and depth.get(tree.start, 0) > MAX_DEPTH:
        yield at(("tree", "start"), "PB409", f"some path asks {depth[tree.start]} questions; keep it to {MAX_DEPTH} or fewer for responders in a hurry")


