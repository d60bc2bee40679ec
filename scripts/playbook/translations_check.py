"""Checks on translated replies: every translation holds to what the original holds to.

A translation must be into a language organization.yaml declares (PB620), and
mirror the reply: one text for the default and for each variant the reply has,
none for a platform the reply has no variant for (PB628). A missing one is a
warning (PB621), listed on the Review status page, except in a reply that an
outcome about an emergency or self-harm uses: a crisis reply must exist in every
declared language (PB622). Each translated text keeps the original's
placeholders and as many [blanks] (PB623, PB624), and is measured as it will be
pasted, in its language (contacts' hours in that language, see
languages.org_in), with the counting and limits of replies_check: a variant for
its platform (PB625), the default text for every channel it is pasted on
without a variant (PB626), and no link where links are not clickable (PB627).
There is no "near the limit" warning as for the original (PB601): translations
run longer, and a warning on a text that fits would only be noise; the limit
itself is checked at every build. (docs/decisions/015-languages.md)
Compliance rules and redirects are checked per language in compliance.py.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from . import languages, placeholders
from .load import Loaded, Playbook
from .model import PLATFORM_LABELS
from .problems import Problem
from .reply_targets import copy_texts, default_platforms, is_crisis_reply
from .textlength import LIMITS, has_url, length_for, limit_for


def missing_translations(reply, langs: list[str]) -> list[tuple[str, list[str]]]:
    """(language, platforms without a text in it) for each language in `langs` the reply is not fully
    translated into; "default" stands for the default text. An empty platform list never occurs."""
    out = []
    for lang in langs:
        tr = reply.translations.get(lang)
        if tr is None:
            out.append((lang, ["default"] + list(reply.variants)))
            continue
        gaps = [p for p in reply.variants if p not in tr.variants]
        if gaps:
            out.append((lang, gaps))
    return out


def _at(ids: list, variants: int) -> str:
    """' at location 'x'' when the text differs between locations, else nothing (as replies_check says it)."""
    return f" at location {', '.join(repr(i) for i in ids)}" if variants > 1 else ""


def _which(rid: str, lang: str, platform: str) -> str:
    part = "default text" if platform == "default" else f"{PLATFORM_LABELS[platform]} variant"
    return f"reply {rid!r} ({languages.name(lang)} {part})"


def check_translations(pb: Playbook, item: Loaded) -> Iterable[Problem]:
    scen, doc, org = item.obj, item.doc, pb.org
    if org is None:
        return
    langs = languages.declared(org)
    others = langs[1:]

    def at(loc, code, msg, hint="", key=False):
        line, col = doc.where_key(loc) if key else doc.where(loc)
        return Problem(doc.path, line, col, code, msg, hint)

    for rid, reply in scen.replies.items():
        base = ("replies", rid)
        for lang, tr in reply.translations.items():
            if lang not in others:
                why = "is the default language" if lang == langs[0] else "is not declared"
                yield at(base + ("translations", lang), "PB620",
                         f"reply {rid!r} has a translation into {languages.name(lang)} ({lang}), which {why} in organization.yaml",
                         f"organization.yaml declares languages: [{', '.join(langs)}]; add {lang} there or remove this translation"
                         if lang != langs[0] else "the reply's own text is in the default language; remove this translation", key=True)
            for platform in tr.variants:
                if platform not in reply.variants:
                    yield at(base + ("translations", lang, "variants", platform), "PB628",
                             f"reply {rid!r} has a {languages.name(lang)} {PLATFORM_LABELS[platform]} variant, but no {PLATFORM_LABELS[platform]} variant of its own",
                             f"add a {platform} variant to the reply too, or remove this one (a translation mirrors the reply's variants)", key=True)
        crisis = is_crisis_reply(scen, rid)
        for lang, gaps in missing_translations(reply, others):
            whole = gaps[0] == "default"
            what = "no translation" if whole else "no translation of its " + ", ".join(f"{PLATFORM_LABELS[p]}" for p in gaps) + " variant" + ("s" if len(gaps) > 1 else "")
            loc = base if whole else base + ("translations", lang)
            if crisis:
                yield at(loc, "PB622", f"reply {rid!r} is used for an emergency or self-harm but has {what} into {languages.name(lang)}",
                         "a crisis reply must exist in every declared language", key=True)
            else:
                yield at(loc, "PB621", f"reply {rid!r} has {what} into {languages.name(lang)}",
                         f"add translations: {{{lang}: …}} (it is listed on the Review status page until then)", key=True)
        yield from _same_slots(doc, rid, reply, langs)
        yield from _as_pasted(doc, scen, rid, reply, org, langs)


def _same_slots(doc, rid, reply, langs) -> Iterable[Problem]:
    """Each translated text has the original's placeholders (as many of each) and as many [blanks]."""
    originals = {t.platform: t.raw for t in copy_texts(reply, langs[:1])}
    for t in copy_texts(reply, langs):
        if not t.translated:
            continue
        loc = ("replies", rid) + t.sub
        src = originals[t.platform]
        want = Counter(m.group(0) for m in placeholders.PLACEHOLDER.finditer(src))
        got = Counter(m.group(0) for m in placeholders.PLACEHOLDER.finditer(t.raw))
        if want != got:
            extra = sorted((got - want).elements())
            lost = sorted((want - got).elements())
            parts = ([f"adds {', '.join(extra)}"] if extra else []) + ([f"lacks {', '.join(lost)}"] if lost else [])
            first = next((m for m in placeholders.PLACEHOLDER.finditer(t.raw) if m.group(0) in extra), None)
            line, col = doc.text_position(loc, first.start(), t.raw) if first else doc.where(loc)
            yield Problem(doc.path, line, col, "PB623", f"{_which(rid, t.lang, t.platform)} {' and '.join(parts)}, unlike the original",
                          "a translation keeps every placeholder of the text it translates, as often")
        n_src = len(placeholders.BLANK.findall(src))
        blanks = list(placeholders.BLANK.finditer(t.raw))
        if len(blanks) != n_src:
            spot = blanks[n_src] if len(blanks) > n_src else None
            line, col = doc.text_position(loc, spot.start(), t.raw) if spot else doc.where(loc)
            yield Problem(doc.path, line, col, "PB624",
                          f"{_which(rid, t.lang, t.platform)} has {len(blanks)} [blank{'s' if len(blanks) != 1 else ''}] to fill in; the original has {n_src}",
                          "translate each blank, and keep their number: the responder fills in each one")


