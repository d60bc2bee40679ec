"""MkDocs hook: no page may make the browser ask another host for anything.

Material's bundle loads Mermaid from unpkg.com when a page has a `pre.mermaid`
block and no global `mermaid` exists. The playbook never needs one (YAML text
is escaped, so a ```mermaid fence in YAML stays text), and a hand-written page
with a diagram would leak every reader's visit to a CDN. So the build stops.
See docs/publishing.md ("Privacy").
"""
from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

_MERMAID = re.compile(r"<pre\b[^>]*\bclass=\"[^\"]*\bmermaid\b", re.IGNORECASE)


def on_post_page(output, page, config, **kwargs):
    if _MERMAID.search(output):
        raise PluginError(
            f"{page.file.src_uri}: has a Mermaid diagram, which Material would load from unpkg.com "
            "(a third-party request on every visit); draw it as an image or a list instead")
    return output
