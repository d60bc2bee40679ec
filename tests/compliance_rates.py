"""Catch rate and false-alarm rate of the compliance rules, per batch.

`make rates` runs this with the Python engine. The batches are the ones listed
under `compliance:` in tests/batches/index.yaml, plus the original corpora
(tests/compliance_corpus.yaml in English, tests/compliance_corpus_es.yaml in
Spanish), which count as training batches: the rules were written alongside them.
Each batch is checked with the rules for its `language` (compliance.yaml's rules
at the top for en, those under `languages: LANG:` for another). Training and held-out batches are printed in separate
sections, each with its recorded first run beside its current figures; only a
held-out batch's first run says how the rules do on text they have never seen.

    python tests/compliance_rates.py [--misses]

Exit status: 0 when the rates were printed (they are information, not a gate),
2 when the rules cannot be loaded. tests/test_compliance_corpus.py runs the same
batches through the browser page and expects the same verdicts.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "compliance_corpus.yaml"
CORPUS_ES = ROOT / "tests" / "compliance_corpus_es.yaml"
BATCHES = ROOT / "tests" / "batches"
INDEX = BATCHES / "index.yaml"


def load_corpus(path: Path = CORPUS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Batch:
    name: str
    role: str              # training or held-out
    path: Path
    data: dict             # {violations: [...], clean: [...]}
    first_run: Optional[dict] = None
    written: str = ""
    language: str = "en"   # checked with this language's rules
    first_run_learned: Optional[dict] = None  # the first run with the learned check (decision 020)


def load_batches(index: Path = INDEX) -> list[Batch]:
    """The original corpora first (English, Spanish), then every compliance batch of the index, in index order."""
    batches = [Batch("corpus", "training", CORPUS, load_corpus(),
                     written="with the rules, by their author (docs/decisions/006-compliance-rules.md)"),
               Batch("corpus-es", "training", CORPUS_ES, load_corpus(CORPUS_ES), language="es",
                     written="with the Spanish rules, by their author (docs/decisions/017-compliance-in-other-languages.md)")]
    entries = (yaml.safe_load(index.read_text(encoding="utf-8")) or {}).get("compliance") or {}
    for name, entry in entries.items():
        path = index.parent / entry["file"]
        batches.append(Batch(name, entry.get("role", "held-out"), path, yaml.safe_load(path.read_text(encoding="utf-8")),
                             entry.get("first_run"), entry.get("written", ""), entry.get("language", "en"),
                             entry.get("first_run_learned")))
    return batches


@dataclass
class Rates:
    engine: str
    caught: int = 0
    violations: int = 0
    false_alarms: int = 0
    clean: int = 0
    exact: int = 0                 # violations (with expected rule ids) whose ids include every expected one
    with_ids: int = 0              # violations that list expected rule ids
    misses: list = field(default_factory=list)        # (text, family or expected ids)
    alarms: list = field(default_factory=list)        # (text, rule ids found)
    mismatches: list = field(default_factory=list)    # (text, expected ids, found ids): wrong verdict or expected id missing
    by_family: dict = field(default_factory=dict)     # family -> [caught, total]

    @property
    def catch_rate(self) -> float:
        return self.caught / self.violations if self.violations else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    def summary(self) -> str:
        out = (f"{self.engine}: caught {self.caught}/{self.violations} violations ({self.catch_rate:.1%}), "
               f"false alarms {self.false_alarms}/{self.clean} clean replies ({self.false_alarm_rate:.1%})")
        if self.with_ids:
            out += f", expected rule ids found {self.exact}/{self.with_ids}"
        return out


def measure(engine: str, rule_ids: Callable[[str], set[str]], corpus: dict | None = None) -> Rates:
    """rule_ids(text) -> the set of rule ids an engine finds in text."""
    corpus = corpus or load_corpus()
    r = Rates(engine)
    for item in corpus["violations"]:
        got = rule_ids(item["text"])
        r.violations += 1
        r.caught += bool(got)
        fam = r.by_family.setdefault(item.get("family", "-"), [0, 0])
        fam[0] += bool(got)
        fam[1] += 1
        want = set(item.get("rules", []))
        if not got:
            r.misses.append((item["text"], item.get("family") or sorted(want)))
        if want:
            r.with_ids += 1
            r.exact += want <= got
        if not got or not want <= got:
            r.mismatches.append((item["text"], sorted(want), sorted(got)))
    for item in corpus["clean"]:
        got = rule_ids(item["text"])
        r.clean += 1
        r.false_alarms += bool(got)
        if got:
            r.alarms.append((item["text"], sorted(got)))
            r.mismatches.append((item["text"], [], sorted(got)))
    return r


def python_rule_ids(playbook_dir: Path = ROOT / "playbook", lang: Optional[str] = None) -> Callable[[str], set[str]]:
    """rule_ids(text) with the rules for texts in `lang` (None: the rules at the top, English)."""
    from playbook.compliance import UnknownLanguage, find, load_rules

    try:
        rules, problems = load_rules(str(playbook_dir), lang)
    except UnknownLanguage as exc:
        raise RuntimeError(str(exc)) from None
    errors = [p for p in problems if p.severity == "error"]
    if not rules or errors:
        raise RuntimeError("the rules cannot be loaded:\n" + "\n".join(p.format() for p in problems))
    return lambda text: {f.rule_id for f in find(rules, text.strip())}


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.1%})" if d else "-"


def first_run_text(batch: Batch) -> str:
    fr = batch.first_run
    if not fr:
        return "not recorded"
    return (f"caught {_pct(fr['caught'], fr['violations'])}, false alarms {_pct(fr['false_alarms'], fr['clean'])}"
            f" (rules at {fr.get('rules_at', '?')})")


def report(batches: list[Batch], rule_ids: Callable[[str], Callable[[str], set[str]]], misses: bool = False) -> str:
    """rule_ids(language) -> the function that gives the rule ids found in a text of that language."""
    lines = ["Compliance rules: catch rate and false-alarm rate per batch (Python engine; "
             "the browser gives the same verdicts, see tests/test_compliance_corpus.py)"]
    sections = [("training", "Training batches: the rules were tuned on these, or the learned check trained on them, "
                             "so their current figures prove little"),
                ("held-out", "Held-out batches: never tuned on; the first run is the honest figure")]
    for role, title in sections:
        lines += ["", f"== {title}"]
        chosen = [b for b in batches if b.role == role]
        if not chosen:
            lines.append("  (none)")
            continue
        total = Rates("total")
        per_language: dict[str, Rates] = {}
        for b in chosen:
            r = measure(b.name, rule_ids(b.language), b.data)
            for t in (total, per_language.setdefault(b.language, Rates(b.language))):
                for k in ("caught", "violations", "false_alarms", "clean"):
                    setattr(t, k, getattr(t, k) + getattr(r, k))
            rel = b.path.relative_to(ROOT) if b.path.is_relative_to(ROOT) else b.path
            lines.append(f"  {b.name:8} ({b.language}) now:       caught {_pct(r.caught, r.violations):16} false alarms {_pct(r.false_alarms, r.clean)}")
            lines.append(f"  {'':13} first run: {first_run_text(b)}")
            if b.first_run_learned:
                fr = b.first_run_learned
                lines.append(f"  {'':13} first run with the learned check: caught {_pct(fr['caught'], fr['violations'])}, "
                             f"false alarms {_pct(fr['false_alarms'], fr['clean'])} (model at {fr.get('model_at', '?')})")
            fams = ", ".join(f"{f} {c}/{n}" for f, (c, n) in sorted(r.by_family.items()) if f != "-")
            lines.append(f"  {'':13} {rel}" + (f"; caught by family: {fams}" if fams else ""))
            if misses:
                lines += [f"      MISSED ({fam}): {t}" for t, fam in r.misses]
                lines += [f"      FALSE ALARM {ids}: {t}" for t, ids in r.alarms]
        if len(per_language) > 1:
            for lang, t in per_language.items():
                lines.append(f"  {'all (' + lang + ')':13} now:       caught {_pct(t.caught, t.violations):16} false alarms {_pct(t.false_alarms, t.clean)}")
        if len(chosen) > 1:
            lines.append(f"  {'all':13} now:       caught {_pct(total.caught, total.violations):16} false alarms {_pct(total.false_alarms, total.clean)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compliance catch and false-alarm rates per batch")
    ap.add_argument("--misses", action="store_true", help="list every missed violation and every false alarm")
    ap.add_argument("--only", default="", help="comma-separated batch names (default: every batch)")
    args = ap.parse_args(argv)
    batches = load_batches()
    if args.only:
        names = set(args.only.split(","))
        batches = [b for b in batches if b.name in names]
    engines: dict[str, Callable[[str], set[str]]] = {}
    try:
        for b in batches:
            if b.language not in engines:
                engines[b.language] = python_rule_ids(lang=b.language)
    except RuntimeError as exc:
        print(f"compliance_rates: {exc}", file=sys.stderr)
        return 2
    print(report(batches, engines.__getitem__, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