def _as_pasted(doc, scen, rid, reply, org, langs) -> Iterable[Problem]:
    """Lengths and links of each translated text as it will be pasted, in its language."""
    for t in copy_texts(reply, langs):
        if not t.translated:
            continue
        loc = ("replies", rid) + t.sub
        texts = placeholders.final_texts(t.raw, languages.org_in(org, t.lang))  # one per location where they differ
        is_default = t.platform == "default"
        which = _which(rid, t.lang, t.platform)
        platforms = default_platforms(scen, rid, reply) if is_default else [t.platform]
        for platform in platforms:
            name, limit = PLATFORM_LABELS[platform], limit_for(platform)
            if not limit:
                continue
            n, at = max((length_for(platform, text), _at(ids, len(texts))) for text, ids in texts)
            unit = "weighted characters" if LIMITS[platform].counting == "x-weighted" else "characters"
            if n > limit and is_default:
                yield Problem(doc.path, *doc.where(loc), "PB626", f"{which} is {n} {unit}{at} but {name} allows {limit}; it is what gets copied on {name} in {languages.name(t.lang)}",
                              f"add a variant for {platform} to the reply and to its translations, of at most {limit} {unit}")
            elif n > limit:
                yield Problem(doc.path, *doc.where(loc), "PB625", f"{which} is {n} {unit}{at}; {name} allows {limit}", f"shorten it by {n - limit}")
        no_links = [PLATFORM_LABELS[p] for p in platforms if not LIMITS[p].links_clickable]
        if no_links and any(has_url(text) for text, _ in texts):
            where = " and ".join(no_links)
            yield Problem(doc.path, *doc.where(loc), "PB627", f"{which} has a link, but links in {where} comments are not clickable",
                          f"add a variant for {where} that says where to find the link" if is_default else "say where to find the link instead (e.g. \"enlace en nuestra biografía\")")


def check_languages(pb: Playbook) -> Iterable[Problem]:
    """organization.yaml: each language once; contacts translated only into declared languages; a location that
    changes a translated field of a contact (its hours, say) translates it too (PB630, a warning: until then
    texts in that language show the location's value as written)."""
    if not pb.org or not pb.organization:
        return
    org, doc = pb.org, pb.organization.doc
    seen: set[str] = set()
    for i, lang in enumerate(org.languages or []):
        if lang in seen:
            line, col = doc.where(("languages", i))
            yield Problem(doc.path, line, col, "PB629", f"language {lang!r} is listed twice in languages", "list each language once, the default first")
        seen.add(lang)
    others = languages.others(org)
    for i, loc in enumerate(org.locations):
        for cid, override in loc.contacts.items():
            base = org.contacts.get(cid)
            if base is None:
                continue
            for lang in others:
                tr = base.translations.get(lang)
                own = override.translations.get(lang)
                for f in languages.TRANSLATED:
                    if tr is not None and getattr(tr, f) is not None and f in override.model_fields_set and getattr(override, f) is not None \
                            and (own is None or getattr(own, f) is None):
                        line, col = doc.where(("locations", i, "contacts", cid, f))
                        yield Problem(doc.path, line, col, "PB630",
                                      f"location {loc.id!r} changes {cid}'s {f}, which has a {languages.name(lang)} translation, but gives none of its own; "
                                      f"{languages.name(lang)} texts there show {getattr(override, f)!r}",
                                      f"add translations: {{{lang}: {{{f}: …}}}} under this contact of the location")
    translated = [(("contacts", cid), cid, c) for cid, c in org.contacts.items()]
    translated += [(("locations", i, "contacts", cid), cid, c) for i, loc in enumerate(org.locations) for cid, c in loc.contacts.items()]
    for where, cid, contact in translated:
        for lang in contact.translations:
            if lang not in others:
                line, col = doc.where_key(where + ("translations", lang))
                yield Problem(doc.path, line, col, "PB620", f"contact {cid!r} has a translation into {languages.name(lang)} ({lang}), which is not one of the other languages organization.yaml declares",
                              f"languages: [{', '.join(languages.declared(org))}]")
