"""Generated blocks of HTML set aside while Python-Markdown renders a page, and put back after.

A generated page is mostly HTML from the templates, in blocks that stand alone: a `<div>` at
the start of a line, after a blank line, up to its closing tag and a blank line. Python-Markdown
passes such a block through as it is, but only after an HTML parser has read it to find where it
ends, and MkDocs reads the whole page with a second HTML parser to collect its anchor ids. On the
quick reference, practice and "Check my draft" pages that was most of a live-preview rebuild.

`set_aside(markdown)` swaps each such block for a placeholder paragraph that Python-Markdown renders
as `<p>TOKEN</p>`; `put_back(html, aside)` swaps the blocks back in. The result is the HTML that
rendering the page whole gives (tests/test_raw_html.py compares the two on every generated page,
and the anchor ids with MkDocs's own collector). A block is left in place when it has a `markdown`
attribute (md_in_html renders Markdown inside it) or when anything else shares its lines.
"""
from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

_DIV = re.compile(r"<(/?)div\b[^>]*>")  # case-sensitive (fast): set_aside gives up on a page with <DIV
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s(?:[^<>]*?\s)?(?:[iI][dD]|[nN][aA][mM][eE])\s*=[^<>]*)>")  # tags with an id or name
_ATTR = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
MIN_LENGTH = 2000  # smaller blocks are not worth a placeholder


@dataclass
class SetAside:
    token: str = ""
    blocks: list[str] = field(default_factory=list)

    def anchor_ids(self) -> set[str]:
        """Every id attribute in the blocks, and the name of every <a>, as MkDocs collects them from raw HTML."""
        found: set[str] = set()
        for block in self.blocks:
            for tag in _TAG.finditer(block):
                for name, *value in _ATTR.findall(tag.group(2)):
                    name = name.lower()
                    if name == "id" or (name == "name" and tag.group(1).lower() == "a"):
                        found.add(html.unescape(next((v for v in value if v), "")))
        return found


def set_aside(markdown: str) -> tuple[str, SetAside]:
    """(markdown with each standing <div> block of MIN_LENGTH or more replaced by a placeholder, the blocks)."""
    aside = SetAside()
    lowered = markdown.lower()
    if "<div" not in markdown or lowered.count("<div") + lowered.count("</div") != markdown.count("<div") + markdown.count("</div"):
        return markdown, aside  # no block, or a <DIV> in capitals that the fast scan would not see
    token = "pbaside" + secrets.token_hex(8)
    while token in markdown:
        token = "pbaside" + secrets.token_hex(8)
    aside.token = token
    out: list[str] = []
    pos = 0
    for at in _starts(markdown):
        if at < pos:
            continue  # inside a block already set aside
        end = _block_end(markdown, at)
        if end is None or end - at < MIN_LENGTH:
            continue
        block = markdown[at:end]
        if "markdown" in lowered[at:end] and re.search(r"\smarkdown\s*=", block, re.IGNORECASE):
            continue
        out.append(markdown[pos:at])
        out.append(f"{token}x{len(aside.blocks)}")
        aside.blocks.append(block)
        pos = end
    out.append(markdown[pos:])
    return "".join(out), aside


def _starts(text: str):
    """Where a <div> starts a line after a blank line (or the text)."""
    if text.startswith("<div") and text[4:5] in (" ", ">", "\n", "\t", "/"):
        yield 0
    at = text.find("\n\n<div")
    while at >= 0:
        if text[at + 6:at + 7] in (" ", ">", "\n", "\t", "/"):
            yield at + 2
        at = text.find("\n\n<div", at + 2)


def _block_end(text: str, start: int) -> int | None:
    """Where the <div> opened at `start` closes, if a blank line (or the end of the text) follows it at once."""
    depth = 0
    for m in _DIV.finditer(text, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = m.end()
            rest = text[end:end + 2]
            return end if rest in ("", "\n") and text[end:].strip() == "" or rest == "\n\n" else None
    return None


def put_back(rendered: str, aside: SetAside) -> str:
    """The rendered page with each placeholder paragraph replaced by its block."""
    html_ = rendered
    for k, block in enumerate(aside.blocks):
        placeholder = f"<p>{aside.token}x{k}</p>"
        if html_.count(placeholder) != 1:
            raise ValueError(f"a set-aside block's placeholder {placeholder!r} is not in the rendered page once")
        html_ = html_.replace(placeholder, block + "\n", 1)  # as Python-Markdown puts back a raw block
    return html_.strip() if aside.blocks else html_  # and, as it does, no white space around the page
