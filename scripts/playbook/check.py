"""`playbook check`: every problem in a playbook, in one run.

Loading (load.py) catches file, YAML and format faults. Then every check that
pipeline.py lists runs over the loaded playbook: each scenario, each salvaged
tree of a scenario that failed validation (so its graph is still checked), and
the playbook as a whole.
"""
from __future__ import annotations

import datetime as dt

from . import pipeline
from .load import Playbook, load_playbook
from .problems import Problem


def run_checks(pb: Playbook, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = list(pb.problems)
    for item in pb.scenarios:
        for check in pipeline.SCENARIO_CHECKS:
            problems += check(pb, item)
        for dated in pipeline.DATED_SCENARIO_CHECKS:
            problems += dated(pb, item, today)
    for item in pb.partial_trees:
        for check in pipeline.PARTIAL_TREE_CHECKS:
            problems += check(pb, item)
    for check in pipeline.PLAYBOOK_CHECKS:
        problems += check(pb)
    for dated in pipeline.DATED_PLAYBOOK_CHECKS:
        problems += dated(pb, today)
    return sorted(set(problems))


def check_dir(root: str, today: dt.date | None = None) -> tuple[Playbook, list[Problem]]:
    pb = load_playbook(root)
    return pb, run_checks(pb, today)
