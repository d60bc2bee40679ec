"""Copy-ready replies: each variant shown exactly as it will be pasted, with one copy button.

The text inside [data-copy-text] is the export's `text`, byte for byte
(placeholders filled, outer whitespace trimmed); the copy script copies its
textContent.
"""
from __future__ import annotations

from .. import model
from ..model import PLATFORM_LABELS
from ..placeholders import final_text
from .html import attr, esc, text_with_blanks


def reply_variants(scen: model.Scenario, reply: model.Reply) -> list[tuple[str, str]]:
    """(platform, raw text) pairs: the default first, then each variant."""
    return [("default", reply.text)] + list(reply.variants.items())


def reply_html(scen: model.Scenario, rid: str, reply: model.Reply, org: model.Organization, primary: bool = True) -> str:
    hook = "data-reply" if primary else "data-reply-also"
    items = []
    for platform, raw in reply_variants(scen, reply):
        text = final_text(raw, org)
        label = "Default" if platform == "default" else PLATFORM_LABELS[platform]
        items.append(
            f'<div class="pb-variant" {hook}="{attr(scen.id)}/{attr(rid)}/{attr(platform)}" data-platform="{attr(platform)}">'
            f'<p class="pb-variant-head"><span class="pb-platform">{esc(label)}</span></p>'
            f'<div class="pb-reply-text" data-copy-text>{text_with_blanks(text)}</div>'
            f'<button type="button" class="md-button pb-copy" data-copy aria-label="Copy the {attr(label)} reply: {attr(reply.title)}">Copy</button>'
            f"</div>"
        )
    return (f'<div class="pb-reply" data-reply-id="{attr(rid)}">'
            f'<p class="pb-reply-title"><strong>Reply: {esc(reply.title)}</strong></p>'
            + "".join(items) + "</div>")
