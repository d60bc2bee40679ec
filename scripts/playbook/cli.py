"""The `playbook` command: a thin adapter over the core. Never shows a traceback."""
from __future__ import annotations

import argparse
import os
import sys

from . import problems as problems_mod

TEMPLATE = """\
# yaml-language-server: $schema=../../schema/scenario.schema.json
# A new scenario. Fill in every field, then run: playbook check
id: {id}
title: {title}
summary: >-
  One or two sentences: what the post is, and the gist of what we do.
category: negative-feedback
channels: [facebook, instagram]
severity: medium
response_time: 24h
keywords:
  - words a responder would type into search
owner: oncall_comms
review:
  date: {today}
  by: Your name and role
examples:
  - platform: facebook
    text: "An invented example post. Never paste a real patient's words."
    outcome: reply-once

tree:
  start: first-question
  questions:
    first-question:
      text: A yes-or-no question about the post?
      answers:
        - label: "Yes"
          next: reply-once
        - label: "No"
          next: no-reply
  outcomes:
    reply-once:
      title: Reply once and move it offline
      actions: [reply]
      reply: first-reply
      notify: [oncall_comms]
      log: What to record, and where.
      avoid:
        - What not to do.
      why: Why this is right.
    no-reply:
      title: No reply
      actions: [leave]
      why: Why this is right.

replies:
  first-reply:
    title: What this reply is for
    text: >-
      Thank you for reaching out. Please contact {{contacts.patient_relations.email}}
      so our team can follow up with you directly.
"""


def _print_problems(found, stream=sys.stdout) -> None:
    for p in found:
        print(p.format(), file=stream)


def cmd_check(args) -> int:
    from .check import check_dir

    root = args.dir
    if not os.path.isdir(root):
        print(f"playbook check: {root}: no such folder", file=sys.stderr)
        return 2
    _, found = check_dir(root)
    _print_problems(found)
    errors = [p for p in found if p.severity == problems_mod.ERROR]
    warnings = len(found) - len(errors)
    summary = f"{len(errors)} error(s), {warnings} warning(s)"
    print(("playbook check: " + summary) if found else "playbook check: no problems", file=sys.stderr)
    return 1 if errors else 0


def cmd_new(args) -> int:
    import datetime as dt
    import re

    from .model import ID_PATTERN

    if not re.match(ID_PATTERN, args.id):
        print(f"playbook new: {args.id!r} is not a valid id; use lower-case letters, digits, '-' and '_'", file=sys.stderr)
        return 2
    folder = os.path.join(args.dir, "scenarios")
    path = os.path.join(folder, f"{args.id}.yaml")
    os.makedirs(folder, exist_ok=True)
    text = TEMPLATE.format(id=args.id, title=args.id.replace("-", " ").capitalize(), today=dt.date.today().isoformat())
    try:
        # "x" mode: fails if the file exists, so nothing is ever overwritten, even in a race.
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        print(f"playbook new: {path} already exists; nothing was changed", file=sys.stderr)
        return 1
    print(f"created {path}")
    return 0


def cmd_schema(args) -> int:
    from .schema import write_all

    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0


def cmd_generate(args) -> int:
    """Write the generated pages to disk, for engines that ignore MkDocs plugins (Zensical)."""
    from .check import check_dir
    from .pages import write_pages

    pb, found = check_dir(args.dir)
    errors = [p for p in found if p.severity == problems_mod.ERROR]
    if errors:
        _print_problems(errors, sys.stderr)
        return 1
    written = write_pages(pb, args.out)
    print(f"{len(written)} page(s) written or changed under {args.out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playbook", description="Check and build a social media response playbook.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate and lint the playbook")
    p.add_argument("dir", nargs="?", default="playbook")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="create playbook/scenarios/ID.yaml from a template")
    p.add_argument("id")
    p.add_argument("--dir", default="playbook")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="write the JSON Schemas for editors")
    p.add_argument("--out", default="schema")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("generate", help="write the generated pages to a folder")
    p.add_argument("out")
    p.add_argument("--dir", default="playbook")
    p.set_defaults(func=cmd_generate)

    for extra in EXTRA_COMMANDS:
        extra(sub)
    return parser


# Other modules (export, lint) add their sub-commands here.
EXTRA_COMMANDS: list = []


def _load_extras() -> None:
    from .importing import import_all

    import_all("export", "lint", "triage.suggest")


def main(argv: list[str] | None = None) -> int:
    _load_extras()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: a bug, not bad input; still no traceback for the user
        print(f"playbook {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("please report this with the file that caused it", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
