"""`playbook check [DIR]`: print every problem as PATH:LINE:COL: CODE message. Exit 0 clean (warnings allowed), 1 errors, 2 usage.

Results per file are cached in .build/check-cache/ beside DIR (check_cache.py), so a
re-check reads only the files that changed; --no-cache checks everything afresh.
"""
from __future__ import annotations

import os
import sys

from ..problems import ERROR
from .common import print_problems

HELP = "validate and lint the playbook"


def add_arguments(p) -> None:
    p.add_argument("dir", nargs="?", default="playbook")
    p.add_argument("--no-cache", action="store_true",
                   help="check every file afresh, without reading or writing the cache in .build/check-cache/")


def run(args) -> int:
    if not os.path.isdir(args.dir):
        print(f"playbook check: {args.dir}: no such folder", file=sys.stderr)
        return 2
    if args.no_cache:
        from ..check import check_dir

        _, found = check_dir(args.dir)
    else:
        from ..check_cache import check_dir_cached

        found, _ = check_dir_cached(args.dir)
    print_problems(found)
    errors = [p for p in found if p.severity == ERROR]
    summary = f"{len(errors)} error(s), {len(found) - len(errors)} warning(s)"
    print(("playbook check: " + summary) if found else "playbook check: no problems", file=sys.stderr)
    return 1 if errors else 0
