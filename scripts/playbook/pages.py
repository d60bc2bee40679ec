"""All generated pages of the site, as {source path: text}. Pure: no MkDocs here.

The MkDocs hook serves these from memory; `playbook generate DIR` writes
them to disk (only what changed) for engines that ignore plugins.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Callable

from .load import Playbook
from .render.context import Ctx
from .render.index_pages import (browse_page, category_pages, channel_page, escalation_page,
                                 review_page, severity_page)
from .render.scenario_page import scenario_page, scenario_src

# Other modules (quick reference, exports, draft checker, practice) add generators:
# each takes the playbook and returns {path: text or bytes}.
GENERATORS: list[Callable[[Playbook], dict]] = []


def _register() -> None:
    """Import the modules that append to GENERATORS or PAGE_EXTRAS (imported late: they import this one)."""
    from .importing import import_all

    import_all("render.quick_reference", "export", "render.draft_page", "render.practice", "render.guidance", "render.diagram",
               "triage.box")


def generate(pb: Playbook, today: dt.date | None = None) -> dict[str, str | bytes]:
    """Every generated page. The playbook must have passed its check."""
    _register()
    today = today or dt.date.today()
    org = pb.org
    scens = pb.scenario_list()
    pages: dict[str, str | bytes] = {}
    titles = {scen.id: scen.title for scen in scens}
    for scen in scens:
        src = scenario_src(scen.id)
        pages[src] = scenario_page(scen, Ctx(org=org, src=src, titles=titles))
    pages["scenarios/index.md"] = browse_page(scens)
    pages.update(category_pages(scens))
    pages["by-channel.md"] = channel_page(scens)
    pages["by-severity.md"] = severity_page(scens)
    pages["escalation-map.md"] = escalation_page(org, scens)
    pages["review-status.md"] = review_page(org, scens, today)
    for gen in GENERATORS:
        pages.update(gen(pb))
    return pages


def write_pages(pb: Playbook, out_dir: str) -> list[str]:
    """Write pages under out_dir, touching only files whose content changed."""
    written = []
    for rel_path, content in generate(pb).items():
        path = os.path.join(out_dir, rel_path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        written.append(path)
    return written
