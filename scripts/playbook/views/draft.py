"""The "Check my draft" page: the compliance rules, compiled at build time, run in the browser.

The rules travel inside the page as JSON (<script type="application/json">);
draft.js reads them, checks what the responder types, and highlights the
findings. Nothing typed leaves the page: there is no form, no request and no storage.

Every language compliance.yaml has rules for travels in the JSON (`languages`,
the language of the rules at the top first); the responder picks the draft's
language with a switch ([data-draft-lang]), English by default. A vocabulary
class is shipped once: classes at the top in `vocab`, a language's own classes
in that language's `vocab`.

Without JavaScript the page still lists every rule with its why and what to
write instead, language by language, and points to `playbook lint`.
"""
from __future__ import annotations

from typing import Any

from .. import languages, learned_check, model
from ..accents import FOLD_TABLE
from ..compliance import NORMALISE_TABLE, OTHER_CHAR, compiled_all, rule_languages
from .common import front

SRC = "check-my-draft.md"


def _own_classes(comp: model.Compliance, lang: str) -> set[str]:
    more = comp.languages.get(lang) if lang != comp.language else None
    return set(more.vocabulary) - set(comp.vocabulary) if more else set()


def rules_data(comp: model.Compliance) -> dict[str, Any]:
    """The compiled rules of every language, as the browser's checker reads them."""
    rulesets, _ = compiled_all(comp)
    shared: dict[str, str] = {}
    langs = []
    for lang, ruleset in rulesets.items():
        own = _own_classes(comp, lang)
        mine: dict[str, str] = {}
        for ref, source in ruleset.vocab.items():
            (mine if own & set(ref.split(",")) else shared)[ref] = source
        langs.append({
            "id": lang,
            "name": languages.name(lang),
            "fold": ruleset.fold,  # drop accents first (accents.fold_accents)
            "vocab": dict(sorted(mine.items())),
            "rules": [{"id": r.id, "severity": r.rule.severity, "source": r.source,
                       "why": r.rule.why, "instead": r.rule.instead} for r in ruleset.rules],
            "exemptions": [{"id": e.id, "rules": list(e.exemption.rules), "source": e.source} for e in ruleset.exemptions],
            # the learned check for this language, when compliance.yaml turns it on (learned_check.py)
            "learned": None if ruleset.learned is None else {
                "bias": ruleset.learned.bias, "flag_at": ruleset.learned.flag_at,
                "overrule_below": ruleset.learned.overrule_below,
                "overrule_sentence_below": ruleset.learned.overrule_sentence_below, "weights": ruleset.learned.weights},
        })
    return {
        "normalise": {str(k): v for k, v in NORMALISE_TABLE.items()},
        "other": OTHER_CHAR,  # every other character beyond ASCII (compliance.normalise)
        "fold": {str(k): v for k, v in FOLD_TABLE.items()},  # accented Latin letters -> their base letter
        # each reference once; draft.js puts it in place of {vocab:...} in the sources below (compliance.expand)
        "vocab": dict(sorted(shared.items())),
        "default": comp.language,
        "languages": langs,
        "learned": {"rule": learned_check.bundled().rule, "shown": learned_check.SHOWN, "at_least": learned_check.AT_LEAST}
        if comp.learned_check else None,
    }


def _rule_items(rules: list[model.Rule]) -> list[dict[str, Any]]:
    return [{"id": r.id, "severity": r.severity, "why": r.why, "instead": r.instead, "examples": r.phrases[:6]} for r in rules]


def draft_view(comp: model.Compliance) -> dict[str, Any]:
    langs = rule_languages(comp)
    return {
        "front": front("Check my draft", description="Check a hand-written reply against the compliance rules"),
        "rules_data": rules_data(comp),
        "languages": [{"id": lang, "name": languages.name(lang), "default": lang == comp.language} for lang in langs]
        if len(langs) > 1 else [],
        "rules": _rule_items(comp.rules),
        "more": [{"id": lang, "name": languages.name(lang), "rules": _rule_items(comp.languages[lang].rules)} for lang in langs[1:]],
        "learned": _learned_item(comp, langs),
    }


def _learned_item(comp: model.Compliance, langs: list[str]) -> dict[str, Any] | None:
    """What the page says about the learned check, when compliance.yaml turns it on."""
    if not comp.learned_check:
        return None
    check = learned_check.bundled()
    trained = check.about.get("trained_on", {})
    models = [check.for_language(lang) for lang in langs if check.for_language(lang)]
    return {
        "rule": check.rule,
        "overrules": sorted({rule for m in models for rule in m.overrule_below}),
        "overrules_in_sentence": sorted({rule for m in models for rule in m.overrule_sentence_below}),
        "languages": [{"name": languages.name(lang), "violations": trained[lang]["violations"], "clean": trained[lang]["clean"]}
                      for lang in langs if check.for_language(lang) is not None and lang in trained],
    }


def pages(pb, site) -> dict[str, str]:
    if not pb.compliance:
        return {}
    return {SRC: site.render("pages/check-my-draft.md", page=draft_view(pb.compliance.obj))}
