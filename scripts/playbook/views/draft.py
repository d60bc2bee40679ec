"""The "Check my draft" page: the compliance rules, compiled at build time, run in the browser.

The rules travel inside the page as JSON (<script type="application/json">);
draft.js reads them, checks what the responder types, and highlights the
findings. Nothing typed leaves the page: there is no form, no request and no storage.

Without JavaScript the page still lists every rule with its why and what to
write instead, and points to `playbook lint`.
"""
from __future__ import annotations

from typing import Any

from .. import model
from ..compliance import NORMALISE_TABLE, OTHER_CHAR, compiled
from .common import front

SRC = "check-my-draft.md"


def rules_data(comp: model.Compliance) -> dict[str, Any]:
    """The compiled rules, as the browser's checker reads them."""
    ruleset, _ = compiled(comp)
    return {
        "normalise": {str(k): v for k, v in NORMALISE_TABLE.items()},
        "other": OTHER_CHAR,  # every other character beyond ASCII (compliance.normalise)
        # each reference once; draft.js puts it in place of {vocab:...} in the sources below (compliance.expand)
        "vocab": dict(sorted(ruleset.vocab.items())),
        "rules": [{"id": r.id, "severity": r.rule.severity, "source": r.source,
                   "why": r.rule.why, "instead": r.rule.instead} for r in ruleset.rules],
        "exemptions": [{"id": e.id, "rules": list(e.exemption.rules), "source": e.source} for e in ruleset.exemptions],
    }


def draft_view(comp: model.Compliance) -> dict[str, Any]:
    return {
        "front": front("Check my draft", description="Check a hand-written reply against the compliance rules"),
        "rules_data": rules_data(comp),
        "rules": [{"id": r.id, "severity": r.severity, "why": r.why, "instead": r.instead, "examples": r.phrases[:6]}
                  for r in comp.rules],
    }


def pages(pb, site) -> dict[str, str]:
    if not pb.compliance:
        return {}
    return {SRC: site.render("pages/check-my-draft.md", page=draft_view(pb.compliance.obj))}
