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
import os
from dataclasses import dataclass, field
from typing import Any, Optional

from . import pipeline
from .load import Loaded, Playbook, ScenarioFile, duplicate_id, load_playbook
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


def playbook_problems(pb: Playbook, today: dt.date) -> list[Problem]:
    """The checks of the shared files (organization.yaml, compliance.yaml, danger.yaml, approvals.yaml)."""
    problems: list[Problem] = []
    for check in pipeline.PLAYBOOK_CHECKS:
        problems += check(pb)
    for dated in pipeline.DATED_PLAYBOOK_CHECKS:
        problems += dated(pb, today)
    return problems


@dataclass
class FileResult:
    """Everything the check learns from one scenario file alone, given the shared files.

    check_cache.py keeps these on disk between runs of `playbook check`; live.py keeps
    them in memory (with the loaded scenario) between rebuilds of the live preview."""

    display: str
    problems: list[Problem]                   # loading: file, YAML, format, id against file name
    sid: Optional[str] = None                 # the scenario's id, if it validated
    id_position: tuple[int, int] = (1, 1)
    checks: list[Problem] = field(default_factory=list)  # the per-scenario checks (or the salvaged tree's)
    collected: list[Any] = field(default_factory=list)   # what each cross-scenario check collects
    loaded: Optional[Loaded] = None           # the scenario itself, where pages are made from it


def file_result(pb: Playbook, sf: ScenarioFile, today: dt.date, keep: bool = False) -> FileResult:
    """Check one loaded scenario file on its own; keep=True keeps the loaded scenario in the result."""
    if sf.loaded is not None:
        return FileResult(sf.display, sf.problems, sf.loaded.obj.id, sf.id_position, scenario_problems(pb, sf.loaded, today),
                          collected(pb, sf.loaded), sf.loaded if keep else None)
    checks = partial_tree_problems(pb, sf.partial) if sf.partial is not None else []
    return FileResult(sf.display, sf.problems, checks=checks)


def assemble(pb: Playbook, results: list[FileResult], today: dt.date,
             shared: Optional[list[Problem]] = None) -> tuple[list[Problem], list[Loaded]]:
    """Every problem of the playbook from the shared files (pb) and each scenario file's result, in file order:
    an id used twice (the later file is not checked further), then the checks across scenarios and the shared files.
    `shared`: playbook_problems(pb, today), if known already (check_cache.py keeps them).
    Sets pb.failed_scenarios (as load_playbook does). Returns (problems, the loaded scenarios that count, if the
    results hold them)."""
    pb.failed_scenarios = {_stem(r.display) for r in results if r.sid is None}
    problems = list(pb.problems)
    seen: dict[str, str] = {}
    facts: list[tuple[str, list[Any]]] = []
    scenarios: list[Loaded] = []
    for r in results:
        problems += r.problems
        if r.sid is None:  # did not validate: only its salvaged tree (if any) was checked
            problems += r.checks
            continue
        if r.sid in seen:
            problems.append(duplicate_id(r.display, r.id_position, r.sid, seen[r.sid]))
            continue
        seen[r.sid] = r.display
        problems += r.checks
        facts.append((r.display, r.collected))
        if r.loaded is not None:
            scenarios.append(r.loaded)
    problems += cross_scenario_problems(pb, facts)
    problems += playbook_problems(pb, today) if shared is None else shared
    return sorted(set(problems)), scenarios


def _stem(display: str) -> str:
    """The file name without .yaml of a scenario file's display path (what pb.failed_scenarios holds)."""
    return os.path.basename(display).rsplit(".", 1)[0]


def run_checks(pb: Playbook, today: Optional[dt.date] = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = list(pb.problems)
    for item in pb.scenarios:
        problems += scenario_problems(pb, item, today)
    for item in pb.partial_trees:
        problems += partial_tree_problems(pb, item)
    problems += cross_scenario_problems(pb, [(item.path, collected(pb, item)) for item in pb.scenarios])
    problems += playbook_problems(pb, today)
    return sorted(set(problems))


def check_dir(root: str, today: Optional[dt.date] = None) -> tuple[Playbook, list[Problem]]:
    pb = load_playbook(root)
    return pb, run_checks(pb, today)
