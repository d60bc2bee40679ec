"""A playbook kept loaded between rebuilds of the live preview: after a save, only what changed is read again.

The MkDocs plugin holds one LivePlaybook while `mkdocs serve` runs. Each
refresh() reads every file's bytes (cheap) and compares hashes:

* a scenario file with new bytes is loaded, validated and checked again;
  the others keep their loaded scenario and their check results;
* if a shared file (anything outside scenarios/, e.g. organization.yaml,
  compliance.yaml, danger.yaml or approvals.yaml) or the day changed, the shared files are loaded again and
  every scenario is checked again (the loaded scenarios are kept: loading
  depends on the file alone);
* the cross-scenario checks and the shared-file checks always run.

The problems are exactly those check.check_dir gives (tests/test_live.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, replace
from typing import Optional

from . import check
from .check_cache import ScenariosNotLoaded, shared_inputs
from .load import Playbook, ScenarioFile, display_path, load_scenario_file, load_shared, paused_gc, scenario_names
from .problems import Problem
from .yamlsafe import decode, read_bytes


@dataclass
class _File:
    digest: Optional[str]
    loaded: ScenarioFile
    result: Optional[check.FileResult] = None  # checked against the current shared files and day


class LivePlaybook:
    def __init__(self, root: str):
        self.root = root
        self._shared_key: Optional[tuple[str, dt.date]] = None
        self._shared: Optional[Playbook] = None
        self._files: dict[str, _File] = {}

    def refresh(self, today: Optional[dt.date] = None) -> tuple[Playbook, list[Problem], set[str]]:
        """(the playbook with every scenario that counts, every problem, names of the scenario files read again)."""
        with paused_gc():
            return self._refresh(today or dt.date.today())

    def _refresh(self, today: dt.date) -> tuple[Playbook, list[Problem], set[str]]:
        key = (shared_inputs(self.root), today)
        if key != self._shared_key:
            self._shared, self._shared_key = load_shared(self.root), key
            self._shared.scenarios = ScenariosNotLoaded()  # a per-file check sees its own scenario only
            for state in self._files.values():
                state.result = None
        pb = self._shared
        changed: set[str] = set()
        files: dict[str, _File] = {}
        for name in scenario_names(self.root):
            path = os.path.join(self.root, "scenarios", name)
            display = display_path(path)
            raw, read_problems = read_bytes(path, display)
            digest = hashlib.blake2b(raw, digest_size=16).hexdigest() if raw is not None else None
            state = self._files.get(name)
            if state is None or digest is None or state.digest != digest:
                if raw is None:
                    sf = load_scenario_file(self.root, name, None, read_problems)
                else:
                    sf = load_scenario_file(self.root, name, *decode(raw, display))
                state = _File(digest, sf)
                changed.add(name)
            if state.result is None:
                state.result = check.file_result(pb, state.loaded, today, keep=True)
            files[name] = state
        changed |= self._files.keys() - files.keys()  # deleted
        self._files = files
        problems, scenarios = check.assemble(pb, [state.result for state in files.values()], today)
        playbook = replace(pb, scenarios=scenarios, problems=list(pb.problems), failed_scenarios=set(pb.failed_scenarios),
                           partial_trees=[s.loaded.partial for s in files.values() if s.loaded.partial is not None])
        return playbook, problems, changed
