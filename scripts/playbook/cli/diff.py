"""`playbook diff [REV] [REV2]`: per scenario, the replies whose copied text changed between two git revisions
(default: the last commit and the working tree), word by word, and the changes to the tree.

Meant for a compliance reviewer reading a pull request. Removed words are shown
[-like this-], added ones {+like this+}, as `git diff --word-diff` does. The
old version is read with git into a temporary folder and loaded like any
playbook. Exit 0; 2 outside a git repository or for an unknown revision.
"""
from __future__ import annotations

import os
import sys
import tempfile

from ..approvals import APPROVED, NOT_APPROVED, ledger
from ..changes import ScenarioChange, compare, plain_word_diff
from ..git import GitError, commit_of, read_folder, write_folder
from ..load import Playbook, load_playbook

HELP = "show what changed in replies and trees between two git revisions (default: last commit to working tree)"


def add_arguments(p) -> None:
    p.add_argument("rev", nargs="?", default="HEAD", help="the older revision (default HEAD, the last commit)")
    p.add_argument("rev2", nargs="?", default=None, help="the newer revision (default: the working tree)")
    p.add_argument("--dir", default="playbook")


def _load_at(folder: str, rev: str, tmp: str) -> Playbook:
    dest = os.path.join(tmp, rev.replace("/", "_") or "rev")
    os.makedirs(dest, exist_ok=True)
    write_folder(read_folder(folder, rev), dest)
    return load_playbook(dest)


def _indented(text: str, pad: str = "    ") -> str:
    return "\n".join(pad + line for line in text.split("\n"))


def _approval_line(pb: Playbook, change: ScenarioChange, rid: str) -> str:
    scen = next(s for s in pb.scenario_list() if s.id == change.id)
    status = ledger(pb).status(change.id, rid, scen.replies[rid])
    if status.state == APPROVED:
        return f"approved by {status.entry.by} on {status.entry.date.isoformat()}"
    if status.state == NOT_APPROVED:
        return "not approved"
    return f"not approved since the change ({status.entry.by} approved the earlier text on {status.entry.date.isoformat()})"


def render(change: ScenarioChange, new_pb: Playbook) -> list[str]:
    lines = [f"{change.id}: {change.title}" + ("" if change.state == "changed" else f" (scenario {change.state})")]
    for rid in change.replies_removed:
        lines.append(f"  reply {rid}: removed")
    shown = set()
    for t in change.texts:
        if t.reply not in shown:
            shown.add(t.reply)
            what = "added" if t.reply in change.replies_added else "text changed"
            lines.append(f"  reply {t.reply}: {what}; {_approval_line(new_pb, change, t.reply)}")
        if t.old is None:
            lines.append(f"    {t.key} (added):")
            lines.append(_indented("{+" + t.new + "+}", "      "))
        elif t.new is None:
            lines.append(f"    {t.key} (removed):")
            lines.append(_indented("[-" + t.old + "-]", "      "))
        else:
            lines.append(f"    {t.key}:")
            lines.append(_indented(plain_word_diff(t.old, t.new), "      "))
    lines += [f"  {line}" for line in change.tree]
    return lines


def run(args) -> int:
    folder = args.dir
    try:
        old_id = commit_of(folder, args.rev)[:12]
        new_id = commit_of(folder, args.rev2)[:12] if args.rev2 else None
        with tempfile.TemporaryDirectory(prefix="playbook-diff-") as tmp:
            old_pb = _load_at(folder, args.rev, tmp)
            new_pb = _load_at(folder, args.rev2, tmp) if args.rev2 else load_playbook(folder)
            changes = compare({s.id: s for s in old_pb.scenario_list()}, {s.id: s for s in new_pb.scenario_list()})
            unreadable = sorted(old_pb.failed_scenarios | new_pb.failed_scenarios)
            changes = [c for c in changes if c.id not in unreadable]
            newer = f"{args.rev2} ({new_id})" if args.rev2 else "the working tree"
            out = [f"Changes in {folder}/ from {args.rev} ({old_id}) to {newer}", ""]
            for change in changes:
                out += render(change, new_pb) + [""]
    except GitError as exc:
        print(f"playbook diff: {exc}", file=sys.stderr)
        return 2
    for sid in unreadable:
        out.append(f"{sid}: has errors in one of the two versions and was not compared (run playbook check)")
    if not changes:
        out.append("No reply text and no tree changed.")
    else:
        out.append(f"{len(changes)} scenario(s) changed.")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
