"""Helpers shared by the whole-site tests: list a built site's pages, read its links."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to its root ('' is the home page)."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


class Tags(HTMLParser):
    """All start tags of a document as (tag, {attr: value})."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []  # text of each <script>
        self.script_types: list[str] = []  # its type attribute ("" for plain JavaScript)
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")
            self.script_types.append(dict(attrs).get("type") or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
