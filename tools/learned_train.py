"""Train the learned check (scripts/playbook/learned_check.py) and the learned danger screen
(scripts/playbook/triage/learned_screen.py), and write their weights.

    python tools/learned_train.py [--out PATH] [--crisis-out PATH] [--ranking-out PATH] [--order-out PATH]
                                                                        (make learned)

It also trains the learned ranking (triage/learned_ranking.py, decision 021) and the crisis
order (triage/learned_screen.py, decision 025) from the same training triage batches.

The learned danger screen learns, per class of crisis, from the posts of the triage
batches with `role: training` (a post is in a class when it is labelled `crisis: true`
and its scenario is the one danger.yaml's signals of the class's kinds put first) and
from the examples of danger.yaml's signals.

What it learns from, per language (en, es):
- every violation and clean reply of the batches with `role: training` in
  tests/batches/index.yaml, and of the corpora (tests/compliance_rates.load_batches);
- every text of the bundled replies (playbook/, as `playbook export` writes them),
  as clean: a reply the organisation has approved must not read as a violation.
Held-out batches are never read: their first runs stay honest.

How: logistic regression on the features of learned_check.features (tokens and
neighbouring pairs, present or not), stochastic gradient descent with L2, a fixed
seed and a fixed order, so the same data gives the same weights on any machine with
the same Python. The weights are written in hundredths, rounded to integers, and those
under PRUNE_BELOW dropped (they change no verdict measured in the decision record).

tests/test_learned_check.py retrains and expects the committed file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from compliance_rates import load_batches  # noqa: E402
from playbook import compliance, learned_check  # noqa: E402
from playbook.accents import fold_accents  # noqa: E402

OUT = ROOT / "scripts" / "playbook" / "learned_check.json"
CRISIS_OUT = ROOT / "scripts" / "playbook" / "triage" / "learned_crisis.json"
RANKING_OUT = ROOT / "scripts" / "playbook" / "triage" / "learned_ranking.json"
ORDER_OUT = ROOT / "scripts" / "playbook" / "triage" / "learned_order.json"
# The classes of crisis and the danger kinds each covers (self-harm and a medical emergency
# share the emergency scenario, so their posts cannot be told apart by label).
CRISIS_CLASSES = [["self-harm", "medical-emergency"], ["violence"], ["active-crisis"]]
CRISIS_L2 = 3.0
CRISIS_PRUNE_BELOW = 20  # hundredths: no verdict on any post of the triage batches changes, and the index stays small
# Score -3.0 (probability 0.05) with three words towards the class: set for recall, a missed crisis
# being the worst error of the box. In leave-one-batch-out runs over the 14 training batches A..N
# (2026-11-29, second session; the phrase lists as they are now, so A..K's figures flatter them), a
# banner of the right kind showed for 376/379 crisis posts, with 125/1171 false banners. The earlier
# settings (L2 1, score -2.5, two words) gave 373/379 and 95/1171; -3.5 gave 378/379 and 175/1171.
# (First chosen on A..G: the crisis scenario came first for 133/139 crisis posts, 107 with the phrase
# lists alone, with 24/451 false banners, 14 alone.)
# Since round 35, -4.0 (probability 0.018): run again at each held-out round's first-run model (rounds 14
# to 26, 1,170 crisis posts never trained on), -4.0 put 14 more crisis posts first than -3.0 (1,132 against
# 1,118) and 8 more posts in the top 3, for 132 more false banners over 3,510 calm posts (483 against 351)
# and 88 fewer posts first. Rounds 14 to 19 chose it; rounds 20 to 26 confirmed it (8 more first, 78 more
# false banners). -5.0 put 9 more first than -3.0 over rounds 20 to 26, with 190 more false banners
# (docs/decisions/027-learned-screen-for-recall.md; tools/screen_threshold_first_runs.py reruns it).
CRISIS_FLAG_AT = -400
# Beside a phrase list that fired for another kind, a class read from words alone must score this
# (hundredths; 0 is even odds; decision 025).
CRISIS_FLAG_AT_BESIDE = 0
CRISIS_AT_LEAST = 3
LANGUAGES = ("en", "es")
EPOCHS, RATE, SEED = 40, 0.3, 1
PRUNE_BELOW = 10          # hundredths
# Per language: the L2 strength, and the thresholds in hundredths (score 1.0: probability 0.73;
# 0.75: 0.68; -0.5: 0.38; -1.0: 0.27): flag at; overrule a name in a greeting below (the whole reply's score);
# overrule a rule of the three families below (the score of the sentence it matched in). Chosen by
# leave-one-batch-out runs over the training batches, with each batch's rules verdicts as they were
# on its first run (docs/decisions/020-learned-check.md).
SETTINGS = {
    "en": {"l2": 2.0, "flag_at": 75, "names_below": -50, "sentence_below": -100},
    "es": {"l2": 4.0, "flag_at": 75, "names_below": -100, "sentence_below": -100},
}
# A name in a greeting is overruled on the whole reply's score. The rules of the three families are
# overruled only on the score of the sentence they matched in: a long clean reply would outweigh one
# violating sentence in it ("Welcome back!" before a model redirect). hostile-tone and
# invites-details-in-public are never overruled, nor is any rule an organisation adds.
FAMILY_RULES = ["confirms-care-relationship", "discloses-clinical-details", "discloses-payment-details",
                "discloses-records", "explains-their-visit", "gives-medical-advice", "mentions-adherence",
                "mentions-date-of-service", "presumes-appointment-or-device"]


def overrules(lang: str) -> dict[str, int]:
    return {"names-the-person": SETTINGS[lang]["names_below"]}


def sentence_overrules(lang: str) -> dict[str, int]:
    return {rule: SETTINGS[lang]["sentence_below"] for rule in FAMILY_RULES}
RULE = {
    "id": learned_check.RULE_ID,
    "severity": "warning",
    "why": ("No rule matched, but this reads like the replies that confirmed someone is a patient, disclosed their "
            "information or gave medical advice in the labelled examples the learned check was trained on."),
    "instead": ("Say nothing about the person, their care, their health or their visit, and give no advice: thank them, "
                "and move the conversation offline (patient relations, their own provider, 911 or 988)."),
}


def bundled_texts(lang: str) -> list[str]:
    from playbook.export import export_rows
    from playbook.load import load_playbook
    pb = load_playbook(str(ROOT / "playbook"))
    return sorted({row["text"] for row in export_rows(pb) if row["language"] == lang})


def examples(lang: str) -> tuple[list[tuple[str, int]], list[str]]:
    """(text, label) pairs in a fixed order, and the names of the batches they come from."""
    out: list[tuple[str, int]] = []
    names = []
    for b in load_batches():
        if b.role != "training" or b.language != lang:
            continue
        names.append(b.name)
        out += [(v["text"].strip(), 1) for v in b.data.get("violations") or []]
        out += [((c["text"] if isinstance(c, dict) else c).strip(), 0) for c in b.data.get("clean") or []]
    out += [(t, 0) for t in bundled_texts(lang)]
    return out, names


def feature_names(text: str, lang: str) -> list[str]:
    norm = compliance.normalise(fold_accents(text) if lang != "en" else text)
    return list(learned_check.features(norm))


def train(rows: list[tuple[list[str], int]], l2: float) -> tuple[float, dict[str, float]]:
    w: dict[str, float] = {}
    b = 0.0
    n = len(rows)
    order = list(range(n))
    rnd = random.Random(SEED)
    for _ in range(EPOCHS):
        rnd.shuffle(order)
        for i in order:
            feats, y = rows[i]
            z = b + sum(w.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            b -= RATE * g
            for f in feats:
                wf = w.get(f, 0.0)
                w[f] = wf - RATE * (g + l2 * wf / n)
    return b, w


def hundredths(weights: dict[str, float], prune_below: int) -> dict[str, int]:
    """The weights as integers in hundredths, sorted, without those under prune_below."""
    kept = {f: round(v * 100) for f, v in weights.items() if abs(round(v * 100)) >= prune_below}
    return dict(sorted(kept.items()))


def model(lang: str) -> tuple[dict, dict]:
    data, names = examples(lang)
    rows = [(feature_names(t, lang), y) for t, y in data]
    settings = SETTINGS[lang]
    bias, weights = train(rows, settings["l2"])
    about = {"batches": names, "violations": sum(y for _, y in data), "clean": sum(1 - y for _, y in data)}
    return {"bias": round(bias * 100), "flag_at": settings["flag_at"], "overrule_below": overrules(lang),
            "overrule_sentence_below": sentence_overrules(lang),
            "weights": hundredths(weights, PRUNE_BELOW)}, about


def training_triage_batches() -> list[tuple[str, list[dict]]]:
    """(name, posts) of each triage batch with `role: training`, in tests/batches/index.yaml's order."""
    import yaml
    index = yaml.safe_load((ROOT / "tests" / "batches" / "index.yaml").read_text(encoding="utf-8"))
    return [(name, yaml.safe_load((ROOT / "tests" / "batches" / entry["file"]).read_text(encoding="utf-8"))["posts"])
            for name, entry in (index.get("triage") or {}).items() if entry.get("role") == "training"]


