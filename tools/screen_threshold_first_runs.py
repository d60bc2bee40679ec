"""The learned danger screen's threshold, measured on first runs (docs/decisions/027-learned-screen-for-recall.md).

A held-out round's first run is the only honest place to measure the screen: later, the phrase lists
have been tuned on its posts. For each round given, this checks out the commit its first run was
recorded at (`first_run.ranking_at` in tests/batches/index.yaml) into a temporary git worktree, ranks
the round's posts again with only the screen's `flag_at` changed, and prints crisis first, false
banners, first and top 3 per threshold.

    python tools/screen_threshold_first_runs.py --rounds "CL,CM,CN;CO,CP,CQ" --flag-at=-300,-400,-500

It needs the repository's history (a full clone) and takes about 20 s per round and threshold. The
threshold list is given with "=" (it starts with a minus sign).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, sys
wt, batches, flags, root = sys.argv[1], sys.argv[2].split(","), [int(x) for x in sys.argv[3].split(",")], sys.argv[4]
sys.path.insert(0, wt + "/scripts")
sys.path.insert(0, root + "/tests")
import yaml
from playbook.check import check_dir
from playbook.triage import learned_screen
from playbook.triage.rank import ranker_for
from triage_rates import measure
base = learned_screen.bundled_data()
pb, _ = check_dir(wt + "/playbook")
posts = [p for b in batches for p in yaml.safe_load(open(f"{root}/tests/batches/triage/{b}.yaml", encoding="utf-8"))["posts"]]
out = {}
for flag in flags:
    model = dict(base, flag_at=flag)
    learned_screen.bundled_data = lambda m=model: m
    r = measure(ranker_for(pb), posts, with_channel=False)
    out[flag] = dict(r.as_record(), calm=r.calm, first=r.top1)
print(json.dumps(out))
"""


def main(argv=None) -> int:
    import yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", required=True, help='held-out rounds, each its batches: "A,B,C;D,E,F"')
    ap.add_argument("--flag-at", default="-300,-400,-500", help="thresholds in hundredths, comma-separated")
    args = ap.parse_args(argv)
    index = yaml.safe_load((ROOT / "tests" / "batches" / "index.yaml").read_text(encoding="utf-8"))["triage"]
    flags = [int(x) for x in args.flag_at.split(",")]
    totals: dict[int, dict[str, int]] = {}
    for batches in (r.split(",") for r in args.rounds.split(";")):
        commits = {index[b]["first_run"]["ranking_at"] for b in batches}
        if len(commits) != 1:
            print(f"{','.join(batches)}: first runs at different commits {sorted(commits)}", file=sys.stderr)
            return 2
        commit = commits.pop()
        with tempfile.TemporaryDirectory() as tmp:
            wt = str(Path(tmp) / "wt")
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", wt, str(commit)],
                           check=True, capture_output=True)
            try:
                done = subprocess.run([sys.executable, "-c", WORKER, wt, ",".join(batches), ",".join(map(str, flags)), str(ROOT)],
                                      check=True, capture_output=True, text=True, cwd=wt)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", wt], capture_output=True)
        for flag, c in json.loads(done.stdout).items():
            flag = int(flag)
            t = totals.setdefault(flag, {})
            for k, v in c.items():
                t[k] = t.get(k, 0) + v
            print(f"{','.join(batches)} at {commit}, flag_at {flag}: crisis first {c['crisis_first']}/{c['crisis']}, "
                  f"false banners {c['false_banners']}/{c['calm']}, first {c['first']}/{c['posts']}, top 3 {c['top3']}/{c['posts']}",
                  flush=True)
    for flag, c in totals.items():
        print(f"all rounds, flag_at {flag}: crisis first {c['crisis_first']}/{c['crisis']}, false banners "
              f"{c['false_banners']}/{c['calm']}, first {c['first']}/{c['posts']}, top 3 {c['top3']}/{c['posts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
