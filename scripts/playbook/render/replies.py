"""Copy-ready replies: each variant shown exactly as it will be pasted, with one copy button.

The text inside [data-copy-text] is the export's `text`, byte for byte
(placeholders filled, outer whitespace trimmed); the copy script copies its
textContent. Variants are tabs made of radio buttons and labels (no script
needed, works on a phone); in print every variant is shown (replies.css).
"""
from __future__ import annotations

from .. import model
from ..model import PLATFORM_LABELS
from ..placeholders import final_text
from ..textlength import LIMITS, WARN_AT, length_for, limit_for
from .html import attr, esc, text_with_blanks

# Radio groups need a name unique on the page. The same reply can appear in
# several outcomes of one tree (the first is the primary, [data-reply]; the others
# carry [data-reply-also]); count those repeats so names stay unique and the
# output stays the same from build to build.
_repeats: dict[tuple[str, str], int] = {}


def reply_variants(scen: model.Scenario, reply: model.Reply) -> list[tuple[str, str]]:
    """(platform, raw text) pairs: the default first, then each variant."""
    return [("default", reply.text)] + list(reply.variants.items())


PUBLIC_ACTIONS = {"reply", "moderate"}  # moderate may mean "leave it and reply once"


def default_platforms(scen: model.Scenario, rid: str, reply: model.Reply) -> list[str]:
    """Where the default text gets pasted: the channels without a variant; only "dm" when
    every outcome that uses the reply sends it privately (reply-privately)."""
    users = [o for o in scen.tree.outcomes.values() if o.reply == rid]
    if users and not any(PUBLIC_ACTIONS & set(o.actions) for o in users):
        return ["dm"]
    return [p for p in scen.channels if p not in reply.variants]


def platform_label(platform: str) -> str:
    return "Default" if platform == "default" else PLATFORM_LABELS[platform]


def count_html(platform: str, text: str) -> str:
    """'143 / 150' against the platform's limit, or '143 characters' where there is none."""
    n = length_for(platform, text)
    limit = limit_for(platform)
    if not limit:
        return f'<span class="pb-count" data-count="{n}">{n:,} characters</span>'
    state = "over" if n > limit else ("near" if n >= WARN_AT * limit else "ok")
    how = "weighted characters, as X counts them (links 23, emoji 2)" if LIMITS[platform].counting == "x-weighted" else "characters"
    return (f'<span class="pb-count pb-count-{state}" data-count="{n}" data-limit="{limit}" '
            f'title="{n:,} of the {limit:,} {attr(how)} {attr(PLATFORM_LABELS[platform])} allows">{n:,} / {limit:,}</span>')


def reply_html(scen: model.Scenario, rid: str, reply: model.Reply, org: model.Organization,
               primary: bool = True, group: str | None = None) -> str:
    """One reply with a tab per variant. `group` names the radio group where the caller knows a unique one."""
    hook = "data-reply" if primary else "data-reply-also"
    if group is None:
        key = (scen.id, rid)
        _repeats[key] = 0 if primary else _repeats.get(key, 0) + 1
        group = f"pb-tabs-{scen.id}-{rid}" + ("" if primary else f"-{_repeats[key]}")
    variants = reply_variants(scen, reply)
    tabs = []
    for i, (platform, raw) in enumerate(variants):
        text = final_text(raw, org)
        label = platform_label(platform)
        tab_id = f"{group}-{platform}"
        checked = " checked" if i == 0 else ""
        used_on = ""
        if platform == "default":
            others = [PLATFORM_LABELS[p] for p in default_platforms(scen, rid, reply)]
            if others:
                used_on = f' <span class="pb-used-on">for {esc(", ".join(others))}</span>'
        tabs.append(
            f'<input type="radio" class="pb-tab-input" name="{attr(group)}" id="{attr(tab_id)}" '
            f'value="{attr(platform)}" data-platform-tab="{attr(platform)}"{checked}>'
            f'<label class="pb-tab-label" for="{attr(tab_id)}">{esc(label)}</label>'
            f'<div class="pb-variant" {hook}="{attr(scen.id)}/{attr(rid)}/{attr(platform)}" data-platform="{attr(platform)}">'
            f'<p class="pb-variant-head"><span class="pb-platform">{esc(label)}</span> {count_html(platform, text)}{used_on}</p>'
            f'<div class="pb-reply-text" data-copy-text>{text_with_blanks(text)}</div>'
            f'<p class="pb-copy-row"><button type="button" class="md-button pb-copy" data-copy '
            f'aria-label="Copy the {attr(label)} reply: {attr(reply.title)}">Copy</button>'
            f'<span class="pb-copied" role="status" aria-live="polite"></span></p>'
            f"</div>"
        )
    single = " pb-tabs-single" if len(variants) == 1 else ""
    from .allowances import allowances_html  # reviewed compliance exceptions (issue 5)
    return (f'<div class="pb-reply" data-reply-id="{attr(rid)}">'
            f'<p class="pb-reply-title"><strong>Reply: {esc(reply.title)}</strong></p>'
            + allowances_html(reply) +
            f'<div class="pb-tabs{single}" role="group" aria-label="Versions of this reply by platform">'
            + "".join(tabs) + "</div></div>")