def danger_signals() -> list[dict]:
    """The signals of playbook/danger.yaml, as written."""
    import yaml
    return yaml.safe_load((ROOT / "playbook" / "danger.yaml").read_text(encoding="utf-8"))["signals"]


def crisis_examples() -> tuple[list[tuple[str, str]], list[str]]:
    """(post, class key or "") in a fixed order, and the triage batches they come from."""
    signals = danger_signals()
    kind_of_scenario: dict[str, set] = {}
    for sig in signals:
        kind_of_scenario.setdefault(sig["scenario"], set()).add(sig["kind"])

    def key(kinds) -> str:
        return next((",".join(c) for c in CRISIS_CLASSES if set(c) & set(kinds)), "")

    batches = training_triage_batches()
    out = [(p["text"], key(kind_of_scenario.get(p["scenario"], ())) if p.get("crisis") else "")
           for _, posts in batches for p in posts]
    out += [(ex, key([sig["kind"]])) for sig in signals for ex in sig.get("examples") or []]
    return out, [name for name, _ in batches]


def crisis_model() -> dict:
    from playbook.triage.learned_screen import plain
    data, names = crisis_examples()
    feats = [list(learned_check.features(plain(t))) for t, _ in data]
    classes = []
    for kinds in CRISIS_CLASSES:
        k = ",".join(kinds)
        bias, weights = train([(f, int(label == k)) for f, (_, label) in zip(feats, data)], CRISIS_L2)
        classes.append({"kinds": kinds, "bias": round(bias * 100), "weights": hundredths(weights, CRISIS_PRUNE_BELOW),
                        "posts": sum(1 for _, label in data if label == k)})
    return {
        "about": {"written_by": "tools/learned_train.py (make learned); do not edit by hand",
                  "settings": {"epochs": EPOCHS, "rate": RATE, "seed": SEED, "prune_below": CRISIS_PRUNE_BELOW, "l2": CRISIS_L2},
                  "trained_on": {"batches": names, "posts": len(data)}},
        "flag_at": CRISIS_FLAG_AT,
        "flag_at_beside": CRISIS_FLAG_AT_BESIDE,
        "at_least": CRISIS_AT_LEAST,
        "classes": classes,
    }


