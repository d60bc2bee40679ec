"""Every ready-to-copy reply, exactly as the copy button copies it (`playbook export`, replies.json, replies.csv).

One row per reply, platform ("default" first, then each variant) and, where
organization.yaml declares languages, language (in their order; a language
the reply has no text in is left out), with the fields CONTRACTS.md defines:
scenario, reply, platform, title, text, url, and `language` only when
languages are declared (without them, rows are as they always were).
A row's title and text are in its language, placeholders filled with the
organisation's words in that language (languages.org_in).
For importing saved replies into Sprout Social, Hootsuite or Zendesk. The built
site publishes the same bytes as replies.json and replies.csv at its root.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Optional

from . import languages
from .load import Playbook
from .placeholders import final_text
from .reply_targets import copy_texts
from .views.common import page_url, scenario_src

FIELDS = ("scenario", "reply", "platform", "title", "text", "url")
LANGUAGE_FIELD = "language"


class UnknownLanguage(ValueError):
    """`--language ID` names no language of the playbook."""


def export_rows(pb: Playbook, language: Optional[str] = None) -> list[dict[str, str]]:
    """Every row; with `language`, only that language's (UnknownLanguage if the playbook has no such language)."""
    langs = languages.declared(pb.org)
    if language is not None and language not in langs:
        raise UnknownLanguage(f"no language {language!r}: the playbook's languages are {', '.join(langs)}")
    tagged = languages.is_declared(pb.org)
    rows = []
    for scen in pb.scenario_list():
        for rid, reply in scen.replies.items():
            for t in copy_texts(reply, langs):
                if language is not None and t.lang != language:
                    continue
                row = {"scenario": scen.id, "reply": rid, "platform": t.platform, "title": t.title,
                       "text": final_text(t.raw, languages.org_in(pb.org, t.lang)), "url": page_url(scenario_src(scen.id))}
                if tagged:
                    row[LANGUAGE_FIELD] = t.lang
                rows.append(row)
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    fields = FIELDS + ((LANGUAGE_FIELD,) if rows and LANGUAGE_FIELD in rows[0] else ())
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}


def site_exports(pb: Playbook, site) -> dict[str, str]:
    rows = export_rows(pb)
    return {"replies.json": to_json(rows), "replies.csv": to_csv(rows)}
