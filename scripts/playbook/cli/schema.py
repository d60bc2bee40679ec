"""`playbook schema`: write the JSON Schemas that editors use, generated from the model."""
from __future__ import annotations

HELP = "write the JSON Schemas for editors"


def add_arguments(p) -> None:
    p.add_argument("--out", default="schema")


def run(args) -> int:
    from ..schema import write_all  # here, not above: `playbook check` builds this parser too

    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0
