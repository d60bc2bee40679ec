"""The generator installs as a package: `playbook init` makes a project that builds with nothing else.

A fresh virtual environment gets only this package (and the dependencies it
declares), not this repository's scripts/ or requirements: the MkDocs plugin,
its templates, styles and scripts, and the starter project must all come
from the installed package.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory) -> Path:
    # Install from a copy of the committed files: pip builds in the source folder, and the
    # package must not depend on anything that is not in git.
    source = tmp_path_factory.mktemp("source")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        src = ROOT / name.decode()
        if src.is_file():
            dest = source / name.decode()
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes()) if not src.is_symlink() else dest.symlink_to(os.readlink(src))
    where = tmp_path_factory.mktemp("fresh-venv")
    venv.create(where, with_pip=True)
    pip = subprocess.run([str(where / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(source)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return where


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PLAYBOOK_DIR", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_init_then_build_in_a_fresh_venv(fresh_venv, tmp_path):
    project = tmp_path / "x"
    init = _run([str(fresh_venv / "bin" / "playbook"), "init", str(project)], tmp_path)
    assert init.returncode == 0, init.stderr
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == [
        "docs/index.md", "mkdocs.yml", "playbook/compliance.yaml", "playbook/danger.yaml", "playbook/organization.yaml",
        "playbook/scenarios/crisis-event.yaml", "playbook/scenarios/emergency-self-harm.yaml",
        "playbook/scenarios/legal-threat.yaml", "schema/approvals.schema.json", "schema/compliance.schema.json",
        "schema/danger.schema.json", "schema/organization.schema.json", "schema/scenario.schema.json",
    ]
    # nothing of this repository may leak in: the package is all the project has
    probe = _run([str(fresh_venv / "bin" / "python"), "-c", "import playbook, playbook_mkdocs; print(playbook.__file__)"], project)
    assert str(fresh_venv) in probe.stdout, probe.stdout + probe.stderr
    check = _run([str(fresh_venv / "bin" / "playbook"), "check"], project)
    assert check.returncode == 0, check.stdout + check.stderr
    # a new organisation's replies are not approved yet: warnings only, naming each reply
    assert set(re.findall(r" (PB\d{3}) ", check.stdout)) <= {"PB800"}, check.stdout
    build = _run([str(fresh_venv / "bin" / "mkdocs"), "build", "--strict"], project)
    assert build.returncode == 0, build.stdout + build.stderr
    site = project / "site"
    page = (site / "scenarios" / "emergency-self-harm" / "index.html").read_text(encoding="utf-8")
    assert 'data-tree="emergency-self-harm"' in page and "[data-copy]" not in page and "data-copy" in page
    # one script and one stylesheet on every page; a feature's own script only where the feature is
    assert (site / "assets" / "playbook" / "playbook.js").is_file() and "assets/playbook/playbook.js" in page
    assert "assets/playbook/playbook.css" in page and "triage.js" not in page
    assert (site / "assets" / "playbook" / "triage.js").is_file() and (site / "assets" / "playbook" / "learned.js").is_file()
    assert (site / "replies.json").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "data-triage-input" in home and (site / "triage-index.json").is_file()


def test_init_never_overwrites(fresh_venv, tmp_path):
    project = tmp_path / "y"
    project.mkdir()
    (project / "notes.txt").write_text("keep me", encoding="utf-8")
    result = _run([str(fresh_venv / "bin" / "playbook"), "init", str(project)], tmp_path)
    assert result.returncode == 1 and "not empty" in result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["notes.txt"]
