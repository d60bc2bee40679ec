"""A small DOM for tests that read generated or built pages without a browser.

Finds elements by attribute (the stable hooks in CONTRACTS.md, such as
[data-node] and [data-reply]) and gives their text as a reader or the copy
script gets it: `text_content()` like the DOM's textContent (entities decoded,
nothing added), `text()` with block elements separated and spaces collapsed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
         "br", "label", "button"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Element or str
    parent: "Element | None" = None

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()

    def find_all(self, attr: str, value: str | None = None) -> list["Element"]:
        return [e for e in self.iter() if attr in e.attrs and (value is None or e.attrs[attr] == value)]

    def find(self, attr: str, value: str | None = None) -> "Element":
        found = self.find_all(attr, value)
        assert len(found) == 1, f"expected one [{attr}{'=' + repr(value) if value is not None else ''}], found {len(found)}"
        return found[0]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def text_content(self) -> str:
        return "".join(c if isinstance(c, str) else c.text_content() for c in self.children)

    def _spaced(self) -> str:
        inner = "".join(c if isinstance(c, str) else c._spaced() for c in self.children)
        return f" {inner} " if self.tag in BLOCK else inner

    def text(self) -> str:
        """The text a reader sees, one space between words and between blocks."""
        return " ".join(self._spaced().split())


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Element:
    return parse_html(path.read_text(encoding="utf-8"))
