"""Placeholders such as {org.name}, {contacts.patient_relations.email} and {links.find_a_doctor}.

They are filled from organization.yaml at build time. Only `{word.word...}` is a
placeholder; any other brace text (e.g. `{{ }}`) is left as literal text.
Blanks such as [first name] are for the responder to fill in and are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from . import model
from .locations import places

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)\}")
BLANK = re.compile(r"\[[^\[\]\n]{1,40}\]")  # [first name], [date]
CONTACT_FIELDS = ("name", "role", "email", "phone", "web_form", "hours")
ORG_FIELDS = ("name", "short_name", "website")


@dataclass
class Unresolved:
    start: int
    name: str
    reason: str
    malformed: bool = False


def _lookup(org: model.Organization, name: str) -> tuple[Optional[str], str, bool]:
    """Return (value, reason-if-missing, malformed). Values lose surrounding whitespace; a blank one counts as missing."""
    value, reason, malformed = _raw_lookup(org, name)
    if value is not None:
        value = value.strip()
        if not value:
            return None, reason or f"{name} is blank in organization.yaml", malformed
    return value, reason, malformed


def _raw_lookup(org: model.Organization, name: str) -> tuple[Optional[str], str, bool]:
    parts = name.split(".")
    root = parts[0]
    if root == "org":
        if len(parts) != 2 or parts[1] not in ORG_FIELDS:
            return None, f"use one of {', '.join('{org.' + f + '}' for f in ORG_FIELDS)}", True
        value = getattr(org, parts[1])
        return value, "" if value else f"organization.yaml has no {parts[1]}", False
    if root == "contacts":
        if len(parts) != 3 or parts[2] not in CONTACT_FIELDS:
            return None, "write {contacts.ID.FIELD} with FIELD one of " + ", ".join(CONTACT_FIELDS), True
        contact = org.contacts.get(parts[1])
        if contact is None:
            return None, f"no contact {parts[1]!r} in organization.yaml", False
        value = getattr(contact, parts[2])
        return value, "" if value else f"contact {parts[1]!r} has no {parts[2]}", False
    if root == "links":
        if len(parts) != 2:
            return None, "write {links.ID}", True
        value = org.links.get(parts[1])
        return value, "" if value else f"no link {parts[1]!r} in organization.yaml", False
    return None, "placeholders start with org., contacts. or links.", False


def value(org: model.Organization, name: str) -> Optional[str]:
    """The value a placeholder name (without braces, e.g. contacts.records.phone) is filled with, or None."""
    return _lookup(org, name)[0]


def unresolved(text: str, org: model.Organization) -> Iterator[Unresolved]:
    """Placeholders that resolve to nothing: for the organisation, or, where it has locations, for every location.
    (One that resolves for some locations only is location_check's PB322.)"""
    orgs = [p.org for p in places(org)]
    for m in PLACEHOLDER.finditer(text):
        found = [_lookup(o, m.group(1)) for o in orgs]
        if all(v is None for v, _, _ in found):
            _, reason, malformed = found[0]
            yield Unresolved(m.start(), m.group(0), reason, malformed)


def missing_at(text: str, org: model.Organization) -> Iterator[tuple[Unresolved, list[str]]]:
    """Placeholders that resolve for some locations but not others, with the ids of the locations they miss."""
    ps = places(org)
    for m in PLACEHOLDER.finditer(text):
        found = [(p, _lookup(p.org, m.group(1))) for p in ps]
        missing = [(p, reason) for p, (v, reason, _) in found if v is None]
        if missing and len(missing) < len(found):
            yield Unresolved(m.start(), m.group(0), missing[0][1]), [p.id for p, _ in missing]


def fill(text: str, org: model.Organization) -> str:
    """Fill every placeholder; unknown ones are left as written (check reports them)."""
    def sub(m: re.Match) -> str:
        value, _, _ = _lookup(org, m.group(1))
        return value if value is not None else m.group(0)
    return PLACEHOLDER.sub(sub, text)


def final_text(text: str, org: model.Organization) -> str:
    """Exactly what the copy button copies: placeholders filled, outer whitespace trimmed."""
    return fill(text, org).strip()


def final_texts(text: str, org: model.Organization) -> list[tuple[str, list[Optional[str]]]]:
    """The different texts the copy button copies across locations: (text, ids of the locations that get it),
    the default location's first. Without locations: one text, for [None]."""
    out: dict[str, list[Optional[str]]] = {}
    for p in places(org):
        out.setdefault(final_text(text, p.org), []).append(p.id)
    return list(out.items())
