"""`make bench`: how the check, the build and the live preview scale, each as a ratio to its floor.

Playbooks: synthetic ones (bench/synth.py, fixed seed) and real content (bench/copies.py: the bundled
scenarios copied under new ids). For each, measured in this run:

* the YAML floor: composing every file of the playbook with libyaml (CSafeLoader), in a fresh Python;
* `playbook check --no-cache` (cold) against that floor; the compliance rules' share of it, timed per
  check in one process; and a warm re-check after editing one file (the per-file cache in .build/);
* the full `mkdocs build` (plugin included, cold) against the plain-Markdown floor: `mkdocs build` of the
  same pages written out beforehand, same theme, plugins and navigation, no playbook plugin; peak memory
  of both;
* `zensical build` of those same pages;
* page weight, search index and site size.

Then the live preview: `mkdocs serve --dirty` (what `make serve` runs), seconds from saving an edit to a
scenario's title until the server serves the page with it.

Every command's wall time, CPU time (user + system) and peak memory come from GNU time. The machine may be
shared: the load average is recorded with each playbook, and the CPU ratios are the better guide when it
is high. Prints the tables and writes them to docs/benchmarks.md above the hand-written notes.

    python bench/run.py [--synthetic 10,100,1000] [--real 200,1000] [--runs 3,1] [--serve bundled:18,real:200,synthetic:200]
                        [--edits 3] [--no-zensical] [--zensical-timeout 900] [--out docs/benchmarks.md] [--json FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import random
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

import copies  # noqa: E402
import synth  # noqa: E402
import zensical_build  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
BUNDLED = os.path.join(ROOT, "playbook")
LARGE = 500  # playbooks of this many scenarios or more get the second --runs count
RACY_WAIT = 2.5  # > check_cache.RACY_SECONDS: files older than this before the cache is written are trusted by status

# Compose every file of a playbook with libyaml, as `playbook check` reads them: the floor of the check.
FLOOR_SCRIPT = """
import os, sys, yaml
root = sys.argv[1]
paths = [os.path.join(root, n) for n in ("organization.yaml", "compliance.yaml", "danger.yaml", "approvals.yaml")]
paths = [p for p in paths if os.path.isfile(p)]
folder = os.path.join(root, "scenarios")
paths += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith((".yaml", ".yml"))]
for path in paths:
    with open(path, "rb") as fh:
        yaml.compose(fh.read().decode("utf-8"), Loader=yaml.CSafeLoader)
"""

# CPU seconds of each check of pipeline.py over a loaded playbook, in one process.
SHARE_SCRIPT = """
import json, sys, time, datetime as dt
from playbook import check, pipeline
from playbook.load import load_playbook
T = time.process_time
today = dt.date.today()
t = T(); pb = load_playbook(sys.argv[1]); out = {"load": T() - t}
def add(name, seconds): out[name] = out.get(name, 0.0) + seconds
for item in pb.scenarios:
    for c in pipeline.SCENARIO_CHECKS:
        t = T(); list(c(pb, item)); add(c.__module__ + "." + c.__name__, T() - t)
    for c in pipeline.DATED_SCENARIO_CHECKS:
        t = T(); list(c(pb, item, today)); add(c.__module__ + "." + c.__name__, T() - t)
t = T(); facts = [(i.path, check.collected(pb, i)) for i in pb.scenarios]; list(check.cross_scenario_problems(pb, facts)); add("cross-scenario", T() - t)
for c in pipeline.PLAYBOOK_CHECKS:
    t = T(); list(c(pb)); add(c.__module__ + "." + c.__name__, T() - t)
