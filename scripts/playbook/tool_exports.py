"""The shapes other tools import, made from the same rows as `playbook export` (export.export_rows).

* Zendesk macros (JSON, as the Macros API lists and creates them): {"macros": [{title,
  actions: [{field: "comment_value", value}], active, description}]}. "::" in a title
  files the macro under a category (the scenario).
* Freshdesk canned responses (JSON): [{title, content_html, folder}]. The API files a
  response by folder_id, which differs per account: map each folder name to its id
  (GET or POST /api/v2/canned_response_folders) when importing.
* The saved-replies CSV of social inbox tools (e.g. Qualtrics Social Connect): the columns
  Text, Title, Folder, Label.

Each row's text is exactly what the copy button copies. Shapes: /work/shared/DOMAIN.md
("Import formats of other tools"); docs/interfaces.md.
"""
from __future__ import annotations

import csv
import html
import io
import json

from .model import PLATFORM_LABELS

# Hootsuite saved replies: a body of at most 2,000 characters and a title of at most 500
# (DOMAIN.md, "What commercial saved-reply tools offer"). Hootsuite has no import; the
# saved-replies CSV is what a team would paste from, so its titles are the ones measured.
HOOTSUITE_TEXT_LIMIT = 2000
HOOTSUITE_TITLE_LIMIT = 500


def platform_label(platform: str) -> str:
    return "Default" if platform == "default" else PLATFORM_LABELS.get(platform, platform)


def _title(row: dict, folders: dict[str, str], with_folder: bool) -> str:
    title = row["title"] if row["platform"] == "default" else f"{row['title']} ({platform_label(row['platform'])})"
    if row.get("location"):  # one saved reply per location: the titles must tell them apart
        title = f"{title} [{row['location']}]"
    return f"{folders.get(row['scenario'], row['scenario'])}::{title}" if with_folder else title


def to_zendesk(rows: list[dict], folders: dict[str, str]) -> str:
    macros = [{
        "title": _title(row, folders, with_folder=True),
        "actions": [{"field": "comment_value", "value": row["text"]}],
        "active": True,
        "description": f"{platform_label(row['platform'])} reply for: {folders.get(row['scenario'], row['scenario'])}. "
                       f"Playbook page: {row['url']} (reply {row['scenario']}/{row['reply']}).",
    } for row in rows]
    return json.dumps({"macros": macros}, ensure_ascii=False, indent=2) + "\n"


def text_to_html(text: str) -> str:
    """Plain text as HTML: every character that could be markup escaped, each line break a <br>."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def to_freshdesk(rows: list[dict], folders: dict[str, str]) -> str:
    responses = [{
        "title": _title(row, folders, with_folder=False),
        "content_html": text_to_html(row["text"]),
        "folder": folders.get(row["scenario"], row["scenario"]),
    } for row in rows]
    return json.dumps(responses, ensure_ascii=False, indent=2) + "\n"


SAVED_REPLIES_COLUMNS = ("Text", "Title", "Folder", "Label")


def saved_reply(row: dict, folders: dict[str, str]) -> dict[str, str]:
    return {"Text": row["text"], "Title": _title(row, folders, with_folder=False),
            "Folder": folders.get(row["scenario"], row["scenario"]), "Label": platform_label(row["platform"])}


def to_saved_replies_csv(rows: list[dict], folders: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SAVED_REPLIES_COLUMNS, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(saved_reply(row, folders) for row in rows)
    return out.getvalue()


TOOL_FORMATS = {"zendesk": to_zendesk, "freshdesk": to_freshdesk, "saved-replies-csv": to_saved_replies_csv}


def hootsuite_flags(rows: list[dict], folders: dict[str, str]) -> list[str]:
    """One line per reply over Hootsuite's saved-reply limits (text 2,000 characters, title 500)."""
    longest: dict[tuple[str, str], int] = {}  # (reply/platform, "text" or "title") -> the longest, over locations
    for row in rows:
        where = f"{row['scenario']}/{row['reply']}/{row['platform']}"
        reply = saved_reply(row, folders)
        for kind, n, limit in (("text", len(reply["Text"]), HOOTSUITE_TEXT_LIMIT), ("title", len(reply["Title"]), HOOTSUITE_TITLE_LIMIT)):
            if n > limit and n > longest.get((where, kind), 0):
                longest[(where, kind)] = n
    limits = {"text": HOOTSUITE_TEXT_LIMIT, "title": HOOTSUITE_TITLE_LIMIT}
    return [f"{where}: {kind} is {n:,} characters; Hootsuite saved replies allow {limits[kind]:,}"
            for (where, kind), n in longest.items()]
