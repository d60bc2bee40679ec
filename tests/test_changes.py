"""Reviewable changes: `playbook diff` (replies word by word, tree changes) and the "What changed" page from git history."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_site, run_playbook
from playbook.changes import plain_word_diff, word_diff
from playbook.check import check_dir
from playbook.git import history
from playbook.pages import generate

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "playbook"
NEG = Path("playbook") / "scenarios" / "negative-comment.yaml"


def git(repo: Path, *args: str, date: str = "2026-10-01T12:00:00+00:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Test Editor", GIT_COMMITTER_EMAIL="editor@example.org",
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return out.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding a copy of the bundled playbook in one commit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(BUNDLED, repo / "playbook")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The playbook as bundled")
    return repo


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_negative_comment(repo: Path) -> None:
    """One word of a reply, a question added, an answer rerouted to it, an outcome's actions changed."""
    path = repo / NEG
    replace_in(path, "we'd like to understand what happened", "we'd like to hear what happened")
    replace_in(path, """        - label: "No"
          next: no-reply
  outcomes:""", """        - label: "No"
          next: pattern
    pattern:
      text: Is it part of a pattern of posts from the same account?
      answers:
        - label: "Yes"
          next: apply-policy
        - label: "No"
          next: no-reply
  outcomes:""")
    replace_in(path, "      actions: [reply, escalate]\n      reply: take-it-offline", "      actions: [reply]\n      reply: take-it-offline")


EXPECTED_CHANGE = """\
negative-comment: A negative comment or rant
  reply take-it-offline: text changed; not approved since the change (Dana Example, Compliance Officer (example) approved the earlier text on 2026-11-28)
    default:
      We're sorry to hear this, and we'd like to [-understand-]{+hear+} what happened. Please contact our Patient Relations team at {contacts.patient_relations.email} or {contacts.patient_relations.phone} so they can follow up with you directly.
  question pattern added
  answer 'No' to about-care now leads to pattern (was no-reply)
  outcome take-offline: actions now reply (were reply, escalate)
"""


# ---------------------------------------------------------------- the word diff


def test_word_diff_marks_removed_and_added_words():
    assert plain_word_diff("We'd like to understand what happened.", "We'd like to hear what happened.") == \
        "We'd like to [-understand-]{+hear+} what happened."
    assert plain_word_diff("Call us today.", "Call us today or tomorrow.") == "Call us [-today.-]{+today or tomorrow.+}"
    assert word_diff("a b", "a b") == [("=", "a b")]
    # Spacing is kept as the new text has it; a line break is not a word.
    assert plain_word_diff("one\ntwo", "one\nthree") == "one\n[-two-]{+three+}"


# ---------------------------------------------------------------- playbook diff


def test_diff_shows_the_changed_word_and_the_tree_changes(repo):
    edit_negative_comment(repo)
    result = run_playbook("diff", cwd=repo)
    assert result.returncode == 0, result.stderr
    head = git(repo, "rev-parse", "HEAD").strip()[:12]
    assert result.stdout == f"Changes in playbook/ from HEAD ({head}) to the working tree\n\n{EXPECTED_CHANGE}\n1 scenario(s) changed.\n"


