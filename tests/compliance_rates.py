"""Catch rate and false-alarm rate of the compliance rules on tests/compliance_corpus.yaml.

`make rates` runs this with the Python engine; tests/test_compliance_corpus.py
runs the same corpus through the browser page and prints the same numbers.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "compliance_corpus.yaml"


def load_corpus() -> dict:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@dataclass
class Rates:
    engine: str
    caught: int = 0
    violations: int = 0
    false_alarms: int = 0
    clean: int = 0
    exact: int = 0                 # violations whose rule ids are exactly the expected ones
    mismatches: list = field(default_factory=list)

    @property
    def catch_rate(self) -> float:
        return self.caught / self.violations if self.violations else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    def summary(self) -> str:
        return (f"{self.engine}: caught {self.caught}/{self.violations} violations ({self.catch_rate:.1%}), "
                f"false alarms {self.false_alarms}/{self.clean} clean replies ({self.false_alarm_rate:.1%}), "
                f"exact rule ids {self.exact}/{self.violations}")


def measure(engine: str, rule_ids: Callable[[str], set[str]], corpus: dict | None = None) -> Rates:
    """rule_ids(text) -> the set of rule ids an engine finds in text."""
    corpus = corpus or load_corpus()
    r = Rates(engine)
    for item in corpus["violations"]:
        got = rule_ids(item["text"])
        r.violations += 1
        r.caught += bool(got)
        if got == set(item["rules"]):
            r.exact += 1
        else:
            r.mismatches.append((item["text"], sorted(item["rules"]), sorted(got)))
    for item in corpus["clean"]:
        got = rule_ids(item["text"])
        r.clean += 1
        r.false_alarms += bool(got)
        if got:
            r.mismatches.append((item["text"], [], sorted(got)))
    return r


def python_rule_ids(playbook_dir: Path = ROOT / "playbook") -> Callable[[str], set[str]]:
    from playbook.compliance import find, load_rules

    rules, problems = load_rules(str(playbook_dir))
    assert rules and not [p for p in problems if p.severity == "error"], problems
    return lambda text: {f.rule_id for f in find(rules, text.strip())}


def main() -> int:
    rates = measure("python", python_rule_ids())
    print(rates.summary())
    for text, want, got in rates.mismatches:
        print(f"  MISMATCH want {want} got {got}: {text}")
    return 0 if not rates.mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
