"""The site's own scripts and styles, shipped inside the package (assets/) and added to every build.

Each feature has one small source file here; a site gets them as few files as it can:
- every page links one stylesheet, playbook.css (STYLES joined in order), and one script,
  playbook.js (EVERY_PAGE joined in order, after the ON_DEMAND table);
- a feature that only some pages have is its own file, which on-demand.js (the last part of
  playbook.js) adds to a page when that page holds the feature's element (ON_DEMAND), in order
  and once. So a scenario page loads neither the "What came in?" engine nor the draft checker.

Every script subscribes to Material's document$ (instant navigation) and also starts on load
(file://), and does nothing on pages without its elements.
"""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "assets"
SITE_FOLDER = "assets/playbook"  # where they are published, relative to the site root
STYLES = ("playbook.css", "guide.css", "replies.css", "locations.css", "draft.css", "practice.css", "search.css", "triage.css")
EVERY_PAGE = ("guide.js", "copy.js", "locations.js", "on-demand.js")  # on-demand.js reads ON_DEMAND: last
# (the element a feature needs, its scripts in the order they run); a script named twice is added once.
ON_DEMAND = (
    ("[data-triage]", ("learned.js", "triage.js")),
    ("[data-draft]", ("learned.js", "draft.js")),
    ("[data-practice]", ("practice.js",)),
)
STYLESHEET = "playbook.css"  # the published names of the joined files
SCRIPT = "playbook.js"


def on_demand_scripts() -> list[str]:
    """Every script that ON_DEMAND names, once, in first-named order."""
    return list(dict.fromkeys(name for _, names in ON_DEMAND for name in names))


def style_paths() -> list[str]:
    return [f"{SITE_FOLDER}/{STYLESHEET}"]


def script_paths() -> list[str]:
    return [f"{SITE_FOLDER}/{SCRIPT}"]


def _joined(names, head: str = "") -> bytes:
    parts = [head] if head else []
    for name in names:
        parts.append(f"/* ---- {name} ---- */\n" + (FOLDER / name).read_text(encoding="utf-8").rstrip("\n") + "\n")
    return "\n".join(parts).encode("utf-8")


def stylesheet() -> bytes:
    return _joined(STYLES)


def script() -> bytes:
    table = [{"when": selector, "load": list(names)} for selector, names in ON_DEMAND]
    head = ("/* The site's own scripts, joined (scripts/playbook/views/assets.py). The features that only some\n"
            "   pages have are loaded by on-demand.js, below, from this table. */\n"
            f"window.PlaybookOnDemand = {json.dumps(table)};\n")
    return _joined(EVERY_PAGE, head)


def pages(pb, site) -> dict[str, bytes]:
    out = {f"{SITE_FOLDER}/{STYLESHEET}": stylesheet(), f"{SITE_FOLDER}/{SCRIPT}": script()}
    out.update({f"{SITE_FOLDER}/{name}": (FOLDER / name).read_bytes() for name in on_demand_scripts()})
    return out