def test_diff_between_two_commits_and_after_reapproval(repo):
    edit_negative_comment(repo)
    git(repo, "commit", "-q", "-am", "negative-comment: hear, a pattern question", date="2026-11-02T09:00:00+00:00")
    result = run_playbook("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert EXPECTED_CHANGE in result.stdout
    assert result.stdout.startswith("Changes in playbook/ from HEAD~1 (")
    approve = run_playbook("approve", "negative-comment", "--by", "Kim Reviewer, Legal Counsel (example)", cwd=repo)
    assert approve.returncode == 0, approve.stderr
    after = run_playbook("diff", "HEAD~1", cwd=repo)
    today = dt.date.today().isoformat()
    assert f"  reply take-it-offline: text changed; approved by Kim Reviewer, Legal Counsel (example) on {today}\n" in after.stdout
    assert "[-understand-]{+hear+}" in after.stdout


def test_diff_of_added_and_removed_scenarios(repo):
    shutil.copy(repo / "playbook" / "scenarios" / "job-applicant.yaml", repo / "playbook" / "scenarios" / "job-applicant-2.yaml")
    replace_in(repo / "playbook" / "scenarios" / "job-applicant-2.yaml", "id: job-applicant", "id: job-applicant-2")
    (repo / "playbook" / "scenarios" / "praise-staff.yaml").unlink()
    result = run_playbook("diff", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "\njob-applicant-2: A job applicant (scenario added)\n  reply careers-general: added; not approved\n    default (added):\n      {+" in result.stdout
    assert "\npraise-staff: Praise that names a staff member (scenario removed)\n  reply " in result.stdout
    assert result.stdout.endswith("2 scenario(s) changed.\n")


def test_diff_without_changes(repo):
    result = run_playbook("diff", cwd=repo)
    assert result.returncode == 0
    assert result.stdout.endswith("\n\nNo reply text and no tree changed.\n")


def test_diff_outside_a_repository_or_with_an_unknown_revision(tmp_path, repo):
    shutil.copytree(BUNDLED, tmp_path / "plain" / "playbook")
    outside = run_playbook("diff", cwd=tmp_path / "plain")
    assert outside.returncode == 2
    assert outside.stderr.startswith("playbook diff: playbook is not in a git repository")
    assert "Traceback" not in outside.stderr
    unknown = run_playbook("diff", "no-such-branch", cwd=repo)
    assert unknown.returncode == 2 and unknown.stderr == "playbook diff: unknown revision 'no-such-branch'\n"
    empty = tmp_path / "empty"
    shutil.copytree(BUNDLED, empty / "playbook")
    git(empty, "init", "-q")
    fresh = run_playbook("diff", cwd=empty)
    assert fresh.returncode == 2 and fresh.stderr == "playbook diff: the repository has no commits yet\n"


# ---------------------------------------------------------------- the "What changed" page


def test_history_reads_the_commits_that_changed_scenarios(repo):
    edit_negative_comment(repo)
    git(repo, "commit", "-q", "-am", "negative-comment: hear, a pattern question", date="2026-11-02T09:00:00+00:00")
    replace_in(repo / "playbook" / "organization.yaml", "review_interval_days: 180", "review_interval_days: 90")
    git(repo, "commit", "-q", "-am", "Reviews every 90 days", date="2026-11-03T09:00:00+00:00")  # no scenario: not listed
    commits = history(str(repo / "playbook"))
    assert [(c["date"], c["subject"]) for c in commits] == [
        ("2026-11-02", "negative-comment: hear, a pattern question"), ("2026-10-01", "The playbook as bundled")]
    assert all(len(c["commit"]) == 7 for c in commits)
    (changed,) = commits[0]["files"]
    assert changed["path"] == "scenarios/negative-comment.yaml"
    assert "we'd like to understand what happened" in changed["old"] and "we'd like to hear what happened" in changed["new"]
    first = {f["path"]: f for f in commits[1]["files"]}
    assert len(first) == len(list((BUNDLED / "scenarios").glob("*.yaml")))
    assert first["scenarios/negative-comment.yaml"]["old"] is None


def test_history_outside_git_is_none(tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "playbook")
    assert history(str(tmp_path / "playbook")) is None


def test_what_changed_page_from_plain_history():
    neg = (BUNDLED / "scenarios" / "negative-comment.yaml").read_text(encoding="utf-8")
    commits = [  # written by hand, as an adapter would pass them
        {"commit": "bbbbbbb", "date": "2026-11-02", "subject": "Hear <them> out", "files": [
            {"path": "scenarios/negative-comment.yaml", "old": neg, "new": neg.replace("we'd like to understand", "we'd like to hear")}]},
        {"commit": "aaaaaaa", "date": "2026-10-01", "subject": "Add it", "files": [
            {"path": "scenarios/negative-comment.yaml", "old": None, "new": neg},
            {"path": "scenarios/gone.yaml", "old": neg.replace("id: negative-comment", "id: gone"), "new": None}]},
    ]
    pb, _ = check_dir(str(BUNDLED))
    page = generate(pb, dt.date(2026, 11, 28), history=commits)["what-changed.md"]
    assert 'data-history="git"' in page and "from the last 2 commits" in page
    assert ('<section class="pb-history" data-history-scenario="negative-comment"><h2 id="negative-comment">'
            '<a href="../scenarios/negative-comment/">A negative comment or rant</a></h2><ul class="pb-history-list">'
            '<li><strong><time datetime="2026-11-02">2026-11-02</time></strong> Hear &lt;them&gt; out <code>bbbbbbb</code>'
            '<ul><li>reply take-it-offline: text changed (default, instagram)</li></ul></li>'
            '<li><strong><time datetime="2026-10-01">2026-10-01</time></strong> Add it <code>aaaaaaa</code>'
            '<ul><li>scenario added</li></ul></li></ul></section>') in page
    assert '<h2 id="gone">A negative comment or rant (removed)</h2>' in page


def test_what_changed_page_without_history_says_so():
    pb, _ = check_dir(str(BUNDLED))
    page = generate(pb, dt.date(2026, 11, 28))["what-changed.md"]
    assert 'data-history="none"' in page and "built without git history" in page
    empty = generate(pb, dt.date(2026, 11, 28), history=[])["what-changed.md"]
    assert 'data-history="empty"' in empty


@pytest.mark.slow  # two whole builds
def test_the_site_builds_with_and_without_git_history(repo, tmp_path):
    edit_negative_comment(repo)
    git(repo, "commit", "-q", "-am", "negative-comment: hear, a pattern question", date="2026-11-02T09:00:00+00:00")
    run_playbook("approve", "negative-comment", "--by", "Kim Reviewer, Legal Counsel (example)", cwd=repo)
    with_git = build_site(tmp_path / "site-git", playbook_dir=repo / "playbook")
    assert with_git.returncode == 0, with_git.stdout + with_git.stderr
    page = (tmp_path / "site-git" / "what-changed" / "index.html").read_text(encoding="utf-8")
    assert 'data-history="git"' in page
    assert "negative-comment: hear, a pattern question" in page and "answer &#x27;No&#x27; to about-care now leads to pattern (was no-reply)" in page
    plain = tmp_path / "plain"
    shutil.copytree(repo / "playbook", plain)  # like an unpacked download: no .git anywhere above it
    without = build_site(tmp_path / "site-plain", playbook_dir=plain)
    assert without.returncode == 0, without.stdout + without.stderr
    assert 'data-history="none"' in (tmp_path / "site-plain" / "what-changed" / "index.html").read_text(encoding="utf-8")