print(json.dumps(out))
"""


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def run(cmd: list[str], env: dict | None = None, cwd: str = ROOT, ok=(0,), timeout: float | None = None) -> subprocess.CompletedProcess:
    # Its own process group, so that a timeout stops the command's children too (/usr/bin/time runs the command).
    with subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=timeout is not None) as child:
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise SystemExit(f"did not finish in {timeout:g} s: {' '.join(cmd)}") from None
    proc = subprocess.CompletedProcess(cmd, child.returncode, out, err)
    if proc.returncode not in ok:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc


def measured(cmd: list[str], env: dict | None = None, cwd: str = ROOT, timeout: float | None = None) -> dict:
    """Wall seconds, CPU seconds (user + system) and peak resident memory (MB) of one command, from GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as usage:
        start = time.perf_counter()
        run(["/usr/bin/time", "-f", "%M %U %S", "-o", usage.name, *cmd], env, cwd, timeout=timeout)
        wall = time.perf_counter() - start
        kb, user, system = usage.read().strip().splitlines()[-1].split()
    return {"wall": wall, "cpu": float(user) + float(system), "mb": int(kb) / 1024}


def median_of(runs: int, fn) -> dict:
    results = [fn() for _ in range(runs)]
    return {"wall": statistics.median(r["wall"] for r in results), "cpu": statistics.median(r["cpu"] for r in results),
            "mb": max(r["mb"] for r in results), "runs": runs}


def _edit_title(path: str, marker: str) -> None:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text, n = re.subn(r"^title: .*$", f"title: Someone edited this scenario {marker}", text, count=1, flags=re.M)
    assert n == 1, path
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _target(pb_dir: str) -> str:
    names = sorted(n[:-5] for n in os.listdir(os.path.join(pb_dir, "scenarios")) if n.endswith(".yaml"))
    return names[min(7, len(names) - 1)]


def yaml_megabytes(pb_dir: str) -> float:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(pb_dir) for f in files if f.endswith(".yaml")) / 1024 / 1024


def generation_seconds(pb_dir: str, runs: int) -> float:
    """Page generation alone, in a fresh interpreter: load and check first (not timed), then generate()."""
    code = ("import sys, time, statistics\nfrom playbook.check import check_dir\nfrom playbook.pages import generate\n"
            f"pb, _ = check_dir({pb_dir!r})\ngenerate(pb)\ntimes = []\n"
            f"for _ in range({runs}):\n    t = time.process_time(); generate(pb); times.append(time.process_time() - t)\n"
            "print(statistics.median(times))\n")
    return float(run([sys.executable, "-c", code]).stdout.strip().splitlines()[-1])


def compliance_share(pb_dir: str) -> dict:
    times = json.loads(run([sys.executable, "-c", SHARE_SCRIPT, pb_dir]).stdout.strip().splitlines()[-1])
    total = sum(times.values())
    comp = sum(v for k, v in times.items() if k.startswith("playbook.compliance."))
    return {"total": total, "compliance": comp, "load": times["load"], "detail": times}


def warm_check(pb_dir: str, runs: int) -> dict:
    """`playbook check` after editing one scenario, with the cache filled by earlier checks."""
    exe = [os.path.join(BIN, "playbook"), "check", pb_dir]
    run(exe, ok=(0, 1))
    time.sleep(RACY_WAIT)
    run(exe, ok=(0, 1))  # records the settled status of every file
    path = os.path.join(pb_dir, "scenarios", _target(pb_dir) + ".yaml")
    results = []
    for k in range(runs):
        _edit_title(path, f"warm{k}x{time.time_ns()}")
        results.append(measured(exe))
    return median_of_results(results)


def median_of_results(results: list[dict]) -> dict:
    return {"wall": statistics.median(r["wall"] for r in results), "cpu": statistics.median(r["cpu"] for r in results),
            "mb": max(r["mb"] for r in results), "runs": len(results)}


def site_weight(site: str, prefix: str) -> dict:
    folder = os.path.join(site, "scenarios")
    pages = sorted(os.path.getsize(os.path.join(folder, d, "index.html")) for d in os.listdir(folder)
                   if os.path.isfile(os.path.join(folder, d, "index.html")) and d.startswith(prefix))
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(site) for f in files)
    index = os.path.join(site, "search", "search_index.json")
    return {"page_median": statistics.median(pages), "page_max": max(pages), "pages": len(pages), "site": total,
            "search": os.path.getsize(index) if os.path.exists(index) else 0}


