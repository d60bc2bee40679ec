"""How fast the compliance guard is: `playbook check` at 1,000 scenarios, and one draft in the browser.

    python bench/compliance_bench.py [check] [browser] [--runs 5] [--site DIR]

check:   writes the 1,000-scenario synthetic playbook of `make bench` (bench/synth.py, fixed
         seed, the bundled compliance.yaml), then runs `playbook check` on it --runs times and
         prints the median wall and CPU seconds; then, in-process, the CPU seconds to compile
         the rules, to check every reply text and variant (compliance.find; identical texts
         are checked once), and per distinct text.
browser: builds the site (or uses --site), opens "Check my draft" in Debian's Chromium and
         checks every text of the compliance corpus and blind batches --runs times, each as a
         responder would (the textarea's input event, which checks and renders the findings);
         prints the median and 95th percentile milliseconds per draft, and the slowest.

It is a benchmark, not a test: it prints numbers and never fails on them.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))


def bench_check(runs: int) -> None:
    import synth

    from playbook.check import check_dir
    from playbook.compliance import compile_rules, find, reply_texts
    from playbook.placeholders import final_text

    with tempfile.TemporaryDirectory() as tmp:
        pb_dir = synth.write_playbook(os.path.join(tmp, "pb"), 1000, str(ROOT / "playbook"))
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run([str(BIN / "playbook"), "check", pb_dir], capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                print(proc.stdout[-2000:], proc.stderr[-2000:])
                raise SystemExit("playbook check failed on the synthetic playbook")
        pb, _ = check_dir(pb_dir)
        comp = pb.compliance.obj
        texts = [final_text(raw, pb.org) for s in pb.scenarios for r in s.obj.replies.values() for _, raw in reply_texts(r)]
        compile_cpu, rule_cpu = [], []
        for _ in range(runs):
            start = time.process_time()
            rules, _ = compile_rules(comp)  # fresh: nothing compiled or remembered yet
            compile_cpu.append(time.process_time() - start)
            start = time.process_time()
            for t in texts:
                find(rules, t)
            rule_cpu.append(time.process_time() - start)
        distinct = len(set(texts))
        # every text once more, with a fresh rule set and nothing remembered between texts
        rules, _ = compile_rules(comp)
        for t in texts:
            find(rules, t)  # compile the alternatives these texts need
        start = time.process_time()
        for t in set(texts):
            rules.memo.clear()
            find(rules, t)
        per_text = (time.process_time() - start) / distinct
        # the same without the learned check (decision 020): its share of the work
        import dataclasses
        alone = dataclasses.replace(rules, learned=None, memo={})
        start = time.process_time()
        for t in set(texts):
            alone.memo.clear()
            find(alone, t)
        per_text_alone = (time.process_time() - start) / distinct
    print(f"playbook check, 1,000 scenarios ({runs} runs): median {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU")
    print(f"  compliance, in-process: compiling the rules {statistics.median(compile_cpu):.2f} s CPU; checking the "
          f"{len(texts)} reply texts ({distinct} distinct) {statistics.median(rule_cpu):.2f} s CPU; "
          f"{per_text * 1e6:.0f} us per distinct text")
    print(f"  of which the learned check (learned_check: true): {(per_text - per_text_alone) * 1e6:.0f} us per distinct text "
          f"({per_text_alone * 1e6:.0f} us with the rules alone); {(per_text - per_text_alone) * distinct:.2f} s CPU for the "
          f"{distinct} distinct texts")


def all_texts() -> list[str]:
    import yaml

    from compliance_rates import load_batches

    texts = []
    for batch in load_batches():
        texts += [item["text"] for item in batch.data["violations"] + batch.data["clean"]]
    return texts


def bench_browser(runs: int, site: str | None) -> None:
    from conftest import CHROMIUM, CHROMIUM_ARGS, build_site, serve
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = os.path.join(tmp, "site")
            result = build_site(Path(site))
            if result.returncode != 0:
                raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])
        url, server = serve(Path(site))
        texts = all_texts()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page()
                requests: list[str] = []
                page.goto(url + "check-my-draft/")
                page.wait_for_selector("[data-draft][data-draft-ready]")
                page.wait_for_selector("[data-draft][data-draft-warm]", timeout=60000)
                warm = page.get_attribute("[data-draft]", "data-draft-warm")
                page.on("request", lambda r: requests.append(r.url))
                first = page.evaluate(
                    """(text) => {
                         const box = document.querySelector('[data-draft-input]');
                         box.value = text;
                         const start = performance.now();
                         box.dispatchEvent(new Event('input'));
                         return performance.now() - start; }""", texts[0])
                times = page.evaluate(
                    """([texts, runs]) => {
                         const box = document.querySelector('[data-draft-input]');
                         const out = [];
                         for (let r = 0; r < runs; r++) {
                           for (const t of texts) {
                             box.value = t;
                             const start = performance.now();
                             box.dispatchEvent(new Event('input'));
                             out.push(performance.now() - start);
                           }
                         }
                         return out; }""", [texts, runs])
                browser.close()
        finally:
            server.shutdown()
    slow = sorted(range(len(times)), key=lambda i: -times[i])[:5]
    slowest = ", ".join(f"{times[i]:.0f} ms (run {i // len(texts) + 1}, draft {i % len(texts) + 1})" for i in slow)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"browser check of one draft ({len(texts)} drafts x {runs} runs, Chromium, check and render): "
          f"median {statistics.median(times):.2f} ms, 95th percentile {p95:.2f} ms, slowest {times[-1]:.2f} ms; "
          f"the five slowest: {slowest}; first check after the page loaded {first:.1f} ms (the page compiles every regex once it "
          f"has loaded, which took {warm} ms); requests made while checking: {len(requests)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # no `choices` here: argparse checks a list default against them as one value and refuses it
    ap.add_argument("what", nargs="*", default=["check", "browser"], help="check, browser or both (default: both)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--site", help="an already built site folder (default: build one)")
    args = ap.parse_args()
    unknown = set(args.what) - {"check", "browser"}
    if unknown:
        ap.error(f"unknown part {sorted(unknown)[0]!r}: give check, browser or both")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if "check" in args.what:
        bench_check(args.runs)
    if "browser" in args.what:
        bench_browser(args.runs, args.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
