"""`playbook export [--format json|csv] [--language ID] [DIR]`: every ready-to-copy reply, exactly as the copy button copies it."""
from __future__ import annotations

import sys

from ..export import FORMATS, UnknownLanguage, export_rows
from .common import checked_playbook

HELP = "write every ready-to-copy reply as JSON or CSV"


def add_arguments(p) -> None:
    p.add_argument("--format", choices=sorted(FORMATS), default="json")
    p.add_argument("--language", metavar="ID", help="only the replies in this language (e.g. es), one of organization.yaml's languages")
    p.add_argument("dir", nargs="?", default="playbook")


def run(args) -> int:
    pb, status = checked_playbook("export", args.dir)
    if pb is None:
        return status
    try:
        rows = export_rows(pb, language=args.language)
    except UnknownLanguage as exc:
        print(f"playbook export: {exc}", file=sys.stderr)
        return 2
    # Bytes, not text: the export is UTF-8 whatever the terminal's locale says.
    sys.stdout.buffer.write(FORMATS[args.format](rows).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
