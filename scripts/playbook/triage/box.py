"""The "What came in?" box: its page (what-came-in.md), its index file, and its home-page marker.

Python prepares plain view data (strings and numbers); the markup lives in
templates/triage/box.html and templates/pages/what-came-in.md, rendered with
autoescape. docs/assets/triage.js brings the box to life; without JavaScript
it says so, links to the scenario list and search, and names the crisis
scenarios to open when a post hints at danger.
"""
from __future__ import annotations

import os
import posixpath

import jinja2

from .. import markers, pages
from ..load import Playbook
from ..model import PLATFORM_LABELS
from ..render.html import page_url, rel
from ..render.scenario_page import scenario_src
from .danger import signals_of
from .index import INDEX_PATH, build_json

PAGE = "what-came-in.md"
MARKER_NAME = "what-came-in"
PRIVACY = ("Nothing you type here is sent, stored or logged: the suggestions are worked out on this page, "
           "in your browser.")
KIND_WORDS = {"self-harm": "suicide or self-harm", "medical-emergency": "a medical emergency",
              "violence": "violence or threats", "active-crisis": "a crisis happening now (shooting, fire, lockdown, evacuation)"}

_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")
# A local environment until the shared templating module lands (same settings: autoescape, strict).
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)


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


def _as_block(html: str) -> str:
    """One raw HTML block for Markdown: no blank line inside, none at the ends."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_box(pb: Playbook, page_src: str) -> str:
    return _as_block(_env.get_template("triage/box.html").render(box=box_view(pb, page_src)))


def page_view(pb: Playbook) -> dict:
    kinds = []
    for cs in signals_of(pb):
        words = KIND_WORDS.get(cs.signal.kind, cs.signal.kind)
        if words not in kinds:
            kinds.append(words)
    signals = ", ".join(kinds[:-1]) + (" or " if len(kinds) > 1 else "") + kinds[-1] if kinds else ""
    return {"signals": signals, "count": len(pb.scenarios)}


def what_came_in_page(pb: Playbook) -> str:
    template = _env.get_template("pages/what-came-in.md")
    text = template.render(box=box_view(pb, PAGE), page=page_view(pb))
    # The included box must stay one raw HTML block: drop blank lines between its first and last tag.
    start, end = text.find('<div class="pb-triage"'), text.rfind("</div>")
    if start >= 0 and end > start:
        text = text[:start] + _as_block(text[start:end + len("</div>")]) + text[end + len("</div>"):]
    return text


def expand_box(pb: Playbook, page_src: str) -> str:
    return render_box(pb, page_src)


def generate(pb: Playbook) -> dict:
    return {PAGE: what_came_in_page(pb), INDEX_PATH: build_json(pb)}


pages.GENERATORS.append(generate)
markers.EXPANDERS[MARKER_NAME] = expand_box
