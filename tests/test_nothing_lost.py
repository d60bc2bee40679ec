"""Nothing an editor wrote is ever lost.

* `make site` (check and build) writes nothing into playbook/ or docs/;
* `playbook new` never overwrites a file;
* a failed build (check or mkdocs) leaves the previous site/ as it was.

The Makefile runs in a temporary copy of the repository that shares this
repository's .venv (`make -o .venv/.installed` so it never reinstalls), so
the real site/ is never touched.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_playbook

VENV = Path(sys.executable).parent.parent
SKIP = {".git", ".venv", "site", ".build", ".pytest_cache", "artifacts", "node_modules", "__pycache__", ".hypothesis"}


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP], symlinks=True)
    (copy / ".venv").symlink_to(VENV)
    return copy


def make_site(repo: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(["make", "-o", ".venv/.installed", "site"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_make_site_never_writes_into_playbook_or_docs(repo_copy):
    before = {d: tree_hash(repo_copy / d) for d in ("playbook", "docs")}
    assert before["playbook"] and before["docs"]
    result = make_site(repo_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo_copy / "site" / "index.html").is_file()
    after = {d: tree_hash(repo_copy / d) for d in ("playbook", "docs")}
    assert after == before
    # `playbook check` alone writes nothing either.
    run_playbook("check", str(repo_copy / "playbook"))
    assert tree_hash(repo_copy / "playbook") == before["playbook"]


def test_playbook_new_never_overwrites(tmp_path):
    target = tmp_path / "scenarios" / "my-scenario.yaml"
    first = run_playbook("new", "my-scenario", "--dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    target.write_text("# my own work, not the template\n", encoding="utf-8")
    again = run_playbook("new", "my-scenario", "--dir", str(tmp_path))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr
    assert target.read_text(encoding="utf-8") == "# my own work, not the template\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["my-scenario.yaml"]  # no stray temp file


def test_failed_build_keeps_previous_site(repo_copy):
    assert make_site(repo_copy).returncode == 0
    good = tree_hash(repo_copy / "site")
    assert "index.html" in good

    # 1. The playbook check fails: nothing is built.
    scenario = next((repo_copy / "playbook" / "scenarios").glob("*.yaml"))
    original = scenario.read_text(encoding="utf-8")
    scenario.write_text(original + "\n  broken: [\n", encoding="utf-8")
    failed = make_site(repo_copy)
    assert failed.returncode != 0
    assert "PB105" in failed.stdout + failed.stderr
    assert tree_hash(repo_copy / "site") == good
    scenario.write_text(original, encoding="utf-8")

    # 2. The check passes but mkdocs --strict fails (a broken link in a hand-written page).
    (repo_copy / "docs" / "broken-page.md").write_text("# Broken\n\n[missing](no-such-page.md)\n", encoding="utf-8")
    failed = make_site(repo_copy)
    assert failed.returncode != 0, failed.stdout
    assert tree_hash(repo_copy / "site") == good
    assert not (repo_copy / "site" / "broken-page").exists()
