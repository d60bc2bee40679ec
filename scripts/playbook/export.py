"""Every ready-to-copy reply, exactly as the copy button copies it (`playbook export`, replies.json, replies.csv).

One row per reply, platform ("default" first, then each variant), language
(where organization.yaml declares languages, in their order; a language the
reply has no text in is left out) and location (where organization.yaml lists
locations, in their order), with the fields CONTRACTS.md defines: scenario,
reply, platform, title, text, url, then `language` only when languages are
declared and `location` only when there are locations (without them, rows are
as they always were). A row's title and text are in its language, placeholders
filled with the organisation's words in that language at that location
(languages.org_in, locations.places).
The shapes other tools import are made from the same rows (tool_exports.py).
For importing saved replies into Sprout Social, Hootsuite or Zendesk. The built
site publishes the same bytes as replies.json and replies.csv at its root.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Optional

from . import languages
from .approvals import APPROVED, ledger
from .load import Playbook
from .locations import places
from .placeholders import final_text
from .reply_targets import copy_texts
from .views.common import page_url, scenario_src

FIELDS = ("scenario", "reply", "platform", "title", "text", "url")
LANGUAGE_FIELD = "language"
LOCATION_FIELD = "location"


class UnknownLocation(ValueError):
    """`--location ID` names no location of the playbook."""


class UnknownLanguage(ValueError):
    """`--language ID` names no language of the playbook."""


def export_rows(pb: Playbook, location: Optional[str] = None, approved_only: bool = False,
                language: Optional[str] = None) -> list[dict[str, str]]:
    """Every row; with `location`, only that location's (UnknownLocation if it has none); with `language`, only
    that language's (UnknownLanguage if the playbook has no such language); with approved_only, only replies
    whose current text is approved (approvals.yaml)."""
    where = places(pb.org)
    if location is not None:
        ids = [p.id for p in where if p.id is not None]
        if location not in ids:
            known = f"its locations are {', '.join(ids)}" if ids else "organization.yaml lists no locations"
            raise UnknownLocation(f"no location {location!r}: {known}")
    langs = languages.declared(pb.org)
    if language is not None and language not in langs:
        raise UnknownLanguage(f"no language {language!r}: the playbook's languages are {', '.join(langs)}")
    tagged = languages.is_declared(pb.org)
    # The places of each language: the organisation's words in that language, at each location.
    where_in = {lang: [p for p in places(languages.org_in(pb.org, lang)) if location is None or p.id == location] for lang in langs}
    rows = []
    book = ledger(pb)
    for scen in pb.scenario_list():
        for rid, reply in scen.replies.items():
            if approved_only and book.status(scen.id, rid, reply).state != APPROVED:
                continue
            for t in copy_texts(reply, langs):
                if language is not None and t.lang != language:
                    continue
                for place in where_in[t.lang]:
                    row = {"scenario": scen.id, "reply": rid, "platform": t.platform, "title": t.title,
                           "text": final_text(t.raw, place.org), "url": page_url(scenario_src(scen.id))}
                    if tagged:
                        row[LANGUAGE_FIELD] = t.lang
                    if place.id is not None:
                        row[LOCATION_FIELD] = place.id
                    rows.append(row)
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    fields = FIELDS + tuple(f for f in (LANGUAGE_FIELD, LOCATION_FIELD) if rows and f in rows[0])
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}


def site_exports(pb: Playbook, site) -> dict[str, str]:
    rows = export_rows(pb)
    return {"replies.json": to_json(rows), "replies.csv": to_csv(rows)}
