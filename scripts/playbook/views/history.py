"""The "What changed" page: recent changes per scenario, with dates, from git history.

Pure: the adapters (MkDocs plugin, Zensical build, `playbook generate`) read git
(git.history) and hand the commits to pages.generate as plain data; this module
parses the scenario versions they hold and summarises what changed with the
same comparison as `playbook diff`. Without history (a download rather than a
clone), the page says so.
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import ValidationError

from .. import model
from ..changes import compare_scenarios
from ..yamlsafe import load_text
from .common import front, rel, scenario_src

SRC = "what-changed.md"
PER_SCENARIO = 5  # changes shown per scenario, newest first


def _parse(text: Optional[str]) -> tuple[Optional[model.Scenario], bool]:
    """(scenario, readable): a version of a scenario file; (None, True) when the file did not exist."""
    if text is None:
        return None, True
    doc, problems = load_text(text, "scenario.yaml")
    if doc is None:
        return None, False
    try:
        return model.Scenario.model_validate(doc.data), True
    except ValidationError:
        return None, False


def _changes(old_text: Optional[str], new_text: Optional[str]) -> tuple[list[str], Optional[str]]:
    """(what changed, the scenario's title in that commit)."""
    old, old_ok = _parse(old_text)
    new, new_ok = _parse(new_text)
    title = (new or old).title if (new or old) else None
    if not (old_ok and new_ok):
        return ["changed (one of the two versions does not pass the check)"], title
    change = compare_scenarios(old, new)
    if change is None:
        return ["details changed (no reply text and no step of the tree)"], title
    return change.summary(), title


def history_view(history: Optional[list[dict]], scens: list[model.Scenario]) -> dict[str, Any]:
    page: dict[str, Any] = {"front": front("What changed"), "available": history is not None, "scenarios": [],
                            "review_href": rel(SRC, "review-status.md", "approvals")}
    if history is None:
        return page
    current = {s.id: s for s in scens}
    by_scenario: dict[str, dict[str, Any]] = {}
    for commit in history:  # newest first
        for f in commit["files"]:
            sid = f["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
            lines, title = _changes(f["old"], f["new"])
            entry = by_scenario.setdefault(sid, {
                "id": sid, "title": current[sid].title if sid in current else (title or sid),
                "href": rel(SRC, scenario_src(sid)) if sid in current else "", "changes": []})
            if len(entry["changes"]) < PER_SCENARIO:
                entry["changes"].append({"date": commit["date"], "commit": commit["commit"],
                                         "subject": commit["subject"], "what": lines})
    # Most recently changed first (dict order follows the newest-first commits).
    page["scenarios"] = list(by_scenario.values())
    page["commits"] = len(history)
    return page


def pages(pb, site) -> dict[str, str]:
    return {SRC: site.render("pages/what-changed.md", page=history_view(site.history, pb.scenario_list()))}
