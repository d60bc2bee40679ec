"""The one place where playbook text becomes HTML.

Every text from YAML goes through esc() (or attr()) before it reaches a page,
and is placed inside a raw HTML block, which Markdown leaves alone. So
`<script>`, Markdown syntax, `{{ }}` and extension syntax all end up as
inert text. See docs/decisions/004-escaping.md.
"""
from __future__ import annotations

import html
import posixpath
import re

from ..placeholders import BLANK


def esc(text: str) -> str:
    # Escaping '&' also defuses entities an author types; quotes for attributes.
    # Line breaks are encoded too: a blank line would end the raw HTML block and
    # hand the rest of the text to Markdown (found by tests/test_injection.py).
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def text_block(text: str) -> str:
    """Multi-line text as HTML, line breaks kept. Blank lines are encoded so the
    surrounding raw HTML block is never split by Markdown."""
    return esc(text).replace("\n", "&#10;")


def text_with_blanks(text: str) -> str:
    """Escaped text with [blanks] the responder must fill marked visibly."""
    out, last = [], 0
    for m in BLANK.finditer(text):
        out.append(text_block(text[last:m.start()]))
        out.append(f'<mark class="pb-blank" title="Fill this in before posting">{text_block(m.group(0))}</mark>')
        last = m.end()
    out.append(text_block(text[last:]))
    return "".join(out)


def safe_title(text: str) -> str:
    """A title for front matter, <title> and navigation.

    MkDocs themes print page titles through `striptags`, which un-escapes
    entities; so titles must hold no markup characters at all."""
    text = text.replace("&", " and ").replace("<", "‹").replace(">", "›")
    return re.sub(r"\s+", " ", text).strip()


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
    if to_src.endswith((".md",)):
        target = page_url(to_src)
    else:
        target = to_src
    base = page_url(from_src)
    out = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not out.endswith("/"):
        out += "/"
    if out == "./":
        out = "./"
    return out + (f"#{anchor}" if anchor else "")


def safe_meta(text: str) -> str:
    """Text for other front matter (e.g. description), which themes print unescaped
    inside a double-quoted attribute: a title with no double quotes either."""
    return safe_title(text).replace('"', "”")


def front_matter(title: str, **extra) -> str:
    import json

    lines = ["---", f"title: {json.dumps(safe_title(title), ensure_ascii=False)}"]
    for key, value in extra.items():
        if isinstance(value, str):
            value = safe_meta(value)
        elif isinstance(value, list):
            value = [safe_meta(v) if isinstance(v, str) else v for v in value]
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def safe_href(url: str) -> str:
    """Only the schemes check allows ever become links; anything else is dropped."""
    if url.strip().lower().startswith(("https:", "http:", "mailto:", "tel:")):
        return attr(url.strip())
    return "#"
