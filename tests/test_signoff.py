"""The issue's 'done when', end to end, in a fresh clone of a repository holding this playbook:
one changed word makes `playbook check` name the reply and its approval; with require_approval it
exits 1 and the site is not built; `playbook export --approved-only` leaves the reply out;
`playbook diff` shows the word; re-approving clears all of it."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_site, run_playbook

ROOT = Path(__file__).resolve().parent.parent
REVIEWER = "Kim Reviewer, Legal Counsel (example)"


def git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Test Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)


@pytest.mark.slow  # two whole builds
def test_one_changed_word_end_to_end(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    shutil.copytree(ROOT / "playbook", origin / "playbook")
    shutil.copytree(ROOT / "schema", origin / "schema")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "The playbook, approved")
    git(tmp_path, "clone", "-q", str(origin), "clone")
    clone = tmp_path / "clone"

    assert run_playbook("check", cwd=clone).stdout == ""  # fully approved as shipped

    reply = clone / "playbook" / "scenarios" / "negative-comment.yaml"
    text = reply.read_text(encoding="utf-8")
    reply.write_text(text.replace("and we'd like to understand what happened", "and we'd like to hear what happened", 1), encoding="utf-8")
    line = text.split("\n").index("  take-it-offline:") + 1  # the reply's key, under replies:

    # playbook check names the reply and its approval (a warning: exit 0).
    check = run_playbook("check", cwd=clone)
    assert check.returncode == 0
    assert check.stdout == (f"playbook/scenarios/negative-comment.yaml:{line}:3: PB801 warning: reply 'take-it-offline' changed since "
                            "Dana Example, Compliance Officer (example) approved it on 2026-11-28 (see what changed with playbook diff; "
                            'once the new text is signed off: playbook approve negative-comment/take-it-offline --by "NAME, ROLE")\n')

    # With require_approval: true it is an error: check exits 1 and the site is not built.
    org = clone / "playbook" / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("require_approval: false", "require_approval: true"), encoding="utf-8")
    strict = run_playbook("check", cwd=clone)
    assert strict.returncode == 1
    assert strict.stdout.startswith(f"playbook/scenarios/negative-comment.yaml:{line}:3: PB803 reply 'take-it-offline' changed since Dana Example")
    site = build_site(tmp_path / "site", playbook_dir=clone / "playbook")
    assert site.returncode != 0 and "PB803" in site.stdout + site.stderr

    # playbook export --approved-only leaves that reply out, every platform of it.
    exported = run_playbook("export", "--approved-only", cwd=clone)
    assert exported.returncode == 0, exported.stderr
    rows = json.loads(exported.stdout)
    assert rows and not [r for r in rows if (r["scenario"], r["reply"]) == ("negative-comment", "take-it-offline")]

    # playbook diff shows the word.
    diff = run_playbook("diff", cwd=clone)
    assert diff.returncode == 0
    assert "and we'd like to [-understand-]{+hear+} what happened." in diff.stdout
    assert "reply take-it-offline: text changed; not approved since the change" in diff.stdout

    # Re-approving clears all of it.
    approve = run_playbook("approve", "negative-comment/take-it-offline", "--by", REVIEWER, cwd=clone)
    assert approve.returncode == 0, approve.stderr
    today = dt.date.today().isoformat()
    assert approve.stdout.startswith(f"negative-comment/take-it-offline: approved by {REVIEWER} on {today} (text ")
    cleared = run_playbook("check", cwd=clone)
    assert cleared.returncode == 0 and cleared.stdout == ""
    exported = json.loads(run_playbook("export", "--approved-only", cwd=clone).stdout)
    assert len([r for r in exported if (r["scenario"], r["reply"]) == ("negative-comment", "take-it-offline")]) == 4 * 3 * 2  # default, x, tiktok, instagram; at 3 locations; in English and Spanish
    assert f"reply take-it-offline: text changed; approved by {REVIEWER} on {today}" in run_playbook("diff", cwd=clone).stdout
    site = build_site(tmp_path / "site", playbook_dir=clone / "playbook")
    assert site.returncode == 0, site.stdout + site.stderr
