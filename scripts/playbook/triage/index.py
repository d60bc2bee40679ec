"""The ranking model, built at build time: one JSON file (triage-index.json at the site root).

BM25F (Robertson, Zaragoza, Taylor 2004): each scenario is one document with
five fields of different weight: title, keywords, summary, example posts and
outcome titles. For each term and scenario the build computes the whole BM25F
contribution, idf x saturated weighted term frequency, so that ranking a post
only adds numbers from the file: Python (rank.py) and the browser (triage.js)
do the same additions in the same order and get the same scores, bit for bit.

The file also carries what both sides need to read a post the same way (stop
words, slang, emoji, the normalisation table), the danger screen's compiled
patterns, the learned screen's weights (learned_screen.py), the learned ranking's weights
(learned_ranking.py), and per scenario its title, first question, channels, and each
example's terms and outcome (to name the outcome of the closest example).
See docs/decisions/009-triage-ranking.md.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter

from .. import model
from ..compliance import NORMALISE_TABLE
from ..load import Playbook
from ..views.common import page_url, scenario_src
from . import learned_ranking, learned_screen, text
from .danger import signals_of

VERSION = 6  # 6: the learned screen carries flag_at_beside and the crisis order (decision 025)
INDEX_PATH = "triage-index.json"

# Field weights: the words a scenario is named and searched by count most; example posts
# are written as posts arrive, so they count next; the summary and outcome titles least.
FIELDS: dict[str, float] = {"title": 2.0, "keywords": 2.5, "summary": 1.0, "examples": 1.5, "outcomes": 0.5}
K1 = 2.0          # term frequency saturation
B = 0.75          # length normalisation, every field
TYPO = {"min": 5, "weight": 0.7}          # a word not in the index may match one a single edit away
# With a channel: x (1 + listed / number of channels) on it, x (1 - unlisted) off it, and + only
# for a scenario that happens on that channel alone (a Google review, a DM to a doctor).
CHANNEL = {"listed": 0.5, "unlisted": 0.5, "only": 2.0}
FAMILY_WEIGHT = 2.0   # a family's own term (bill, scam, media…) counts this many times a word
CUE_WEIGHT = 4.0      # and twice that when a phrase cue gave it ("make an appointment", "retained counsel"):
                      # a phrase says what a post wants more surely than any one of its words
DIGITS = 4        # contributions are rounded: the file stays small, and both sides read the same numbers


def _fields(scen: model.Scenario) -> dict[str, str]:
    return {
        "title": scen.title,
        "keywords": "\n".join(scen.keywords),
        "summary": scen.summary,
        "examples": "\n".join(ex.text for ex in scen.examples),
        "outcomes": "\n".join(out.title for out in scen.tree.outcomes.values()),
    }


def stop_words(pb: Playbook) -> frozenset[str]:
    """The standard stop words, plus the organisation's own name: it is in many posts and says nothing
    of their kind. Words of the name that titles or keywords use (Health in "mental health") stay."""
    extra: set[str] = set()
    org = pb.org
    for name in ([org.name, org.short_name or ""] if org else []):
        raw = re.findall(r"[a-z0-9]+", text.fold(name))
        extra.update(raw)
        if len(raw) > 1:
            extra.add("".join(raw))  # @RiverbendHealth, as one word
    used = {w for s in pb.scenario_list() for phrase in [s.title, *s.keywords] for w in re.findall(r"[a-z0-9]+", text.fold(phrase))}
    extra -= used
    return text.STOP_WORDS | frozenset(extra)


@functools.lru_cache(maxsize=1 << 17)
def _terms(value: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The index terms of a text. Remembered per text: the live preview rebuilds the index on every save,
    and reading every scenario's fields again (the phrase cues most) was two thirds of a reload at 200
    scenarios (decision 022)."""
    return tuple(t for t, _ in text.words(value, stop))


def build(pb: Playbook) -> dict:
    """The index as plain data (what triage-index.json holds)."""
    stop = stop_words(pb)
    scens = pb.scenario_list()
    n = len(scens)
    field_terms: list[dict[str, tuple[str, ...]]] = [{f: _terms(v, stop) for f, v in _fields(s).items()} for s in scens]
    avg = {f: (sum(len(d[f]) for d in field_terms) / n if n else 0.0) for f in FIELDS}
    df: Counter = Counter()
    for d in field_terms:
        df.update({t for terms in d.values() for t in terms})
    vocab = sorted(df)
    index_of = {t: i for i, t in enumerate(vocab)}
    idf = [math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in vocab]
    postings: list[list[float]] = [[] for _ in vocab]
    for doc, d in enumerate(field_terms):
        weighted: dict[str, float] = {}
        for f, weight in FIELDS.items():
            if not d[f] or not avg[f]:
                continue
            norm = 1 - B + B * len(d[f]) / avg[f]
            for t, tf in Counter(d[f]).items():
                weighted[t] = weighted.get(t, 0.0) + weight * tf / norm
        for t in sorted(weighted, key=index_of.__getitem__):
            tfw = weighted[t]
            i = index_of[t]
            postings[i] += [doc, round(idf[i] * tfw * (K1 + 1) / (tfw + K1), DIGITS)]
    url = page_url(scenario_src("SCENARIO")).replace("SCENARIO", "{id}")
    return {
        "version": VERSION,
        "url": url + "#node-{start}",
        "normalise": {str(k): v for k, v in NORMALISE_TABLE.items()},
        "emoji": [list(p) for p in text.EMOJI],
        "slang": text.SLANG,
        "concepts": text.CONCEPTS,
        "stop": " ".join(sorted(stop)),
        "numbers": " ".join(sorted(text.NUMBERS)),
        "families": {"terms": " ".join(sorted(set(" ".join(text.CONCEPTS.values()).split()) | {f for f, _ in text.CUE_SOURCES})),
                     "weight": FAMILY_WEIGHT, "cue_weight": CUE_WEIGHT},
        "cues": [list(c) for c in text.CUE_SOURCES],
        "typo": TYPO,
        "channel": CHANNEL,
        "danger": [{"id": cs.signal.id, "kind": cs.signal.kind, "label": cs.signal.label, "scenario": cs.signal.scenario,
                    "banner": " ".join(cs.signal.banner.split()), "source": cs.source} for cs in signals_of(pb)],
        "plain": learned_screen.plain_tables(),  # how both learned models read a post
        "learned": learned_screen.index_part([s.id for s in scens]) if pb.danger and pb.danger.obj.learned_screen else None,
        "ranking": (learned_ranking.index_part([s.id for s in scens])
                    if pb.danger and pb.danger.obj.learned_ranking else None),
        "terms": vocab,
        "idf": [round(v, DIGITS) for v in idf],
        "postings": postings,
        "scenarios": [{
            "id": s.id,
            "title": s.title,
            "start": s.tree.start,
            "channels": list(s.channels),
            "outcomes": {ex.outcome: s.tree.outcomes[ex.outcome].title for ex in s.examples if ex.outcome in s.tree.outcomes},
            "examples": [[ex.outcome, sorted({index_of[t] for t in _terms(ex.text, stop)})] for ex in s.examples],
        } for s in scens],
    }


def to_json(index: dict) -> str:
    """Compact JSON; numbers as Python writes them (shortest round-trip), which JSON.parse reads back exactly."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def build_json(pb: Playbook) -> str:
    return to_json(build(pb))
