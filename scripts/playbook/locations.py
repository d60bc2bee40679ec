"""Locations: one playbook for several hospitals, clinics or campuses.

organization.yaml may list `locations:`. Each location is the organisation
with its own overrides of contacts and links: a field a location writes
replaces the organisation's, a field written with no value means the location
has none, and everything else is the organisation's. The first location is the
default: the site shows it before a responder picks another.

Without `locations:` there is one place, the organisation itself (id None),
and everything works as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from . import model
from .content_memo import ByIdentity


@dataclass(frozen=True)
class Place:
    """Where a text is filled: a location (id and name) or, without locations, the organisation (id None)."""

    id: Optional[str]
    name: str
    org: model.Organization  # the organisation as it is at this place


def merged(org: model.Organization, loc: model.Location) -> model.Organization:
    """The organisation as it is at one location. Overrides of unknown contacts or links are ignored (PB320 reports them)."""
    contacts = dict(org.contacts)
    for cid, override in loc.contacts.items():
        base = contacts.get(cid)
        if base is None:
            continue
        changes = {f: getattr(override, f) for f in override.model_fields_set if f != "translations"}
        contacts[cid] = base.model_copy(update=changes)
    links = dict(org.links)
    for lid, url in loc.links.items():
        if lid not in links:
            continue
        if url is None:
            del links[lid]
        else:
            links[lid] = url
    return org.model_copy(update={"contacts": contacts, "links": links})


def places(org: model.Organization) -> list[Place]:
    """Every place a text is filled for, the default first. Duplicate location ids count once (PB321 reports them).
    The checks ask for the same organisation once per text: the last few answers are kept, by the organisation
    object (content_memo.ByIdentity)."""
    return list(_RECENT.get(org, lambda: _places(org)))


_RECENT = ByIdentity(4)


def _places(org: model.Organization) -> list[Place]:
    if not org.locations:
        return [Place(None, org.name, org)]
    seen: set[str] = set()
    out = []
    for loc in org.locations:
        if loc.id in seen:
            continue
        seen.add(loc.id)
        out.append(Place(loc.id, loc.name, merged(org, loc)))
    return out


def default_place(org: model.Organization) -> Place:
    return places(org)[0]


def location_ids(org: model.Organization) -> list[str]:
    return [p.id for p in places(org) if p.id is not None]