# Which crisis scenario first when several are put first (learned_screen.py, decision 025): a
# softmax over the crisis scenarios, trained on the crisis posts alone. Settings chosen by
# leave-one-round-out runs over batches A..AR (docs/decisions/025-crisis-order.md).
ORDER_L2 = 1.0
ORDER_PRUNE_BELOW = 20  # hundredths
ORDER_WEIGHT = 2.0      # added to the ranking score: weight x the model's share


def order_examples() -> tuple[list[tuple[str, str]], list[str]]:
    """(post, crisis scenario id): the crisis posts of the training batches, then the examples of
    danger.yaml's signals under their signal's scenario; and the triage batches they come from."""
    signals = danger_signals()
    scenarios = {sig["scenario"] for sig in signals}
    batches = training_triage_batches()
    out = [(p["text"], p["scenario"]) for _, posts in batches for p in posts
           if p.get("crisis") and p["scenario"] in scenarios]
    out += [(ex, sig["scenario"]) for sig in signals for ex in sig.get("examples") or []]
    return out, [name for name, _ in batches]


def order_model() -> dict:
    from playbook.triage.learned_screen import plain
    data, names = order_examples()
    scenarios = list(dict.fromkeys(sig["scenario"] for sig in danger_signals()))  # in danger.yaml's order
    rows = [(list(learned_check.features(plain(t))), scenarios.index(sid)) for t, sid in data]
    _, weights = train_softmax(rows, len(scenarios), ORDER_L2)  # the biases are left out, as in the ranking
    return {
        "about": {"written_by": "tools/learned_train.py (make learned); do not edit by hand",
                  "settings": {"epochs": RANKING_EPOCHS, "rate": RANKING_RATE, "seed": SEED,
                               "prune_below": ORDER_PRUNE_BELOW, "l2": ORDER_L2},
                  "trained_on": {"batches": names, "posts": len(data)}},
        "scenarios": scenarios,
        "weight": ORDER_WEIGHT,
        "weights": flat_weights(weights, ORDER_PRUNE_BELOW),
    }


