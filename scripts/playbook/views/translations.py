"""Translations missing, for the Review status page: each reply not in every declared language."""
from __future__ import annotations

from typing import Any

from .. import languages, model
from ..model import PLATFORM_LABELS
from ..reply_targets import is_crisis_reply
from ..translations_check import missing_translations
from .common import rel, scenario_src


def missing_rows(org: model.Organization, scens: list[model.Scenario], src: str) -> dict[str, Any]:
    """{"declared": [language names] or [] without other languages, "rows": one per reply and language it lacks}."""
    others = languages.others(org)
    rows = []
    for s in sorted(scens, key=lambda s: s.title.lower()):
        for rid, reply in s.replies.items():
            for lang, gaps in missing_translations(reply, others):
                what = "the whole reply" if gaps[0] == "default" else ", ".join(f"{PLATFORM_LABELS[p]} variant" for p in gaps)
                rows.append({"href": rel(src, scenario_src(s.id)), "title": s.title, "reply": rid, "reply_title": reply.title,
                             "language": languages.name(lang), "what": what, "crisis": is_crisis_reply(s, rid)})
    return {"declared": [languages.name(lang) for lang in others], "rows": rows}
