"""Markers: a hand-written page asks for a generated block with an HTML comment on its own line.

    <!-- playbook:what-came-in -->

expand_markers() replaces each such line with the block, rendered for that
page (links relative to it). It is pure: adapters call it on the Markdown of
every hand-written page (the MkDocs plugin in on_page_markdown, the Zensical
build before writing docs/ to disk). A page without markers, or a marker
that names no block, is returned unchanged (an HTML comment shows nothing).
The blocks are listed in pipeline.MARKERS: name -> fn(playbook, page_src, site) -> HTML.
"""
from __future__ import annotations

import re
from typing import Callable, Mapping

from .load import Playbook

MARKER = re.compile(r"^[ \t]*<!--[ \t]*playbook:([a-z0-9][a-z0-9-]*)[ \t]*-->[ \t]*$", re.MULTILINE)


def markers_in(markdown: str) -> list[str]:
    """The names of the markers in a page, in order (for adapters that warn about unknown ones)."""
    return MARKER.findall(markdown)


def expand_markers(markdown: str, page_src: str, pb: Playbook, site, blocks: Mapping[str, Callable]) -> str:
    """The page with each known marker line replaced by its block (a raw HTML block between blank lines)."""
    if "playbook:" not in markdown:
        return markdown

    def block(m: re.Match) -> str:
        fn = blocks.get(m.group(1))
        return m.group(0) if fn is None else "\n" + fn(pb, page_src, site) + "\n"
    return MARKER.sub(block, markdown)