RANKING_L2 = 2.0
RANKING_EPOCHS, RANKING_RATE = 30, 0.2
# hundredths. 30 since round 32: leaving one round out at a time over rounds 19 to 21 (1,080 posts), 30
# instead of 20 kept the same crisis posts first (270 of 270), put 2 fewer posts first and 2 more in the
# top 3, and shrank the weights from about 400 KB to 146 KB (127 KB to 48 KB gzipped). 40 cost 11 first.
# python tools/ranking_prune_lobo.py reruns it.
RANKING_PRUNE_BELOW = 30


def ranking_examples() -> tuple[list[tuple[str, str]], list[str]]:
    """(post, scenario id) in a fixed order: the posts of the training triage batches, then the
    example posts of the bundled scenarios; and the names of the batches."""
    from playbook.load import load_playbook
    batches = training_triage_batches()
    out = [(p["text"], p["scenario"]) for _, posts in batches for p in posts]
    pb = load_playbook(str(ROOT / "playbook"))
    out += [(ex.text, s.id) for s in pb.scenario_list() for ex in s.examples]
    return out, [name for name, _ in batches]


def train_softmax(rows: list[tuple[list[str], int]], classes: int, l2: float) -> tuple[list[float], dict[str, list[float]]]:
    """Multinomial logistic regression by stochastic gradient descent, in a fixed order from a fixed seed."""
    w: dict[str, list[float]] = {}
    b = [0.0] * classes
    n = len(rows)
    order = list(range(n))
    rnd = random.Random(SEED)
    for _ in range(RANKING_EPOCHS):
        rnd.shuffle(order)
        for i in order:
            feats, y = rows[i]
            z = b[:]
            for f in feats:
                wf = w.get(f)
                if wf is not None:
                    for k in range(classes):
                        z[k] += wf[k]
            top = max(z)
            e = [math.exp(v - top) for v in z]
            total = sum(e)
            g = [v / total for v in e]
            g[y] -= 1.0
            for k in range(classes):
                b[k] -= RANKING_RATE * g[k]
            for f in feats:
                wf = w.get(f)
                if wf is None:
                    wf = w[f] = [0.0] * classes
                for k in range(classes):
                    wf[k] -= RANKING_RATE * (g[k] + l2 * wf[k] / n)
    return b, w


