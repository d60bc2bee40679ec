"""The site's own scripts and styles, shipped inside the package (assets/) and added to every build.

Each feature has one small file; every script subscribes to Material's
document$ (instant navigation) and also starts on load (file://), and does
nothing on pages without its elements.
"""
from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "assets"
SITE_FOLDER = "assets/playbook"  # where they are published, relative to the site root
STYLES = ("playbook.css", "guide.css", "replies.css", "locations.css", "draft.css", "practice.css", "search.css", "triage.css")
SCRIPTS = ("guide.js", "copy.js", "locations.js", "learned.js", "draft.js", "practice.js", "triage.js")  # learned.js before its users


def style_paths() -> list[str]:
    return [f"{SITE_FOLDER}/{name}" for name in STYLES]


def script_paths() -> list[str]:
    return [f"{SITE_FOLDER}/{name}" for name in SCRIPTS]


def pages(pb, site) -> dict[str, bytes]:
    return {f"{SITE_FOLDER}/{name}": (FOLDER / name).read_bytes() for name in STYLES + SCRIPTS}
