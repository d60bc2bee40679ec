"""`playbook check` with a per-file cache: a re-check after editing one file reads only that file.

For each scenario file the cache keeps what check.py learns from that file
alone: its load problems, the problems of every per-scenario check (or of the
salvaged tree), and what each cross-scenario check collects from it. The result
is always the one check.check_dir gives, because an entry is used only when

* the file's bytes have the hash the entry was made from, and
* the whole cache was made with the same *shared inputs*: the bytes of every
  file in the playbook folder outside scenarios/ (organization.yaml,
  compliance.yaml, danger.yaml, approvals.yaml and whatever shared file comes next), the code (every .py, .json and .yaml
  file of this package, the Python and library versions that parse, validate
  and count text), the day (review dates fall due) and the working directory
  (problems name files relative to it).

A file's hash is computed from its bytes unless its status (size, inode, and
the modification and change times to the nanosecond) is what it was when the
cache was written *and* it had last changed at least RACY_SECONDS before that:
any later write changes the change time, which no program can set back. (Git
trusts its index the same way, for the same reason: a file written within the
clock's granularity of the cache itself is hashed again.)

The shared files are loaded on every run; their own checks (a pattern that does
not compile, a danger signal that misses its example) are kept beside the
entries, under the same key. The cross-scenario checks always judge the
collected data of every file. What compiling and parsing the patterns of
compliance.yaml and danger.yaml finds is kept per pattern and code version
(string_memo.py), so a re-check of an edited reply does not compile the rules anew. The cache file carries a
checksum of its body: a file that cannot be read, does not parse, has another
format or fails the checksum is ignored and rewritten, so a broken cache can
make a check slower, never different. Nothing here is needed for a correct
check; `playbook check --no-cache` skips it.

The cache lives in `.build/check-cache/` beside the playbook folder (the
repository's `.build/`, which `make clean` removes).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Optional

from . import check, compliance, string_memo, textlength
from .load import Playbook, display_path, load_scenario_file, load_shared, paused_gc, scenario_names
from .problems import Problem
from .yamlsafe import decode, read_bytes

FORMAT = "playbook-check-cache 2"
PACKAGE = Path(__file__).resolve().parent
# Results of pure functions of a text that a check keeps between processes (string_memo.py).
KEPT_MEMOS = [*compliance.PERSISTENT_MEMOS, textlength.X_URL_SPANS]
RACY_SECONDS = 2  # a file changed this close to the cache's writing is hashed again (coarse file-system clocks)


def _now_ns() -> int:
    return time.time_ns()


class ScenariosNotLoaded(list):
    """pb.scenarios in a cached check, where only changed files are loaded: reading it is a bug in a check.

    A per-scenario check must use only its own scenario and the shared files; a check across
    scenarios belongs in pipeline.CROSS_SCENARIO_CHECKS. Failing loudly here keeps a cached check
    from quietly judging a part of the playbook (tests/test_check_cache.py runs every fixture both ways)."""

    def _refuse(self, *args, **kwargs):
        raise RuntimeError("a check read pb.scenarios in a per-file step; use pipeline.CROSS_SCENARIO_CHECKS for checks across scenarios")

    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = _refuse


def default_folder(root: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(root)), ".build", "check-cache")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def code_version() -> str:
    """A digest of the code that decides a check's result (with the data it ships: learned weights, vocabularies)."""
    import pydantic
    import regex
    import unicodedata
    import yaml

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{sys.version}|{yaml.__version__}|{pydantic.VERSION}|{regex.__version__}|{unicodedata.unidata_version}".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".json", ".yaml")):
        h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def shared_inputs(root: str) -> str:
    """A digest of every file of the playbook folder outside scenarios/, by relative path and bytes."""
    h = hashlib.blake2b(digest_size=16)
    base = Path(root)
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if rel.parts[0] == "scenarios" or not path.is_file():
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(root: str, today: dt.date, code: Optional[str] = None) -> str:
    return "|".join([FORMAT, code or code_version(), shared_inputs(root), today.isoformat(), os.getcwd()])


def _start(root: str, folder: str, today: dt.date) -> tuple[Playbook, str, str]:
    """(the shared files loaded, cache key, cache file path); the patterns' memo (string_memo.py) is read for this code version."""
    code = code_version()
    string_memo.load(folder, code, KEPT_MEMOS)
    key = cache_key(root, today, code)
    return shared_snapshot(root, folder, key), key, _cache_path(folder, root)


# ------------------------------------------------------------------ the shared files, loaded

