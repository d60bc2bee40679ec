"""`make mutants`: apply each known mutant to a copy of the repository and run the tests meant to catch it.

Reads tests/mutants/mutants.yaml. For every mutant: copy the repository (the files git
knows, tracked or new, not ignored) to a temporary folder, replace the mutant's `find`
text (which must occur exactly once) with its `replace` text, and run only its tests
there with pytest, the copy's package first on PYTHONPATH (so the MkDocs plugin, its
templates and its assets are the copy's too). A mutant is killed when
its tests fail, survived when they pass. Before any mutant, the union of all named
tests runs once on an unchanged copy and must pass, or the results would mean nothing.

Prints one line per mutant, then `killed N/M`. Exit status: 0 when every mutant is
killed, 1 when one survived, 2 on an ERROR (a find text that no longer matches exactly
once, a test id that does not exist, a baseline that fails, a timeout).

    .venv/bin/python tests/mutants/run.py [--jobs N] [--only ID ...] [--list] [--keep]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "tests" / "mutants" / "mutants.yaml"
PYTHON = sys.executable
TIMEOUT = 300  # seconds for one mutant's tests; a hang is an ERROR, not a kill
FIELDS = ("id", "area", "file", "find", "replace", "description", "tests")


@dataclass
class Mutant:
    id: str
    area: str
    file: str
    find: str
    replace: str
    description: str
    tests: list[str]


@dataclass
class Result:
    mutant: Mutant
    verdict: str  # killed, survived, ERROR
    seconds: float
    detail: str = ""


def load_mutants(path: Path = MUTANTS) -> tuple[list[Mutant], list[str]]:
    """The mutants, and every error in the list itself (missing fields, duplicate ids, stale find texts)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutants, errors, seen = [], [], set()
    for i, entry in enumerate(data.get("mutants") or []):
        missing = [f for f in FIELDS if not entry.get(f)]
        extra = sorted(set(entry) - set(FIELDS))
        name = entry.get("id", f"#{i + 1}")
        if missing or extra:
            errors.append(f"{name}: " + "; ".join(filter(None, [missing and f"missing {missing}", extra and f"unknown {extra}"])))
            continue
        if name in seen:
            errors.append(f"{name}: id used twice")
        seen.add(name)
        m = Mutant(**{f: entry[f] for f in FIELDS})
        target = ROOT / m.file
        if not target.is_file():
            errors.append(f"{m.id}: {m.file} does not exist (re-point the mutant)")
        else:
            n = target.read_text(encoding="utf-8").count(m.find)
            if n != 1:
                errors.append(f"{m.id}: the find text occurs {n} times in {m.file}, not once (re-point the mutant)")
        if m.find == m.replace:
            errors.append(f"{m.id}: find and replace are the same")
        mutants.append(m)
    return mutants, errors


def repo_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return [f for f in out.decode("utf-8").split("\0") if f and (ROOT / f).is_file()]


def copy_repo(dest: Path, files: list[str]) -> Path:
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    return dest


