"""The moderation policy page: generated, because it shows the policy the
organisation chose in organization.yaml (policies.abusive_comments), and the
scenarios whose outcomes apply it (the `moderate` action).

What each policy means step by step, and the general guidance, are wording:
they live in the template (templates/pages/moderation-policy.md), which an
organisation can override. The rest of the guidance is hand-written Markdown in docs/guidance/.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..model import POLICY_NAMES, ModerationPolicy
from .common import front, rel, scenario_src

SRC = "guidance/moderation-policy.md"


def moderation_view(org: model.Organization, scenarios: list[model.Scenario]) -> dict[str, Any]:
    users = sorted((s for s in scenarios if any("moderate" in o.actions for o in s.tree.outcomes.values())),
                   key=lambda s: s.title.lower())
    return {
        "front": front("Moderation policy", description="Hide, delete or leave: our policy for abusive comments."),
        "org": org.name,
        "policy": org.policies.abusive_comments,
        "screenshot_first": org.policies.screenshot_before_moderating,
        "options": [{"id": p.value, "name": POLICY_NAMES[p.value], "description": ModerationPolicy.__descriptions__[p.value],
                     "chosen": p.value == org.policies.abusive_comments} for p in ModerationPolicy],
        "users": [{"href": rel(SRC, scenario_src(s.id)), "title": s.title} for s in users],
    }


def pages(pb, site) -> dict[str, str]:
    return {SRC: site.render("pages/moderation-policy.md", page=moderation_view(pb.org, pb.scenario_list()))}
