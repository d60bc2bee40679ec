"""Texts with their placeholders filled, for a page, where organization.yaml may list locations.

A page shows the default location's text: it reads right without JavaScript.
Each value that differs between locations is marked: a run with `ph` (the
placeholder's name, e.g. contacts.records.phone) that the templates print as
`<span data-ph="…">`, and contact cards whose fields carry `data-ph` and
`data-ph-href`. The page also carries, once, each marked value at every
location (`picker()["data"]`); locations.js refills the marks from it for
the location a responder picks. Values that are the same everywhere are plain
text, so a playbook without locations renders exactly as before.

The refilled text equals the export's for that location (placeholders.final_text),
because a value never starts or ends with whitespace and is never blank
(placeholders strips values): only the literal text at either end is trimmed.
See docs/decisions/012-locations.md.
"""
from __future__ import annotations

from typing import Any, Optional

from .. import model
from ..locations import places
from ..placeholders import CONTACT_FIELDS, PLACEHOLDER, final_text, value
from ..textlength import length_for
from .common import rel, safe_href, segments
from .contacts import contact_view

LINK_FIELDS = ("email", "phone", "web_form")  # in the order a contact card shows them


class Filled(str):
    """A text as the default location reads it (a plain string to templates that print it),
    with `.runs`: [{"text", "ph"}], where `ph` names a value that differs between locations."""

    runs: list[dict[str, str]]


def _filled(runs: list[dict[str, str]]) -> Filled:
    out = Filled("".join(r["text"] for r in runs))
    out.runs = runs
    return out


def as_fills(org_or_fills: "model.Organization | Fills") -> "Fills":
    """Views take a page's Fills; given the organisation (as before locations), a Fills for it."""
    return org_or_fills if isinstance(org_or_fills, Fills) else Fills(org_or_fills)


class Fills:
    """Filling for one page. Collects the names of the values that differ, for the page's data."""

    def __init__(self, org: model.Organization):
        self.places = places(org)
        self.org = self.places[0].org  # the default location (or the organisation): everything a page shows plainly
        self.located = self.places[0].id is not None
        self.used: dict[str, None] = {}
        self._cache: dict[str, list[Optional[str]]] = {}

    # ------------------------------------------------------------ values

    def values(self, name: str) -> list[Optional[str]]:
        """The value of a placeholder name at each place, None where it has none."""
        if name not in self._cache:
            self._cache[name] = [value(p.org, name) for p in self.places]
        return self._cache[name]

    def varies(self, name: str) -> bool:
        return len(set(self.values(name))) > 1

    def _mark(self, name: str) -> str:
        self.used[name] = None
        return name

    # ------------------------------------------------------------ texts

    def _parts(self, raw: str) -> list[dict[str, str]]:
        """The text filled for the default location, in runs; adjacent plain runs are joined."""
        runs: list[dict[str, str]] = []

        def add(text: str, ph: str = "") -> None:
            if not ph and runs and not runs[-1]["ph"]:
                runs[-1]["text"] += text
            elif text or ph:
                runs.append({"text": text, "ph": ph})

        pos = 0
        for m in PLACEHOLDER.finditer(raw):
            add(raw[pos:m.start()])
            name = m.group(1)
            found = self.values(name)[0]
            text = found if found is not None else m.group(0)  # as placeholders.fill leaves it
            add(text, self._mark(name) if self.located and self.varies(name) else "")
            pos = m.end()
        add(raw[pos:])
        return [r for r in runs if r["text"] or r["ph"]]

    def text(self, raw: str) -> Filled:
        """A text such as a question's help or an outcome's log, filled for the default location."""
        return _filled(self._parts(raw))

    def copy_segments(self, raw: str) -> list[dict[str, Any]]:
        """Exactly what the copy button copies (outer whitespace trimmed), in segments for the reply card:
        {"text", "blank", "ph"}. Blanks such as [first name] are marked in the plain runs."""
        runs = self._parts(raw)
        # Values never start or end with whitespace, so trimming the plain runs at either end is the strip.
        while runs and not runs[0]["ph"]:
            runs[0]["text"] = runs[0]["text"].lstrip()
            if runs[0]["text"]:
                break
            runs.pop(0)
        while runs and not runs[-1]["ph"]:
            runs[-1]["text"] = runs[-1]["text"].rstrip()
            if runs[-1]["text"]:
                break
            runs.pop()
        out: list[dict[str, Any]] = []
        for r in runs:
            if r["ph"]:
                out.append({"text": r["text"], "blank": False, "ph": r["ph"]})
            else:
                out.extend({**s, "ph": ""} for s in segments(r["text"]))
        return out or [{"text": "", "blank": False, "ph": ""}]

    def final(self, raw: str) -> str:
        """What the copy button copies at the default location."""
        return final_text(raw, self.org)

    def counts(self, platform: str, raw: str) -> str:
        """The text's length at each location, space-separated, where it differs between them; else ''."""
        if not self.located:
            return ""
        ns = [length_for(platform, final_text(raw, p.org)) for p in self.places]
        return " ".join(str(n) for n in ns) if len(set(ns)) > 1 else ""

    # ------------------------------------------------------------ contacts

    def contact(self, cid: str) -> dict[str, Any]:
        """A contact card's view (contacts.contact_view), with `ph` naming the fields that differ between locations
        and `sep` saying how the separator before the phone and the web form is printed."""
        view = contact_view(cid, self.org.contacts[cid])
        if not self.located:
            return view
        present: dict[str, list[bool]] = {}
        for f in CONTACT_FIELDS:
            name = f"contacts.{cid}.{f}"
            if self.varies(name):
                view["ph"][f] = self._mark(name)
                shown = self.values(name)[0] or ""  # stripped, as locations.js shows the other locations' values
                view[f] = safe_href(shown) if f == "web_form" and shown else shown
            present[f] = [v is not None for v in self.values(name)]
        for i, f in enumerate(LINK_FIELDS[1:], start=1):
            needed = [present[f][k] and any(present[e][k] for e in LINK_FIELDS[:i]) for k in range(len(self.places))]
            if all(needed):
                view["sep"][f] = "text"
            elif any(needed):
                view["sep"][f] = "shown" if needed[0] else "hidden"
            else:
                view["sep"][f] = ""
        return view

    # ------------------------------------------------------------ the picker

    def picker(self, src: str) -> Optional[dict[str, Any]]:
        """The location picker of a page (None without locations), with the values its marks need at each location.
        Call it after everything else on the page is filled."""
        if not self.located:
            return None
        default = self.places[0]
        return {
            "default": {"id": default.id, "name": default.name},
            "locations": [{"id": p.id, "name": p.name} for p in self.places],
            "all_href": rel(src, "escalation-map.md", "all-locations"),
            "data": {name: self.values(name) for name in self.used},
        }

    def table(self) -> Optional[dict[str, Any]]:
        """Each location's contacts where they differ, for a table that needs no JavaScript (escalation map)."""
        if not self.located:
            return None
        rows = []
        for cid, c in self.org.contacts.items():
            if not any(self.varies(f"contacts.{cid}.{f}") for f in CONTACT_FIELDS):
                continue
            cells = [contact_view(cid, p.org.contacts[cid]) for p in self.places]
            rows.append({"id": cid, "name": c.name, "cells": cells,
                         "names_differ": len({cell["name"] for cell in cells}) > 1})
        return {"locations": [{"id": p.id, "name": p.name} for p in self.places], "rows": rows}
