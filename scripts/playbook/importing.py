"""Feature modules register themselves on import (checks, page generators, sub-commands).

The registries (check.SCENARIO_CHECKS, pages.GENERATORS, cli.EXTRA_COMMANDS) import
their contributors late, through here, because each contributor imports its registry.
"""
from __future__ import annotations

import importlib


def import_all(*names: str) -> None:
    for name in names:
        importlib.import_module(f"playbook.{name}")
