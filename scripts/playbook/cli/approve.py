"""`playbook approve SCENARIO[/REPLY] --by "NAME, ROLE"`: record approval of the exact current text of those replies.

Appends one entry per reply to playbook/approvals.yaml (created if missing),
with a hash of every text of the reply and today's date; old entries are never
rewritten. `--all` approves every reply of the playbook (e.g. after a change that
touched every reply). Exit 0; 1 if nothing matches, or if those replies' files
or the ledger have errors; 2 for a usage error.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sys

from .. import model
from ..approvals import FILE, LedgerError, appended, entries, text_hash
from ..check import check_dir
from ..problems import ERROR
from .common import print_problems

HELP = "record approval of the exact current text of a scenario's replies"
# Missing approvals are what this command fixes: they never stop it.
APPROVAL_CODES = {"PB800", "PB801", "PB802", "PB803"}


def add_arguments(p) -> None:
    p.add_argument("targets", nargs="*", metavar="SCENARIO[/REPLY]",
                   help="a scenario id (every reply of it) or SCENARIO/REPLY")
    p.add_argument("--by", required=True, metavar='"NAME, ROLE"', help='who approves, e.g. "Dana Example, Compliance Officer"')
    p.add_argument("--all", action="store_true", help="approve every reply in the playbook")
    p.add_argument("--dir", default="playbook")


def _valid_by(by: str) -> str | None:
    """An error message, or None when --by is a name and a role."""
    name, _, role = by.partition(",")
    if not name.strip() or not role.strip():
        return 'give a name and a role, separated by a comma: --by "Dana Example, Compliance Officer"'
    if len(by.strip()) > 200:
        return "--by is longer than 200 characters"
    if re.search(r"[\x00-\x1f\x7f\u2028\u2029]", by):
        return "--by must be one line of text"
    return None


def _resolve(scens: dict[str, model.Scenario], target: str, failed: set[str]) -> tuple[list[tuple[str, str]], str]:
    """[(scenario id, reply id)] for one target, or ([], why not)."""
    sid, _, rid = target.partition("/")
    if sid not in scens:
        if sid in failed:
            return [], f"scenario {sid!r} has errors and cannot be read; fix them first (playbook check)"
        return [], f"no scenario {sid!r}"
    scen = scens[sid]
    if not rid:
        if not scen.replies:
            return [], f"scenario {sid!r} has no replies"
        return [(sid, r) for r in scen.replies], ""
    if rid not in scen.replies:
        have = ", ".join(scen.replies) or "none"
        return [], f"no reply {rid!r} in scenario {sid!r} (it has: {have})"
    return [(sid, rid)], ""


def run(args) -> int:
    if not os.path.isdir(args.dir):
        print(f"playbook approve: {args.dir}: no such folder", file=sys.stderr)
        return 2
    if not args.targets and not args.all:
        print("playbook approve: name a scenario (or SCENARIO/REPLY), or give --all", file=sys.stderr)
        return 2
    if args.targets and args.all:
        print("playbook approve: give scenarios or --all, not both", file=sys.stderr)
        return 2
    problem = _valid_by(args.by)
    if problem:
        print(f"playbook approve: {problem}", file=sys.stderr)
        return 2
    by = args.by.strip()

    today = dt.date.today()
    pb, found = check_dir(args.dir, today)
    ledger_path = os.path.join(args.dir, FILE)
    ledger_errors = [p for p in found if p.severity == ERROR and os.path.basename(p.path) == FILE]
    if ledger_errors or (os.path.isfile(ledger_path) and pb.approvals is None):
        print_problems(ledger_errors, sys.stderr)
        print(f"playbook approve: {ledger_path} has errors; fix them first (nothing was approved)", file=sys.stderr)
        return 1

    scens = {s.id: s for s in pb.scenario_list()}
    chosen: list[tuple[str, str]] = []
    if args.all:
        chosen = [(sid, rid) for sid, s in scens.items() for rid in s.replies]
    for target in args.targets:
        got, why = _resolve(scens, target, pb.failed_scenarios)
        if not got:
            print(f"playbook approve: {why}; nothing was approved", file=sys.stderr)
            return 1
        chosen += [c for c in got if c not in chosen]
    if not chosen:
        print("playbook approve: the playbook has no replies; nothing was approved", file=sys.stderr)
        return 1

    files = {next(i.doc.path for i in pb.scenarios if i.obj.id == sid) for sid, _ in chosen}
    blocking = [p for p in found if p.severity == ERROR and p.path in files and p.code not in APPROVAL_CODES]
    if blocking:
        print_problems(blocking, sys.stderr)
        print("playbook approve: the text to approve has errors; fix them first (nothing was approved)", file=sys.stderr)
        return 1

    old = entries(pb)
    new: list[model.Approval] = []
    for sid, rid in chosen:
        digest = text_hash(scens[sid].replies[rid])
        same = [e for e in old if e.reply == f"{sid}/{rid}" and e.text_sha256 == digest and e.by == by]
        if same:
            print(f"{sid}/{rid}: already approved by {by} on {same[-1].date.isoformat()}")
            continue
        new.append(model.Approval(reply=f"{sid}/{rid}", text_sha256=digest, by=by, date=today))
    if not new:
        print("playbook approve: nothing new to record", file=sys.stderr)
        return 0

    old_text = None
    if os.path.isfile(ledger_path):
        with open(ledger_path, encoding="utf-8", newline="") as fh:  # keep its line ends as they are
            old_text = fh.read()
    try:
        text = appended(old_text, new)
    except LedgerError as exc:
        print(f"playbook approve: {ledger_path}: {exc}; nothing was approved", file=sys.stderr)
        return 1
    tmp = ledger_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, ledger_path)
    for e in new:
        print(f"{e.reply}: approved by {e.by} on {e.date.isoformat()} (text {e.text_sha256[:12]})")
    print(f"playbook approve: {len(new)} approval(s) added to {ledger_path}", file=sys.stderr)
    return 0
