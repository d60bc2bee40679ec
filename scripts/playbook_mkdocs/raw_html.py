"""Generated blocks of HTML set aside while Python-Markdown renders a page, and put back after.

A generated page is mostly HTML from the templates, in blocks that stand alone: a `<div>` at
the start of a line, after a blank line, up to its closing tag and a blank line. Python-Markdown
passes such a block through as it is, but only after an HTML parser has read it to find where it
ends, and MkDocs reads the whole page with a second HTML parser to collect its anchor ids. On the
quick reference, practice and "Check my draft" pages that was most of a live-preview rebuild.

`set_aside(markdown)` swaps each such block for a placeholder paragraph that Python-Markdown renders
as `<p>TOKEN</p>`; `put_back(html, aside)` swaps the blocks back in. The result is the HTML that
rendering the page whole gives (tests/test_raw_html.py compares the two on every generated page,
and the anchor ids with MkDocs's own collector). A block is left in place when a tag in it has a
`markdown` attribute (md_in_html renders Markdown inside it), when anything else shares its lines,
or when another <div> encloses it. Should a placeholder not come back as its own paragraph,
put_back raises, and the plugin renders the page whole.
"""
from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

_DIV = re.compile(r"<(/?)div\b[^>]*>")  # case-sensitive (fast): set_aside gives up on a page with <DIV
_MARKDOWN_ATTR = re.compile(r"<[^<>]*\smarkdown\s*=", re.IGNORECASE)  # md_in_html renders inside such a tag
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s(?:[^<>]*?\s)?(?:[iI][dD]|[nN][aA][mM][eE])\s*=[^<>]*)>")  # tags with an id or name
_ATTR = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
MIN_LENGTH = 2000  # smaller blocks are not worth a placeholder


@dataclass
class SetAside:
    original: str = ""      # the page's Markdown as it was
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
    """(markdown with each standing <div> block of MIN_LENGTH or more replaced by a placeholder, the blocks).

    Only a <div> that no other <div> encloses is looked at; should some other tag enclose it,
    Python-Markdown keeps the placeholder as raw text and put_back refuses (the plugin then renders
    the page whole)."""
    aside = SetAside(original=markdown)
    lowered = markdown.lower()
    if "<div" not in markdown or lowered.count("<div") + lowered.count("</div") != markdown.count("<div") + markdown.count("</div"):
        return markdown, aside  # no block, or a <DIV> in capitals that the fast scan would not see
    token = "pbaside" + secrets.token_hex(8)
    while token in markdown:
        token = "pbaside" + secrets.token_hex(8)
    aside.token = token
    out: list[str] = []
    pos = depth = 0
    opened: int | None = None  # where the outermost <div> now open starts, if it starts a line after a blank line
    for m in _DIV.finditer(markdown):
        if not m.group(1):
            if depth == 0:
                at = m.start()
                opened = at if at == 0 or markdown[at - 2:at] == "\n\n" else None
            depth += 1
            continue
        if depth == 0:
            return markdown, SetAside(original=markdown)  # a </div> too many: leave the page to Python-Markdown
        depth -= 1
        if depth or opened is None:
            continue
        end, at, opened = m.end(), opened, None
        after = markdown[end:end + 2]
        standing = after == "\n\n" or (after in ("", "\n") and not markdown[end:].strip())
        if standing and end - at >= MIN_LENGTH and not _MARKDOWN_ATTR.search(markdown, at, end):
            out.append(markdown[pos:at])
            out.append(f"{token}x{len(aside.blocks)}")
            aside.blocks.append(markdown[at:end])
            pos = end
    out.append(markdown[pos:])
    return "".join(out), aside


def put_back(rendered: str, aside: SetAside) -> str:
    """The rendered page with each placeholder paragraph replaced by its block."""
    html_ = rendered
    for k, block in enumerate(aside.blocks):
        placeholder = f"<p>{aside.token}x{k}</p>"
        if html_.count(placeholder) != 1:
            raise ValueError(f"a set-aside block's placeholder {placeholder!r} is not in the rendered page once")
        html_ = html_.replace(placeholder, block + "\n", 1)  # as Python-Markdown puts back a raw block
    return html_.strip() if aside.blocks else html_  # and, as it does, no white space around the page
