"""`playbook check`: every problem in a playbook, in one run.

Loading (load.py) catches file, YAML and format faults. Then every check that
pipeline.py lists runs over the loaded playbook: each scenario, each salvaged
tree of a scenario that failed validation (so its graph is still checked),
the checks across scenarios, and the shared files.

Everything a check learns from one scenario file (scenario_result) depends only
on that file and the shared files, so `playbook check` can keep it per file
between runs (check_cache.py) and give the same answer.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from . import pipeline
from .load import Loaded, Playbook, load_playbook
from .problems import Problem


def scenario_problems(pb: Playbook, item: Loaded, today: dt.date) -> list[Problem]:
    """Every per-scenario check on one scenario that validated."""
    problems: list[Problem] = []
    for check in pipeline.SCENARIO_CHECKS:
        problems += check(pb, item)
    for dated in pipeline.DATED_SCENARIO_CHECKS:
        problems += dated(pb, item, today)
    return problems


def partial_tree_problems(pb: Playbook, item: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    for check in pipeline.PARTIAL_TREE_CHECKS:
        problems += check(pb, item)
    return problems


def collected(pb: Playbook, item: Loaded) -> list[Any]:
    """What each cross-scenario check collects from one scenario, in pipeline order."""
    return [collect(pb, item) for collect, _ in pipeline.CROSS_SCENARIO_CHECKS]


def cross_scenario_problems(pb: Playbook, facts: list[tuple[str, list[Any]]]) -> list[Problem]:
    """facts: (path, collected(pb, item)) for every scenario that loaded, in file order."""
    problems: list[Problem] = []
    for k, (_, judge) in enumerate(pipeline.CROSS_SCENARIO_CHECKS):
        problems += judge(pb, [(path, data[k]) for path, data in facts])
    return problems


def playbook_problems(pb: Playbook) -> list[Problem]:
    problems: list[Problem] = []
    for check in pipeline.PLAYBOOK_CHECKS:
        problems += check(pb)
    return problems


def run_checks(pb: Playbook, today: Optional[dt.date] = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = list(pb.problems)
    for item in pb.scenarios:
        problems += scenario_problems(pb, item, today)
    for item in pb.partial_trees:
        problems += partial_tree_problems(pb, item)
    problems += cross_scenario_problems(pb, [(item.path, collected(pb, item)) for item in pb.scenarios])
    problems += playbook_problems(pb)
    return sorted(set(problems))


def check_dir(root: str, today: Optional[dt.date] = None) -> tuple[Playbook, list[Problem]]:
    pb = load_playbook(root)
    return pb, run_checks(pb, today)
