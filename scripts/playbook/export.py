"""`playbook export`: every ready-to-copy reply, exactly as the copy button copies it.

One row per reply and platform ("default" first, then each variant), with the
fields CONTRACTS.md defines: scenario, reply, platform, title, text, url.
For importing saved replies into Sprout Social, Hootsuite or Zendesk. The built
site publishes the same bytes as replies.json and replies.csv at its root.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys

from . import cli, pages
from .load import Playbook
from .placeholders import final_text
from .problems import ERROR
from .render.html import page_url
from .render.replies import reply_variants
from .render.scenario_page import scenario_src

FIELDS = ("scenario", "reply", "platform", "title", "text", "url")


def export_rows(pb: Playbook) -> list[dict[str, str]]:
    rows = []
    for scen in pb.scenario_list():
        for rid, reply in scen.replies.items():
            for platform, raw in reply_variants(scen, reply):
                rows.append({"scenario": scen.id, "reply": rid, "platform": platform, "title": reply.title,
                             "text": final_text(raw, pb.org), "url": page_url(scenario_src(scen.id))})
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}


def cmd_export(args) -> int:
    from .check import check_dir

    if not os.path.isdir(args.dir):
        print(f"playbook export: {args.dir}: no such folder", file=sys.stderr)
        return 2
    pb, found = check_dir(args.dir)
    errors = [p for p in found if p.severity == ERROR]
    if errors:
        for p in errors:
            print(p.format(), file=sys.stderr)
        print(f"playbook export: the playbook has {len(errors)} error(s); nothing exported", file=sys.stderr)
        return 1
    data = FORMATS[args.format](export_rows(pb)).encode("utf-8")
    # Bytes, not text: the export is UTF-8 whatever the terminal's locale says.
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def add_export_command(sub) -> None:
    p = sub.add_parser("export", help="write every ready-to-copy reply as JSON or CSV")
    p.add_argument("--format", choices=sorted(FORMATS), default="json")
    p.add_argument("dir", nargs="?", default="playbook")
    p.set_defaults(func=cmd_export)


def site_exports(pb: Playbook) -> dict[str, str]:
    rows = export_rows(pb)
    return {"replies.json": to_json(rows), "replies.csv": to_csv(rows)}


cli.EXTRA_COMMANDS.append(add_export_command)
pages.GENERATORS.append(site_exports)