SNAPSHOT_FORMAT = "playbook-shared-snapshot 1"


def shared_snapshot(root: str, folder: str, key: str) -> Playbook:
    """load_shared(root), read back from the snapshot the last run kept when the cache key is the same,
    with the compliance rules compiled from it.

    Parsing compliance.yaml and danger.yaml with line marks, validating them and compiling the rules
    is most of a warm check. The key covers their bytes, the code and the working directory, so a snapshot with the
    same key holds what loading them again would give. The snapshot is a pickle (as Sphinx keeps its
    environment) written only by this tool into .build/; it carries a checksum, and one that is
    missing, corrupt or of another key is ignored and written again."""
    path = os.path.join(folder, "shared-" + _digest(os.path.abspath(root).encode()) + ".pickle")
    try:
        with open(path, "rb") as fh:
            head, _, body = fh.read().partition(b"\n")
        header = json.loads(head)
        if header.get("format") == SNAPSHOT_FORMAT and header.get("key") == key and header.get("checksum") == _digest(body):
            pb, rules = pickle.loads(body)
            if isinstance(pb, Playbook):
                if pb.compliance and rules is not None:
                    compliance.seed_compiled(pb.compliance.obj, rules)
                return pb
    except Exception:  # anything unreadable is no snapshot: load the files instead
        pass
    pb = load_shared(root)
    # The compliance rules as compiled (before any text is matched: no regex is compiled yet, so none is pickled).
    rules = compliance.compiled_all(pb.compliance.obj) if pb.compliance else None
    body = pickle.dumps((pb, rules), protocol=pickle.HIGHEST_PROTOCOL)
    header = json.dumps({"format": SNAPSHOT_FORMAT, "key": key, "checksum": _digest(body)}).encode("utf-8")
    _write_atomically(path, header + b"\n" + body)
    return pb


