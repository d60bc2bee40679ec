"""References across fields and files: replies, contacts, placeholders, examples, `see:` links,
and the replies the organisation's moderation policy needs."""
from __future__ import annotations

from typing import Iterable

from . import model, placeholders
from .hints import did_you_mean
from .load import Loaded, Playbook
from .problems import Problem


def text_fields(scen: model.Scenario) -> Iterable[tuple[tuple, str]]:
    """Every text of a scenario that can hold placeholders, with its path."""
    for rid, reply in scen.replies.items():
        yield ("replies", rid, "text"), reply.text
        for platform, text in reply.variants.items():
            yield ("replies", rid, "variants", platform), text
        for lang, tr in reply.translations.items():
            yield ("replies", rid, "translations", lang, "text"), tr.text
            for platform, text in tr.variants.items():
                yield ("replies", rid, "translations", lang, "variants", platform), text
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
        yield at(("owner",), "PB301", f"owner {scen.owner!r} is not a contact in organization.yaml", did_you_mean(scen.owner, org.contacts))
    for oid, out in scen.tree.outcomes.items():
        if out.reply:
            used_replies.add(out.reply)
            if out.reply not in scen.replies:
                yield at(("tree", "outcomes", oid, "reply"), "PB300", f"outcome {oid!r} uses reply {out.reply!r}, which is not defined under replies",
                         did_you_mean(out.reply, scen.replies))
        elif {"reply", "reply-privately"} & set(out.actions):
            i = next(i for i, a in enumerate(out.actions) if a in ("reply", "reply-privately"))  # the action that asks for a reply
            yield at(("tree", "outcomes", oid, "actions", i), "PB306", f"outcome {oid!r} says to reply but names no reply", "add reply: ID")
        if org:
            for i, cid in enumerate(out.notify):
                if cid not in org.contacts:
                    yield at(("tree", "outcomes", oid, "notify", i), "PB301", f"contact {cid!r} is not defined in organization.yaml", did_you_mean(cid, org.contacts))
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
                     did_you_mean(ex.outcome, scen.tree.outcomes))
    if org:
        for loc, text in text_fields(scen):
            for u in placeholders.unresolved(text, org):
                line, col = doc.text_position(loc, u.start, text)
                code = "PB308" if u.malformed else ("PB302" if u.name.startswith("{links.") else "PB303")
                yield Problem(doc.path, line, col, code, f"unknown placeholder {u.name}", u.reason)


# Across scenarios, in two steps (pipeline.CROSS_SCENARIO_CHECKS): what one scenario says, as plain
# JSON data that `playbook check` can cache per file, then the verdict over every scenario.

def see_links(pb: Playbook, item: Loaded) -> dict:
    """The scenario's id and every `see:` of its outcomes, with where it is written."""
    out = []
    for oid, outcome in item.obj.tree.outcomes.items():
        for i, sid in enumerate(outcome.see):
            line, col = item.doc.where(("tree", "outcomes", oid, "see", i))
            out.append([oid, sid, line, col])
    return {"id": item.obj.id, "see": out}


def check_see_links(pb: Playbook, collected: list[tuple[str, dict]]) -> Iterable[Problem]:
    """`see:` in an outcome must name another scenario of this playbook."""
    ids = {data["id"] for _, data in collected}
    for path, data in collected:
        for oid, sid, line, col in data["see"]:
            if sid not in ids:
                yield Problem(path, line, col, "PB309", f"outcome {oid!r} points to scenario {sid!r}, which does not exist",
                              did_you_mean(sid, ids))


def moderating_outcomes(pb: Playbook, item: Loaded) -> dict:
    """The outcomes that moderate but name no reply."""
    return {"id": item.obj.id, "outcomes": [oid for oid, out in item.obj.tree.outcomes.items() if "moderate" in out.actions and not out.reply]}


def check_moderation_replies(pb: Playbook, collected: list[tuple[str, dict]]) -> Iterable[Problem]:
    """With the policy 'leave-and-reply-once', every outcome that applies it must name the one reply."""
    if not pb.org or pb.org.policies.abusive_comments != "leave-and-reply-once":
        return
    missing = [f"{data['id']}: {oid}" for _, data in collected for oid in data["outcomes"]]
    if missing:
        doc = pb.organization.doc
        line, col = doc.where(("policies", "abusive_comments"))
        shown = "; ".join(missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
        yield Problem(doc.path, line, col, "PB310", f"policy 'leave-and-reply-once' needs a reply in every outcome that moderates; none in {shown}",
                      "add reply: ID to those outcomes, or choose hide or delete")
