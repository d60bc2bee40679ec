"""Reading git, for `playbook diff` and the "What changed" page. Adapter-level I/O: the core never imports this.

The command line and the site adapters (MkDocs plugin, Zensical build) call
these functions and pass plain data on: file contents by path for
`playbook diff`, and a list of commits for pages.generate(history=...). Without
git, or outside a repository, `history` gives None and the page says so.
"""
from __future__ import annotations

import os
import subprocess
from typing import Optional

HISTORY_COMMITS = 50  # how far back the "What changed" page looks
_ISOLATE = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


class GitError(RuntimeError):
    """Git cannot answer: not a repository, no git, or an unknown revision. The message says which, for a person."""


def _run(args: list[str], cwd: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in _ISOLATE}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, env=env, timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError("git took too long to answer") from None


def repository(folder: str) -> tuple[str, str]:
    """(top-level folder, path of `folder` inside the repository, '' or ending in '/')."""
    if not os.path.isdir(folder):
        raise GitError(f"{folder}: no such folder")
    out = _run(["rev-parse", "--show-toplevel", "--show-prefix"], folder)
    if out.returncode != 0:
        raise GitError(f"{folder} is not in a git repository (or git cannot read it: "
                       + (out.stderr.decode("utf-8", "replace").strip().splitlines() or ["no details"])[-1] + ")")
    top, prefix = (out.stdout.decode("utf-8").split("\n") + ["", ""])[:2]
    return top, prefix


def commit_of(folder: str, rev: str) -> str:
    """The full commit id of a revision, or GitError naming it."""
    top, _ = repository(folder)
    out = _run(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if out.returncode != 0:
        if rev == "HEAD":
            raise GitError("the repository has no commits yet")
        raise GitError(f"unknown revision {rev!r}")
    return out.stdout.decode().strip()


def _blobs(top: str, ids: list[str]) -> dict[str, bytes]:
    """Contents of many blobs with one `git cat-file --batch`."""
    if not ids:
        return {}
    out = _run(["cat-file", "--batch"], top, data="".join(f"{i}\n" for i in ids).encode())
    if out.returncode != 0:
        raise GitError("git cat-file failed: " + out.stderr.decode("utf-8", "replace").strip())
    data, pos, result = out.stdout, 0, {}
    for i in ids:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        result[i] = data[pos:pos + size]
        pos += size + 1
    return result


def read_folder(folder: str, rev: str) -> dict[str, bytes]:
    """Every file under `folder` as it was at `rev`, keyed by path relative to the folder (symlinks left out)."""
    top, prefix = repository(folder)
    commit = commit_of(folder, rev)
    out = _run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or "."], top)
    if out.returncode != 0:
        raise GitError("git ls-tree failed: " + out.stderr.decode("utf-8", "replace").strip())
    files: dict[str, str] = {}
    for record in out.stdout.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, obj = meta.split()
        if kind != b"blob" or mode == b"120000":
            continue
        files[path.decode("utf-8", "surrogateescape")[len(prefix):]] = obj.decode()
    contents = _blobs(top, sorted(set(files.values())))
    return {path: contents[obj] for path, obj in files.items() if obj in contents}


def write_folder(files: dict[str, bytes], dest: str) -> None:
    for rel, data in files.items():
        path = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)


def _text(data: Optional[bytes]) -> Optional[str]:
    return None if data is None else data.decode("utf-8", "replace")


def history(folder: str, limit: int = HISTORY_COMMITS) -> Optional[list[dict]]:
    """The latest commits that changed a scenario file under `folder`, newest first; None without git history.

    Each commit: {"commit": short id, "date": YYYY-MM-DD (committer date), "subject",
    "files": [{"path": "scenarios/ID.yaml", "old": text or None, "new": text or None}]}.
    Merge commits are left out (their changes are in the commits they merge)."""
    try:
        top, _ = repository(folder)
        commit_of(folder, "HEAD")
    except GitError:
        return None
    fmt = "%x1e%H%x1f%cs%x1f%s"  # --no-abbrev (full blob ids) also makes %h full: shortened below
    out = _run(["log", f"-n{limit}", "--no-merges", "--no-renames", "--raw", "--no-abbrev", "--relative",
                f"--format={fmt}", "--", "scenarios"], folder)
    if out.returncode != 0:
        return None
    commits, wanted = [], set()
    for chunk in out.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, raw = chunk.partition("\n")
        short, date, subject = (head.split("\x1f") + ["", "", ""])[:3]
        files = []
        for line in raw.splitlines():
            if not line.startswith(":") or "\t" not in line:
                continue
            meta, path = line.split("\t", 1)
            parts = meta.split()
            old, new = parts[2], parts[3]
            if not path.endswith((".yaml", ".yml")) or "/" in path[len("scenarios/"):]:
                continue
            old = None if set(old) == {"0"} else old
            new = None if set(new) == {"0"} else new
            wanted.update(x for x in (old, new) if x)
            files.append({"path": path, "old": old, "new": new})
        if files:
            commits.append({"commit": short[:7], "date": date, "subject": subject, "files": files})
    try:
        contents = _blobs(top, sorted(wanted))
    except GitError:
        return None
    for c in commits:
        for f in c["files"]:
            f["old"] = _text(contents.get(f["old"])) if f["old"] else None
            f["new"] = _text(contents.get(f["new"])) if f["new"] else None
    return commits