def env_for(copy: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PLAYBOOK_DIR", "PYTHONPATH", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "scripts"), str(copy / "tests")])
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_tests(copy: Path, tests: list[str]) -> tuple[int | None, str]:
    cmd = [PYTHON, "-m", "pytest", "-q", "-x", "--no-header", "-p", "no:cacheprovider", "-o", "addopts=", *tests]
    try:
        proc = subprocess.run(cmd, cwd=copy, env=env_for(copy), capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT}s"
    return proc.returncode, proc.stdout[-3000:] + proc.stderr[-2000:]


def check_copy_imports_itself(copy: Path) -> str | None:
    probe = subprocess.run([PYTHON, "-c", "import playbook, playbook_mkdocs; print(playbook.__path__[0]); print(playbook_mkdocs.__path__[0])"],
                           cwd=copy, env=env_for(copy), capture_output=True, text=True)
    for name, where in zip(("playbook", "playbook_mkdocs"), probe.stdout.split()):
        if Path(where) != copy / "scripts" / name:
            return f"the copy imports {name} from {where}, not from {copy / 'scripts' / name}"
    if len(probe.stdout.split()) != 2:
        return f"the copy cannot import its packages: {probe.stderr.strip()[-500:]}"
    return None


def run_mutant(m: Mutant, files: list[str], work: Path) -> Result:
    start = time.monotonic()
    copy = copy_repo(work / m.id, files)
    target = copy / m.file
    text = target.read_text(encoding="utf-8")
    if text.count(m.find) != 1:
        return Result(m, "ERROR", time.monotonic() - start, f"find text occurs {text.count(m.find)} times")
    target.write_text(text.replace(m.find, m.replace), encoding="utf-8")
    code, output = run_tests(copy, m.tests)
    seconds = time.monotonic() - start
    shutil.rmtree(copy, ignore_errors=True)
    if code == 1:
        return Result(m, "killed", seconds)
    if code == 0:
        return Result(m, "survived", seconds, "its tests pass with the bug in place")
    return Result(m, "ERROR", seconds, f"pytest exit status {code}: {output.strip()[-1500:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MUTANT_JOBS", "2")), help="mutants run at once (default 2)")
    ap.add_argument("--only", nargs="+", metavar="ID", help="run only these mutants")
    ap.add_argument("--list", action="store_true", help="list the mutants and check that each still applies")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = ap.parse_args(argv)

    mutants, errors = load_mutants()
    if args.only:
        unknown = set(args.only) - {m.id for m in mutants}
        errors += [f"{u}: no such mutant" for u in sorted(unknown)]
        mutants = [m for m in mutants if m.id in args.only]
        errors = [e for e in errors if e.split(":")[0] in args.only or "no such mutant" in e]
    for e in errors:
        print(f"ERROR     {e}")
    if args.list:
        for m in mutants:
            print(f"{m.id:42} {m.area:14} {m.file}: {m.description}")
        return 2 if errors else 0
    if errors:
        print(f"{len(errors)} error(s) in {MUTANTS.relative_to(ROOT)}; nothing run")
        return 2

    started = time.monotonic()
    files = repo_files()
    work = Path(tempfile.mkdtemp(prefix="pb-mutants-"))
    try:
        base = copy_repo(work / "baseline", files)
        problem = check_copy_imports_itself(base)
        if problem:
            print(f"ERROR     {problem}")
            return 2
        union = list(dict.fromkeys(t for m in mutants for t in m.tests))
        # In as many parts as jobs, whole test files together (one site build per part and file).
        by_file: dict[str, list[str]] = {}
        for t in union:
            by_file.setdefault(t.split("::")[0], []).append(t)
        parts: list[list[str]] = [[] for _ in range(max(1, min(args.jobs, len(by_file))))]
        for ids in sorted(by_file.values(), key=len, reverse=True):
            min(parts, key=len).extend(ids)
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            outcomes = list(pool.map(lambda part: run_tests(base, part), parts))
        failed_parts = [out for code, out in outcomes if code != 0]
        print(f"baseline  {len(union)} test ids on the unchanged copy: {'FAIL' if failed_parts else 'pass'} "
              f"({time.monotonic() - started:.0f}s)", flush=True)
        if failed_parts:
            print("\n".join(failed_parts))
            print("ERROR     the named tests must pass without a mutant; nothing else run")
            return 2
        shutil.rmtree(base, ignore_errors=True)

        results: list[Result] = []
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for r in pool.map(lambda m: run_mutant(m, files, work), mutants):
                results.append(r)
                print(f"{r.verdict:9} {r.mutant.id:42} {r.seconds:5.1f}s  {r.mutant.file}: {r.mutant.description}", flush=True)
                if r.detail and r.verdict != "killed":
                    print("          " + r.detail.replace("\n", "\n          "))
    finally:
        if args.keep:
            print(f"copies kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    killed = sum(r.verdict == "killed" for r in results)
    survived = [r.mutant.id for r in results if r.verdict == "survived"]
    failed = [r.mutant.id for r in results if r.verdict == "ERROR"]
    print(f"\nkilled {killed}/{len(results)} in {time.monotonic() - started:.0f}s")
    if survived:
        print("survived: " + ", ".join(survived))
    if failed:
        print("ERROR: " + ", ".join(failed))
        return 2
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
