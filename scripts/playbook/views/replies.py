"""Copy-ready replies: each variant shown exactly as it will be pasted, with one copy button.

The text inside [data-copy-text] is the export's `text`, byte for byte
(placeholders filled, outer whitespace trimmed), for the default location; the
copy script copies its textContent. Values that differ between locations are
marked for locations.js (views/fills.py), which refills them for the chosen one. Variants are tabs made of radio buttons and labels (no script
needed, works on a phone); in print every variant is shown (replies.css).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import model
from ..model import PLATFORM_LABELS
from ..textlength import LIMITS, WARN_AT, length_for, limit_for
from ..reply_targets import default_platforms, reply_variants
from .fills import Fills, as_fills

def platform_label(platform: str) -> str:
    return "Default" if platform == "default" else PLATFORM_LABELS[platform]


@dataclass
class ReplyNames:
    """Radio groups need a name unique on the page. The same reply can appear in several
    outcomes of one tree: the first is the primary ([data-reply]); the others carry
    [data-reply-also] and a numbered group, so names stay unique and stable."""

    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def next(self, sid: str, rid: str) -> tuple[bool, str]:
        key = (sid, rid)
        base = f"pb-tabs-{sid}-{rid}"
        if key not in self.seen:
            self.seen[key] = 0
            return True, base
        self.seen[key] += 1
        return False, f"{base}-{self.seen[key]}"


def count_view(platform: str, text: str) -> dict[str, Any]:
    """'143 / 150' against the platform's limit, or '143 characters' where there is none."""
    n = length_for(platform, text)
    limit = limit_for(platform)
    if not limit:
        return {"n": n, "limit": None}
    state = "over" if n > limit else ("near" if n >= WARN_AT * limit else "ok")
    how = "weighted characters, as X counts them (links 23, emoji 2)" if LIMITS[platform].counting == "x-weighted" else "characters"
    return {"n": n, "limit": limit, "state": state, "how": how, "platform": PLATFORM_LABELS[platform]}


def reply_view(scen: model.Scenario, rid: str, reply: model.Reply, fills: Fills | model.Organization,
               naming: tuple[bool, str], approval: dict[str, str] | None = None) -> dict[str, Any]:
    """One reply with a tab per variant; naming = (primary, radio group name);
    approval = approvals.approval_view(...) (state, by, date), or None to show no approval mark.
    Segments hold the default location's text; `ph` marks a value that differs between locations."""
    fills = as_fills(fills)
    primary, group = naming
    variants = []
    for i, (platform, raw) in enumerate(reply_variants(reply)):
        used_on = [PLATFORM_LABELS[p] for p in default_platforms(scen, rid, reply)] if platform == "default" else []
        count = count_view(platform, fills.final(raw))
        count["by_location"] = fills.counts(platform, raw)
        variants.append({
            "platform": platform, "label": platform_label(platform), "tab_id": f"{group}-{platform}",
            "checked": i == 0, "used_on": ", ".join(used_on), "count": count,
            "segments": fills.copy_segments(raw), "hook": f"{scen.id}/{rid}/{platform}",
        })
    return {
        "id": rid, "title": reply.title, "primary": primary, "group": group, "variants": variants, "approval": approval,
        "allow": [{"rule": a.rule, "reason": a.reason, "approved_by": a.approved_by} for a in reply.allow],
    }
