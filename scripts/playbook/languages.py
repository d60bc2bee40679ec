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


def org_in(org: model.Organization, lang: str) -> model.Organization:
    """The organisation as a text in `lang` sees it: contacts' names, roles and hours in that language
    where organization.yaml gives them, everything else as it is."""
    if not any(lang in c.translations for c in org.contacts.values()):
        return org
    key = (id(org), lang)
    if key not in _orgs:
        contacts = {}
        for cid, c in org.contacts.items():
            tr = c.translations.get(lang)
            changes = {f: getattr(tr, f) for f in ("name", "role", "hours") if tr and getattr(tr, f) is not None}
            contacts[cid] = c.model_copy(update=changes) if changes else c
        if len(_orgs) > 64:
            _orgs.clear()
        _orgs[key] = (org, org.model_copy(update={"contacts": contacts}))  # keeps org alive, so its id is not reused
    return _orgs[key][1]
