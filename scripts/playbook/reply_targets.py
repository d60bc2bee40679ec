"""Where each text of a reply gets pasted: the default text, then one variant per platform, in each language.

The checks (lengths, links, blanks), the export and the reply cards all ask
the same questions, so the answers live here, below all of them.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import model

PUBLIC_ACTIONS = {"reply", "moderate"}  # moderate may mean "leave it and reply once"
CRISIS_TOPICS = {"emergency", "self-harm"}  # a reply for these must exist in every declared language


def reply_variants(reply: model.Reply) -> list[tuple[str, str]]:
    """(platform, raw text) pairs: the default first, then each variant."""
    return [("default", reply.text)] + list(reply.variants.items())


def default_platforms(scen: model.Scenario, rid: str, reply: model.Reply) -> list[str]:
    """Where the default text gets pasted: the channels without a variant; only "dm" when
    every outcome that uses the reply sends it privately (reply-privately).
    The same in every language: a translation has the variants the reply has."""
    users = [o for o in scen.tree.outcomes.values() if o.reply == rid]
    if users and not any(PUBLIC_ACTIONS & set(o.actions) for o in users):
        return ["dm"]
    return [p for p in scen.channels if p not in reply.variants]


def is_crisis_reply(scen: model.Scenario, rid: str) -> bool:
    """Whether an outcome about an emergency or self-harm uses this reply."""
    return any(o.reply == rid and CRISIS_TOPICS & set(o.about) for o in scen.tree.outcomes.values())


@dataclass(frozen=True)
class ReplyText:
    """One text a responder can copy: a reply's default text or variant, in one language."""

    lang: str
    platform: str        # "default" or a platform id
    title: str           # the reply's title in that language
    raw: str             # as written, placeholders unfilled
    sub: tuple           # where it is inside the reply in the YAML, e.g. ("translations", "es", "variants", "x")

    @property
    def translated(self) -> bool:
        return self.sub[0] == "translations"


def translation_text(reply: model.Reply, lang: str, platform: str):
    """A translation's text for a platform ("default" or a variant), or None when there is none."""
    tr = reply.translations.get(lang)
    if tr is None:
        return None
    return tr.text if platform == "default" else tr.variants.get(platform)


def copy_texts(reply: model.Reply, languages: list[str]) -> list[ReplyText]:
    """Every text of the reply that can be copied, platform by platform ("default" first, then each
    variant) and, within a platform, language by language (`languages`, the default first).
    A language is left out where the reply has no translation for that text; translations into
    other languages, and translated variants the reply itself lacks, are never copied (check
    reports them: PB620, PB628)."""
    default, more = languages[0], languages[1:]
    out = []
    for platform, raw in reply_variants(reply):
        sub = ("text",) if platform == "default" else ("variants", platform)
        out.append(ReplyText(default, platform, reply.title, raw, sub))
        for lang in more:
            text = translation_text(reply, lang, platform)
            if text is not None:
                tsub = ("translations", lang) + (("text",) if platform == "default" else ("variants", platform))
                out.append(ReplyText(lang, platform, reply.translations[lang].title, text, tsub))
    return out


def reply_texts(reply: model.Reply) -> list[tuple[str, str]]:
    """Every text a responder may copy from this reply, as (key, raw text): the default, each
    platform variant and each translation ("es:default", "es:x"). Keys are unique within a reply.

    The approval hash (approvals.text_hash) covers exactly these texts: a text added here
    (e.g. translations) is covered by every approval from then on."""
    out = reply_variants(reply)
    for lang, tr in reply.translations.items():
        out += [(f"{lang}:default", tr.text)] + [(f"{lang}:{p}", t) for p, t in tr.variants.items()]
    return out
