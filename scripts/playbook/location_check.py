"""Checks on `locations:` in organization.yaml, and on placeholders that some locations cannot fill.

* PB320: a location overrides a contact or a link that organization.yaml does not define.
* PB321: two locations have the same id.
* PB322: a placeholder in a scenario has a value at some locations but not at others
  (one that has a value at none is PB302/PB303, as without locations).
Listed in pipeline.py.
"""
from __future__ import annotations

from typing import Iterable

from . import placeholders
from .hints import did_you_mean
from .load import Loaded, Playbook
from .problems import Problem
from .reference_check import text_fields


def check_locations(pb: Playbook) -> Iterable[Problem]:
    """Every override names a contact or link of the organisation; every location id is used once."""
    if not pb.org or not pb.org.locations:
        return
    org, doc = pb.org, pb.organization.doc
    first: dict[str, int] = {}
    for i, loc in enumerate(org.locations):
        if loc.id in first:
            line, col = doc.where(("locations", i, "id"))
            yield Problem(doc.path, line, col, "PB321", f"location id {loc.id!r} is already used by location {first[loc.id] + 1}",
                          "give each location its own id")
        else:
            first[loc.id] = i
        for cid in loc.contacts:
            if cid not in org.contacts:
                line, col = doc.where_key(("locations", i, "contacts", cid))
                yield Problem(doc.path, line, col, "PB320", f"location {loc.id!r} changes contact {cid!r}, which is not under contacts",
                              did_you_mean(cid, org.contacts) or "add the contact under contacts first; a location only changes its fields")
        for lid in loc.links:
            if lid not in org.links:
                line, col = doc.where_key(("locations", i, "links", lid))
                yield Problem(doc.path, line, col, "PB320", f"location {loc.id!r} changes link {lid!r}, which is not under links",
                              did_you_mean(lid, org.links) or "add the link under links first; a location only changes it")


def check_placeholders_everywhere(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    """Every placeholder of a scenario has a value at every location, or at none (then reference_check reports it)."""
    org = pb.org
    if not org or not org.locations:
        return
    doc = item.doc
    for loc, text in text_fields(item.obj):
        for u, missing in placeholders.missing_at(text, org):
            line, col = doc.text_position(loc, u.start, text)
            names = ", ".join(repr(m) for m in missing)
            yield Problem(doc.path, line, col, "PB322", f"{u.name} has no value at location {names}",
                          f"{u.reason}; give it a value under that location in organization.yaml, or under the organisation for all")
