"""Rank the scenarios for a post, from the index that index.py builds: the reference for triage.js.

1. The danger screen runs first: every signal group that fires puts its
   crisis scenario ahead of all others. Under the phrase lists, the learned
   screen (learned_screen.py) may fire a signal whose kinds none has fired for.
2. The post becomes terms (text.words, then text.cue_terms). Each distinct term, in the
   order it first appears, adds its precomputed BM25F contribution to every scenario
   that has it, times its weight: 1 for a word, 2 for a family's term, 4 when a phrase
   cue gave it (the highest weight wins when a term comes twice). A word that is not in the index, of five letters or more,
   may stand for one a single edit away (a typo): the most widespread such
   term counts, at 0.7 of its weight.
3. With a channel, scenarios on that channel gain (more when they have few
   channels), a scenario that happens on that channel alone gains a fixed
   amount even without a matched word, and scenarios not on it lose half.
4. With the learned ranking on (learned_ranking.py), each score becomes its share of the
   post's best score, plus the learned model's share for the scenario times its weight.
   A scenario that only the model suggests names the words that weigh towards it.
5. Crisis scenarios first (ordered among themselves by score, plus the crisis order model's
   share when several are first and the learned screen is on), then the rest
   by score; ties by scenario id. Only scenarios with a score above 0, or put
   first by the screen, are returned.

Each suggestion names the words that matched it and the outcome of its
closest example (the example sharing the most idf-weighted terms with the post).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import learned_ranking, learned_screen, text
from .danger import prepare


@dataclass
class DangerHit:
    id: str
    label: str
    scenario: str
    banner: str
    words: list[str]


@dataclass
class Suggestion:
    scenario: str
    title: str
    score: float
    words: list[str]                    # the post's words that matched, strongest first
    danger: list[DangerHit] = field(default_factory=list)
    outcome: Optional[str] = None       # the outcome of the closest example
    outcome_title: Optional[str] = None
    url: str = ""                       # relative to the site root, at the first question

    def reasons(self) -> list[str]:
        out = [f"danger: {h.label}: " + ", ".join(f'"{w}"' for w in h.words) for h in self.danger]
        return out + self.words

    def as_json(self) -> dict:
        return {"scenario": self.scenario, "score": self.score, "reasons": self.reasons(), "outcome": self.outcome,
                "title": self.title, "crisis": [h.id for h in self.danger], "words": self.words,
                "outcome_title": self.outcome_title, "url": self.url}


def osa_distance_is_one(a: str, b: str) -> bool:
    """Whether a and b are one insertion, deletion, substitution or swap of neighbours apart."""
    la, lb = len(a), len(b)
    if a == b or abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


class Ranker:
    def __init__(self, index: dict):
        self.index = index
        self.terms: dict[str, int] = {t: i for i, t in enumerate(index["terms"])}
        self.stop = frozenset(index["stop"].split())
        self.slang: dict[str, str] = index["slang"]
        self.concepts: dict[str, str] = index["concepts"]
        self.numbers = frozenset(index["numbers"].split())
        self.families = frozenset(index["families"]["terms"].split())
        self.cues = [(family, re.compile(source, re.IGNORECASE | re.ASCII)) for family, source in index["cues"]]
        self.danger = [(d, re.compile(d["source"], re.IGNORECASE | re.ASCII)) for d in index["danger"]]
        self.learned: Optional[dict] = index.get("learned")  # the learned screen (learned_screen.py), when on
        self.ranking: Optional[dict] = index.get("ranking")  # the learned ranking (learned_ranking.py), when on
        self.scenarios = index["scenarios"]
        self.by_length: dict[int, list[int]] = {}
        for i, t in enumerate(index["terms"]):
            if len(t) >= index["typo"]["min"] and not re.search(r"[0-9]", t):
                self.by_length.setdefault(len(t), []).append(i)

    # ---------------------------------------------------------- danger

    def screen(self, post: str) -> list[DangerHit]:
        prepared = prepare(post)
        hits = []
        for d, rx in self.danger:
            found: list[str] = []
            for m in rx.finditer(prepared):
                w = m.group(0)
                if w and w.lower() not in [f.lower() for f in found]:
                    found.append(w)
            if found:
                hits.append(DangerHit(d["id"], d["label"], d["scenario"], d["banner"], found))
        if self.learned:
            hit_ids = {h.id for h in hits}
            fired = {d["kind"] for d, _ in self.danger if d["id"] in hit_ids}
            for d, words in learned_screen.screen(self.learned, [d for d, _ in self.danger], fired, post):
                hits.append(DangerHit(d["id"], d["label"] + self.learned["suffix"], d["scenario"], d["banner"], words))
        return hits

    # ---------------------------------------------------------- terms

    def typo_match(self, term: str) -> Optional[int]:
        """The index term one edit away from `term` that most scenarios have (ties: first in the index)."""
        if len(term) < self.index["typo"]["min"] or re.search(r"[0-9]", term):
            return None
        best, best_df = None, 0
        for length in (len(term) - 1, len(term), len(term) + 1):
            for i in self.by_length.get(length, []):
                if osa_distance_is_one(term, self.index["terms"][i]):
                    df = len(self.index["postings"][i]) // 2
                    if df > best_df or (df == best_df and best is not None and i < best):
                        best, best_df = i, df
        return best

    def query(self, post: str) -> list[tuple[int, float, str]]:
        """(term index, weight, the word as written) for each distinct matched term, in order of first appearance."""
        out: list[list] = []
        where: dict[int, int] = {}
        family_weight, cue_weight = self.index["families"]["weight"], self.index["families"]["cue_weight"]
        found = [(t, raw, family_weight) for t, raw in text.words(post, self.stop, self.slang, self.concepts, self.numbers, [])]
        found += [(t, raw, cue_weight) for t, raw in text.cue_terms(post, self.cues)]
        for stemmed, raw, own_weight in found:
            i = self.terms.get(stemmed)
            weight = own_weight if stemmed in self.families else 1.0
            if i is None:
                i = self.typo_match(stemmed)
                weight = self.index["typo"]["weight"]
                if i is None:
                    continue
            if i in where:
                item = out[where[i]]
                if weight > item[1]:
                    item[1], item[2] = weight, raw
                continue
            where[i] = len(out)
            out.append([i, weight, raw])
        return [tuple(x) for x in out]

    # ---------------------------------------------------------- ranking

    def rank(self, post: str, channel: Optional[str] = None) -> tuple[list[Suggestion], list[DangerHit]]:
        hits = self.screen(post)
        terms = self.query(post)
        n = len(self.scenarios)
        scores = [0.0] * n
        parts: list[list[tuple[float, int, str]]] = [[] for _ in range(n)]
        for order, (i, weight, raw) in enumerate(terms):
            post_list = self.index["postings"][i]
            for k in range(0, len(post_list), 2):
                doc, c = post_list[k], post_list[k + 1]
                scores[doc] += c * weight
                parts[doc].append((c * weight, order, raw))
        if channel:
            ch = self.index["channel"]
            for doc, s in enumerate(self.scenarios):
                if channel in s["channels"]:
                    scores[doc] *= 1 + ch["listed"] / len(s["channels"])
                    if len(s["channels"]) == 1:
                        scores[doc] += ch["only"]
                else:
                    scores[doc] *= 1 - ch["unlisted"]
        learned_words: list[list[str]] = [[] for _ in range(n)]
        if self.ranking:
            shares, learned_words = learned_ranking.read(self.ranking, learned_screen.plain(post))
            best = max(scores, default=0.0)
            weight = self.ranking["weight"]
            for doc in range(n):
                scores[doc] = (scores[doc] / best if best > 0 else 0.0) + weight * shares[doc]
        position = {s["id"]: doc for doc, s in enumerate(self.scenarios)}
        crisis: dict[int, list[DangerHit]] = {}
        for h in hits:
            doc = position.get(h.scenario)
            if doc is not None:
                crisis.setdefault(doc, []).append(h)
        first = sorted(crisis, key=lambda d: (-scores[d], d))
        if len(first) > 1 and self.learned and self.learned.get("order"):
            order, shares = self.learned["order"], learned_screen.order_shares(self.learned, post)
            first = sorted(crisis, key=lambda d: (-(scores[d] + order["weight"] * shares[d]), d))
        rest = sorted((d for d in range(n) if scores[d] > 0 and d not in crisis), key=lambda d: (-scores[d], d))
        out = []
        for doc in first + rest:
            s = self.scenarios[doc]
            words: list[str] = []
            for _, _, raw in sorted(parts[doc], key=lambda p: (-p[0], p[1])):
                if raw not in words:
                    words.append(raw)
            if not words:
                words = learned_words[doc]
            oid = self.closest_outcome(doc, terms)
            out.append(Suggestion(s["id"], s["title"], scores[doc], words, crisis.get(doc, []), oid,
                                  s["outcomes"].get(oid) if oid else None,
                                  self.index["url"].replace("{id}", s["id"]).replace("{start}", s["start"])))
        return out, hits

    def closest_outcome(self, doc: int, terms: list[tuple[int, float, str]]) -> Optional[str]:
        best, best_score = None, 0.0
        idf = self.index["idf"]
        for oid, ex_terms in self.scenarios[doc]["examples"]:
            have = set(ex_terms)
            score = 0.0
            for i, weight, _ in terms:
                if i in have:
                    score += idf[i] * weight
            if score > best_score:
                best, best_score = oid, score
        return best


def ranker_for(pb) -> Ranker:
    """A ranker over the index exactly as the site ships it (built, written as JSON and read back)."""
    import json

    from .index import build_json

    return Ranker(json.loads(build_json(pb)))
