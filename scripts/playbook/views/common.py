"""Small helpers every view uses: page addresses, relative links, titles, safe links, blanks."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ..model import URL_SCHEMES
from ..placeholders import BLANK


def scenario_src(sid: str) -> str:
    return f"scenarios/{sid}.md"


def page_url(src_path: str) -> str:
    """Site URL (directory style) of a page source path such as scenarios/x.md."""
    path = src_path[:-3] if src_path.endswith(".md") else src_path
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return path


def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative link between two pages (raw HTML is not rewritten by MkDocs)."""
    target = page_url(to_src) if to_src.endswith(".md") else to_src
    base = page_url(from_src)
    out = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not out.endswith("/"):
        out += "/"
    return out + (f"#{anchor}" if anchor else "")


def safe_title(text: str) -> str:
    """A title for front matter, <title> and navigation.

    MkDocs themes print page titles through `striptags`, which un-escapes
    entities; so titles must hold no markup characters at all."""
    text = text.replace("&", " and ").replace("<", "‹").replace(">", "›")
    return re.sub(r"\s+", " ", text).strip()


def safe_meta(text: str) -> str:
    """Text for other front matter (e.g. description), which themes print unescaped
    inside a double-quoted attribute: a title with no double quotes either."""
    return safe_title(text).replace('"', "”")


# Above this many scenarios, the pages that hold every scenario's replies or example posts (the quick
# reference, practice) become an index of pages, one per category (docs/decisions/022-pages-at-scale.md).
SPLIT_AT = 100

# Pages that repeat every scenario's words (the listings, the quick reference, practice) stay out of
# search, so that they never outrank the scenarios and the index (and Zensical's per-field limit)
# does not grow twice with the playbook. Within searchable pages, templates mark what responders do
# not search for with data-search-exclude (docs/decisions/019-search-index.md).
NOT_IN_SEARCH = {"exclude": True}


def front(title: str, **extra: Any) -> dict[str, Any]:
    """Front matter fields for a page: the title and any extra keys, made safe for themes."""
    fields: dict[str, Any] = {"title": safe_title(title)}
    for key, value in extra.items():
        if isinstance(value, str):
            value = safe_meta(value)
        elif isinstance(value, list):
            value = [safe_meta(v) if isinstance(v, str) else v for v in value]
        fields[key] = value
    return fields


def tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def safe_href(url: str) -> str:
    """Only the schemes the check allows ever become links; anything else is dropped."""
    url = url.strip()
    return url if url.lower().startswith(URL_SCHEMES) else "#"


def segments(text: str) -> list[dict[str, Any]]:
    """Text split into plain runs and [blanks] the responder must fill in, for templates to mark."""
    out, last = [], 0
    for m in BLANK.finditer(text):
        if m.start() > last:
            out.append({"text": text[last:m.start()], "blank": False})
        out.append({"text": m.group(0), "blank": True})
        last = m.end()
    if last < len(text) or not out:
        out.append({"text": text[last:], "blank": False})
    return out
