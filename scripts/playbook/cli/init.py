"""`playbook init DIR`: a new playbook project that builds with nothing but this package installed.

It holds mkdocs.yml (with the playbook plugin), playbook/ (the example
organisation, the compliance rules, the danger screen of the "What came in?"
box and the three crisis scenarios it puts first), docs/index.md and the
JSON Schemas editors use. Exit 0, or 1 if DIR exists and is not empty.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HELP = "create a new playbook project in DIR (mkdocs.yml, playbook/, docs/)"
STARTER = Path(__file__).resolve().parent.parent / "starter"


def add_arguments(p) -> None:
    p.add_argument("dir")


def run(args) -> int:
    from ..schema import write_all  # here, not above: `playbook check` builds this parser too

    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"playbook init: {target} is not empty; nothing was changed", file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted(STARTER.rglob("*")):
        if src.is_dir() or src.name.startswith((".", "__")):
            continue
        dest = target / src.relative_to(STARTER)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)  # follows links: the starter shares its YAML with the bundled playbook
    write_all(str(target / "schema"))
    print(f"created a playbook project in {target}")
    print(f"next: cd {target} && playbook check && mkdocs serve")
    return 0
