"""`playbook check`: every problem in a playbook, in one run.

Loading (load.py) catches file, YAML and format faults. The checks here
look across fields and files: references, placeholders, the tree as a graph,
and review dates. Other modules add their own checks to CHECKS.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

from . import model, placeholders
from .load import Loaded, Playbook, load_playbook
from .problems import Problem

MAX_DEPTH = 6  # questions on one path; responders in a hurry don't read further


def text_fields(scen: model.Scenario) -> Iterable[tuple[tuple, str]]:
    """Every text of a scenario that can hold placeholders, with its path."""
    for rid, reply in scen.replies.items():
        yield ("replies", rid, "text"), reply.text
        for platform, text in reply.variants.items():
            yield ("replies", rid, "variants", platform), text
    for oid, out in scen.tree.outcomes.items():
        if out.log:
            yield ("tree", "outcomes", oid, "log"), out.log
        for i, item in enumerate(out.avoid):
            yield ("tree", "outcomes", oid, "avoid", i), item
        if out.why:
            yield ("tree", "outcomes", oid, "why"), out.why
    for qid, q in scen.tree.questions.items():
        if q.help:
            yield ("tree", "questions", qid, "help"), q.help
    yield ("summary",), scen.summary


def check_references(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    scen: model.Scenario = item.obj
    doc = item.doc
    org = pb.org
    used_replies: set[str] = set()

    def at(loc, code, msg, hint=""):
        line, col = doc.where(loc)
        return Problem(doc.path, line, col, code, msg, hint)

    if org and scen.owner not in org.contacts:
        yield at(("owner",), "PB301", f"owner {scen.owner!r} is not a contact in organization.yaml", _suggest(scen.owner, org.contacts))
    for oid, out in scen.tree.outcomes.items():
        if out.reply:
            used_replies.add(out.reply)
            if out.reply not in scen.replies:
                yield at(("tree", "outcomes", oid, "reply"), "PB300", f"outcome {oid!r} uses reply {out.reply!r}, which is not defined under replies",
                         _suggest(out.reply, scen.replies))
        elif {"reply", "reply-privately"} & set(out.actions):
            i = next(i for i, a in enumerate(out.actions) if a in ("reply", "reply-privately"))  # the action that asks for a reply
            yield at(("tree", "outcomes", oid, "actions", i), "PB306", f"outcome {oid!r} says to reply but names no reply", "add reply: ID")
        if org:
            for i, cid in enumerate(out.notify):
                if cid not in org.contacts:
                    yield at(("tree", "outcomes", oid, "notify", i), "PB301", f"contact {cid!r} is not defined in organization.yaml", _suggest(cid, org.contacts))
    for rid, reply in scen.replies.items():
        if rid not in used_replies:
            line, col = doc.where_key(("replies", rid))
            yield Problem(doc.path, line, col, "PB304", f"reply {rid!r} is not used by any outcome")
        for platform in reply.variants:
            if platform not in scen.channels and platform != "dm":
                line, col = doc.where_key(("replies", rid, "variants", platform))
                yield Problem(doc.path, line, col, "PB307", f"variant {platform!r} is not one of this scenario's channels ({', '.join(scen.channels)})",
                              "add it to channels or remove the variant")
    for i, ex in enumerate(scen.examples):
        if ex.outcome not in scen.tree.outcomes:
            yield at(("examples", i, "outcome"), "PB305", f"example {i + 1} points to outcome {ex.outcome!r}, which does not exist",
                     _suggest(ex.outcome, scen.tree.outcomes))
    if org:
        for loc, text in text_fields(scen):
            for u in placeholders.unresolved(text, org):
                line, col = doc.text_position(loc, u.start, text)
                code = "PB308" if u.malformed else ("PB302" if u.name.startswith("{links.") else "PB303")
                yield Problem(doc.path, line, col, code, f"unknown placeholder {u.name}", u.reason)


def _suggest(name: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


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
        yield at(("tree", "start"), "PB400", f"start {tree.start!r} is not a question or outcome", _suggest(tree.start, nodes))
    for qid, q in qs.items():
        labels: dict[str, int] = {}
        for i, ans in enumerate(q.answers):
            if ans.next not in nodes:
                yield at(("tree", "questions", qid, "answers", i, "next"), "PB401",
                         f"answer {ans.label!r} of {qid!r} leads to {ans.next!r}, which does not exist", _suggest(ans.next, nodes))
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


def check_scenario_links(pb: Playbook) -> Iterable[Problem]:
    """`see:` in an outcome must name another scenario of this playbook."""
    ids = {item.obj.id for item in pb.scenarios}
    for item in pb.scenarios:
        for oid, out in item.obj.tree.outcomes.items():
            for i, sid in enumerate(out.see):
                if sid not in ids:
                    line, col = item.doc.where(("tree", "outcomes", oid, "see", i))
                    yield Problem(item.doc.path, line, col, "PB309", f"outcome {oid!r} points to scenario {sid!r}, which does not exist",
                                  _suggest(sid, ids))


def check_moderation_replies(pb: Playbook) -> Iterable[Problem]:
    """With the policy 'leave-and-reply-once', every outcome that applies it must name the one reply."""
    if not pb.org or pb.org.policies.abusive_comments != "leave-and-reply-once":
        return
    missing = [f"{item.obj.id}: {oid}" for item in pb.scenarios
               for oid, out in item.obj.tree.outcomes.items() if "moderate" in out.actions and not out.reply]
    if missing:
        doc = pb.organization.doc
        line, col = doc.where(("policies", "abusive_comments"))
        shown = "; ".join(missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
        yield Problem(doc.path, line, col, "PB310", f"policy 'leave-and-reply-once' needs a reply in every outcome that moderates; none in {shown}",
                      "add reply: ID to those outcomes, or choose hide or delete")


def check_review(pb: Playbook, item: Loaded, today: dt.date) -> Iterable[Problem]:
    scen, doc = item.obj, item.doc
    line, col = doc.where(("review", "date"))
    if scen.review.date > today:
        yield Problem(doc.path, line, col, "PB501", f"review date {scen.review.date} is in the future")
    elif pb.org:
        due = scen.review.date + dt.timedelta(days=pb.org.policies.review_interval_days)
        if due < today:
            yield Problem(doc.path, line, col, "PB500", f"review overdue since {due} (last reviewed {scen.review.date}, every {pb.org.policies.review_interval_days} days)")


ScenarioCheck = Callable[[Playbook, Loaded], Iterable[Problem]]
PlaybookCheck = Callable[[Playbook], Iterable[Problem]]
# Modules that add checks (replies, compliance) append here on import; see register_checks().
SCENARIO_CHECKS: list[ScenarioCheck] = [check_references, check_tree]
PLAYBOOK_CHECKS: list[PlaybookCheck] = [check_scenario_links, check_moderation_replies]


def register_checks() -> None:
    """Import the modules that contribute checks (kept apart so check.py stays small)."""
    from .importing import import_all

    import_all("replies_check", "compliance", "url_check")


def run_checks(pb: Playbook, today: dt.date | None = None) -> list[Problem]:
    register_checks()
    today = today or dt.date.today()
    problems = list(pb.problems)
    for item in pb.scenarios:
        for fn in SCENARIO_CHECKS:
            problems += fn(pb, item)
        problems += check_review(pb, item, today)
    for item in pb.partial_trees:
        problems += check_tree(pb, item)
    for fn in PLAYBOOK_CHECKS:
        problems += fn(pb)
    return sorted(set(problems))


def check_dir(root: str, today: dt.date | None = None) -> tuple[Playbook, list[Problem]]:
    pb = load_playbook(root)
    return pb, run_checks(pb, today)
