"""Every ready-to-copy reply, exactly as the copy button copies it (`playbook export`, replies.json, replies.csv).

One row per reply, platform ("default" first, then each variant) and, where
organization.yaml lists locations, location (in their order), with the fields
CONTRACTS.md defines: scenario, reply, platform, title, text, url, and `location`
only when there are locations (without them, rows are as they always were).
The shapes other tools import are made from the same rows (tool_exports.py).
For importing saved replies into Sprout Social, Hootsuite or Zendesk. The built
site publishes the same bytes as replies.json and replies.csv at its root.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Optional

from .approvals import APPROVED, ledger
from .load import Playbook
from .locations import places
from .placeholders import final_text
from .reply_targets import reply_variants
from .views.common import page_url, scenario_src

FIELDS = ("scenario", "reply", "platform", "title", "text", "url")
LOCATION_FIELD = "location"


class UnknownLocation(ValueError):
    """`--location ID` names no location of the playbook."""


def export_rows(pb: Playbook, location: Optional[str] = None, approved_only: bool = False) -> list[dict[str, str]]:
    """Every row; with `location`, only that location's (UnknownLocation if it has none); with approved_only,
    only replies whose current text is approved (approvals.yaml)."""
    where = places(pb.org)
    if location is not None:
        ids = [p.id for p in where if p.id is not None]
        if location not in ids:
            known = f"its locations are {', '.join(ids)}" if ids else "organization.yaml lists no locations"
            raise UnknownLocation(f"no location {location!r}: {known}")
        where = [p for p in where if p.id == location]
    rows = []
    book = ledger(pb)
    for scen in pb.scenario_list():
        for rid, reply in scen.replies.items():
            if approved_only and book.status(scen.id, rid, reply).state != APPROVED:
                continue
            for platform, raw in reply_variants(reply):
                for place in where:
                    row = {"scenario": scen.id, "reply": rid, "platform": platform, "title": reply.title,
                           "text": final_text(raw, place.org), "url": page_url(scenario_src(scen.id))}
                    if place.id is not None:
                        row[LOCATION_FIELD] = place.id
                    rows.append(row)
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    fields = FIELDS + ((LOCATION_FIELD,) if rows and LOCATION_FIELD in rows[0] else ())
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}


def site_exports(pb: Playbook, site) -> dict[str, str]:
    rows = export_rows(pb)
    return {"replies.json": to_json(rows), "replies.csv": to_csv(rows)}
