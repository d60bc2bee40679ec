"""`playbook lint [--lang LANG] [TEXT | -]`: check one hand-written draft against the compliance rules.

`--lang es` uses the rules compliance.yaml gives for Spanish texts (under
`languages: es:`); without it, the rules at the top (English). Exit 0 when
nothing is found, 1 when the draft is flagged, 2 when the rules cannot be read
(their problems are printed as `playbook check` prints them) or compliance.yaml
has no rules for that language.
"""
from __future__ import annotations

import sys

from ..compliance import UnknownLanguage, find, load_rules
from ..problems import ERROR

HELP = "check one draft reply against the compliance rules"


def format_finding(f) -> str:
    return (f"{f.rule.id} ({f.rule.severity}): {f.words!r}\n"
            f"  why: {f.rule.why}\n"
            f"  instead: {f.rule.instead}")


def run(args) -> int:
    if args.text is None or args.text == "-":
        if args.text is None and sys.stdin.isatty():
            print("playbook lint: give the draft as an argument, or '-' to read it from stdin", file=sys.stderr)
            return 2
        data = sys.stdin.buffer.read()
        text = data.decode("utf-8", errors="replace")
    else:
        text = args.text
    try:
        rules, problems = load_rules(args.dir, args.lang)
    except UnknownLanguage as exc:
        print(f"playbook lint: {exc}", file=sys.stderr)
        return 2
    errors = [p for p in problems if p.severity == ERROR]
    if errors or not rules:
        for p in errors:
            print(p.format(), file=sys.stderr)
        print(f"playbook lint: the rules in {args.dir}/compliance.yaml cannot be used; fix them first", file=sys.stderr)
        return 2
    findings = find(rules, text.strip())
    for f in findings:
        print(format_finding(f))
    if findings:
        ids = sorted({f.rule.id for f in findings})
        print(f"playbook lint: flagged ({len(findings)} finding(s): {', '.join(ids)})", file=sys.stderr)
        return 1
    print("playbook lint: no problems found", file=sys.stderr)
    return 0


def add_arguments(p) -> None:
    p.add_argument("text", nargs="?", help="the draft, or '-' to read it from stdin")
    p.add_argument("--dir", default="playbook", help="the playbook folder with compliance.yaml")
    p.add_argument("--lang", metavar="LANG", default=None,
                   help="the draft's language, e.g. es: lint with the rules compliance.yaml gives for it (default: its top rules, English)")
