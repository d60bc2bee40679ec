"""Catch rate and false-alarm rate of the compliance rules, per batch.

`make rates` runs this with the Python engine. The batches are the ones listed
under `compliance:` in tests/batches/index.yaml, plus the original corpus
(tests/compliance_corpus.yaml), which counts as a training batch: the rules were
written alongside it. Training and held-out batches are printed in separate
sections, each with its recorded first run beside its current figures; only a
held-out batch's first run says how the rules do on text they have never seen.

    python tests/compliance_rates.py [--misses] [--only en-A,en-B]

--only lists misses and false alarms of those batches alone (the rates of every batch are
still printed), so that rules can be tuned on some batches while others stay unread.

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
BATCHES = ROOT / "tests" / "batches"
INDEX = BATCHES / "index.yaml"


def load_corpus() -> dict:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@dataclass
class Batch:
    name: str
    role: str              # training or held-out
    path: Path
    data: dict             # {violations: [...], clean: [...]}
    first_run: Optional[dict] = None
    written: str = ""


def load_batches(index: Path = INDEX) -> list[Batch]:
    """The original corpus first, then every compliance batch of the index, in index order."""
    batches = [Batch("corpus", "training", CORPUS, load_corpus(),
                     written="with the rules, by their author (docs/decisions/006-compliance-rules.md)")]
    entries = (yaml.safe_load(index.read_text(encoding="utf-8")) or {}).get("compliance") or {}
    for name, entry in entries.items():
        path = index.parent / entry["file"]
        batches.append(Batch(name, entry.get("role", "held-out"), path, yaml.safe_load(path.read_text(encoding="utf-8")),
                             entry.get("first_run"), entry.get("written", "")))
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


def python_rule_ids(playbook_dir: Path = ROOT / "playbook") -> Callable[[str], set[str]]:
    from playbook.compliance import find, load_rules

    rules, problems = load_rules(str(playbook_dir))
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


def report(batches: list[Batch], rule_ids: Callable[[str], set[str]], misses: bool = False,
           only: Optional[set[str]] = None) -> str:
    lines = ["Compliance rules: catch rate and false-alarm rate per batch (Python engine; "
             "the browser gives the same verdicts, see tests/test_compliance_corpus.py)"]
    sections = [("training", "Training batches: the rules were tuned on these, so their current figures prove little"),
                ("held-out", "Held-out batches: never tuned on; the first run is the honest figure")]
    for role, title in sections:
        lines += ["", f"== {title}"]
        chosen = [b for b in batches if b.role == role]
        if not chosen:
            lines.append("  (none)")
            continue
        total = Rates("total")
        for b in chosen:
            r = measure(b.name, rule_ids, b.data)
            for k in ("caught", "violations", "false_alarms", "clean"):
                setattr(total, k, getattr(total, k) + getattr(r, k))
            rel = b.path.relative_to(ROOT) if b.path.is_relative_to(ROOT) else b.path
            lines.append(f"  {b.name:8} now:       caught {_pct(r.caught, r.violations):16} false alarms {_pct(r.false_alarms, r.clean)}")
            lines.append(f"  {'':8} first run: {first_run_text(b)}")
            fams = ", ".join(f"{f} {c}/{n}" for f, (c, n) in sorted(r.by_family.items()) if f != "-")
            lines.append(f"  {'':8} {rel}" + (f"; caught by family: {fams}" if fams else ""))
            if misses and (only is None or b.name in only):
                lines += [f"      MISSED ({fam}): {t}" for t, fam in r.misses]
                lines += [f"      FALSE ALARM {ids}: {t}" for t, ids in r.alarms]
        if len(chosen) > 1:
            lines.append(f"  {'all':8} now:       caught {_pct(total.caught, total.violations):16} false alarms {_pct(total.false_alarms, total.clean)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compliance catch and false-alarm rates per batch")
    ap.add_argument("--misses", action="store_true", help="list every missed violation and every false alarm")
    ap.add_argument("--only", metavar="BATCHES", help="with --misses: list those of these batches alone (comma-separated names)")
    args = ap.parse_args(argv)
    try:
        rule_ids = python_rule_ids()
    except RuntimeError as exc:
        print(f"compliance_rates: {exc}", file=sys.stderr)
        return 2
    only = {n.strip() for n in args.only.split(",") if n.strip()} if args.only else None
    print(report(load_batches(), rule_ids, args.misses, only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
