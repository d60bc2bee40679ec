"""The learned check: a second net under the compliance rules, trained on labelled replies.

The rules in compliance.yaml catch what their patterns describe. Replies written by
people who never saw them slip past in ways no pattern foresaw (docs/decisions/
020-learned-check.md). The learned check is a logistic regression over the words and
word pairs of a reply, trained by tools/learned_train.py on the training batches only
(tests/batches/index.yaml, `role: training`), the corpora and the bundled replies. Its
weights are data (learned_check.json, integers in hundredths), so Python and the
browser's "Check my draft" add the same integers and reach the same verdict.

It does two things, and both are explained:
- **Flag.** When no rule matches, the score reaches `flag_at` and at least two features weigh
  towards a violation, it reports one finding, rule id `resembles-known-violations`, at the
  words that weigh most, and names them.
- **Overrule.** Where a rule's words matched but the reply reads like the clean replies, its
  findings are dropped. `overrule_below` maps a rule to a score of the whole reply, and applies
  only when every finding is of such a rule (a name next to a confirmed visit is kept): the
  bundled model maps `names-the-person`, a name in a greeting of a reply that says nothing
  else of concern. `overrule_sentence_below` maps a rule to a score of the sentence it matched
  in (a sentence ends at a newline, or at . ! ? before a space): the bundled model maps the
  rules of the three families, so that a long clean reply cannot outweigh one violating
  sentence in it. Rules in neither map (hostile tone, invitations to share details, and any
  rule an organisation adds) are never overruled.

Features are read from the normalised text (compliance.normalise, accents dropped for a
language whose rules fold them): lower-case ASCII tokens `[a-z0-9]+('[a-z0-9]+)*`, each run
of digits as `0`, every token and every pair of neighbouring tokens, each counted once.
draft.js reads the same JSON and does the same.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional

RULE_ID = "resembles-known-violations"
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # on lower-case ASCII text; the same in JavaScript
DIGITS = re.compile(r"[0-9]+")
SENTENCE_END = re.compile(r"[.!?]+(?=[ \t\n\r\f\v])|\n")  # the same in JavaScript (no \s: Python's has more)
SHOWN = 3  # the words that weigh most, named in a finding
AT_LEAST = 2  # a flag needs this many features that weigh towards a violation: one word alone never flags


@dataclass(frozen=True)
class Feature:
    name: str   # "token" or "token token"
    start: int  # where it first occurs in the text
    end: int


def features(norm: str) -> dict[str, Feature]:
    """Every feature of a normalised text, with where it first occurs (text order)."""
    lower = norm.lower()  # normalised text is ASCII: the same as JavaScript's toLowerCase
    toks = [(DIGITS.sub("0", m.group()), m.start(), m.end()) for m in TOKEN.finditer(lower)]
    out: dict[str, Feature] = {}
    for i, (tok, start, end) in enumerate(toks):
        out.setdefault(tok, Feature(tok, start, end))
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            pair = tok + " " + nxt[0]
            out.setdefault(pair, Feature(pair, start, nxt[2]))
    return out


@dataclass(frozen=True)
class Weighed:
    score: int                       # bias + the weights of the features present, in hundredths
    top: tuple[tuple[Feature, int], ...]  # the present features with positive weight, heaviest first (SHOWN at most)


@dataclass(frozen=True)
class LanguageModel:
    lang: str
    bias: int
    flag_at: int
    overrule_below: dict     # rule id -> the reply's score under which its findings are dropped
    overrule_sentence_below: dict  # rule id -> the score of its finding's sentence under which it is dropped
    weights: dict

    def weigh(self, norm: str) -> Weighed:
        return weigh(self.bias, self.weights, norm)


def weigh(bias: int, weights: dict, norm: str) -> Weighed:
    """The score of a normalised text (bias + the weights of its features) and its heaviest features.

    The same as summing over features(norm), without building a Feature for every one: digits become 0
    in the whole text first (which keeps every token where it was, digits being token characters), and
    only the heaviest features are looked for in the text."""
    lower = norm.lower()
    toks = TOKEN.findall(DIGITS.sub("0", lower))
    names = set(toks)
    names.update(a + " " + b for a, b in zip(toks, toks[1:]))
    score = bias
    present = []
    get = weights.get
    for name in names:
        w = get(name)
        if w is not None:
            score += w
            if w > 0:
                present.append((name, w))
    if not present:
        return Weighed(score, ())
    present.sort(key=lambda nw: (-nw[1], nw[0]))
    present = present[:SHOWN]
    where = []  # (name, w, index of its first token, index of its last token)
    for name, w in present:
        if " " in name:
            a, b = name.split(" ", 1)
            i = next(k for k in range(len(toks) - 1) if toks[k] == a and toks[k + 1] == b)
            where.append((name, w, i, i + 1))
        else:
            i = toks.index(name)
            where.append((name, w, i, i))
    need = max(last for _, _, _, last in where)
    spans = []
    for m in TOKEN.finditer(lower):
        spans.append((m.start(), m.end()))
        if len(spans) > need:
            break
    return Weighed(score, tuple((Feature(name, spans[i][0], spans[j][1]), w) for name, w, i, j in where))


def sentence(norm: str, at: int) -> str:
    """The sentence of a normalised text that position `at` is in."""
    start, end = 0, len(norm)
    for m in SENTENCE_END.finditer(norm):
        if m.end() <= at:
            start = m.end()
        else:
            end = m.end()
            break
    return norm[start:end]


@dataclass(frozen=True)
class LearnedCheck:
    rule: dict               # id, severity, why, instead
    languages: dict          # lang -> LanguageModel
    about: dict              # what it was trained on (shown on the draft page and in the decision)

    def for_language(self, lang: str) -> Optional[LanguageModel]:
        return self.languages.get(lang)


def from_data(data: dict) -> LearnedCheck:
    langs = {lang: LanguageModel(lang, int(m["bias"]), int(m["flag_at"]), {k: int(v) for k, v in m["overrule_below"].items()},
                                 {k: int(v) for k, v in m["overrule_sentence_below"].items()},
                                 {k: int(v) for k, v in m["weights"].items()})
             for lang, m in data["languages"].items()}
    return LearnedCheck(dict(data["rule"]), langs, dict(data.get("about", {})))


@functools.cache
def bundled_data() -> dict:
    """learned_check.json as shipped with the package."""
    return json.loads(resources.files("playbook").joinpath("learned_check.json").read_text(encoding="utf-8"))


@functools.cache
def bundled() -> LearnedCheck:
    return from_data(bundled_data())


def why(weighed: Weighed) -> str:
    """A learned finding's why: the model's, and the words that weigh most (draft.js writes the same)."""
    words = ", ".join(f'"{f.name}"' for f, _ in weighed.top)
    return f"{bundled().rule['why']} The words that weigh most: {words}."
