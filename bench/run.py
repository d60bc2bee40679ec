"""`make bench`: how the build scales, measured against the plain-Markdown floor.

For synthetic playbooks of 10, 100 and 1,000 scenarios (bench/synth.py, fixed
seed, all passing `playbook check`) it measures, as medians of several runs:
check alone, page generation alone, the full `mkdocs build` (hook included),
the floor (`mkdocs build` of the same pages written out beforehand as plain
Markdown, same theme, plugins and navigation, no hook), `zensical build` of
those pages, and the weight of the built site. Then, under `mkdocs serve` at
200 scenarios, the seconds from saving a scenario's YAML until the page is
served with the edit. Prints a table and writes it to docs/benchmarks.md.

    python bench/run.py [--sizes 10,100,1000] [--runs 5,3,2] [--serve-size 200] [--out docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import synth  # noqa: E402
import zensical_build  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed(cmd: list[str], env: dict | None = None, cwd: str = ROOT) -> float:
    """Wall-clock seconds of one command; stops the benchmark if the command fails."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout.decode()[-2000:]}\n{proc.stderr.decode()[-4000:]}")
    return seconds


def measured(cmd: list[str], env: dict | None = None, cwd: str = ROOT) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident memory (MB) of this command alone.

    GNU time reports the command's own rusage; CPU time is shown too because the
    machine may be shared, and wall time then includes waiting for a core.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as usage:
        seconds = timed(["/usr/bin/time", "-f", "%M %U %S", "-o", usage.name, *cmd], env, cwd)
        kb, user, system = usage.read().strip().splitlines()[-1].split()
    return seconds, float(user) + float(system), int(kb) / 1024


def median_of(runs: int, fn) -> tuple[float, float, float]:
    results = [fn() for _ in range(runs)]
    return tuple(statistics.median(r[i] for r in results) for i in range(2)) + (max(r[2] for r in results),)


