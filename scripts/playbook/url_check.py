"""URLs written into any text of the playbook may only use https:, http:, mailto: or tel:.

load.py already checks the fields that are URLs (organization website, links,
web forms). This check reads every other text, in every file, for something
that a browser, a chat app or a social network would treat as a link with
another scheme: `javascript:`, `data:text/html,...`, `vbscript:`, `file://`
and any `scheme://`. Such text is always shown as inert text on the site, but
a responder copies replies into platforms that may make links of it.
Listed in pipeline.py (code PB208).
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from .load import Loaded, Playbook
from .problems import Problem
from .yamlsafe import Document

# Schemes that never have a place in a playbook, with or without '//';
# data: only when followed by a media type, so "our data: ..." in prose is fine.
_BAD_SCHEME = re.compile(
    r"(?i)(?<![a-z0-9+.-])(?:(javascript|vbscript|livescript|jscript)\s*:"
    r"|(data)\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]"
    r"|([a-z][a-z0-9+.-]{1,31})://)"
)
_ALLOWED = {"http", "https"}
# Organization fields that load.py already checks as whole URLs.
_URL_FIELDS = {("website",)}


def _strings_with_colon(data: Any) -> list[tuple[tuple, str]]:
    """(path, text) of every text in the document that holds a ':' (every pattern above needs one).

    Paths are made only for those texts: most texts have no ':', and a file has hundreds."""
    out: list[tuple[tuple, str]] = []

    def walk(value: Any, path: list) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, str):
                if ":" in item:
                    out.append((tuple(path) + (key,), item))
            elif isinstance(item, (dict, list)):
                path.append(key)
                walk(item, path)
                path.pop()

    if isinstance(data, str):
        return [((), data)] if ":" in data else []
    if isinstance(data, (dict, list)):
        walk(data, [])
    return out


def bad_urls(text: str) -> Iterable[tuple[int, str]]:
    """(offset, scheme) of every link with a scheme other than https:, http:, mailto: or tel:."""
    for m in _BAD_SCHEME.finditer(text):
        scheme = (m.group(1) or m.group(2) or m.group(3)).lower()
        if scheme not in _ALLOWED:
            yield m.start(), scheme


def document_problems(doc: Document, skip=lambda loc: False) -> Iterable[Problem]:
    for loc, text in _strings_with_colon(doc.data):
        if skip(loc):
            continue
        for offset, scheme in bad_urls(text):
            line, col = doc.text_position(loc, offset, text)
            yield Problem(doc.path, line, col, "PB208", f"{scheme}: link in text is not allowed",
                          "links may only use https:, http:, mailto: or tel:")


def _is_org_url_field(loc: tuple) -> bool:
    if len(loc) > 2 and loc[0] == "locations":  # a location's links and web forms, as the organisation's
        loc = loc[2:]
    return (loc in _URL_FIELDS or (len(loc) == 2 and loc[0] == "links")
            or (len(loc) == 3 and loc[0] == "contacts" and loc[2] == "web_form"))


def check_scenario_urls(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    yield from document_problems(item.doc)


def check_playbook_urls(pb: Playbook) -> Iterable[Problem]:
    if pb.organization:
        yield from document_problems(pb.organization.doc, _is_org_url_field)
    if pb.compliance:
        yield from document_problems(pb.compliance.doc)

