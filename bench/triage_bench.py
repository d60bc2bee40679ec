"""The "What came in?" box at scale: index size at 18 and 1,000 scenarios, and suggestion latency on a phone.

    .venv/bin/python bench/triage_bench.py [--posts N] [--throttle R]

1. Index size: triage-index.json of the bundled playbook (18 scenarios), and of
   a playbook of 1,000 (the 18 bundled ones, their danger.yaml, and 982
   synthetic scenarios from bench/synth.py), raw and gzipped.
2. Latency: the bundled site is built once, its triage-index.json swapped for
   the 1,000-scenario one (the box's work depends only on the index), and the
   "What came in?" page opened in Chromium at 375 x 740. For each post, all
   but its last character are filled in, then the last is typed as a key
   press; the time from that keydown to the suggestions being in the page,
   and to the next frame, is measured in the page. Medians are printed, with
   the CPU as it is and slowed down R times (default 4, a mid-range phone).

Posts: the blind batches' posts and the scenarios' examples. Prints a table; writes nothing.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import synth  # noqa: E402
import yaml  # noqa: E402

from playbook.check import check_dir  # noqa: E402
from playbook.triage.index import build_json  # noqa: E402


def playbook_of(n: int, work: str) -> str:
    bundled = os.path.join(ROOT, "playbook")
    out = synth.write_playbook(os.path.join(work, f"playbook-{n}"), n - 18, bundled)
    for name in sorted(os.listdir(os.path.join(bundled, "scenarios"))):
        shutil.copy(os.path.join(bundled, "scenarios", name), os.path.join(out, "scenarios", name))
    shutil.copy(os.path.join(bundled, "danger.yaml"), os.path.join(out, "danger.yaml"))
    return out


def index_of(folder: str) -> tuple[bytes, int]:
    pb, problems = check_dir(folder)
    errors = [p for p in problems if p.severity == "error"]
    assert not errors, errors[:3]
    data = build_json(pb).encode("utf-8")
    return data, len(pb.scenarios)


def posts(limit: int) -> list[str]:
    out = []
    folder = os.path.join(ROOT, "tests", "batches", "triage")
    for name in sorted(os.listdir(folder)):
        out += [p["text"] for p in yaml.safe_load(open(os.path.join(folder, name), encoding="utf-8"))["posts"]]
    pb, _ = check_dir(os.path.join(ROOT, "playbook"))
    out += [ex.text for s in pb.scenario_list() for ex in s.examples]
    return [p for p in out if len(p) > 1][:limit]


MEASURE = """() => {
  const input = document.querySelector('[data-triage-input]');
  const results = document.querySelector('[data-triage]');
  window.__lat = [];
  let t0 = null;
  input.addEventListener('keydown', () => { t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (t0 === null) return;
    const start = t0, dom = performance.now();
    t0 = null;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push([dom - start, performance.now() - start]), 0));
  }).observe(results, {childList: true, subtree: true, characterData: true});
}"""


def latency(site_url: str, texts: list[str], throttle: float) -> tuple[list[float], list[float]]:
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = ctx.new_page()
        if throttle > 1:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        page.goto(site_url + "what-came-in/")
        page.wait_for_selector("[data-triage-loaded]", timeout=120_000)
        page.evaluate(MEASURE)
        for text in texts:
            page.fill("[data-triage-input]", text[:-1])
            page.focus("[data-triage-input]")
            page.keyboard.press("End")
            page.keyboard.type(text[-1])
            page.wait_for_function("n => window.__lat.length >= n", arg=texts.index(text) + 1, timeout=60_000)
        lat = page.evaluate("window.__lat")
        browser.close()
    return [a for a, _ in lat], [b for _, b in lat]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=60)
    ap.add_argument("--throttle", type=float, default=4.0)
    args = ap.parse_args(argv)
    from conftest import build_site, serve

    work = tempfile.mkdtemp(prefix="triage-bench-")
    try:
        small, n_small = index_of(os.path.join(ROOT, "playbook"))
        big, n_big = index_of(playbook_of(1000, work))
        print("| scenarios | triage-index.json | gzipped |")
        print("| ---: | ---: | ---: |")
        for n, data in ((n_small, small), (n_big, big)):
            print(f"| {n} | {len(data) / 1024:.0f} KB | {len(gzip.compress(data, 9, mtime=0)) / 1024:.0f} KB |")
        site = os.path.join(work, "site")
        result = build_site(__import__("pathlib").Path(site))
        assert result.returncode == 0, result.stderr[-2000:]
        with open(os.path.join(site, "triage-index.json"), "wb") as fh:
            fh.write(big)
        url, server = serve(__import__("pathlib").Path(site))
        texts = posts(args.posts)
        print(f"\nLatency from the last keystroke, {len(texts)} posts, {n_big} scenarios, 375 px page (median / 90th percentile):")
        for rate in (1.0, args.throttle):
            dom, frame = latency(url, texts, rate)
            q = lambda xs: f"{statistics.median(xs):.1f} ms / {sorted(xs)[int(len(xs) * 0.9) - 1]:.1f} ms"  # noqa: E731
            print(f"- CPU x{rate:g}: suggestions in the page {q(dom)}; next frame {q(frame)}")
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