def _write_atomically(path: str, data: bytes) -> None:
    """Write path at once or not at all; a file that cannot be written is no error (the next check does the work again)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass


# ------------------------------------------------------------------ the cache file

def _cache_path(folder: str, root: str) -> str:
    return os.path.join(folder, _digest(os.path.abspath(root).encode()) + ".json")


def read_cache(path: str, key: str) -> tuple[dict[str, dict], int, Optional[list[Problem]]]:
    """(entries, time written in ns, the shared files' problems) of a cache file made with this key, or ({}, 0, None)
    for anything else (missing, corrupt, stale)."""
    try:
        with open(path, "rb") as fh:
            head, _, body = fh.read().partition(b"\n")
        header = json.loads(head)
        if header.get("format") != FORMAT or header.get("key") != key or header.get("checksum") != _digest(body):
            return {}, 0, None
        data = json.loads(body)
        entries, shared = data["files"], data["shared"]
        written = header.get("written_ns")
        if isinstance(entries, dict) and isinstance(written, int) and isinstance(shared, list):
            return entries, written, _problems_in(shared)
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        pass
    return {}, 0, None


def write_cache(path: str, key: str, entries: dict[str, dict], shared: list[Problem]) -> None:
    """Write atomically; a cache that cannot be written is no error (the next check is cold)."""
    body = json.dumps({"files": entries, "shared": _problems_out(shared)}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "key": key, "checksum": _digest(body), "written_ns": _now_ns()}).encode("utf-8")
    _write_atomically(path, header + b"\n" + body)


def _problems_out(problems: list[Problem]) -> list[list]:
    return [[p.path, p.line, p.col, p.code, p.message, p.hint] for p in problems]


def _problems_in(rows: list[list]) -> list[Problem]:
    return [Problem(*row) for row in rows]


# ------------------------------------------------------------------ one file

def _entry_out(r: check.FileResult) -> dict[str, Any]:
    return {"problems": _problems_out(r.problems), "id": r.sid, "id_position": list(r.id_position),
            "checks": _problems_out(r.checks), "collected": r.collected}


def _entry_in(display: str, entry: dict[str, Any]) -> check.FileResult:
    return check.FileResult(display, _problems_in(entry["problems"]), entry["id"], tuple(entry["id_position"]),
                            _problems_in(entry["checks"]), entry["collected"])


def file_entry(pb: Playbook, root: str, name: str, display: str, raw: Optional[bytes], read_problems: list[Problem],
               today: dt.date) -> dict[str, Any]:
    """Everything the check learns from scenarios/NAME alone, as cacheable data."""
    if raw is None:
        sf = load_scenario_file(root, name, None, read_problems)
    else:
        text, text_problems = decode(raw, display)
        sf = load_scenario_file(root, name, text, text_problems)
    return _entry_out(check.file_result(pb, sf, today))


# ------------------------------------------------------------------ the whole check

def _status(path: str) -> Optional[list[int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def _assemble_and_keep(pb: Playbook, results: list[check.FileResult], today: dt.date, shared: Optional[list[Problem]],
                       cache: tuple[str, str, dict[str, dict], bool]) -> tuple[list[Problem], list]:
    """check.assemble, with the shared files' problems from the cache when it had them; then the cache is
    written (cache = (path, key, entries, whether they changed)) and the string memo saved."""
    path, key, entries, changed = cache
    fresh = shared is None
    if fresh:
        shared = check.playbook_problems(pb, today)
    out = check.assemble(pb, results, today, shared)
    if changed or fresh:
        write_cache(path, key, entries, shared)
    string_memo.save()
    return out


def check_dir_cached(root: str, today: Optional[dt.date] = None, folder: Optional[str] = None) -> tuple[list[Problem], dict[str, int]]:
    """The problems check.check_dir(root) finds, re-checking only files that changed since the cached run.

    Returns (problems, counts) with counts = {"files": n, "hashed": files read and hashed, "checked": files
    loaded and checked this time}."""
    today = today or dt.date.today()
    folder = folder or default_folder(root)
    pb, key, path = _start(root, folder, today)
    pb.scenarios = ScenariosNotLoaded()
    old, written_ns, shared = read_cache(path, key)
    settled_before = written_ns - RACY_SECONDS * 10**9
    new: dict[str, dict] = {}
    hashed = checked = 0
    results: list[check.FileResult] = []
    names = scenario_names(root)
    for name in names:
        file_path = os.path.join(root, "scenarios", name)
        display = display_path(file_path)
        entry = old.get(name)
        status = _status(file_path)
        if not (entry and status and entry.get("status") == status and status[3] < settled_before):
            raw, read_problems = read_bytes(file_path, display)
            digest = _digest(raw) if raw is not None else None
            hashed += 1
            if digest is None or entry is None or entry.get("hash") != digest:
                entry = file_entry(pb, root, name, display, raw, read_problems, today)
                entry["hash"] = digest
                checked += 1
            entry["status"] = status
        if entry["hash"] is not None:
            new[name] = entry
        results.append(_entry_in(display, entry))
    problems, _ = _assemble_and_keep(pb, results, today, shared, (path, key, new, bool(hashed) or new.keys() != old.keys()))
    return problems, {"files": len(names), "hashed": hashed, "checked": checked}


def load_and_check(root: str, today: Optional[dt.date] = None, folder: Optional[str] = None) -> tuple[Playbook, list[Problem]]:
    """What check.check_dir(root) gives, for a build: every scenario loaded (its pages are made from it), and each
    file's check results taken from the cache when its bytes are the ones the cache was made from.

    After `playbook check` (as in `make site`), the build's own check then costs little more than loading."""
    today = today or dt.date.today()
    folder = folder or default_folder(root)
    with paused_gc():
        pb, key, path = _start(root, folder, today)
        guarded = replace(pb, scenarios=ScenariosNotLoaded())
        old, _, shared = read_cache(path, key)
        new: dict[str, dict] = {}
        results: list[check.FileResult] = []
        partial_trees = []
        checked = 0
        for name in scenario_names(root):
            file_path = os.path.join(root, "scenarios", name)
            display = display_path(file_path)
            status = _status(file_path)
            raw, read_problems = read_bytes(file_path, display)
            digest = _digest(raw) if raw is not None else None
            sf = load_scenario_file(root, name, *decode(raw, display)) if raw is not None else load_scenario_file(root, name, None, read_problems)
            if sf.partial is not None:
                partial_trees.append(sf.partial)
            entry = old.get(name)
            if digest is not None and entry is not None and entry.get("hash") == digest:
                result = _entry_in(display, entry)
                result.loaded = sf.loaded
            else:
                result = check.file_result(guarded, sf, today, keep=True)
                entry = _entry_out(result)
                entry["hash"] = digest
                checked += 1
            entry["status"] = status
            if digest is not None:
                new[name] = entry
            results.append(result)
        problems, scenarios = _assemble_and_keep(guarded, results, today, shared, (path, key, new, bool(checked) or new.keys() != old.keys()))
    pb.scenarios, pb.partial_trees, pb.failed_scenarios = scenarios, partial_trees, guarded.failed_scenarios
    return pb, problems
