"""Languages: which ones a playbook declares, and the organisation's words in each.

organization.yaml may list `languages: [en, es]`; the first is the default,
the language of every reply's own text. Without the list there is one
language, English, and everything works as before (and the export has no
`language` field). A contact may give its name, role and hours per language,
so that `{contacts.ID.hours}` in a Spanish reply reads in Spanish.
"""
from __future__ import annotations

from typing import Optional

from . import model
from .model import LANGUAGE_NAMES

DEFAULT = "en"  # when organization.yaml declares no languages


def declared(org: Optional[model.Organization]) -> list[str]:
    """The playbook's languages, the default first; each once (a repeat is PB631)."""
    if org is None or not org.languages:
        return [DEFAULT]
    return list(dict.fromkeys(org.languages))


def is_declared(org: Optional[model.Organization]) -> bool:
    """Whether organization.yaml lists languages: then every export row says its language."""
    return org is not None and org.languages is not None


def default_language(org: Optional[model.Organization]) -> str:
    return declared(org)[0]


def others(org: Optional[model.Organization]) -> list[str]:
    """The declared languages replies are translated into."""
    return declared(org)[1:]


def name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


_orgs: dict[tuple[int, str], tuple[model.Organization, model.Organization]] = {}
TRANSLATED = ("name", "role", "hours")


def _translated(contact, lang: str, fields_set: bool = False):
    """A contact (or a location's override of one) with its words in `lang` where it gives them."""
    tr = contact.translations.get(lang)
    changes = {f: getattr(tr, f) for f in TRANSLATED if tr and getattr(tr, f) is not None}
    if not changes:
        return contact
    out = contact.model_copy(update=changes)
    if fields_set:  # a location's override: the translated fields now count as written there
        out.__pydantic_fields_set__ = set(contact.model_fields_set) | set(changes)
    return out


def org_in(org: model.Organization, lang: str) -> model.Organization:
    """The organisation as a text in `lang` sees it: contacts' names, roles and hours in that language
    where organization.yaml gives them, everything else as it is. Locations keep their overrides,
    translated where they give a translation: a location's own value (say, its hours in English)
    comes before the organisation's translation, because it is the one that is right there."""
    has = any(lang in c.translations for c in org.contacts.values()) or any(
        lang in lc.translations for loc in org.locations for lc in loc.contacts.values())
    if not has:
        return org
    key = (id(org), lang)
    if key not in _orgs:
        contacts = {cid: _translated(c, lang) for cid, c in org.contacts.items()}
        locations = [loc.model_copy(update={"contacts": {cid: _translated(lc, lang, True) for cid, lc in loc.contacts.items()}})
                     for loc in org.locations]
        if len(_orgs) > 64:
            _orgs.clear()
        _orgs[key] = (org, org.model_copy(update={"contacts": contacts, "locations": locations}))  # keeps org alive
    return _orgs[key][1]
