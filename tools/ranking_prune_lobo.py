"""How much the learned ranking loses when more of its small weights are pruned, measured honestly.

For each fold (a round of triage batches), the ranking is retrained without the fold's batches
and then pruned at each threshold; the fold's posts are ranked with the whole box (danger lists,
learned screen, BM25F and the pruned model) and counted: first, in the top 3, crisis first. It also
prints the size of the pruned weights, raw and gzipped, as the index carries them.

    python tools/ranking_prune_lobo.py --folds "BQ,BR,BS;BT,BU,BV;BW,BX,BY" --below 20,25,30,40

Each fold retrains the model once (about a minute). The danger lists were tuned on every training
batch, so compare the thresholds with each other, not the counts with a held-out first run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

import learned_train  # noqa: E402
import yaml  # noqa: E402
from triage_rates import measure  # noqa: E402
from playbook import learned_check  # noqa: E402
from playbook.check import check_dir  # noqa: E402
from playbook.triage import learned_ranking  # noqa: E402
from playbook.triage.learned_screen import plain  # noqa: E402
from playbook.triage.rank import ranker_for  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", required=True, help='rounds to leave out, one at a time: "A,B,C;D,E,F"')
    ap.add_argument("--below", default="20,25,30,40", help="thresholds in hundredths, comma-separated")
    args = ap.parse_args(argv)
    folds = [f.split(",") for f in args.folds.split(";")]
    thresholds = [int(x) for x in args.below.split(",")]
    every = learned_train.training_triage_batches
    pb, _ = check_dir(str(ROOT / "playbook"))
    totals: dict[int, list[int]] = {}
    for fold in folds:
        learned_train.training_triage_batches = lambda fold=fold: [(n, p) for n, p in every() if n not in fold]
        data, _ = learned_train.ranking_examples()
        scenarios = sorted({sid for _, sid in data})
        cls = {sid: k for k, sid in enumerate(scenarios)}
        rows = [(list(learned_check.features(plain(t))), cls[sid]) for t, sid in data]
        _, weights = learned_train.train_softmax(rows, len(scenarios), learned_train.RANKING_L2)
        posts = [p for n in fold for p in yaml.safe_load((ROOT / "tests" / "batches" / "triage" / f"{n}.yaml").read_text(encoding="utf-8"))["posts"]]
        for below in thresholds:
            flat = learned_train.flat_weights(weights, below)
            learned_ranking.bundled_data = lambda m={"scenarios": scenarios, "weights": flat}: m
            r = measure(ranker_for(pb), posts, with_channel=False)
            first, top3, crisis, crisis_first = r.top1, r.top3, r.crisis, r.crisis_first
            raw = json.dumps(flat, separators=(",", ":")).encode()
            t = totals.setdefault(below, [0, 0, 0, 0, 0])
            for i, v in enumerate((first, top3, crisis_first, crisis, len(posts))):
                t[i] += v
            print(f"{','.join(fold)} below {below}: first {first}, top 3 {top3}, crisis first {crisis_first}/{crisis} "
                  f"of {len(posts)}; weights {len(raw):,} B ({len(gzip.compress(raw)):,} B gzipped)", flush=True)
    for below, (first, top3, cf, cr, n) in totals.items():
        print(f"all folds, below {below}: first {first}/{n}, top 3 {top3}/{n}, crisis first {cf}/{cr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
