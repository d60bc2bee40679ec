"""The "What came in?" box: its page (what-came-in.md), its index file, and its home-page marker.

Python prepares plain view data (strings and numbers); the markup lives in
templates/triage/box.html and templates/pages/what-came-in.md, rendered with
autoescape. scripts/playbook/assets/triage.js brings the box to life; without JavaScript
it says so, links to the scenario list and search, and names the crisis
scenarios to open when a post hints at danger.
"""
from __future__ import annotations

import posixpath

from ..load import Playbook
from ..model import PLATFORM_LABELS
from ..views.common import front, page_url, rel, scenario_src
from .danger import signals_of
from .index import INDEX_PATH, build_json

PAGE = "what-came-in.md"
MARKER_NAME = "what-came-in"
PRIVACY = ("Nothing you type here is sent, stored or logged: the suggestions are worked out on this page, "
           "in your browser.")
KIND_WORDS = {"self-harm": "suicide or self-harm", "medical-emergency": "a medical emergency",
              "violence": "violence or threats", "active-crisis": "a crisis happening now (shooting, fire, lockdown, evacuation)"}

def _one_line(text: str) -> str:
    return " ".join(text.split())


def box_view(pb: Playbook, page_src: str) -> dict:
    """Plain view data for templates/triage/box.html, for the box on the page `page_src`."""
    scens = pb.scenario_list()
    titles = {s.id: s.title for s in scens}
    starts = {s.id: s.tree.start for s in scens}
    used = sorted({c for s in scens for c in s.channels}, key=list(PLATFORM_LABELS).index)
    crisis, seen = [], set()
    for cs in signals_of(pb):
        sid = cs.signal.scenario
        if sid in titles and sid not in seen:
            seen.add(sid)
            crisis.append({"title": _one_line(titles[sid]), "url": rel(page_src, scenario_src(sid), f"node-{starts[sid]}")})
    return {
        "index_url": rel(page_src, INDEX_PATH),
        "root": posixpath.relpath(".", page_url(page_src) or ".") + "/",
        "scenarios_url": rel(page_src, "scenarios/index.md"),
        "channels": [{"id": c, "label": PLATFORM_LABELS[c]} for c in used],
        "crisis_links": crisis,
        "privacy": PRIVACY,
    }


def page_view(pb: Playbook) -> dict:
    kinds = []
    for cs in signals_of(pb):
        words = KIND_WORDS.get(cs.signal.kind, cs.signal.kind)
        if words not in kinds:
            kinds.append(words)
    signals = ", ".join(kinds[:-1]) + (" or " if len(kinds) > 1 else "") + kinds[-1] if kinds else ""
    return {"front": front("What came in?", description="Paste a post and get the scenario to follow, crisis scenarios first"),
            "signals": signals, "count": len(pb.scenarios)}


def pages(pb: Playbook, site) -> dict:
    page = site.render("pages/what-came-in.md", box=box_view(pb, PAGE), page=page_view(pb))
    return {PAGE: page, INDEX_PATH: build_json(pb)}


def expand_box(pb: Playbook, page_src: str, site) -> str:
    """The box for a hand-written page's marker (<!-- playbook:what-came-in -->), links relative to that page."""
    return site.render("triage/box.html", box=box_view(pb, page_src))
