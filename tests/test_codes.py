"""Every problem code has one fixture named after it, and the fixture gives that code,
once, at the exact line and column the fixture marks.

A fixture is a complete file. Its first line says where it goes in a copy of
the bundled playbook: `# target: scenarios/NAME.yaml`. Optional directives on
the next comment lines: `# pad-to-bytes: N`, `# delete: PATH`, `# symlink-missing`.

Where the fault is, written by hand in the fixture (exactly one of):
* a trailing comment `# <- TEXT` on the faulty line: the problem is on that line,
  at the column where TEXT first appears on it;
* a header directive `# at: LINE:COL`, for files whose line cannot carry a comment
  (binary, not UTF-8, missing, a column past repeated characters).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from playbook.check import check_dir
from playbook.problems import CODES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "codes"
BUNDLED = ROOT / "playbook"



MARKER = re.compile(rb"\s# <- (.+?)\s*$")


def marked_position(fixture: Path) -> tuple[int, int]:
    """The (line, col) the fixture marks as the fault, in the file as placed."""
    raw = fixture.read_bytes()
    lines = raw.split(b"\n")
    at = [m.group(1).decode() for line in lines if (m := re.match(rb"#\s*at:\s*(\d+:\d+)\s*$", line))]
    marks = [(i + 1, line[: m.start()], m.group(1)) for i, line in enumerate(lines) if (m := MARKER.search(line))]
    assert len(at) + len(marks) == 1, f"{fixture.name}: mark the fault once, with '# <- TEXT' or '# at: LINE:COL'"
    if at:
        line, col = at[0].split(":")
        return int(line), int(col)
    n, before, text = marks[0]
    assert text in before, f"{fixture.name}:{n}: the marked text {text!r} is not on the line"
    return n, len(before[: before.index(text)].decode("utf-8")) + 1


def fixture_files() -> dict[str, Path]:
    return {p.name.split(".")[0]: p for p in sorted(FIXTURES.iterdir()) if p.is_file()}


def apply_fixture(fixture: Path, dest: Path) -> Path:
    """Copy the bundled playbook to dest and put the fixture in place; return the target path."""
    shutil.copytree(BUNDLED, dest)
    raw = fixture.read_bytes()
    header = []
    for line in raw.split(b"\n"):
        if not line.startswith(b"#"):
            break
        header.append(line.decode("utf-8", "replace"))
    directives = dict(re.match(r"#\s*([a-z-]+)\s*:?\s*(.*)", h).groups() for h in header if re.match(r"#\s*[a-z-]+", h))
    target = dest / directives["target"]
    if "edit" in directives:  # "# edit: FILE: OLD => NEW" changes another file of the copy, e.g. a policy the fault needs
        name, _, change = directives["edit"].partition(": ")
        before, after = change.split(" => ")
        text = (dest / name).read_text(encoding="utf-8")
        assert before in text, f"{fixture.name}: {before!r} is not in {name}"
        (dest / name).write_text(text.replace(before, after, 1), encoding="utf-8")
    if "delete" in directives:
        (dest / directives["delete"]).unlink()
        return target
    if "symlink-missing" in directives:
        os.symlink(dest / "no-such-file.yaml", target)
        return target
    if "pad-to-bytes" in directives:
        raw += b"# padding\n" * (int(directives["pad-to-bytes"]) // 10)
    target.write_bytes(raw)
    return target


def test_every_code_has_one_fixture():
    fixtures = fixture_files()
    missing = sorted(set(CODES) - set(fixtures))
    unknown = sorted(set(fixtures) - set(CODES))
    assert not missing, f"codes without a fixture: {missing}"
    assert not unknown, f"fixtures named after no code: {unknown}"
    assert len(list(FIXTURES.iterdir())) == len(fixtures), "one fixture per code"


def test_bundled_playbook_is_clean():
    _, problems = check_dir(str(BUNDLED))
    assert problems == [], "\n".join(p.format() for p in problems)


@pytest.mark.sweep(every=10)
@pytest.mark.parametrize("code", sorted(fixture_files()))
def test_fixture_gives_its_code(code, tmp_path):
    target = apply_fixture(fixture_files()[code], tmp_path / "playbook")
    _, problems = check_dir(str(tmp_path / "playbook"))
    codes = {p.code for p in problems}
    assert code in codes, f"{code} not reported; got: " + "\n".join(p.format() for p in problems)
    hits = [p for p in problems if p.code == code]
    assert len(hits) == 1, f"{code} reported {len(hits)} times: " + "\n".join(p.format() for p in hits)
    hit = hits[0]
    assert Path(hit.path).name == target.name, f"{code} points at {hit.path}, expected {target.name}"
    assert (hit.line, hit.col) == marked_position(fixture_files()[code]), f"{code} at the wrong place: {hit.format()}"
