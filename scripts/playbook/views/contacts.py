"""Contacts: name, role, and mailto:/tel:/web form links."""
from __future__ import annotations

from typing import Any

from .. import model
from ..placeholders import CONTACT_FIELDS
from .common import safe_href, tel


def contact_view(cid: str, c: model.Contact) -> dict[str, Any]:
    """One contact card. `ph` and `sep` matter only where locations differ (views/fills.py): `ph` names
    each field's value for locations.js ('' when the same everywhere); `sep` says how the separator before
    the phone and before the web form is printed ('' none, 'text' always, 'shown'/'hidden' refilled)."""
    email, phone, web_form = c.email or "", c.phone or "", safe_href(c.web_form) if c.web_form else ""
    return {
        "id": cid, "name": c.name, "role": c.role, "hours": c.hours or "",
        "email": email, "phone": phone, "tel": tel(c.phone) if c.phone else "", "web_form": web_form,
        "ph": {f: "" for f in CONTACT_FIELDS},
        "sep": {"phone": "text" if email and phone else "", "web_form": "text" if web_form and (email or phone) else ""},
    }
