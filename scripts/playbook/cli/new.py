"""`playbook new ID`: create playbook/scenarios/ID.yaml from a template; never overwrites."""
from __future__ import annotations

import datetime as dt
import os
import re
import sys

from ..model import ID_PATTERN

HELP = "create playbook/scenarios/ID.yaml from a template"

TEMPLATE = """\
# yaml-language-server: $schema=../../schema/scenario.schema.json
# A new scenario. Fill in every field, then run: playbook check
id: {id}
title: {title}
summary: >-
  One or two sentences: what the post is, and the gist of what we do.
category: negative-feedback
channels: [facebook, instagram]
severity: medium
response_time: 24h
keywords:
  - words a responder would type into search
owner: oncall_comms
review:
  date: {today}
  by: Your name and role
examples:
  - platform: facebook
    text: "An invented example post. Never paste a real patient's words."
    outcome: reply-once

tree:
  start: first-question
  questions:
    first-question:
      text: A yes-or-no question about the post?
      answers:
        - label: "Yes"
          next: reply-once
        - label: "No"
          next: no-reply
  outcomes:
    reply-once:
      title: Reply once and move it offline
      actions: [reply]
      reply: first-reply
      notify: [oncall_comms]
      log: What to record, and where.
      avoid:
        - What not to do.
      why: Why this is right.
    no-reply:
      title: No reply
      actions: [leave]
      why: Why this is right.

replies:
  first-reply:
    title: What this reply is for
    text: >-
      Thank you for reaching out. Please contact {{contacts.patient_relations.email}}
      so our team can follow up with you directly.
"""

# The reply in each other language organization.yaml declares: same placeholders, as many [blanks].
TRANSLATIONS = """\
    # The same reply in the other languages organization.yaml declares (languages: [...]).
    # Same placeholders as the text above, as many [blanks]; one variant for each of its variants.
    translations:
{blocks}"""
EXAMPLES = {
    "es": ("Para qué sirve esta respuesta",
           "Gracias por comunicarse con nosotros. Escriba a {{contacts.patient_relations.email}}\n"
           "          para que nuestro equipo le dé seguimiento directamente."),
}
# Without other languages, the format is shown as a comment.
NO_TRANSLATIONS = """\
    # In another language, once organization.yaml declares it (e.g. languages: [en, es]):
    # translations:
    #   es:
    #     title: Para qué sirve esta respuesta
    #     text: >-
    #       Gracias por comunicarse con nosotros. Escriba a {{contacts.patient_relations.email}}
    #       para que nuestro equipo le dé seguimiento directamente.
"""


def declared_languages(folder: str) -> list[str]:
    """organization.yaml's languages, or [] when it has none or cannot be read (check reports that)."""
    from ..load import load_file
    from ..model import Organization

    path = os.path.join(folder, "organization.yaml")
    if not os.path.isfile(path):
        return []
    loaded, _ = load_file(path, Organization, path)
    return list(dict.fromkeys(loaded.obj.languages or [])) if loaded else []


def translations_part(langs: list[str]) -> str:
    others = langs[1:]
    if not others:
        return NO_TRANSLATIONS
    blocks = ""
    for lang in others:
        title, text = EXAMPLES.get(lang, (f"What this reply is for, in {lang}", f"The text above, in {lang}, with {{{{contacts.patient_relations.email}}}}."))
        blocks += f"      {lang}:\n        title: {title}\n        text: >-\n          {text}\n"
    return TRANSLATIONS.format(blocks=blocks)


def add_arguments(p) -> None:
    p.add_argument("id")
    p.add_argument("--dir", default="playbook")


def run(args) -> int:
    if not re.match(ID_PATTERN, args.id):
        print(f"playbook new: {args.id!r} is not a valid id; use lower-case letters, digits, '-' and '_'", file=sys.stderr)
        return 2
    folder = os.path.join(args.dir, "scenarios")
    path = os.path.join(folder, f"{args.id}.yaml")
    os.makedirs(folder, exist_ok=True)
    text = TEMPLATE.format(id=args.id, title=args.id.replace("-", " ").capitalize(), today=dt.date.today().isoformat())
    text += translations_part(declared_languages(args.dir)).replace("{{", "{").replace("}}", "}")
    try:
        # "x" mode: fails if the file exists, so nothing is ever overwritten, even in a race.
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        print(f"playbook new: {path} already exists; nothing was changed", file=sys.stderr)
        return 1
    print(f"created {path}")
    return 0
