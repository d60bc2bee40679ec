"""Practice mode: the scenarios' example posts as a quiz, written once (in the
scenarios' `examples`) and never again.

Without JavaScript the page is a list of cases, each with the playbook's
answer in a <details>. practice.js turns it into one case at a time: pick what
to do, then see the answer, the reply and the reason. The script keeps its
score in memory only.

The page is excluded from search: every case repeats a scenario's words, and
a responder searching in a hurry needs the scenario, not the quiz.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..model import ACTION_LABELS, CATEGORY_TITLES, PLATFORM_LABELS, Action, Category
from .common import NOT_IN_SEARCH, SPLIT_AT, front, rel, scenario_src
from .fills import Fills
from .tree import action_text, resolve_action

SRC = "onboarding/practice.md"
# Above SPLIT_AT scenarios with cases, practice is an index of pages, one per category, each of at most
# MAX_CASES cases (taken round-robin across its scenarios): at 1,000 scenarios one page was 65 MB
# (docs/decisions/022-pages-at-scale.md). A new hire practises a category at a time.
MAX_CASES = 200
# Always offered, so that the answer is never given away by which buttons exist.
BASE_CHOICES = ["reply", "reply-privately", "leave", "escalate"]


def cases(scenarios: list[model.Scenario]) -> list[tuple[model.Scenario, model.Example, model.Outcome]]:
    """Every example whose outcome exists, taken round-robin across scenarios for variety."""
    per_scen = [[(s, ex, s.tree.outcomes[ex.outcome]) for ex in s.examples if ex.outcome in s.tree.outcomes]
                for s in scenarios]
    out = []
    for i in range(max((len(x) for x in per_scen), default=0)):
        out.extend(x[i] for x in per_scen if i < len(x))
    return out


def _choices(all_cases, org) -> list[str]:
    used = {resolve_action(o.actions[0], org) for _, _, o in all_cases if o.actions}
    return [a.value for a in Action if a.value != "moderate" and (a.value in BASE_CHOICES or a.value in used)]


def _answer(scen: model.Scenario, ex: model.Example, out: model.Outcome, fills: Fills, src: str) -> dict[str, Any]:
    org = fills.org
    reply = scen.replies.get(out.reply) if out.reply else None
    reply_view = None
    if reply:
        platform = ex.platform if ex.platform in reply.variants else "default"
        raw = reply.variants.get(ex.platform, reply.text)
        reply_view = {"label": PLATFORM_LABELS[platform] if platform != "default" else "Default",
                      "segments": fills.copy_segments(raw)}
    return {
        "title": out.title, "actions": [action_text(a, org) for a in out.actions], "reply": reply_view,
        "notify": ", ".join(org.contacts[c].name for c in out.notify if c in org.contacts),
        "why": fills.text(out.why) if out.why else "",
        "source": {"href": rel(src, scenario_src(scen.id), f"node-{ex.outcome}"), "title": scen.title},
    }


def practice_view(org: model.Organization, scenarios: list[model.Scenario], src: str = SRC, title: str = "Practice",
                  limit: int | None = None, parts: list[dict] | None = None) -> dict[str, Any]:
    fills = Fills(org)
    org = fills.org
    every = cases(scenarios)
    all_cases = every[:limit]
    choices = [{"id": c, "label": ACTION_LABELS[c]} for c in _choices(all_cases, org)]
    items = []
    for n, (scen, ex, out) in enumerate(all_cases, start=1):
        first = resolve_action(out.actions[0], org) if out.actions else "escalate"
        items.append({
            "number": n, "answer": first, "also": " ".join(dict.fromkeys(resolve_action(a, org) for a in out.actions)),
            "answer_label": ACTION_LABELS[first], "platform": PLATFORM_LABELS[ex.platform], "text": ex.text,
            "outcome": _answer(scen, ex, out, fills, src),
        })
    return {"front": front(title, description="Practise on example posts: pick what to do, then see the playbook's answer.",
                           search=NOT_IN_SEARCH),
            "title": title, "count": len(items), "of": len(every), "choices": choices, "cases": items,
            "parts": parts or [], "locations": fills.picker(src) if items else None}


def pages(pb, site) -> dict[str, str]:
    """Each page is rendered again only when its scenarios or the organisation changed (site.render_from)."""
    scenarios = pb.scenario_list()
    with_cases = [s for s in scenarios if cases([s])]
    if len(with_cases) <= SPLIT_AT:
        return {SRC: site.render_from((pb.org, *scenarios), (SRC,), "pages/practice.md",
                                      lambda: practice_view(pb.org, scenarios))}
    out: dict[str, str] = {}
    parts = []
    for category in Category:
        scens = [s for s in with_cases if s.category == category.value]
        if not scens:
            continue
        src = f"onboarding/practice/{category.value}.md"
        title = f"Practice: {CATEGORY_TITLES[category.value]}"
        out[src] = site.render_from((pb.org, *scens), (src, title, MAX_CASES), "pages/practice.md",
                                    lambda src=src, title=title, scens=scens: practice_view(pb.org, scens, src, title, MAX_CASES))
        every = len(cases(scens))
        parts.append({"title": CATEGORY_TITLES[category.value], "href": rel(SRC, src), "count": min(every, MAX_CASES), "of": every})
    out[SRC] = site.render("pages/practice.md", page=practice_view(pb.org, [], parts=parts))
    return out