def flat_weights(weights: dict[str, list[float]], prune_below: int) -> dict[str, list[int]]:
    """Per feature, in name order, [class, hundredths, class, hundredths…] of the weights kept."""
    flat: dict[str, list[int]] = {}
    for f in sorted(weights):
        kept = []
        for k, v in enumerate(weights[f]):
            if abs(round(v * 100)) >= prune_below:
                kept += [k, round(v * 100)]
        if kept:
            flat[f] = kept
    return flat


def ranking_model() -> dict:
    from playbook.triage.learned_screen import plain
    data, names = ranking_examples()
    scenarios = sorted({sid for _, sid in data})
    cls = {sid: k for k, sid in enumerate(scenarios)}
    rows = [(list(learned_check.features(plain(t))), cls[sid]) for t, sid in data]
    bias, weights = train_softmax(rows, len(scenarios), RANKING_L2)
    flat = flat_weights(weights, RANKING_PRUNE_BELOW)
    return {
        "about": {"written_by": "tools/learned_train.py (make learned); do not edit by hand",
                  "settings": {"epochs": RANKING_EPOCHS, "rate": RANKING_RATE, "seed": SEED,
                               "prune_below": RANKING_PRUNE_BELOW, "l2": RANKING_L2},
                  "trained_on": {"batches": names, "posts": len(data)}},
        "scenarios": scenarios,  # the biases are learned but not kept: the ranking leaves them out (learned_ranking.py)
        "weights": flat,
    }


def build() -> dict:
    langs, about = {}, {}
    for lang in LANGUAGES:
        langs[lang], about[lang] = model(lang)
    return {
        "about": {"written_by": "tools/learned_train.py (make learned); do not edit by hand",
                  "settings": {"epochs": EPOCHS, "rate": RATE, "seed": SEED, "prune_below": PRUNE_BELOW,
                               "l2": {lang: SETTINGS[lang]["l2"] for lang in LANGUAGES}},
                  "trained_on": about},
        "rule": RULE,
        "languages": langs,
    }


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def dump_ranking(data: dict) -> str:
    """One feature a line: the file stays readable and a retrain's diff shows what moved."""
    head = {k: v for k, v in data.items() if k != "weights"}
    lines = [json.dumps(f, ensure_ascii=False) + ": " + json.dumps(v, separators=(",", ":"))
             for f, v in data["weights"].items()]
    return dump(head)[:-3] + ',\n "weights": {\n  ' + ",\n  ".join(lines) + "\n }\n}\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--crisis-out", type=Path, default=CRISIS_OUT)
    ap.add_argument("--ranking-out", type=Path, default=RANKING_OUT)
    ap.add_argument("--order-out", type=Path, default=ORDER_OUT)
    args = ap.parse_args(argv)
    ranking = dump_ranking(ranking_model())
    args.ranking_out.write_text(ranking, encoding="utf-8")
    r = json.loads(ranking)
    print(f"ranking: {len(r['scenarios'])} scenarios, {sum(len(v) // 2 for v in r['weights'].values())} weights "
          f"over {len(r['weights'])} features, from {r['about']['trained_on']['posts']} posts")
    crisis = dump(crisis_model())
    args.crisis_out.write_text(crisis, encoding="utf-8")
    for c in json.loads(crisis)["classes"]:
        print(f"crisis {'/'.join(c['kinds'])}: {len(c['weights'])} weights, bias {c['bias']}, from {c['posts']} posts")
    order = dump_ranking(order_model())
    args.order_out.write_text(order, encoding="utf-8")
    o = json.loads(order)
    print(f"crisis order: {len(o['scenarios'])} scenarios, {len(o['weights'])} features, from {o['about']['trained_on']['posts']} posts")
    text = dump(build())
    args.out.write_text(text, encoding="utf-8")
    data = json.loads(text)
    for lang, m in data["languages"].items():
        t = data["about"]["trained_on"][lang]
        print(f"{lang}: {len(m['weights'])} weights, bias {m['bias']}, from {t['violations']} violations and "
              f"{t['clean']} clean texts ({', '.join(t['batches'])} and the bundled replies)")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
