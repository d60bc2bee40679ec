"""`playbook suggest [TEXT | -] [--json] [--channel ID]`: the "What came in?" box on the command line.

Ranks the scenarios for one post with the same index and the same scoring
as the site (rank.py; triage.js is tested against it), crisis scenarios first
when the danger screen fires. Prints nothing of the post itself, and keeps
nothing. Exit 0; 2 when it was used wrongly (no text, unknown channel, no folder).
"""
from __future__ import annotations

import json
import os
import sys

from .. import model
from ..problems import ERROR

HELP = "rank the scenarios for an incoming post (crisis scenarios first)"


def _read_text(args) -> str | None:
    if args.text is None or args.text == "-":
        if args.text is None and sys.stdin.isatty():
            return None
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    return args.text


def run(args) -> int:
    from ..check import check_dir
    from ..triage.rank import ranker_for

    post = _read_text(args)
    if post is None:
        print("playbook suggest: give the post as an argument, or '-' to read it from stdin", file=sys.stderr)
        return 2
    channels = [p.value for p in model.Platform]
    if args.channel and args.channel not in channels:
        print(f"playbook suggest: unknown channel {args.channel!r}; choose one of: {', '.join(channels)}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.dir):
        print(f"playbook suggest: {args.dir}: no such folder", file=sys.stderr)
        return 2
    pb, problems = check_dir(args.dir)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        print(f"playbook suggest: warning: the playbook has {len(errors)} error(s) (run playbook check); "
              "ranking with what loaded", file=sys.stderr)
    suggestions, hits = ranker_for(pb).rank(post, args.channel)
    if args.top:
        suggestions = suggestions[:args.top]
    if args.json:
        print(json.dumps([s.as_json() for s in suggestions], ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        print(f"DANGER: {h.label} (" + ", ".join(f'"{w}"' for w in h.words) + f"): open {h.scenario} first.")
        print(f"  {h.banner}")
    if not suggestions:
        print("No scenario matches these words. Try other words, search the site, or browse all scenarios.")
    for n, s in enumerate(suggestions, 1):
        print(f"{n}. {s.scenario}  {s.score:.3f}  {s.title}")
        if s.words:
            print(f"   matched: {', '.join(s.words[:8])}")
        if s.outcome:
            print(f"   its closest example led to: {s.outcome_title} ({s.outcome})")
        print(f"   open: {s.url}")
    return 0


def add_arguments(p) -> None:
    p.add_argument("text", nargs="?", help="the post, or '-' to read it from stdin")
    p.add_argument("--json", action="store_true", help='print [{"scenario", "score", "reasons", "outcome"}, ...], best first')
    p.add_argument("--channel", help="where the post arrived (facebook, instagram, x, dm, google-reviews, ...)")
    p.add_argument("--top", type=int, default=0, help="print only the first N suggestions")
    p.add_argument("--dir", default="playbook", help="the playbook folder")
