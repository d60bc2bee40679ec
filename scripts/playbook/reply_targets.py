"""Where each text of a reply gets pasted: the default text, then one variant per platform.

The checks (lengths, links, blanks), the export and the reply cards all ask
the same questions, so the answers live here, below all of them.
"""
from __future__ import annotations

from . import model

PUBLIC_ACTIONS = {"reply", "moderate"}  # moderate may mean "leave it and reply once"


def reply_variants(reply: model.Reply) -> list[tuple[str, str]]:
    """(platform, raw text) pairs: the default first, then each variant."""
    return [("default", reply.text)] + list(reply.variants.items())


def default_platforms(scen: model.Scenario, rid: str, reply: model.Reply) -> list[str]:
    """Where the default text gets pasted: the channels without a variant; only "dm" when
    every outcome that uses the reply sends it privately (reply-privately)."""
    users = [o for o in scen.tree.outcomes.values() if o.reply == rid]
    if users and not any(PUBLIC_ACTIONS & set(o.actions) for o in users):
        return ["dm"]
    return [p for p in scen.channels if p not in reply.variants]


def reply_texts(reply: model.Reply) -> list[tuple[str, str]]:
    """Every text a responder may copy from this reply, as (key, raw text): the default, each
    platform variant and (when replies have them) each translation. Keys are unique within a reply.

    The approval hash (approvals.text_hash) covers exactly these texts: a text added here
    (e.g. translations) is covered by every approval from then on."""
    return reply_variants(reply)