def make_playbook(kind: str, n: int, work: str) -> str:
    folder = os.path.join(work, f"{kind}-{n}")
    if kind == "synthetic":
        return synth.write_playbook(folder, n, BUNDLED)
    if kind == "real":
        return copies.write_copies(folder, n, BUNDLED)
    if kind == "bundled":
        shutil.copytree(BUNDLED, folder)
        return folder
    raise SystemExit(f"unknown playbook kind {kind!r}")


def bench_playbook(kind: str, n: int, runs: int, work: str, zensical: bool, zensical_timeout: float | None = None) -> dict:
    pb_dir = make_playbook(kind, n, work)
    env = dict(ENV, PLAYBOOK_DIR=pb_dir)
    prefix = "bench-" if kind == "synthetic" else ""
    row: dict = {"kind": kind, "n": n, "runs": runs, "yaml_mb": yaml_megabytes(pb_dir), "load_before": load_average()}
    print(f"-- {kind} {n} scenarios, {runs} run(s) each (load average {row['load_before']:.1f})", file=sys.stderr, flush=True)

    row["yaml_floor"] = median_of(runs, lambda: measured([sys.executable, "-c", FLOOR_SCRIPT, pb_dir]))
    row["check"] = median_of(runs, lambda: measured([os.path.join(BIN, "playbook"), "check", "--no-cache", pb_dir]))
    row["share"] = compliance_share(pb_dir)
    row["generate"] = generation_seconds(pb_dir, runs)

    site = os.path.join(work, f"site-{kind}-{n}")
    full_cmd = [os.path.join(BIN, "mkdocs"), "build", "--strict", "--quiet", "-f", os.path.join(ROOT, "mkdocs.yml"), "-d", site]
    row["full"] = median_of(runs, lambda: measured(full_cmd, env))
    row.update(site_weight(site, prefix))

    floor_work = os.path.join(work, f"floor-{kind}-{n}")
    config_file = zensical_build.prepare(pb_dir, floor_work)
    floor_site = os.path.join(work, f"floor-site-{kind}-{n}")
    floor_cmd = [os.path.join(BIN, "mkdocs"), "build", "--strict", "--quiet", "-f", config_file, "-d", floor_site]
    row["floor"] = median_of(runs, lambda: measured(floor_cmd, env, cwd=floor_work))

    if zensical:
        z_cmd = [os.path.join(BIN, "zensical"), "build", "--clean", "-f", config_file]
        try:
            row["zensical"] = median_of(runs, lambda: measured(z_cmd, env, cwd=floor_work, timeout=zensical_timeout))
            row["zensical_page_median"] = site_weight(os.path.join(floor_work, "site"), prefix)["page_median"]
        except SystemExit as exc:  # a Zensical limit is a finding, not a reason to lose the other numbers
            row["zensical_error"] = str(exc).strip().splitlines()[-1][:300]
    # The warm check last: it edits the playbook.
    row["warm"] = warm_check(pb_dir, max(runs, 3))
    row["load_after"] = load_average()
    for path in (site, floor_site, floor_work, pb_dir):
        shutil.rmtree(path, ignore_errors=True)
    return row


# ------------------------------------------------------------------ live preview

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.read().decode("utf-8", "replace")
    except OSError:
        return None