def generation_seconds(pb_dir: str, runs: int) -> float:
    """Page generation alone, in a fresh interpreter: load and check first (not timed), then generate()."""
    code = (
        "import sys, time, statistics\n"
        "from playbook.check import check_dir\nfrom playbook.pages import generate\n"
        f"pb, _ = check_dir({pb_dir!r})\ngenerate(pb)\n"
        "times = []\n"
        f"for _ in range({runs}):\n"
        "    t = time.process_time(); generate(pb); times.append(time.process_time() - t)\n"
        "print(statistics.median(times))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"page generation failed:\n{out.stderr[-4000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def site_weight(site: str) -> dict:
    pages = sorted(os.path.getsize(os.path.join(site, "scenarios", d, "index.html"))
                   for d in os.listdir(os.path.join(site, "scenarios")) if d.startswith("bench-"))
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(site) for f in files)
    index = os.path.join(site, "search", "search_index.json")
    return {
        "page_median": statistics.median(pages), "page_max": max(pages), "pages": len(pages),
        "site": total, "search": os.path.getsize(index) if os.path.exists(index) else 0,
    }


def own_assets_gzip() -> tuple[int, int, int]:
    """The site's own JS and CSS (scripts/playbook/assets/*.js, *.css): files, raw bytes, gzipped bytes (each file gzipped)."""
    folder = os.path.join(ROOT, "scripts", "playbook", "assets")
    names = [n for n in sorted(os.listdir(folder)) if n.endswith((".js", ".css"))]
    raw = gz = 0
    for name in names:
        with open(os.path.join(folder, name), "rb") as fh:
            data = fh.read()
        raw += len(data)
        gz += len(gzip.compress(data, compresslevel=9, mtime=0))
    return len(names), raw, gz


def bench_size(n: int, runs: int, work: str, zensical: bool) -> dict:
    pb_dir = synth.write_playbook(os.path.join(work, f"playbook-{n}"), n, os.path.join(ROOT, "playbook"))
    env = dict(ENV, PLAYBOOK_DIR=pb_dir)
    row: dict = {"n": n, "runs": runs}
    print(f"-- {n} scenarios, {runs} run(s) each", file=sys.stderr, flush=True)

    row["check"], row["check_cpu"], row["check_mb"] = median_of(runs, lambda: measured([os.path.join(BIN, "playbook"), "check", pb_dir]))
    row["generate"] = generation_seconds(pb_dir, runs)

    site = os.path.join(work, f"site-{n}")
    full_cmd = [os.path.join(BIN, "mkdocs"), "build", "--strict", "--quiet", "-f", os.path.join(ROOT, "mkdocs.yml"), "-d", site]
    row["full"], row["full_cpu"], row["full_mb"] = median_of(runs, lambda: measured(full_cmd, env))
    row.update(site_weight(site))

    # The floor: the same pages on disk, the same config without the playbook plugin.
    floor_work = os.path.join(work, f"floor-{n}")
    config_file = zensical_build.prepare(pb_dir, floor_work)
    floor_site = os.path.join(work, f"floor-site-{n}")
    floor_cmd = [os.path.join(BIN, "mkdocs"), "build", "--strict", "--quiet", "-f", config_file, "-d", floor_site]
    row["floor"], row["floor_cpu"], row["floor_mb"] = median_of(runs, lambda: measured(floor_cmd, env, cwd=floor_work))
    row["floor_page_median"] = site_weight(floor_site)["page_median"]

    if zensical:
        z_cmd = [os.path.join(BIN, "zensical"), "build", "--clean", "-f", config_file]
        try:
            row["zensical"], row["zensical_cpu"], row["zensical_mb"] = median_of(runs, lambda: measured(z_cmd, env, cwd=floor_work))
        except SystemExit as exc:  # a Zensical limit is a finding, not a reason to lose the other numbers
            row["zensical_error"] = str(exc).strip().splitlines()[-1][:300]
            return _cleanup(row, site, floor_site)
        z_site = os.path.join(floor_work, "site")
        z_pages = [os.path.getsize(os.path.join(z_site, "scenarios", d, "index.html"))
                   for d in os.listdir(os.path.join(z_site, "scenarios")) if d.startswith("bench-")]
        row["zensical_page_median"] = statistics.median(z_pages)
    return _cleanup(row, site, floor_site)


def _cleanup(row: dict, *folders: str) -> dict:
    for path in folders:
        shutil.rmtree(path, ignore_errors=True)
    return row


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8", "replace")
    except OSError:
        return None


def live_reload(n: int, edits: int, work: str) -> list[float]:
    """Seconds from saving an edit to a scenario YAML until `mkdocs serve` serves the page with it."""
    pb_dir = synth.write_playbook(os.path.join(work, f"playbook-serve-{n}"), n, os.path.join(ROOT, "playbook"))
    port = _free_port()
    env = dict(ENV, PLAYBOOK_DIR=pb_dir)
    cmd = [os.path.join(BIN, "mkdocs"), "serve", "-f", os.path.join(ROOT, "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    target = f"bench-{min(7, n - 1):04d}"
    url = f"http://127.0.0.1:{port}/scenarios/{target}/"
    path = os.path.join(pb_dir, "scenarios", f"{target}.yaml")
    results = []
    try:
        deadline = time.time() + 300
        while _get(url) is None:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"mkdocs serve did not start; see {log.name}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle after the first build
        for k in range(edits):
            marker = f"Edited{k}x{int(time.time())}"
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            text = re.sub(r"^title: .*$", f"title: Someone edited this scenario {marker}", text, count=1, flags=re.M)
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            while True:
                body = _get(url)
                if body and marker in body:
                    break
                if time.perf_counter() - start > 120 or proc.poll() is not None:
                    raise SystemExit(f"the edit was never served; see {log.name}")
                time.sleep(0.05)
            results.append(time.perf_counter() - start)
            time.sleep(1.5)  # a quiet gap, as between an editor's saves
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # our own serve process group only
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    return results


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((l.split(":", 1)[1].strip() for l in fh if l.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            mem = f", {int(fh.readline().split()[1]) // 1024 // 1024} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("mkdocs", "mkdocs-material", "zensical", "pyyaml", "pydantic"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(out)


def _kb(b: float) -> str:
    return f"{b / 1024:.1f} KB"


def _mb(b: float) -> str:
    return f"{b / 1024 / 1024:.1f} MB"


def _t(row: dict, key: str) -> str:
    return f"{row[key]:.2f} s ({row[key + '_cpu']:.2f} s CPU), {row[key + '_mb']:.0f} MB"


def table(rows: list[dict], zensical: bool) -> str:
    head = "| measure | " + " | ".join(f"{r['n']:,} scenarios" for r in rows) + " |"
    lines = [head, "| --- |" + " --- |" * len(rows)]

    def add(label, fmt):
        lines.append(f"| {label} | " + " | ".join(fmt(r) for r in rows) + " |")

    add("runs (median of)", lambda r: str(r["runs"]))
    add("`playbook check`", lambda r: _t(r, "check"))
    add("page generation alone (model → Markdown, CPU)", lambda r: f"{r['generate']:.3f} s")
    add("full `mkdocs build` (hook)", lambda r: _t(r, "full"))
    add("floor: `mkdocs build` of the pages as plain Markdown", lambda r: _t(r, "floor"))
    add("full build ÷ floor (wall; CPU)", lambda r: f"{r['full'] / r['floor']:.2f}×; {r['full_cpu'] / r['floor_cpu']:.2f}×")
    add("generation ÷ full build (CPU)", lambda r: f"{100 * r['generate'] / r['full_cpu']:.1f} %")
    if zensical:
        add("`zensical build --clean` of the same pages", lambda r: f"failed: {r['zensical_error']}" if "zensical_error" in r else _t(r, "zensical"))
    add("scenario page HTML, median / max", lambda r: f"{_kb(r['page_median'])} / {_kb(r['page_max'])}")
    if zensical:
        add("scenario page HTML with Zensical, median", lambda r: _kb(r["zensical_page_median"]) if "zensical_page_median" in r else "—")
    add("whole site", lambda r: _mb(r["site"]))
    add("search index", lambda r: _mb(r["search"]))
    return "\n".join(lines)


def verdicts(rows: list[dict], assets: tuple[int, int, int], reload: list[float], serve_size: int) -> list[tuple[str, str, str, bool | None]]:
    big = max(rows, key=lambda r: r["n"])
    at = f"at {big['n']:,}"
    out = [
        (f"`playbook check` {at}", "≤ 1.5 s", f"{big['check']:.2f} s", big["check"] <= 1.5),
        (f"generation {at}", "< 10 % of the full build", f"{100 * big['generate'] / big['full_cpu']:.1f} % ({big['generate']:.2f} s of {big['full_cpu']:.1f} s CPU)",
         big["generate"] < 0.1 * big["full_cpu"]),
        (f"full build {at}", "≤ 1.25× the floor",
         f"{big['full_cpu'] / big['floor_cpu']:.2f}× CPU ({big['full_cpu']:.1f} s vs {big['floor_cpu']:.1f} s); {big['full'] / big['floor']:.2f}× wall",
         big["full_cpu"] <= 1.25 * big["floor_cpu"]),
        (f"scenario page HTML {at}", "≤ 40 KB", f"max {_kb(big['page_max'])}", big["page_max"] <= 40 * 1024),
        ("own JS + CSS on top of the theme", "≤ 20 KB gzipped", f"{assets[2] / 1024:.1f} KB gzipped ({assets[0]} files, {_kb(assets[1])} raw)", assets[2] <= 20 * 1024),
    ]
    if reload:
        med = statistics.median(reload)
        out.append((f"live reload at {serve_size}", "≤ 3 s", f"median {med:.2f} s (runs: {', '.join(f'{x:.2f}' for x in reload)})", med <= 3))
    else:
        out.append((f"live reload at {serve_size}", "≤ 3 s", "not measured (--serve-size 0)", None))
    return out


def report(rows, assets, reload, serve_size, zensical: bool) -> str:
    lines = ["| target | goal | measured | met |", "| --- | --- | --- | --- |"]
    for what, goal, got, ok in verdicts(rows, assets, reload, serve_size):
        lines.append(f"| {what} | {goal} | {got} | {'yes' if ok else ('—' if ok is None else '**no**')} |")
    return table(rows, zensical) + "\n\n" + "\n".join(lines)


NOTES_START = "<!-- bench:notes -->"


def write_markdown(path: str, body: str, sizes: list[int]) -> None:
    """Regenerate the measured part; keep the hand-written analysis after the notes marker."""
    notes = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            old = fh.read()
        if NOTES_START in old:
            notes = old[old.index(NOTES_START):]
    now = dt.datetime.now().astimezone()
    text = (
        "# Benchmarks\n\n"
        "Written by `make bench` (bench/run.py); the numbers above the notes are regenerated on each run.\n\n"
        f"- **Date:** {now:%Y-%m-%d %H:%M %Z}\n"
        f"- **Machine:** {_machine()}\n"
        f"- **Versions:** {_versions()}\n"
        f"- **Playbooks:** synthetic, {', '.join(f'{n:,}' for n in sizes)} scenarios from a fixed seed (bench/synth.py): "
        "8 nodes and 4 replies with 3 platform variants each, with the bundled organization.yaml and compliance.yaml; "
        "all pass `playbook check`. Times are wall-clock medians; memory is the peak resident set of the process.\n\n"
        + body + "\n\n" + (notes or NOTES_START + "\n")
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the playbook build at scale.")
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", default="5,3,2", help="runs per size, in the order of --sizes")
    parser.add_argument("--serve-size", type=int, default=200, help="scenarios for the live-reload test; 0 skips it")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--no-zensical", action="store_true")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    parser.add_argument("--json", help="also write the raw numbers here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = [int(s) for s in args.runs.split(",")]
    runs += [runs[-1]] * (len(sizes) - len(runs))
    zensical = not args.no_zensical and os.path.exists(os.path.join(BIN, "zensical"))

    work = tempfile.mkdtemp(prefix="playbook-bench-")
    try:
        rows = [bench_size(n, r, work, zensical) for n, r in zip(sizes, runs)]
        reload = []
        if args.serve_size:
            print(f"-- live reload under mkdocs serve at {args.serve_size} scenarios", file=sys.stderr, flush=True)
            reload = live_reload(args.serve_size, args.edits, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assets = own_assets_gzip()
    body = report(rows, assets, reload, args.serve_size, zensical)
    print(body)
    write_markdown(args.out, body, sizes)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"rows": rows, "assets": assets, "reload": reload}, fh, indent=2)
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
