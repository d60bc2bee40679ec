"""How well the "What came in?" box ranks blind, labelled posts: top-1, top-3 and crisis-first recall.

The batches are listed under `triage:` in tests/batches/index.yaml, each with
its role (training: tuned on after its first run; held-out: never tuned on) and
its first run, recorded once before any tuning. This prints every batch,
training and held-out separately, with the first run beside today's figures.

- top-1: the labelled scenario is the first suggestion;
- top-3: it is among the first three (the box shows three);
- crisis first: of the posts labelled as a crisis, those whose crisis scenario is first;
- false banners: non-crisis posts on which the danger screen fired.

Ranked without a channel (the picker is optional), and again with the post's
platform as the channel. `-v` lists the posts that missed; `--only A,B` measures only those
batches (to look at some batches' misses while others stay unseen). `make rates` runs it.
Uses the Python ranking (playbook.triage.rank); the browser gives the same
ranking (tests/test_triage_browser.py checks that on every post).
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BATCHES = ROOT / "tests" / "batches"


@dataclass
class Rates:
    posts: int = 0
    top1: int = 0
    top3: int = 0
    crisis: int = 0
    crisis_first: int = 0
    calm: int = 0
    false_banners: int = 0
    misses: list = field(default_factory=list)

    def line(self) -> str:
        def pct(a, b):
            return f"{a}/{b} ({a / b:.0%})" if b else "0/0"
        return (f"top-1 {pct(self.top1, self.posts)}, top-3 {pct(self.top3, self.posts)}, "
                f"crisis first {pct(self.crisis_first, self.crisis)}, false banners {pct(self.false_banners, self.calm)}")

    def as_record(self) -> dict:
        return {"posts": self.posts, "top1": self.top1, "top3": self.top3, "crisis": self.crisis,
                "crisis_first": self.crisis_first, "false_banners": self.false_banners}


def load_batch(name: str, entry: dict) -> list[dict]:
    return yaml.safe_load((BATCHES / entry["file"]).read_text(encoding="utf-8"))["posts"]


def measure(ranker, posts: list[dict], with_channel: bool) -> Rates:
    r = Rates()
    for post in posts:
        suggestions, hits = ranker.rank(post["text"], post["platform"] if with_channel else None)
        ids = [s.scenario for s in suggestions]
        want = post["scenario"]
        r.posts += 1
        r.top1 += ids[:1] == [want]
        r.top3 += want in ids[:3]
        if post["crisis"]:
            r.crisis += 1
            r.crisis_first += ids[:1] == [want]
        else:
            r.calm += 1
            r.false_banners += bool(hits)
        if want not in ids[:3] or (post["crisis"] and ids[:1] != [want]):
            r.misses.append((want, ids[:3], post["text"]))
    return r


def ranker():
    from playbook.check import check_dir
    from playbook.triage.rank import ranker_for

    pb, _ = check_dir(str(ROOT / "playbook"))
    return ranker_for(pb)


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def first_run_line(first: dict | None, what: str = "first run") -> str:
    if not first:
        return f"{what}: not recorded"
    f = first

    def pct(a, b):
        return f"{a}/{b} ({a / b:.0%})" if b else "0/0"
    out = (f"{what} at {f['ranking_at']}: top-1 {pct(f['top1'], f['posts'])}, top-3 {pct(f['top3'], f['posts'])}, "
           f"crisis first {pct(f['crisis_first'], f['crisis'])}")
    if "with_channel" in f:
        c = f["with_channel"]
        out += f"; with channel: top-1 {pct(c['top1'], f['posts'])}, top-3 {pct(c['top3'], f['posts'])}, crisis first {pct(c['crisis_first'], f['crisis'])}"
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    index = yaml.safe_load((BATCHES / "index.yaml").read_text(encoding="utf-8")).get("triage") or {}
    if "--only" in argv:
        only = argv[argv.index("--only") + 1].split(",")
        index = {n: e for n, e in index.items() if n in only}
    rk = ranker()
    print(f"triage ranking at {commit()} (Python engine)")
    for role in ("training", "held-out"):
        names = [n for n, e in index.items() if e.get("role") == role]
        print(f"\n{role} batches:" + ("" if names else " none yet"))
        for name in names:
            entry = index[name]
            posts = load_batch(name, entry)
            plain, chan = measure(rk, posts, False), measure(rk, posts, True)
            print(f"  {name} ({entry['file']}, {len(posts)} posts)")
            print(f"    now:          {plain.line()}")
            print(f"    with channel: {chan.line()}")
            print(f"    {first_run_line(entry.get('first_run'))}")
            if entry.get("first_run_learned"):
                print(f"    {first_run_line(entry['first_run_learned'], 'first run with the learned danger screen')}, "
                      f"false banners {entry['first_run_learned']['false_banners']}")
            if verbose:
                for want, got, text in plain.misses:
                    print(f"      MISS want {want} got {got}: {text[:110]}")
                for want, got, text in chan.misses:
                    if (want, got, text) not in plain.misses:
                        print(f"      MISS with channel, want {want} got {got}: {text[:110]}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.exit(main(sys.argv[1:]))
