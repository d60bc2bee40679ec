"""Contacts as HTML: name, role, and mailto:/tel:/web form links."""
from __future__ import annotations

from .. import model
from .html import attr, esc, safe_href, tel


def contact_html(cid: str, c: model.Contact, tag: str = "li") -> str:
    parts = [f'<strong class="pb-contact-name">{esc(c.name)}</strong>', f'<span class="pb-contact-role">{esc(c.role)}</span>']
    links = []
    if c.email:
        links.append(f'<a href="mailto:{attr(c.email)}">{esc(c.email)}</a>')
    if c.phone:
        links.append(f'<a href="{attr(tel(c.phone))}">{esc(c.phone)}</a>')
    if c.web_form:
        links.append(f'<a href="{safe_href(c.web_form)}">Web form</a>')
    if links:
        parts.append('<span class="pb-contact-links">' + " · ".join(links) + "</span>")
    if c.hours:
        parts.append(f'<span class="pb-contact-hours">{esc(c.hours)}</span>')
    return f'<{tag} class="pb-contact" data-contact="{attr(cid)}">' + " ".join(parts) + f"</{tag}>"
