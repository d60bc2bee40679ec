"""`playbook schema`: write the JSON Schemas that editors use, generated from the model."""
from __future__ import annotations

from ..schema import write_all

HELP = "write the JSON Schemas for editors"


def add_arguments(p) -> None:
    p.add_argument("--out", default="schema")


def run(args) -> int:
    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0
