"""The installed `playbook` executable and the in-process runner the other tests use (conftest.run_playbook)
give the same exit status, stdout and stderr, byte for byte once decoded: so a test that runs the command in
its own process tests what a user runs. Each case here runs both ways."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_playbook
from test_codes import FIXTURES, apply_fixture

CASES = {
    "check the bundled playbook": ("check", "--no-cache", "playbook"),
    "lint a clean text": ("lint", "Thank you for reaching out. Please call our main line."),
    "lint a violation": ("lint", "Welcome back! We hope your surgery went well."),
    "suggest for a post": ("suggest", "I don't want to be here anymore"),
    "an unknown command": ("frobnicate",),
    "help": ("--help",),
    "a missing folder": ("check", "no-such-folder"),
    "an export": ("export", "--format", "json", "playbook"),
}


def same(args: tuple[str, ...], cwd: Path = ROOT, input: str | None = None) -> None:
    real = run_playbook(*args, cwd=cwd, input=input, subprocess_=True, timeout=120)
    here = run_playbook(*args, cwd=cwd, input=input)
    assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr), args
    assert "Traceback" not in real.stderr


@pytest.mark.sweep(every=4)
@pytest.mark.parametrize("name", sorted(CASES))
def test_in_process_runs_match_the_executable(name):
    same(CASES[name])


def test_a_broken_playbook_reports_the_same_problems_both_ways(tmp_path):
    """A fixture with a fault in a scenario: exit 1 and the same file:line problems either way."""
    apply_fixture(FIXTURES / "PB100.yaml", tmp_path / "pb")
    real = run_playbook("check", "--no-cache", str(tmp_path / "pb"), subprocess_=True, timeout=120)
    assert real.returncode == 1 and "PB100" in real.stdout + real.stderr
    same(("check", "--no-cache", str(tmp_path / "pb")))


def test_text_on_stdin_is_read_the_same_way():
    same(("lint", "-"), input="Glad your recovery is going well after your stay with us!\n")
