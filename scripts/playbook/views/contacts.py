"""Contacts: name, role, and mailto:/tel:/web form links."""
from __future__ import annotations

from typing import Any

from .. import model
from .common import safe_href, tel


def contact_view(cid: str, c: model.Contact) -> dict[str, Any]:
    return {
        "id": cid, "name": c.name, "role": c.role, "hours": c.hours or "",
        "email": c.email or "", "phone": c.phone or "", "tel": tel(c.phone) if c.phone else "",
        "web_form": safe_href(c.web_form) if c.web_form else "",
    }