def live_reload(kind: str, n: int, edits: int, work: str) -> dict:
    """Seconds from saving a scenario's new title until `mkdocs serve --dirty` serves its page with it."""
    pb_dir = make_playbook(kind, n, os.path.join(work, "serve"))
    port = _free_port()
    env = dict(ENV, PLAYBOOK_DIR=pb_dir)
    cmd = [os.path.join(BIN, "mkdocs"), "serve", "--dirty", "-f", os.path.join(ROOT, "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    log_path = os.path.join(work, f"serve-{kind}-{n}.log")
    log = open(log_path, "w")
    print(f"-- live reload, {kind} {n} scenarios (load average {load_average():.1f})", file=sys.stderr, flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    target = _target(pb_dir)
    url = f"http://127.0.0.1:{port}/scenarios/{target}/"
    path = os.path.join(pb_dir, "scenarios", f"{target}.yaml")
    results = []
    gaps = random.Random(f"{kind}:{n}")
    try:
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > 900:
                raise SystemExit(f"mkdocs serve did not start; see {log_path}")
            time.sleep(0.2)
        started = time.perf_counter() - start
        time.sleep(1.0)  # let the watcher settle after the first build
        for k in range(edits):
            marker = f"Edited{k}x{time.time_ns()}"
            t0 = time.perf_counter()
            _edit_title(path, marker)
            while True:
                body = _get(url)
                if body and marker in body:
                    break
                if time.perf_counter() - t0 > 300 or proc.poll() is not None:
                    raise SystemExit(f"the edit was never served; see {log_path}")
                time.sleep(0.05)
            results.append(time.perf_counter() - t0)
            # A quiet gap, as between an editor's saves. MkDocs looks for changed files every 0.5 s: a fixed gap
            # would save at the same point of that cycle every time, so the gap varies (fixed seed) and the
            # saves fall all over it, as an editor's do.
            time.sleep(1.5 + gaps.uniform(0.0, 0.5))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # our own serve process group only
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(pb_dir, ignore_errors=True)
    return {"kind": kind, "n": n, "first_build": started, "runs": results, "median": statistics.median(results),
            "load": load_average()}


# ------------------------------------------------------------------ report

def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
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


def own_assets_gzip() -> dict:
    """The site's own JS and CSS as a page loads them (scripts/playbook/views/assets.py), each file gzipped:
    what every page loads (the joined stylesheet and script), and the most that any one page loads (those
    and the largest set of on-demand scripts, once each). Also the source files, for comparison."""
    from playbook.views import assets

    def gz(data: bytes) -> int:
        return len(gzip.compress(data, compresslevel=9, mtime=0))

    published = assets.pages(None, None)  # what a build writes: {site path: bytes}
    every = sum(gz(published[path]) for path in assets.style_paths() + assets.script_paths())
    extra = {name: gz(published[f"{assets.SITE_FOLDER}/{name}"]) for name in assets.on_demand_scripts()}
    most_set = max((names for _, names in assets.ON_DEMAND), key=lambda names: sum(extra[n] for n in names))
    sources = [n for n in sorted(os.listdir(assets.FOLDER)) if n.endswith((".js", ".css"))]
    return {"every_page": every, "most": every + sum(extra[n] for n in most_set), "most_for": most_set[-1],
            "sources": len(sources), "sources_gz": sum(gz((assets.FOLDER / n).read_bytes()) for n in sources)}


def _kb(b: float) -> str:
    return f"{b / 1024:.1f} KB"


def _mb(b: float) -> str:
    return f"{b / 1024 / 1024:.1f} MB"


def _t(m: dict) -> str:
    return f"{m['wall']:.2f} s ({m['cpu']:.2f} s CPU), {m['mb']:.0f} MB"


def _ratio(a: dict, b: dict) -> str:
    return f"{a['cpu'] / b['cpu']:.2f}× CPU; {a['wall'] / b['wall']:.2f}× wall"


def without_compliance(r: dict) -> float:
    """Cold check CPU minus the compliance checks' CPU (timed in-process, bench/run.py SHARE_SCRIPT)."""
    return r["check"]["cpu"] - r["share"]["compliance"]


def table(rows: list[dict], zensical: bool) -> str:
    head = "| measure | " + " | ".join(f"{r['kind']} {r['n']:,}" for r in rows) + " |"
    lines = [head, "| --- |" + " --- |" * len(rows)]

    def add(label, fmt):
        lines.append(f"| {label} | " + " | ".join(fmt(r) for r in rows) + " |")

    add("YAML; runs (median of); load average before / after", lambda r: f"{r['yaml_mb']:.1f} MB; {r['runs']}; {r['load_before']:.1f} / {r['load_after']:.1f}")
    add("**floor:** compose every file with libyaml", lambda r: _t(r["yaml_floor"]))
    add("`playbook check --no-cache` (cold)", lambda r: _t(r["check"]))
    add("cold check ÷ YAML floor", lambda r: f"**{_ratio(r['check'], r['yaml_floor'])}**")
    add("compliance rules' share of the check (CPU, in-process)",
        lambda r: f"{r['share']['compliance']:.2f} s of {r['share']['total']:.2f} s ({100 * r['share']['compliance'] / r['share']['total']:.0f} %)")
    add("cold check without the compliance rules ÷ YAML floor (CPU)", lambda r: f"{without_compliance(r) / r['yaml_floor']['cpu']:.2f}×")
    add("warm `playbook check` after editing one file", lambda r: _t(r["warm"]))
    add("page generation alone (model → Markdown, CPU)", lambda r: f"{r['generate']:.2f} s")
    add("full `mkdocs build` (plugin, cold)", lambda r: _t(r["full"]))
    add("**floor:** `mkdocs build` of the same pages as plain Markdown", lambda r: _t(r["floor"]))
    add("full build ÷ floor", lambda r: f"**{_ratio(r['full'], r['floor'])}; {r['full']['mb'] / r['floor']['mb']:.2f}× memory**")
    if zensical:
        add("`zensical build --clean` of the same pages",
            lambda r: f"failed: {r['zensical_error']}" if "zensical_error" in r else _t(r["zensical"]))
        add("Zensical ÷ full `mkdocs build` (wall)",
            lambda r: "—" if "zensical_error" in r else f"{r['zensical']['wall'] / r['full']['wall']:.2f}×")
    add("scenario page HTML, median / max", lambda r: f"{_kb(r['page_median'])} / {_kb(r['page_max'])}")
    add("search index", lambda r: _mb(r["search"]))
    add("whole site", lambda r: _mb(r["site"]))
    return "\n".join(lines)


def reload_table(reloads: list[dict]) -> str:
    lines = ["| live preview (`mkdocs serve --dirty`) | first build | save → page shows the new title, median | runs | load average |",
             "| --- | --- | --- | --- | --- |"]
    for r in reloads:
        lines.append(f"| {r['kind']} {r['n']:,} | {r['first_build']:.1f} s | **{r['median']:.2f} s** | "
                     f"{', '.join(f'{x:.2f}' for x in r['runs'])} | {r['load']:.1f} |")
    return "\n".join(lines)


def verdicts(rows: list[dict], reloads: list[dict], assets) -> list[tuple[str, str, str, bool | None]]:
    out = []
    for r in (r for r in rows if r["n"] >= 1000):
        at = f"{r['kind']} {r['n']:,}"
        ratio = r["check"]["cpu"] / r["yaml_floor"]["cpu"]
        out.append((f"cold check, {at}", "≤ 2× the YAML floor", f"{ratio:.2f}× CPU ({r['check']['wall'] / r['yaml_floor']['wall']:.2f}× wall); "
                    f"without the compliance rules {without_compliance(r) / r['yaml_floor']['cpu']:.2f}×", ratio <= 2))
        out.append((f"warm re-check after one edit, {at}", "≤ 0.3 s", f"{r['warm']['wall']:.2f} s wall, {r['warm']['cpu']:.2f} s CPU",
                    r["warm"]["wall"] <= 0.3))
        cpu, mem = r["full"]["cpu"] / r["floor"]["cpu"], r["full"]["mb"] / r["floor"]["mb"]
        out.append((f"full build, {at}", "≤ 1.15× the floor; memory ≤ 1.2×",
                    f"{cpu:.2f}× CPU ({r['full']['wall'] / r['floor']['wall']:.2f}× wall); {mem:.2f}× memory", cpu <= 1.15 and mem <= 1.2))
        out.append((f"search index, {at}", "≤ 3 MB", _mb(r["search"]), r["search"] <= 3 * 1024 * 1024))
        out.append((f"largest scenario page, {at}", "≤ 40 KB", _kb(r["page_max"]), r["page_max"] <= 40 * 1024))
        if "zensical_error" in r:
            out.append((f"Zensical, {at}", "builds; time reported", f"failed: {r['zensical_error'][:120]}", False))
        elif "zensical" in r:
            out.append((f"Zensical, {at}", "builds; time reported", f"{r['zensical']['wall']:.1f} s ({r['zensical']['cpu']:.1f} s CPU)", True))
        else:
            out.append((f"Zensical, {at}", "builds; time reported", "not run (--no-zensical)", None))
    for r in reloads:
        goal = 1.0 if r["n"] <= 20 else 2.0
        out.append((f"live reload, {r['kind']} {r['n']:,}", f"≤ {goal:g} s", f"median {r['median']:.2f} s", r["median"] <= goal))
    out.append(("own JS + CSS on top of the theme, every page", "≤ 20 KB gzipped",
                f"{assets['every_page'] / 1024:.1f} KB gzipped (2 files)", assets["every_page"] <= 20 * 1024))
    out.append((f"own JS + CSS, the most one page loads (with {assets['most_for']})", "≤ 20 KB gzipped",
                f"{assets['most'] / 1024:.1f} KB gzipped ({assets['sources']} source files: "
                f"{assets['sources_gz'] / 1024:.1f} KB gzipped one by one)", assets["most"] <= 20 * 1024))
    return out


def report(rows, reloads, assets, zensical: bool) -> str:
    lines = ["| target | goal | measured | met |", "| --- | --- | --- | --- |"]
    for what, goal, got, ok in verdicts(rows, reloads, assets):
        lines.append(f"| {what} | {goal} | {got} | {'yes' if ok else ('—' if ok is None else '**no**')} |")
    parts = [table(rows, zensical)] if rows else []
    if reloads:
        parts.append(reload_table(reloads))
    return "\n\n".join(parts + ["\n".join(lines)])


NOTES_START = "<!-- bench:notes -->"


def write_markdown(path: str, body: str) -> None:
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
        "- **Playbooks:** *synthetic* (bench/synth.py, fixed seed: 8 nodes and 4 replies with 3 platform variants each) and "
        "*real* (bench/copies.py: the bundled scenarios copied under new ids), both with the bundled organization.yaml and "
        "compliance.yaml (real: also danger.yaml and approvals.yaml, pointed at the copies); all pass `playbook check`. Times are medians of the runs (wall, and CPU = user + system); memory is "
        "the peak resident set of the process. Every ratio is to a floor measured in the same run.\n\n"
        + body + "\n\n" + (notes or NOTES_START + "\n")
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()] if text else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the playbook check, build and live preview at scale.")
    parser.add_argument("--synthetic", default="10,100,1000", help="sizes of synthetic playbooks")
    parser.add_argument("--real", default="200,1000", help="sizes of real-content playbooks (bundled scenarios copied)")
    parser.add_argument("--runs", default="3,1", help=f"runs per playbook: below {LARGE} scenarios, and from {LARGE} up")
    parser.add_argument("--serve", default="bundled:18,real:200,synthetic:200",
                        help="live preview playbooks, KIND:N (bundled uses the bundled playbook as it is); empty skips")
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--no-zensical", action="store_true")
    parser.add_argument("--zensical-timeout", type=float, default=900,
                        help="seconds for one Zensical build; one that takes longer is reported as not finishing")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    parser.add_argument("--json", help="also write the raw numbers here")
    args = parser.parse_args(argv)
    small, large = (_sizes(args.runs) + [1, 1])[:2]
    zensical = not args.no_zensical and os.path.exists(os.path.join(BIN, "zensical"))
    plan = [("synthetic", n) for n in _sizes(args.synthetic)] + [("real", n) for n in _sizes(args.real)]
    serve = [(s.split(":")[0], int(s.split(":")[1])) for s in args.serve.split(",") if s.strip()]

    work = tempfile.mkdtemp(prefix="playbook-bench-")
    try:
        rows = [bench_playbook(kind, n, small if n < LARGE else large, work, zensical, args.zensical_timeout) for kind, n in plan]
        reloads = [live_reload(kind, n, args.edits, work) for kind, n in serve]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    body = report(rows, reloads, own_assets_gzip(), zensical)
    print(body)
    write_markdown(args.out, body)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"rows": rows, "reloads": reloads}, fh, indent=2)
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
