"""The learned danger screen: a second net under danger.yaml's phrase lists (docs/decisions/020-learned-check.md).

The phrase lists catch what they name. A post that hints at a crisis in words no list
holds ("I've written the letters, the dog is going to my sister") slips past them. Under
them runs a model trained by tools/learned_train.py on the labelled posts of the training
triage batches and the examples in danger.yaml: one logistic regression per class of
crisis, over the same features as the learned compliance check (learned_check.features:
tokens and neighbouring pairs of the post with accents dropped). The weights are integers,
so rank.py and triage.js add the same numbers.

A class covers danger kinds (self-harm and medical emergency share the emergency
scenario). When a class scores `flag_at` or more, at least `at_least` words weigh towards it
(three in the bundled model), and no signal of its kinds has fired, the first signal of
danger.yaml of one of its kinds fires, with its scenario and its banner, and the words that
weigh most as its words. A missed crisis is the worst error the box can make,
so `flag_at` is set for recall (see the decision record for the rates it gives). Beside a
phrase list that has fired for another kind, a class must score `flag_at_beside` (even odds):
a threat that the violence list caught is not also read as self-harm from "tonight" and "won't".

When several crisis scenarios are put first, the crisis order decides which comes first
(docs/decisions/025-crisis-order.md): a softmax over the crisis scenarios, trained on the
crisis posts alone (learned_order.json), read exactly as the learned ranking is
(learned_ranking.read). Each such scenario is ordered by its ranking score plus `weight` times
the order model's share. The ranking score alone confused kinds when a post's other words
pulled it ("court" and "papers" towards the legal scenario in a post with a cleaned rifle).

danger.yaml turns both on with `learned_screen: true`.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Optional

from .. import learned_check
from . import learned_ranking
from ..accents import FOLD_TABLE, fold_accents
from ..compliance import OTHER_CHAR, normalise

SUFFIX = " (read from its words)"  # added to the signal's label


@functools.cache
def bundled_data() -> dict:
    """learned_crisis.json as shipped with the package."""
    return json.loads(resources.files("playbook.triage").joinpath("learned_crisis.json").read_text(encoding="utf-8"))


@functools.cache
def bundled_order() -> dict:
    """learned_order.json as shipped with the package."""
    return json.loads(resources.files("playbook.triage").joinpath("learned_order.json").read_text(encoding="utf-8"))


def index_part(scenario_ids: list[str]) -> dict:
    """What the triage index carries for triage.js: the classes, what reading a post needs, and the
    crisis order over the playbook's scenarios (in its order; None when it knows none of them)."""
    data, order = bundled_data(), bundled_order()
    return {
        "flag_at": data["flag_at"],
        "flag_at_beside": data["flag_at_beside"],
        "suffix": SUFFIX,
        "shown": learned_check.SHOWN,
        "at_least": data["at_least"],
        "classes": [{"kinds": c["kinds"], "bias": c["bias"], "weights": c["weights"]} for c in data["classes"]],
        "order": learned_ranking.index_part(scenario_ids, order, weight=order["weight"], at_least=1),
    }


def plain_tables() -> dict:
    """What triage.js needs, beside the index's normalisation table, to read a post as plain() does."""
    return {"fold": {str(k): v for k, v in FOLD_TABLE.items()}, "other": OTHER_CHAR}


def plain(post: str) -> str:
    """The post as the model reads it: accents dropped, typography plain, other characters as one."""
    return normalise(fold_accents(post))


def screen(learned: dict, signals: list[dict], fired_kinds: set[str], post: str) -> list[tuple[dict, list[str]]]:
    """(signal, words) for each class that reads as a crisis and whose kinds no signal has fired for.

    `learned` is index_part() as the index holds it; `signals` the index's danger entries, in
    danger.yaml's order (each with its id, kind, label, scenario and banner)."""
    norm = plain(post)
    out = []
    bar = max(learned["flag_at"], learned["flag_at_beside"]) if fired_kinds else learned["flag_at"]
    for cls in learned["classes"]:
        kinds = set(cls["kinds"])
        if kinds & fired_kinds:
            continue
        weighed = learned_check.weigh(cls["bias"], cls["weights"], norm)
        if weighed.score < bar or len(weighed.top) < learned["at_least"]:
            continue  # one word alone never fires (a post that only says "care" is not a crisis)
        signal: Optional[dict] = next((d for d in signals if d["kind"] in kinds), None)
        if signal is not None:
            out.append((signal, [f.name for f, _ in weighed.top]))
    return out


def order_shares(learned: dict, post: str) -> list[float]:
    """Per scenario of the index, the crisis order model's share for it (0.0 for one it does not know)."""
    return learned_ranking.read(learned["order"], plain(post))[0]
