"""Every ready-to-copy reply, exactly as the copy button copies it (`playbook export`, replies.json, replies.csv).

One row per reply and platform ("default" first, then each variant), with the
fields CONTRACTS.md defines: scenario, reply, platform, title, text, url.
The shapes other tools import are made from the same rows (tool_exports.py).
For importing saved replies into Sprout Social, Hootsuite or Zendesk. The built
site publishes the same bytes as replies.json and replies.csv at its root.
"""
from __future__ import annotations

import csv
import io
import json

from .approvals import APPROVED, ledger
from .load import Playbook
from .placeholders import final_text
from .reply_targets import reply_variants
from .views.common import page_url, scenario_src

FIELDS = ("scenario", "reply", "platform", "title", "text", "url")


def export_rows(pb: Playbook, approved_only: bool = False) -> list[dict[str, str]]:
    """Every reply and platform; with approved_only, only replies whose current text is approved (approvals.yaml)."""
    rows = []
    book = ledger(pb)
    for scen in pb.scenario_list():
        for rid, reply in scen.replies.items():
            if approved_only and book.status(scen.id, rid, reply).state != APPROVED:
                continue
            for platform, raw in reply_variants(reply):
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


def site_exports(pb: Playbook, site) -> dict[str, str]:
    rows = export_rows(pb)
    return {"replies.json": to_json(rows), "replies.csv": to_csv(rows)}
