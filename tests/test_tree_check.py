"""The tree checks: each graph fixture gives its code at the line it marks, and
nothing else from the graph group; the limits sit exactly where the issue says."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import run_playbook
from test_codes import marked_position
from playbook.check import check_dir
from playbook.graph_check import MAX_DEPTH
from playbook.problems import CODES, ERROR, WARNING

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "codes"
BUNDLED = ROOT / "playbook"
GRAPH_CODES = [f"PB4{i:02d}" for i in range(10)]

def _place(code: str, dest: Path) -> Path:
    shutil.copytree(BUNDLED, dest)
    fixture = FIXTURES / f"{code}.yaml"
    target = dest / "scenarios" / "fixture.yaml"
    assert fixture.read_text().startswith("# target: scenarios/fixture.yaml\n")
    shutil.copy(fixture, target)
    return target


def _line_of(code: str) -> int:
    """The line the fixture marks by hand (`# <- TEXT`, see test_codes.py)."""
    return marked_position(FIXTURES / f"{code}.yaml")[0]


@pytest.mark.parametrize("code", GRAPH_CODES)
def test_graph_fixture_gives_its_code_at_its_line(code, tmp_path):
    target = _place(code, tmp_path / "pb")
    _, problems = check_dir(str(tmp_path / "pb"))
    mine = [p for p in problems if Path(p.path).name == target.name]
    hits = [p for p in mine if p.code == code]
    assert hits, f"{code} not reported: " + "; ".join(p.format() for p in problems)
    assert hits[0].line == _line_of(code), hits[0].format()
    # Each fixture breaks the tree in one way: at most the codes that follow from it.
    allowed = {code, "PB401"} if code == "PB404" else {code}
    assert {p.code for p in mine if p.code in GRAPH_CODES} == allowed


def test_severities_follow_the_issue():
    assert CODES["PB407"][0] == WARNING  # one answer
    assert CODES["PB408"][0] == ERROR    # same label twice
    assert CODES["PB409"][0] == WARNING  # deeper than 6


def _tree_of_depth(n: int) -> str:
    text = (FIXTURES / "PB409.yaml").read_text()
    head, rest = text.split("tree:\n", 1)
    replies = "replies:\n" + rest.split("replies:\n", 1)[1]
    qs = ""
    for i in range(1, n + 1):
        qid = "first" if i == 1 else f"q{i}"
        nxt = f"q{i + 1}" if i < n else "reply-once"
        qs += (f"    {qid}:\n      text: Question {i}?\n      answers:\n"
               f'        - label: "Yes"\n          next: {nxt}\n        - label: "No"\n          next: no-reply\n')
    outcomes = rest[rest.index("  outcomes:\n"):rest.index("replies:\n")]
    return head + "tree:\n  start: first\n  questions:\n" + qs + outcomes + replies


@pytest.mark.parametrize("depth,warned", [(MAX_DEPTH, False), (MAX_DEPTH + 1, True)])
def test_depth_limit_is_six_questions(depth, warned, tmp_path):
    assert MAX_DEPTH == 6
    target = _place("PB409", tmp_path / "pb")
    target.write_text(_tree_of_depth(depth))
    _, problems = check_dir(str(tmp_path / "pb"))
    codes = [p.code for p in problems if Path(p.path).name == target.name]
    assert ("PB409" in codes) == warned, codes
    assert not [c for c in codes if c in GRAPH_CODES and c != "PB409"], codes


@pytest.mark.parametrize("code,status", [("PB407", 0), ("PB409", 0), ("PB408", 1)])
def test_warnings_pass_the_command_and_errors_fail_it(code, status, tmp_path):
    _place(code, tmp_path / "pb")
    result = run_playbook("check", str(tmp_path / "pb"))
    assert result.returncode == status, result.stdout + result.stderr
    line = next(ln for ln in result.stdout.splitlines() if f" {code} " in ln)
    assert re.match(rf".*fixture\.yaml:{_line_of(code)}:\d+: {code} ", line), line
    assert ("warning:" in line) == (CODES[code][0] == WARNING)
    assert "Traceback" not in result.stderr


def test_bundled_trees_pass_the_graph_checks():
    _, problems = check_dir(str(BUNDLED))
    assert not [p.format() for p in problems if p.code in GRAPH_CODES]
