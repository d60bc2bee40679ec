"""What several sub-commands share: printing problems, and checking a playbook before using it."""
from __future__ import annotations

import os
import sys

from ..check import check_dir
from ..load import Playbook
from ..problems import ERROR, Problem


def print_problems(found: list[Problem], stream=None) -> None:
    """To `stream`, or to whatever sys.stdout is at the time of the call (not at import: a caller may redirect it)."""
    for p in found:
        print(p.format(), file=stream or sys.stdout)


def checked_playbook(command: str, root: str, allowed: frozenset[str] = frozenset()) -> tuple[Playbook | None, int]:
    """Load and check a playbook; on errors print them and say nothing was done. Returns (playbook, exit status).
    Errors with a code in `allowed` don't stop the command (it leaves out what they concern)."""
    if not os.path.isdir(root):
        print(f"playbook {command}: {root}: no such folder", file=sys.stderr)
        return None, 2
    pb, found = check_dir(root)
    errors = [p for p in found if p.severity == ERROR and p.code not in allowed]
    if errors:
        print_problems(errors, sys.stderr)
        print(f"playbook {command}: the playbook has {len(errors)} error(s); nothing was done", file=sys.stderr)
        return None, 1
    return pb, 0
