"""`playbook export [--format FORMAT] [--location ID] [--approved-only] [DIR]`: every ready-to-copy reply, exactly as the copy button copies it.

Formats: json and csv (the rows CONTRACTS.md defines), and the shapes tools import:
zendesk (macros), freshdesk (canned responses), saved-replies-csv (Text, Title,
Folder, Label). Replies over Hootsuite's saved-reply limits are flagged on stderr.
"""
from __future__ import annotations

import sys

from ..export import FORMATS, UnknownLocation, export_rows
from ..tool_exports import TOOL_FORMATS, hootsuite_flags
from .common import checked_playbook

HELP = "write every ready-to-copy reply as JSON, CSV, or the shape Zendesk, Freshdesk or saved-reply tools import"
# Under require_approval, unapproved replies are errors; --approved-only leaves them out, so they don't stop it.
APPROVAL_ERRORS = frozenset({"PB802", "PB803"})


def add_arguments(p) -> None:
    p.add_argument("--format", choices=sorted(FORMATS) + sorted(TOOL_FORMATS), default="json")
    p.add_argument("--approved-only", action="store_true", help="leave out replies whose current text is not approved")
    p.add_argument("--location", metavar="ID", help="only this location's replies (an id from locations: in organization.yaml)")
    p.add_argument("dir", nargs="?", default="playbook")


def run(args) -> int:
    pb, status = checked_playbook("export", args.dir, APPROVAL_ERRORS if args.approved_only else frozenset())
    if pb is None:
        return status
    try:
        rows = export_rows(pb, args.location, approved_only=args.approved_only)
    except UnknownLocation as exc:
        print(f"playbook export: --location: {exc}", file=sys.stderr)
        return 2
    folders = {s.id: s.title for s in pb.scenario_list()}
    if args.format in FORMATS:
        text = FORMATS[args.format](rows)
    else:
        text = TOOL_FORMATS[args.format](rows, folders)
    for flag in hootsuite_flags(rows, folders):
        print(f"playbook export: warning: {flag}", file=sys.stderr)
    # Bytes, not text: the export is UTF-8 whatever the terminal's locale says.
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
