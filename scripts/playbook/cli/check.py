"""`playbook check [DIR]`: print every problem as PATH:LINE:COL: CODE message. Exit 0 clean (warnings allowed), 1 errors, 2 usage."""
from __future__ import annotations

import os
import sys

from ..check import check_dir
from ..problems import ERROR
from .common import print_problems

HELP = "validate and lint the playbook"


def add_arguments(p) -> None:
    p.add_argument("dir", nargs="?", default="playbook")


def run(args) -> int:
    if not os.path.isdir(args.dir):
        print(f"playbook check: {args.dir}: no such folder", file=sys.stderr)
        return 2
    _, found = check_dir(args.dir)
    print_problems(found)
    errors = [p for p in found if p.severity == ERROR]
    summary = f"{len(errors)} error(s), {len(found) - len(errors)} warning(s)"
    print(("playbook check: " + summary) if found else "playbook check: no problems", file=sys.stderr)
    return 1 if errors else 0
