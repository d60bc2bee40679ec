"""Reviewed compliance exceptions (`allow:` on a reply), shown on the reply's card.

A responder should see that a reply breaks a rule on purpose, why, and who
approved it, before they copy it.
"""
from __future__ import annotations

from .. import model
from .html import esc


def allowances_html(reply: model.Reply) -> str:
    if not reply.allow:
        return ""
    items = "".join(
        f'<li data-allow-rule="{esc(a.rule)}">Rule <code>{esc(a.rule)}</code>: {esc(a.reason)} '
        f'(approved by {esc(a.approved_by)})</li>'
        for a in reply.allow)
    return (f'<div class="pb-allow" data-allow><p><strong>Reviewed exception.</strong> '
            f'This reply breaks a compliance rule on purpose:</p><ul>{items}</ul></div>')
