"""The learned ranking: a model of which scenario a post is about, added to BM25F's score
(docs/decisions/021-learned-ranking.md).

BM25F (index.py) knows a scenario by the words its title, keywords, summary and example posts
use. Posts written by people who never saw those words miss it in ways no keyword list
foresees: "can u move my thing on tues" names no appointment. Under it runs a model trained by
tools/learned_train.py on the labelled posts of the training triage batches and the example
posts of the bundled scenarios: one multinomial logistic regression (softmax) over the
scenarios, on the same features as the learned check (learned_check.features: tokens and
neighbouring pairs of the post with accents dropped). The weights are integers in hundredths,
so rank.py and triage.js add the same numbers.

How it adds to the ranking, per post:
1. Each scenario the model knows scores the weights of the post's features (integers). The
   best of them is `top`. The model's biases (how common each scenario was among the training
   posts) are left out: the share of the training posts that were rants says nothing about
   this post, and with them the box put calm posts under "negative comment" and missed crisis
   posts more often (the decision record has the figures). A post with fewer than `at_least` features the model
   knows gets no learned part at all (a post of unknown words is not about the likeliest
   scenario of the training posts).
2. A scenario `d` hundredths under `top` weighs `table[d // step]` (exp(-d/100), written in the
   index as numbers so that both sides read the same floats); `d` past the table weighs
   nothing. Its share is its weight over the sum of all the weights: the model's probability
   for it. A short or vague post spreads the shares thin, and the words decide.
3. Its final score is its BM25F score divided by the best BM25F score of the post, plus
   `weight` times that share.

The model knows scenarios by id. A scenario it does not know (an organisation's own) gets no
share, and its BM25F part counts as before. danger.yaml turns it on with
`learned_ranking: true`; an organisation whose scenarios mean something else under the same
ids leaves it off, or retrains it on its own labelled posts (make learned).
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources

from .. import learned_check

WEIGHT = 2.0   # a scenario the model is sure of gains twice the best BM25F score
STEP = 5       # hundredths: the table's resolution
CUTOFF = 500   # hundredths under the best: past this (under 1/150 of the best's probability), nothing
AT_LEAST = learned_check.AT_LEAST  # features of the post the model knows
SHOWN = learned_check.SHOWN  # the words named for a scenario that only the model suggested


@functools.cache
def bundled_data() -> dict:
    """learned_ranking.json as shipped with the package."""
    return json.loads(resources.files("playbook.triage").joinpath("learned_ranking.json").read_text(encoding="utf-8"))


def index_part(scenario_ids: list[str], data: dict | None = None, weight: float = WEIGHT,
               at_least: int = AT_LEAST) -> dict | None:
    """What the triage index carries: per scenario of the playbook (in its order) whether the model
    knows it, and per feature the flat list [doc, weight, doc, weight…]; None when it knows none.
    The crisis order (learned_screen.py) is a model of the same shape, with its own weight."""
    data = data or bundled_data()
    position = {sid: doc for doc, sid in enumerate(scenario_ids)}
    docs = [position.get(sid) for sid in data["scenarios"]]  # the model's class -> the playbook's doc
    if all(doc is None for doc in docs):
        return None
    known = [False] * len(scenario_ids)
    for doc in docs:
        if doc is not None:
            known[doc] = True
    weights: dict[str, list[int]] = {}
    for feature, flat in data["weights"].items():
        mapped: list[int] = []
        for k in range(0, len(flat), 2):
            doc = docs[flat[k]]
            if doc is not None:
                mapped += [doc, flat[k + 1]]
        if mapped:
            weights[feature] = mapped
    return {"weight": weight, "step": STEP, "table": [math.exp(-d / 100) for d in range(0, CUTOFF + 1, STEP)],
            "shown": SHOWN, "at_least": at_least, "known": known, "weights": weights}


def read(part: dict, norm: str) -> tuple[list[float], list[list[str]]]:
    """Per scenario: its share (0.0 when unknown, far under the best, or when the post has too few
    features the model knows), and the features of the post
    that weigh towards it, heaviest first (SHOWN at most). `norm` is learned_screen.plain(post)."""
    known = part["known"]
    n = len(known)
    scores = [0] * n
    toward: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    present = 0
    for name in learned_check.features(norm):
        flat = part["weights"].get(name)
        if flat is None:
            continue
        present += 1
        for k in range(0, len(flat), 2):
            doc, w = flat[k], flat[k + 1]
            scores[doc] += w
            if w > 0:
                toward[doc].append((w, name))
    shares = [0.0] * n
    if present < part["at_least"]:
        return shares, [[] for _ in range(n)]
    top = max(scores[doc] for doc in range(n) if known[doc])
    table, step = part["table"], part["step"]
    for doc in (doc for doc in range(n) if known[doc]):
        slot = (top - scores[doc]) // step
        if slot < len(table):
            shares[doc] = table[slot]
    total = 0.0
    for share in shares:  # one by one in doc order, as triage.js adds them (sum() compensates from Python 3.12)
        total += share
    shares = [share / total for share in shares]
    words = [[name for _, name in sorted(t, key=lambda p: (-p[0], p[1]))[:part["shown"]]] for t in toward]
    return shares, words
